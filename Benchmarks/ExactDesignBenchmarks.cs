using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dlm.Sampling.Design;
using Dlm.Theory;

namespace Dlm.Benchmarks;

/// <summary>
/// <c>dlm design --exact</c> on the min objective: (255, 64) (target ≤ 30 s) and (1024, 128) (target ≤ 10 min), each
/// solved from scratch, no committed design read. A solve takes seconds to minutes, so each is run once, cold.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class ExactDesignBenchmarks
{
    /// <summary>(L, K) as "L,K".</summary>
    [Params("255,64", "1024,128")]
    public string Size { get; set; } = "255,64";

    /// <summary>One solve; returns its rounds of column generation.</summary>
    [Benchmark]
    public int Solve()
    {
        var parts = Size.Split(',');
        return ExactDesign.Solve(int.Parse(parts[0]), int.Parse(parts[1]), Measure.Min).Iterations;
    }
}
