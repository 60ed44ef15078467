using BenchmarkDotNet.Attributes;
using Dlm.Datasets;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Benchmarks;

/// <summary>
/// The sampler's own work at L = 1024, batch 256, q = 32: a predictor that does nothing (it leaves a fixed
/// valid law in place) isolates the loop, the position choice and the token draws. Divide by K steps and
/// by 256·1024 tokens for the per-step and per-token figures; a predictor of 1 µs per position would spend
/// 256 × 1024 × 64 µs = 16.8 s in the same run.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SamplerBenchmarks
{
    private const int Length = 1024;
    private const int Batch = 256;
    private const int Alphabet = 32;
    private const int Steps = 64;

    [Params(PositionRule.Random, PositionRule.Confidence)]
    public PositionRule Rule { get; set; } = PositionRule.Random;

    [Benchmark]
    public int SampleBatch()
    {
        var sampler = new UnmaskingSampler(
            new IdlePredictor(),
            new SamplerOptions(ScheduleCatalog.Create("linear", Length, Steps), Rule, 1.0, Batch)
        );
        return sampler.Sample(Batch, new RandomStreams(1)).Nfe.Sum();
    }

    /// <summary>
    /// Costs nothing per call: the probability buffers keep the uniform law written once, and the draws invert it
    /// directly (floor(u·q), exact for q a power of two).
    /// </summary>
    private sealed class IdlePredictor : IMaskPredictor
    {
        public int Length => SamplerBenchmarks.Length;
        public int Alphabet => SamplerBenchmarks.Alphabet;

        public void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities) => FillOnce(probabilities);

        public void PredictAt(
            ReadOnlySpan<int> tokens,
            int batch,
            ReadOnlySpan<int> positions,
            ReadOnlySpan<int> offsets,
            Span<double> probabilities
        ) => FillOnce(probabilities);

        public void DrawAt(
            ReadOnlySpan<int> tokens,
            int batch,
            ReadOnlySpan<int> positions,
            ReadOnlySpan<int> offsets,
            ReadOnlySpan<double> uniforms,
            Span<int> symbols
        )
        {
            for (var r = 0; r < symbols.Length; r++)
                symbols[r] = (int)(uniforms[r] * Alphabet);
        }

        private static void FillOnce(Span<double> probabilities)
        {
            if (probabilities[0] > 0 && probabilities[^1] > 0)
                return;
            probabilities.Fill(1.0 / SamplerBenchmarks.Alphabet);
        }
    }
}
