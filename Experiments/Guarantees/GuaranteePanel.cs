using System.Globalization;
using Dlm.Datasets;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Experiments.Guarantees;

/// <summary>
/// The fixed, seeded panel of <c>dlm bounds</c>: random joints (L 3–8, q 2–4, from near-independent to strongly
/// dependent, with low-TC and low-DTC mixtures), the structured families, small Reed–Solomon codes through the
/// dense harness, and GF(256) codes with n = 255 through the closed forms. Every distribution is named by a spec
/// that <see cref="DistributionSpec.Parse"/> accepts, so every case id can be replayed with <c>dlm error</c>.
/// </summary>
public static class GuaranteePanel
{
    /// <summary>Every distribution of the panel with the budgets to sweep: K = 1..L for the small ones.</summary>
    public static IEnumerable<(string Name, EntropyProfile Profile, int[] Steps)> Distributions(
        GuaranteeSettings settings
    )
    {
        var rng = new RandomStreams(settings.Seed).Stream("panel");
        double[] alphas = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 20];
        var specs = new List<string>();
        for (var i = 0; i < settings.RandomJoints; i++)
        {
            var length = rng.Next(3, 9);
            var alphabet = length >= 7 ? 2 : rng.Next(2, 5);
            var alpha = alphas[i % alphas.Length];
            specs.Add(
                (i % 4) switch
                {
                    0 or 1 => $"dirichlet:L={length},q={alphabet},alpha={alpha},seed={i}",
                    2 => $"mix-low-dtc:L={length},q={alphabet},w={Weight(rng)},seed={i}",
                    _ => $"mix-low-tc:L={length},q={alphabet},w={Weight(rng)},seed={i}",
                }
            );
        }
        specs.AddRange([
            "parity:L=3,q=2",
            "parity:L=6,q=3",
            "repetition:L=4,q=2",
            "repetition:L=8,q=2",
            "product:L=5,q=3,seed=1",
            "markov:L=8,q=2,stay=0.9",
            "markov:L=6,q=3,stay=0.5",
            "markov:L=5,q=4,stay=0.99",
            "rs:q=5,n=4,k=2",
            "rs:q=7,n=5,k=2",
            "rs:q=7,n=5,k=4",
            "rs:q=8,n=6,k=3",
        ]);
        foreach (var spec in specs)
        {
            // The dense harness wherever a table exists: the panel checks the generic computation, not a closed form.
            var distribution = DistributionSpec.Parse(spec);
            var profile = distribution.Joint is { } joint ? EntropyProfile.Of(joint) : distribution.Profile;
            yield return (spec, profile, Enumerable.Range(1, distribution.Length).ToArray());
        }
        foreach (var k in settings.LargeDimensions)
            yield return ($"rs:q=256,n=255,k={k}", MdsCode.Profile(255, k, 256), settings.LargeSteps);
    }

    /// <summary>
    /// Every case: each schedule and twin of the catalogue, at each budget, with its applicable bounds.
    /// </summary>
    public static IReadOnlyList<GuaranteeCase> Cases(GuaranteeSettings settings) =>
        Cases(settings, ScheduleCatalog.All);

    /// <summary>
    /// Every case of the schedules that <paramref name="schedules"/>(L, K, f) lists for each distribution and budget,
    /// computed on all cores.
    /// </summary>
    public static IReadOnlyList<GuaranteeCase> Cases(
        GuaranteeSettings settings,
        Func<int, int, EntropyProfile, IEnumerable<ISizeSchedule>> schedules
    ) =>
        Distributions(settings)
            .AsParallel()
            .AsOrdered()
            .SelectMany(d => CasesOf(d.Name, d.Profile, d.Steps, schedules))
            .ToList();

    /// <summary>
    /// The cases of one distribution: B0, the schedule's own theorem, B6 and the certified B8 for every schedule and K.
    /// </summary>
    private static IEnumerable<GuaranteeCase> CasesOf(
        string name,
        EntropyProfile profile,
        int[] budgets,
        Func<int, int, EntropyProfile, IEnumerable<ISizeSchedule>> schedules
    )
    {
        foreach (var steps in budgets)
        {
            var optimal = OptimalSchedule.Solve(profile, steps).ExpectedKl;
            foreach (var schedule in schedules(profile.Length, steps, profile))
            {
                var error = schedule.Error(profile).ExpectedKl;
                var own = schedule.Bound(profile);
                var certified = WorstCase.Certify(steps, schedule.AtomErrors()).Bound(steps, profile.Tc, profile.Dtc);
                BoundCheck[] checks =
                [
                    BoundCheck.Of(BoundKind.B0, error, profile.Tc, profile.Tc),
                    BoundCheck.Of(own.Bound, error, own.Value, own.Value),
                    BoundCheck.Of(BoundKind.B6, optimal, error, optimal),
                    .. own.Bound == BoundKind.B8
                        ? Array.Empty<BoundCheck>()
                        : [BoundCheck.Of(BoundKind.B8, error, certified, certified)],
                ];
                yield return new GuaranteeCase(
                    $"{name}|{schedule.Name}|K={steps}",
                    name,
                    schedule.Name,
                    steps,
                    error,
                    profile.Tc,
                    profile.Dtc,
                    checks
                );
            }
        }
    }

    /// <summary>The mixture weight of a low-TC or low-DTC joint, in [0.2, 0.8], written with three decimals.</summary>
    private static string Weight(Random rng) =>
        (0.2 + 0.6 * rng.NextDouble()).ToString("F3", CultureInfo.InvariantCulture);
}
