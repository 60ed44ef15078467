using BenchmarkDotNet.Attributes;
using Dlm.Datasets;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Benchmarks;

/// <summary>
/// The sampler's own work at L = 1024, batch 256, q = 32: a predictor that does nothing (it leaves a fixed
/// valid law in place) isolates the loop, the position choice and the token draws. Divide by K steps and
/// by 256·1024 tokens for the per-step and per-token figures.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SamplerBenchmarks
{
    private const int Length = 1024;
    private const int Batch = 256;
    private const int Alphabet = 32;
    private const int Steps = 64;

    [Params("random", "confidence")]
    public string Rule { get; set; } = "random";

    [Benchmark]
    public int SampleBatch()
    {
        var sampler = new UnmaskingSampler(
            new IdlePredictor(),
            new SamplerOptions(ScheduleCatalog.Create("linear", Length, Steps), PositionRules.Parse(Rule), 1.0, Batch)
        );
        return sampler.Sample(Batch, new RandomStreams(1)).Nfe.Sum();
    }

    /// <summary>Costs nothing per call: the probability buffer keeps the uniform law written once.</summary>
    private sealed class IdlePredictor : IMaskPredictor
    {
        private bool _filled;
        public int Length => SamplerBenchmarks.Length;
        public int Alphabet => SamplerBenchmarks.Alphabet;

        public void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities)
        {
            if (_filled && probabilities[0] > 0 && probabilities[^1] > 0)
                return;
            probabilities.Fill(1.0 / Alphabet);
            _filled = true;
        }
    }
}
