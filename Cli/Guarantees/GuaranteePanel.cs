using Dlm.Datasets;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Cli.Guarantees;

/// <summary>
/// The fixed, seeded panel of <c>dlm bounds</c>: 64 random joints (L 3–8, q 2–4, from near-independent to
/// strongly dependent, with low-TC and low-DTC mixtures), the structured families, small Reed–Solomon codes
/// through the dense harness, and GF(256) codes with n = 255 through the closed forms.
/// </summary>
internal static class GuaranteePanel
{
    /// <summary>The seed of the random part of the panel; changing it changes every case id.</summary>
    public const ulong Seed = 20261128;

    /// <summary>The dimensions of the large codes, from low DTC (small k) to low TC (large k).</summary>
    public static readonly int[] LargeDimensions = [4, 16, 64, 128, 192, 240, 250];

    /// <summary>The budgets of the large codes.</summary>
    public static readonly int[] LargeSteps = [4, 8, 16, 32, 64, 128];

    /// <summary>Every distribution of the panel with the budgets to sweep: K = 1..L for the small ones.</summary>
    public static IEnumerable<(string Name, EntropyProfile Profile, int[] Steps)> Distributions()
    {
        var streams = new RandomStreams(Seed);
        var rng = streams.Stream("panel");
        double[] alphas = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 20];
        for (var i = 0; i < 64; i++)
        {
            var length = rng.Next(3, 9);
            var alphabet = length >= 7 ? 2 : rng.Next(2, 5);
            var alpha = alphas[i % alphas.Length];
            var name = (i % 4) switch
            {
                0 or 1 => $"dirichlet:L={length},q={alphabet},alpha={alpha},seed={i}",
                2 => $"mix-low-dtc:L={length},q={alphabet},w={0.2 + 0.6 * rng.NextDouble():F3},seed={i}",
                _ => $"mix-low-tc:L={length},q={alphabet},w={0.2 + 0.6 * rng.NextDouble():F3},seed={i}",
            };
            yield return (name, EntropyProfile.Of(Build(name, length, alphabet, alpha, (ulong)i)), Small(length));
        }
        foreach (var spec in new[]
                 {
                     "parity:L=3,q=2", "parity:L=6,q=3", "repetition:L=4,q=2", "repetition:L=8,q=2", "product:L=5,q=3,seed=1",
                     "markov:L=8,q=2,stay=0.9", "markov:L=6,q=3,stay=0.5", "markov:L=5,q=4,stay=0.99",
                     "rs:q=5,n=4,k=2", "rs:q=7,n=5,k=2", "rs:q=7,n=5,k=4", "rs:q=8,n=6,k=3",
                 })
        {
            var distribution = DistributionSpec.Parse(spec);
            var profile = distribution.Joint is { } joint ? EntropyProfile.Of(joint) : distribution.Profile;
            yield return (spec, profile, Small(distribution.Length));
        }
        foreach (var k in LargeDimensions)
            yield return ($"rs:q=256,n=255,k={k}", MdsCode.Profile(255, k, 256), LargeSteps);
    }

    /// <summary>Every case: each schedule and twin of the catalog, at each budget, with its applicable bounds.</summary>
    public static IReadOnlyList<GuaranteeCase> Cases() =>
        Distributions().AsParallel().AsOrdered().SelectMany(d => CasesOf(d.Name, d.Profile, d.Steps)).ToList();

    /// <summary>The cases of one distribution.</summary>
    public static IEnumerable<GuaranteeCase> CasesOf(string name, EntropyProfile profile, int[] budgets)
    {
        foreach (var steps in budgets)
        {
            var optimal = OptimalSchedule.Solve(profile, steps).ExpectedKl;
            foreach (var schedule in Schedules(profile.Length, steps, profile))
            {
                var error = schedule.Error(profile).ExpectedKl;
                var own = schedule.Bound(profile);
                BoundCheck[] checks =
                [
                    BoundCheck.Of("B0", error, profile.Tc, profile.Tc),
                    BoundCheck.Of(own.Name, error, own.Value, own.Value),
                    BoundCheck.Of("B6", optimal, error, optimal),
                ];
                yield return new GuaranteeCase($"{name}|{schedule.Name}|K={steps}", name, schedule.Name, steps, error, profile.Tc, profile.Dtc, checks);
            }
        }
    }

    private static IEnumerable<ISizeSchedule> Schedules(int length, int steps, EntropyProfile profile)
    {
        foreach (var name in ScheduleCatalog.Names)
        {
            if (!ScheduleCatalog.Supports(name, length, steps)) continue;
            yield return ScheduleCatalog.Create(name, length, steps, false, profile);
            if (ScheduleCatalog.IidNames.Contains(name) && steps > 1) yield return ScheduleCatalog.Create(name, length, steps, true, profile);
        }
    }

    private static int[] Small(int length) => Enumerable.Range(1, length).ToArray();

    /// <summary>
    /// The random joints: Dirichlet(α) tables, and mixtures of a repetition code with a product law
    /// (low DTC: strong but simple dependence) or of a parity code with a product law (low TC).
    /// </summary>
    private static JointDistribution Build(string name, int length, int alphabet, double alpha, ulong seed)
    {
        if (name.StartsWith("dirichlet", StringComparison.Ordinal)) return DenseFamilies.Dirichlet(length, alphabet, alpha, seed);
        var weight = double.Parse(name.Split("w=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        var structured = name.StartsWith("mix-low-dtc", StringComparison.Ordinal)
            ? DenseFamilies.Repetition(length, alphabet)
            : DenseFamilies.Parity(length, alphabet);
        var product = DenseFamilies.Product(length, alphabet, seed);
        var mixed = structured.ToArray().Zip(product.ToArray(), (a, b) => weight * a + (1 - weight) * b).ToArray();
        return JointDistribution.Normalize(length, alphabet, mixed);
    }
}
