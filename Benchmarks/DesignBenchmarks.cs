using BenchmarkDotNet.Attributes;
using Dlm.Sampling.Design;

namespace Dlm.Benchmarks;

/// <summary>
/// <c>dlm design</c> at L = 1024, K = 128 (≤ 10 s): the pool's atom errors, the linear program, and the document
/// with every catalogue schedule's certified constants.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DesignBenchmarks
{
    [Params(DesignObjective.CertifiedMin, DesignObjective.RatioToBest)]
    public DesignObjective Objective { get; set; }

    [Benchmark]
    public int Design_L1024_K128() => DesignDocument.Of(MinimaxDesign.Solve(1024, 128, Objective)).Schedules.Count;
}
