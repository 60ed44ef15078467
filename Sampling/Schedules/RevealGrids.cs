using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>
/// The reveal grids 0 = W_0 &lt; W_1 &lt; … &lt; W_K = 1 of the i.i.d. schedules, and their deterministic twins.
/// </summary>
public static class RevealGrids
{
    /// <summary><c>linear</c> (MDLM's ancestral sampler): W_k = k/K.</summary>
    public static double[] Linear(int steps) =>
        Enumerable.Range(0, steps + 1).Select(k => k == steps ? 1.0 : (double)k / steps).ToArray();

    /// <summary><c>adaptive-tc</c>: W_k = 1 − ρ^k for k &lt; K, W_K = 1, ρ = (K·L)^(−1/(K−1)).</summary>
    public static double[] AdaptiveTc(int length, int steps)
    {
        if (steps == 1)
            return [0, 1];
        var rho = Bounds.Rho(length, steps);
        return Enumerable.Range(0, steps + 1).Select(k => k == steps ? 1.0 : 1 - Math.Pow(rho, k)).ToArray();
    }

    /// <summary><c>adaptive-dtc</c>: W_0 = 0, W_k = ρ^(K−k) for k ≥ 1.</summary>
    public static double[] AdaptiveDtc(int length, int steps)
    {
        if (steps == 1)
            return [0, 1];
        var rho = Bounds.Rho(length, steps);
        return Enumerable
            .Range(0, steps + 1)
            .Select(k =>
                k == 0 ? 0.0
                : k == steps ? 1.0
                : Math.Pow(rho, steps - k)
            )
            .ToArray();
    }

    /// <summary>
    /// <c>adaptive-both</c> (K ≥ 3): the odds W_k/(1 − W_k) run geometrically from ε/(1−ε) to (1−ε)/ε over
    /// k = 1..K−1 with ratio r = ((1−ε)/ε)^(2/(K−2)), ε = 1/(K·L).
    /// </summary>
    public static double[] AdaptiveBoth(int length, int steps)
    {
        if (steps < 3)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "adaptive-both needs K (steps) ≥ 3.");
        return Logistic(steps, 1.0 / ((double)steps * length));
    }

    /// <summary>W_k = 1 − ε^(k/(K−1)) for 0 &lt; k &lt; K: the mass left masked falls geometrically to ε.</summary>
    public static double[] Rising(int steps, double epsilon) =>
        Enumerable
            .Range(0, steps + 1)
            .Select(k => k == steps ? 1.0 : 1 - Math.Pow(epsilon, (double)k / (steps - 1)))
            .ToArray();

    /// <summary>W_k = ε^((K−k)/(K−1)) for 0 &lt; k: the revealed mass grows geometrically from ε.</summary>
    public static double[] Falling(int steps, double epsilon) =>
        Enumerable
            .Range(0, steps + 1)
            .Select(k => k == 0 ? 0.0 : Math.Pow(epsilon, (double)(steps - k) / (steps - 1)))
            .ToArray();

    /// <summary>The odds W_k/(1 − W_k) run geometrically from ε/(1−ε) to (1−ε)/ε over k = 1..K−1 (K ≥ 3).</summary>
    public static double[] Logistic(int steps, double epsilon)
    {
        var ratio = Math.Pow((1 - epsilon) / epsilon, 2.0 / (steps - 2));
        var grid = new double[steps + 1];
        for (var k = 1; k < steps; k++)
        {
            var odds = epsilon / (1 - epsilon) * Math.Pow(ratio, k - 1);
            grid[k] = odds / (1 + odds);
        }
        grid[steps] = 1;
        return grid;
    }

    /// <summary>
    /// <c>hedged</c>: for K ≥ 6 the union of the <c>linear</c> grid with ⌊K/2⌋ steps and the <c>adaptive-both</c>
    /// grid with K − ⌊K/2⌋ steps (points closer than 1e-12 merged); the <c>linear</c> grid for K &lt; 6.
    /// </summary>
    public static double[] Hedged(int length, int steps)
    {
        if (steps < 6)
            return Linear(steps);
        var points = Linear(steps / 2).Concat(AdaptiveBoth(length, steps - steps / 2)).Order().ToList();
        var grid = new List<double> { 0 };
        foreach (var w in points.Skip(1))
            if (w - grid[^1] > 1e-12)
                grid.Add(w);
        grid[^1] = 1;
        return grid.ToArray();
    }

    /// <summary>
    /// The deterministic twin of a grid: m_k = round(L·W_k) (halves away from zero), empty steps dropped.
    /// </summary>
    public static int[] TwinSizes(int length, IReadOnlyList<double> grid)
    {
        var sizes = new List<int>();
        var previous = 0;
        foreach (var w in grid.Skip(1))
        {
            var revealed = (int)Math.Round(length * w, MidpointRounding.AwayFromZero);
            if (revealed > previous)
                sizes.Add(revealed - previous);
            previous = Math.Max(previous, revealed);
        }
        return sizes.ToArray();
    }
}
