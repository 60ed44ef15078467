using BenchmarkDotNet.Attributes;
using Dlm.Datasets;
using Dlm.Theory;

namespace Dlm.Benchmarks;

/// <summary>The exact entropy profile through the subset lattice (target: q=2, L=20 in ≤ 60 s on 2 cores).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ProfileBenchmarks
{
    private JointDistribution _joint = null!;

    [Params("2x16", "4x10", "2x20")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x').Select(int.Parse).ToArray();
        _joint = DenseFamilies.Dirichlet(parts[1], parts[0], 0.5, 1);
    }

    [Benchmark]
    public EntropyProfile Profile() => EntropyProfile.Of(_joint);
}
