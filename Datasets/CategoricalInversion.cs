namespace Dlm.Datasets;

/// <summary>
/// Inversion sampling of a categorical law with one uniform u ∈ [0, 1): the symbol a whose running sum
/// c_a = c_{a−1} + p_a, added in index order, is the first to exceed u. Every draw of a token from a law goes through
/// here, so a predictor that knows its law's shape (a point mass, the uniform law) can return the very symbol the
/// dense scan would.
/// </summary>
public static class CategoricalInversion
{
    /// <summary>
    /// The smallest a with p_a &gt; 0 and u &lt; c_a (running sums in index order); the last positive entry when
    /// rounding leaves c_{q−1} ≤ u. A point mass on a gives a for every u.
    /// </summary>
    public static int Draw(ReadOnlySpan<double> law, double u)
    {
        var cumulative = 0.0;
        var last = 0;
        for (var a = 0; a < law.Length; a++)
        {
            if (law[a] <= 0)
                continue;
            last = a;
            cumulative += law[a];
            if (u < cumulative)
                return a;
        }
        return last;
    }

    /// <summary>
    /// The running sums c_a = c_{a−1} + p_a of a law, added in index order as <see cref="Draw"/> adds them.
    /// </summary>
    public static double[] Cumulative(ReadOnlySpan<double> law)
    {
        var sums = new double[law.Length];
        var total = 0.0;
        for (var a = 0; a < law.Length; a++)
            sums[a] = total += law[a];
        return sums;
    }

    /// <summary>
    /// The first index a with c_a &gt; u, by bisection; the last index when there is none. For running sums of a
    /// law with no zero entries this is <see cref="Draw"/>'s symbol, in O(log q).
    /// </summary>
    public static int Search(ReadOnlySpan<double> cumulative, double u)
    {
        int lo = 0,
            hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cumulative[mid] > u)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }
}
