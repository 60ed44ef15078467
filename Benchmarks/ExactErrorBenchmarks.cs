using BenchmarkDotNet.Attributes;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Benchmarks;

/// <summary>
/// The exact-error algorithms at the sizes the issue names: Identity C at L = 10^4, K = 10^3 (≤ 1 s);
/// Identity B and the optimal DP at L = 1024, K = 128 (≤ 5 s each).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ExactErrorBenchmarks
{
    private EntropyProfile _large = null!;
    private EntropyProfile _medium = null!;
    private double[] _largeGrid = null!;
    private IRevealKernel _mediumKernel = null!;

    [GlobalSetup]
    public void Setup()
    {
        _large = ConcaveProfile(10_000);
        _medium = ConcaveProfile(1024);
        _largeGrid = RevealGrids.AdaptiveBoth(10_000, 1000);
        _mediumKernel = RevealKernel.Binomial(1024, RevealGrids.AdaptiveBoth(1024, 128));
    }

    [Benchmark]
    public double IdentityC_L10000_K1000() => ExpectedKl.IidReveal(_large, _largeGrid).ExpectedKl;

    [Benchmark]
    public double IdentityB_L1024_K128() => ExpectedKl.Markov(_medium, _mediumKernel).ExpectedKl;

    [Benchmark]
    public double Optimal_L1024_K128() => OptimalSchedule.Solve(_medium, 128).ExpectedKl;

    /// <summary>A smooth profile with decreasing increments, like a Markov chain's.</summary>
    private static EntropyProfile ConcaveProfile(int length) =>
        EntropyProfile.FromValues(
            Enumerable.Range(0, length + 1).Select(m => Math.Log(2) * m - 0.5 * Math.Log(1 + m)).ToArray()
        );
}
