using BenchmarkDotNet.Attributes;
using Dlm.Datasets;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Benchmarks;

/// <summary>
/// Free-running sampling with exact oracles and sparse queries, on every core: a dense table (L = 10, q = 3,
/// K = 5), the closed-form Markov chain (L = 16, q = 4, K = 16), and Reed–Solomon codes over GF(256) with
/// n = 255 (K = 16), all with <c>linear</c>. Tokens per second = <see cref="Count"/> × L / time. Targets: ≥ 50k,
/// ≥ 5M and ≥ 1M tokens/s.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class OracleSamplingBenchmarks
{
    [Params(
        "dirichlet:L=10,q=3,alpha=0.5,seed=1",
        "markov:L=16,q=4,stay=0.8",
        "rs:q=256,n=255,k=100",
        "rs:q=256,n=255,k=200"
    )]
    public string Spec { get; set; } = "";

    private UnmaskingSampler _sampler = null!;

    /// <summary>Sequences per invocation: many batches, so that both cores work.</summary>
    public int Count => Spec.StartsWith("markov", StringComparison.Ordinal) ? 100_000 : 2_000;

    [GlobalSetup]
    public void Setup()
    {
        var distribution = DistributionSpec.Parse(Spec);
        var schedule = ScheduleCatalog.Create("linear", distribution.Length, distribution.Length >= 16 ? 16 : 5);
        _sampler = new UnmaskingSampler(new OraclePredictor(distribution), new SamplerOptions(schedule));
    }

    [Benchmark]
    public int Sample() => _sampler.Sample(Count, new RandomStreams(3)).Nfe.Sum();
}
