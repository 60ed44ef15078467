using System.Globalization;
using Dlm.Datasets;
using Dlm.Sampling.Decoders;
using Dlm.Sampling.Schedules;

namespace Dlm.Experiments.Decoders;

/// <summary>One point of a frontier: a family at one parameter, its E[NFE] and the KL of its output law.</summary>
/// <param name="Family">A decoder's name (<see cref="DecoderCatalog.Names"/>) or a schedule's.</param>
/// <param name="Parameter">γ, τ or K, as written.</param>
/// <param name="MeanNfe">E[NFE].</param>
/// <param name="Kl">KL(p ‖ q) of the output law, nats (for a schedule, the mixture E_π q_π); float64 rounding below 0
/// is written as 0.</param>
public sealed record FrontierPoint(string Family, string Parameter, double MeanNfe, double Kl);

/// <summary>The frontier of one distribution: every family's points.</summary>
/// <param name="Distribution">The distribution's spec.</param>
/// <param name="Length">L.</param>
/// <param name="Entropy">H(X), nats.</param>
/// <param name="Points">Every point, family by family.</param>
public sealed record Frontier(string Distribution, int Length, double Entropy, IReadOnlyList<FrontierPoint> Points)
{
    /// <summary>The families, in order.</summary>
    public IEnumerable<string> Families => Points.Select(p => p.Family).Distinct();

    /// <summary>The least E[NFE] of <paramref name="family"/> among its points with KL ≤ ε, or null.</summary>
    public double? LeastNfe(string family, double epsilon) =>
        Points.Where(p => p.Family == family && p.Kl <= epsilon).Select(p => (double?)p.MeanNfe).Min();
}

/// <summary>
/// Error against expected steps, exactly, for the decoders that choose sizes from the predicted laws and for the
/// schedules that fix them beforehand: each decoder swept over γ or τ, each schedule over K, all with the oracle at
/// T = 1, all KL of the output law. Reed–Solomon codes use <see cref="MdsDecoding"/> (any n); small dense joints
/// enumerate the sampler.
/// </summary>
public static class DecoderFrontier
{
    /// <summary>The γ grid, nats: one token a step at 0, everything at once at ∞.</summary>
    public static IReadOnlyList<double> Gammas { get; } =
    [0, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, double.PositiveInfinity];

    /// <summary>The τ grid.</summary>
    public static IReadOnlyList<double> Taus { get; } = [1, 0.99, 0.95, 0.9, 0.7, 0.5, 0.3, 0.1, 0.01, 0.001, 0];

    /// <summary>The schedules swept over K.</summary>
    public static IReadOnlyList<string> Schedules { get; } =
    ["fixed", "cosine", "adaptive-tc", "adaptive-dtc", "adaptive-both", "minimax", "minimax-min", "optimal"];

    /// <summary>The distributions of the reproduction's frontier panel.</summary>
    public static IReadOnlyList<string> Panel { get; } =
    [
        "rs:q=256,n=255,k=4",
        "rs:q=256,n=255,k=100",
        "rs:q=256,n=255,k=250",
        "markov:L=6,q=3,stay=0.9",
        "dirichlet:L=6,q=2,alpha=0.3,seed=1",
    ];

    /// <summary>The frontier of <paramref name="spec"/>.</summary>
    public static Frontier Compute(string spec)
    {
        var distribution = DistributionSpec.Parse(spec);
        var l = distribution.Length;
        var points = new List<FrontierPoint>();
        foreach (var (family, parameter, decoder) in Decoders())
        {
            var error =
                DecoderErrors.Exact(distribution, decoder)
                ?? throw new ArgumentException($"{spec}: no exact decoder error (RS, or a small joint).", nameof(spec));
            points.Add(new FrontierPoint(family, parameter, error.Nfe.Mean, error.Kl));
        }
        var budgets = Enumerable.Range(0, 9).Select(i => 1 << i).Where(k => k < l).Append(l).ToList();
        var runs = Schedules.SelectMany(name =>
            budgets.Where(k => ScheduleCatalog.Supports(name, l, k)).Select(steps => (name, steps))
        );
        foreach (var (name, steps) in runs)
        {
            var schedule = ScheduleCatalog.Create(name, l, steps, profile: distribution.Profile);
            var error = schedule.Error(distribution.Profile);
            var kl = distribution.MixtureKl(schedule.Kernel) ?? error.ExpectedKl;
            points.Add(new FrontierPoint(name, $"K={steps}", error.MeanNfe, Math.Max(0, kl)));
        }
        return new Frontier(spec, l, distribution.Profile.Entropy, points);
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : value.ToString("G4", CultureInfo.InvariantCulture);

    private static IEnumerable<(string Family, string Parameter, IAdaptiveSizeRule Decoder)> Decoders() =>
        [
            .. Gammas.Select(g => ("entropy-bound", $"γ={Format(g)}", (IAdaptiveSizeRule)new EntropyBoundDecoder(g))),
            .. Gammas.Select(g => ("entropy-sum", $"γ={Format(g)}", (IAdaptiveSizeRule)new EntropySumDecoder(g))),
            .. Taus.Select(t => ("threshold", $"τ={Format(t)}", (IAdaptiveSizeRule)new ThresholdDecoder(t))),
        ];
}
