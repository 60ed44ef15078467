using Dlm.Sampling.Schedules;

namespace Dlm.Experiments.Guarantees;

/// <summary>
/// One bound checked on one case: E KL ≤ <see cref="Value"/>, or for the lower bound B6, optimal ≤ E KL.
/// </summary>
/// <param name="Bound">The theorem, B0–B8.</param>
/// <param name="Value">The bound's value, nats (for B6: the optimal error at the same K).</param>
/// <param name="Ratio">The error over the bound (for B6: optimal over the error); 0 when both are below 1e-12.</param>
public sealed record BoundCheck(BoundKind Bound, double Value, double Ratio)
{
    /// <summary>Absolute allowance for float64 rounding of quantities that are exactly 0.</summary>
    public const double Rounding = 1e-12;

    /// <summary>Whether the bound fails: ratio &gt; 1 + 1e-9 beyond the rounding allowance.</summary>
    public bool Violated(double error) =>
        Bound == BoundKind.B6 ? Value > error * (1 + 1e-9) + Rounding : error > Value * (1 + 1e-9) + Rounding;

    /// <summary>A check of <paramref name="small"/> ≤ <paramref name="large"/> with its ratio.</summary>
    public static BoundCheck Of(BoundKind bound, double small, double large, double value) =>
        new(
            bound,
            value,
            large > Rounding ? small / large
                : small > Rounding ? double.PositiveInfinity
                : 0
        );
}

/// <summary>The exact error of one schedule at one K on one distribution of the panel, and its bounds.</summary>
/// <param name="Id"><c>spec|schedule|K=k</c>: <c>dlm error --dist spec --schedule … --steps k</c> replays it.</param>
/// <param name="Distribution">The distribution's spec.</param>
/// <param name="Schedule">The schedule's name (twins end in <c>-twin</c>).</param>
/// <param name="Steps">K.</param>
/// <param name="ExpectedKl">E_π KL(p ‖ q_π), exact.</param>
/// <param name="Tc">The distribution's TC.</param>
/// <param name="Dtc">The distribution's DTC.</param>
/// <param name="Checks">B0, the schedule's own theorem, B6 and the certified B8.</param>
public sealed record GuaranteeCase(
    string Id,
    string Distribution,
    string Schedule,
    int Steps,
    double ExpectedKl,
    double Tc,
    double Dtc,
    IReadOnlyList<BoundCheck> Checks
)
{
    /// <summary>The checks that fail.</summary>
    public IEnumerable<BoundCheck> Violations => Checks.Where(c => c.Violated(ExpectedKl));
}
