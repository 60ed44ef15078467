using BenchmarkDotNet.Attributes;
using Dlm.Models;
using Dlm.Sampling.Sampler;
using Dlm.Training;

namespace Dlm.Benchmarks;

/// <summary>
/// ONNX Runtime against TorchSharp on the same weights: one call of <see cref="IMaskPredictor.Predict"/> on 256
/// masked sequences of the committed fixtures (L = 8, q = 3; the any-order MLP and the transformer), laws in float64.
/// Predictions per second = 256·L / the mean time.
/// </summary>
/// <remarks>In process, for the same reason as <see cref="TrainingThroughputBenchmarks"/>.</remarks>
[InProcess]
public class PredictorBenchmarks
{
    private const int Batch = 256;
    private IMaskPredictor _predictor = null!;
    private IDisposable _owner = null!;
    private int[] _tokens = [];
    private double[] _laws = [];

    /// <summary>The fixture: <c>markov-mlp</c> or <c>markov-transformer</c>.</summary>
    [Params("markov-mlp", "markov-transformer")]
    public string Network { get; set; } = "markov-mlp";

    /// <summary>The runtime: onnx or torch.</summary>
    [Params("onnx", "torch")]
    public string Runtime { get; set; } = "onnx";

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", Network);
        var loaded = LoadedPredictor.Load(
            Runtime == "onnx" ? $"{path}.onnx" : path,
            new ModelLoadOptions("cpu", new OnnxOptions(BatchSize: Batch, Device: "cpu"))
        );
        (_predictor, _owner) = (loaded.Predictor, loaded);
        var rng = new Random(1);
        _tokens = Enumerable
            .Range(0, Batch * _predictor.Length)
            .Select(_ => rng.Next(_predictor.Alphabet + 1))
            .ToArray();
        _laws = new double[_tokens.Length * _predictor.Alphabet];
    }

    [GlobalCleanup]
    public void Cleanup() => _owner.Dispose();

    /// <summary>One batch of 256 sequences.</summary>
    [Benchmark]
    public double Predict()
    {
        _predictor.Predict(_tokens, Batch, _laws);
        return _laws[0];
    }
}
