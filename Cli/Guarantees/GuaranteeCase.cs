namespace Dlm.Cli.Guarantees;

/// <summary>One bound checked on one case: E KL ≤ <see cref="Value"/> (for B6: optimal ≤ E KL).</summary>
/// <param name="Bound">B0–B6.</param>
/// <param name="Value">The bound's value, nats (for B6: the optimal error at the same K).</param>
/// <param name="Ratio">The error over the bound (for B6: optimal over the error); 0 when both are below 1e-12.</param>
internal sealed record BoundCheck(string Bound, double Value, double Ratio)
{
    /// <summary>Absolute allowance for float64 rounding of quantities that are exactly 0.</summary>
    public const double Rounding = 1e-12;

    /// <summary>Whether the bound fails: ratio &gt; 1 + 1e-9 beyond the rounding allowance.</summary>
    public bool Violated(double error) => Bound == "B6"
        ? Value > error * (1 + 1e-9) + Rounding
        : error > Value * (1 + 1e-9) + Rounding;

    /// <summary>A check of small ≤ large with its ratio.</summary>
    public static BoundCheck Of(string bound, double small, double large, double value) =>
        new(bound, value, large > Rounding ? small / large : small > Rounding ? double.PositiveInfinity : 0);
}

/// <summary>The exact error of one schedule at one K on one distribution of the panel, and its bounds.</summary>
internal sealed record GuaranteeCase(
    string Id,
    string Distribution,
    string Schedule,
    int Steps,
    double ExpectedKl,
    double Tc,
    double Dtc,
    IReadOnlyList<BoundCheck> Checks)
{
    /// <summary>The checks that fail.</summary>
    public IEnumerable<BoundCheck> Violations => Checks.Where(c => c.Violated(ExpectedKl));
}
