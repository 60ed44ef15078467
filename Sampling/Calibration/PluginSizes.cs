using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Sampling.Calibration;

/// <summary>
/// The self-calibrating schedules: the <c>optimal</c> DP applied to an estimated profile f̂ (<c>plugin</c>),
/// and its union with a small <c>hedged</c> twin (<c>plugin-hedged</c>), so that a wrong estimate costs
/// at most what the hedge alone would.
/// </summary>
public static class PluginSizes
{
    /// <summary>The hedge's share of the budget: K_h = ⌊K/4⌋ steps when that is at least 2, else none.</summary>
    public static int HedgeSteps(int steps) => steps / 4 >= 2 ? steps / 4 : 0;

    /// <summary><c>plugin</c>: the sizes minimising Identity A on f̂ with at most K steps.</summary>
    public static int[] Plugin(EntropyProfile estimate, int steps) => OptimalSchedule.Solve(estimate, steps).Sizes;

    /// <summary>
    /// <c>plugin-hedged</c>: the block ends of <c>plugin</c> with K − K_h steps, merged with those of the
    /// deterministic twin of <c>hedged</c> with K_h steps. Both share the end L, so at most K − 1 steps.
    /// The result refines both, so on the true profile its error is at most either one's (refinement never
    /// raises Identity A), and its largest block is at most the hedge's.
    /// </summary>
    public static int[] PluginHedged(EntropyProfile estimate, int steps) =>
        PluginHedged(estimate, steps, HedgeSteps(steps));

    /// <summary>
    /// <c>plugin-hedged</c> with an explicit hedge budget K_h (0 ≤ K_h &lt; K), for studying the split.
    /// </summary>
    public static int[] PluginHedged(EntropyProfile estimate, int steps, int hedge)
    {
        if (hedge < 0 || hedge >= steps)
            throw new ArgumentOutOfRangeException(
                nameof(hedge),
                hedge,
                $"the hedge budget must lie in [0, K = {steps})."
            );
        var plugin = Plugin(estimate, steps - hedge);
        if (hedge == 0)
            return plugin;
        var ends = Ends(plugin).Union(Ends(HedgeTwin(estimate.Length, hedge))).Order().ToList();
        return ends.Select((end, i) => end - (i == 0 ? 0 : ends[i - 1])).ToArray();
    }

    /// <summary>
    /// B7 (docs/theory.md §6): on the true profile f, E KL(plugin-hedged) ≤ min(E KL(P), E KL(H), (s_max − 1)/L·(TC +
    /// DTC)),
    /// where P is <c>plugin</c> with K − K_h steps on the estimate, H the hedge alone, and s_max the largest of
    /// <paramref name="sizes"/>, the plugin-hedged sizes. Refining deterministic sizes never raises Identity A.
    /// </summary>
    public static double HedgedBound(
        EntropyProfile profile,
        EntropyProfile estimate,
        int steps,
        IReadOnlyList<int> sizes
    )
    {
        var hedge = HedgeSteps(steps);
        var bound = Math.Min(
            ExpectedKl.Deterministic(profile, Plugin(estimate, steps - hedge)).ExpectedKl,
            Bounds.DeterministicSizes(profile.Length, sizes.Max(), profile.Tc, profile.Dtc)
        );
        return hedge == 0
            ? bound
            : Math.Min(bound, ExpectedKl.Deterministic(profile, HedgeTwin(profile.Length, hedge)).ExpectedKl);
    }

    /// <summary>The hedge alone: the deterministic twin of <c>hedged</c> with K_h steps.</summary>
    public static int[] HedgeTwin(int length, int hedgeSteps) =>
        RevealGrids.TwinSizes(length, RevealGrids.Hedged(length, hedgeSteps));

    private static IEnumerable<int> Ends(IEnumerable<int> sizes)
    {
        var end = 0;
        foreach (var s in sizes)
            yield return end += s;
    }
}
