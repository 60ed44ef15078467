using BenchmarkDotNet.Attributes;
using Dlm.Datasets;
using Dlm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dlm.Benchmarks;

/// <summary>
/// Training throughput on the CPU, L = 64 (batch 32, count objective), for the transformer (d_model 128, 4 layers)
/// and the any-order MLP (d_model 256, 2 blocks), next to the float32 matmul rate of the same libtorch in the same
/// process. A training step costs about
/// 6·P FLOPs per token for P weights in matrices, plus 12·layers·L·d_model for attention; divide the two
/// rates for the fraction of matmul FLOP/s that training reaches.
/// </summary>
/// <remarks>
/// In process: the host's build output carries the libLibTorchSharp.so patched by build/, which the
/// boilerplate project that BenchmarkDotNet generates for out-of-process jobs does not.
/// </remarks>
[InProcess]
public class TrainingThroughputBenchmarks
{
    private const int Batch = 32;
    private nn.Module<Tensor, Tensor> _model = null!;
    private AdamW _optimizer = null!;
    private TokenSource _data = null!;
    private Tensor _a = null!;
    private Tensor _b = null!;
    private int _step;

    /// <summary>
    /// The network: a transformer (d 128, 4 layers), the any-order MLP (d 256, 2 blocks) or the dilated convolutional
    /// network (d 128, 6 blocks, hidden 256).
    /// </summary>
    [Params(NetworkArchitecture.Transformer, NetworkArchitecture.Mlp, NetworkArchitecture.Convolution)]
    public NetworkArchitecture Architecture { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = TokenSource.FromDistribution(DistributionSpec.Parse("markov:L=64,q=4,stay=0.8"));
        _model = (
            Architecture switch
            {
                NetworkArchitecture.Mlp => new ModelConfig(64, 4, 256, 2, MlpRatio: 2, Architecture: Architecture),
                NetworkArchitecture.Convolution => new ModelConfig(
                    64,
                    4,
                    128,
                    6,
                    MlpRatio: 2,
                    Architecture: Architecture
                ),
                _ => new ModelConfig(64, 4, 128, 4, 4, 4),
            }
        ).Create(seed: 1);
        _optimizer = new AdamW(_model, 0.01);
        using var random = new Generator(1, CPU);
        _a = randn(1024, 1024, generator: random);
        _b = randn(1024, 1024, generator: random);
    }

    /// <summary>One 1024³ float32 matmul: 2·1024³ FLOPs.</summary>
    [Benchmark]
    public float MatMul1024()
    {
        using var c = _a.matmul(_b);
        return c[0, 0].item<float>();
    }

    /// <summary>One training step on 32 × 64 tokens, as <see cref="Trainer"/> takes it.</summary>
    [Benchmark]
    public float TrainStep()
    {
        using var scope = NewDisposeScope();
        var streams = new RandomStreams(7).Split((ulong)_step++);
        var batch = Objectives.Mask(
            MaskingObjective.Count,
            _data.Batch(Batch, streams.Stream("data")),
            4,
            streams.Stream("mask"),
            CPU
        );
        using Scalar perToken = 1.0 / 64;
        var loss = Objectives.SequenceElbo(_model.forward(batch.Inputs), batch).mean().mul(perToken);
        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.ClipGradients(1.0);
        _optimizer.Step(1e-3);
        return loss.item<float>();
    }
}
