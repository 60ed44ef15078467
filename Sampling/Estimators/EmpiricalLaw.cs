using Dlm.Theory;

namespace Dlm.Sampling.Estimators;

/// <summary>Free-running samples against an exact law: total variation with a finite-sample bound.</summary>
/// <param name="TotalVariation">TV(p̂, q) = ½ Σ_x |p̂(x) − q(x)| between the empirical and exact laws.</param>
/// <param name="Bound">The level-δ bound ε = √((m·ln 2 + ln(1/δ)) / (2N)) over a support of m outcomes.</param>
/// <param name="Samples">N.</param>
public sealed record TotalVariationCheck(double TotalVariation, double Bound, int Samples)
{
    /// <summary>Whether the observed TV is within the bound.</summary>
    public bool Passes => TotalVariation <= Bound;
}

/// <summary>Empirical laws of sampled sequences.</summary>
public static class EmpiricalLaw
{
    /// <summary>
    /// Compares <paramref name="sequences"/> with the exact law <paramref name="exact"/> over [q]^L. The bound
    /// is the Bretagnolle–Huber–Carol inequality: P(TV ≥ ε) ≤ 2^m·exp(−2Nε²), m the number of outcomes
    /// with positive exact mass plus one for everything else.
    /// </summary>
    public static TotalVariationCheck Check(
        IReadOnlyList<int[]> sequences,
        double[] exact,
        int alphabet,
        double delta = 1e-3
    )
    {
        var counts = new double[exact.Length];
        foreach (var x in sequences)
            counts[x.Aggregate(0, (acc, v) => acc * alphabet + v)] += 1;
        var n = sequences.Count;
        var tv = 0.5 * counts.Select((c, i) => Math.Abs(c / n - exact[i])).Sum();
        var outcomes = exact.Count(p => p > 0) + 1;
        var bound = Math.Sqrt((outcomes * Math.Log(2) + Math.Log(1 / delta)) / (2.0 * n));
        return new TotalVariationCheck(tv, bound, n);
    }

    /// <summary>KL(p ‖ q) for the exact target p and an output law q.</summary>
    public static double Kl(JointDistribution p, double[] q) => Information.KlDivergence(p.ToArray(), q);
}
