using BenchmarkDotNet.Attributes;
using Dlm.Datasets;
using Dlm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dlm.Benchmarks;

/// <summary>
/// Training throughput on the CPU for d_model 128, 4 layers, L = 64 (batch 32, count objective), next to the
/// float32 matmul rate of the same libtorch in the same process. A training step costs about
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
    private MaskedTransformer _model = null!;
    private TorchSharp.Modules.AdamW _optimizer = null!;
    private TokenSource _data = null!;
    private Tensor _a = null!;
    private Tensor _b = null!;
    private int _step;

    [GlobalSetup]
    public void Setup()
    {
        random.manual_seed(1);
        _data = TokenSource.FromDistribution(DistributionSpec.Parse("markov:L=64,q=4,stay=0.8"));
        _model = new MaskedTransformer(new ModelConfig(64, 4, 128, 4, 4, 4));
        _optimizer = optim.AdamW(_model.parameters(), 1e-3);
        _a = randn(1024, 1024);
        _b = randn(1024, 1024);
    }

    /// <summary>One 1024³ float32 matmul: 2·1024³ FLOPs.</summary>
    [Benchmark]
    public float MatMul1024()
    {
        using var c = _a.matmul(_b);
        return c[0, 0].item<float>();
    }

    /// <summary>One training step on 32 × 64 tokens.</summary>
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
        var loss = Objectives.SequenceElbo(_model.forward(batch.Inputs), batch).mean() / 64;
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }
}
