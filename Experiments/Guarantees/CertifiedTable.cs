using System.Globalization;
using Dlm.Experiments.Tables;
using Dlm.Sampling.Design;
using Dlm.Sampling.Schedules;
using Dlm.Theory;
using static Dlm.Experiments.Tables.MarkdownColumn;

namespace Dlm.Experiments.Guarantees;

/// <summary>The certified constants of one schedule at (L, K).</summary>
/// <param name="Length">L.</param>
/// <param name="Steps">K.</param>
/// <param name="Schedule">The schedule: a catalogue variant, a pool design (<c>minimax</c>, <c>minimax-pool-min</c>) or
/// a
/// committed exact design (<c>minimax-min</c>, <c>minimax-tc</c>, <c>minimax-dtc</c>).</param>
/// <param name="Certified">sup K·E KL over TC, DTC, min(TC, DTC) and TC + DTC, over every distribution.</param>
public sealed record CertifiedRow(int Length, int Steps, string Schedule, WorstCase.Certified Certified)
{
    /// <summary>The baseline id of one constant: <c>L=255|K=64|adaptive-tc|tc</c>.</summary>
    public string Id(Measure measure) => $"L={Length}|K={Steps}|{Schedule}|{Measures.Name(measure)}";

    /// <summary>The four constants by baseline id.</summary>
    public IEnumerable<KeyValuePair<string, double>> Values =>
        Measures.All.Select(m => new KeyValuePair<string, double>(Id(m), Certified[m].Constant));
}

/// <summary>
/// Certified constants of every agnostic schedule and of both <c>minimax</c> designs over a grid of (L, K): how the
/// worst case grows with ln L, the log factor of the Õ, measured rather than bounded.
/// </summary>
public static class CertifiedTable
{
    /// <summary>The lengths of the table.</summary>
    public static IReadOnlyList<int> Lengths { get; } = [16, 64, 255, 1024];

    /// <summary>The budgets of the table.</summary>
    public static IReadOnlyList<int> Budgets { get; } = [4, 8, 16, 32, 64, 128];

    /// <summary>The schedule, and the measure of its own theorem, that the growth table follows.</summary>
    private static readonly (string Schedule, Measure Measure)[] Followed =
    [
        ("linear", Measure.Sum),
        ("adaptive-tc", Measure.Tc),
        ("adaptive-dtc", Measure.Dtc),
        ("adaptive-both", Measure.Min),
        ("hedged", Measure.Min),
        ("minimax", Measure.Min),
        ("minimax-pool-min", Measure.Min),
        ("minimax-min", Measure.Min),
        ("minimax-tc", Measure.Tc),
        ("minimax-dtc", Measure.Dtc),
    ];

    /// <summary>Every row, in grid order, over <paramref name="lengths"/> (default <see cref="Lengths"/>).</summary>
    public static IReadOnlyList<CertifiedRow> Rows(IReadOnlyList<int>? lengths = null) =>
        (from length in lengths ?? Lengths from steps in Budgets select (length, steps))
            .AsParallel()
            .AsOrdered()
            .SelectMany(p => RowsAt(p.length, p.steps))
            .ToList();

    /// <summary>
    /// The rows at one (L, K): the catalogue's agnostic variants, the pool designs <c>minimax</c> (ratio) and
    /// <c>minimax-pool-min</c>, and the exact designs where they are committed (the others would need a solve).
    /// </summary>
    public static IEnumerable<CertifiedRow> RowsAt(int length, int steps)
    {
        foreach (var schedule in DesignDocument.CertifiedSchedules(length, steps))
            yield return new CertifiedRow(
                length,
                steps,
                schedule.Name,
                WorstCase.Certify(steps, schedule.AtomErrors())
            );
        var ratio = MinimaxDesign.Solve(length, steps, DesignObjective.RatioToBest);
        var min = MinimaxDesign.Solve(length, steps, DesignObjective.CertifiedMin);
        yield return new CertifiedRow(length, steps, "minimax", ratio.Certified);
        yield return new CertifiedRow(length, steps, "minimax-pool-min", min.Certified);
        foreach (var measure in ExactDesigns.Rows)
            if (ExactDesigns.Committed(length, steps, measure) is { } exact)
                yield return new CertifiedRow(
                    length,
                    steps,
                    ExactDesigns.Name(measure),
                    WorstCase.Certify(steps, exact.Schedule(ExactDesigns.Name(measure)).AtomErrors())
                );
    }

    /// <summary>The growth table: each followed schedule's constant on its own measure, per L (rows) and K.</summary>
    public static string Markdown(IReadOnlyList<CertifiedRow> rows)
    {
        var table = new MarkdownTable([
            Text("schedule"),
            Text("measure"),
            Number("L"),
            .. Budgets.Select(k => Number($"K = {k}")),
        ]);
        var lengths = rows.Select(r => r.Length).Distinct().ToList();
        foreach (
            var (schedule, measure, length) in Followed.SelectMany(f => lengths.Select(l => (f.Schedule, f.Measure, l)))
        )
        {
            var cells = Budgets.Select(k =>
                rows.FirstOrDefault(r => r.Length == length && r.Steps == k && r.Schedule == schedule) is { } row
                    ? row.Certified[measure].Constant.ToString("F2", CultureInfo.InvariantCulture)
                    : "–"
            );
            table.Add([schedule, Measures.Name(measure), $"{length}", .. cells]);
        }
        return table.ToString();
    }

    /// <summary>
    /// The proven constant of a schedule's own theorem at (L, K), as C with E KL ≤ C·X/K, and its measure X; null for
    /// theorems that are not of that form (B7, and B8, which is the certified constant itself).
    /// </summary>
    public static (Measure Measure, double Constant)? Proven(ISizeSchedule schedule, BoundKind bound, int steps)
    {
        var length = schedule.Length;
        return bound switch
        {
            BoundKind.B1 when schedule is DeterministicSchedule d => (
                Measure.Sum,
                (double)steps * (d.Sizes.Max() - 1) / length
            ),
            BoundKind.B1Prime => (Measure.Sum, 1),
            BoundKind.B2 => (Measure.Tc, steps * Bounds.AdaptiveTc(length, steps, 1)),
            BoundKind.B3 => (Measure.Dtc, steps * Bounds.AdaptiveDtc(length, steps, 1)),
            BoundKind.B4 => (Measure.Min, steps * Bounds.AdaptiveBoth(length, steps, 1, 1)),
            BoundKind.B5 => (Measure.Min, steps * Bounds.AdaptiveBoth(length, steps - steps / 2, 1, 1)),
            _ => null,
        };
    }
}
