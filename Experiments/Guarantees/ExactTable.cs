using Dlm.Experiments.Tables;
using Dlm.Sampling.Design;
using Dlm.Sampling.Schedules;
using Dlm.Theory;
using static Dlm.Experiments.Tables.MarkdownColumn;

namespace Dlm.Experiments.Guarantees;

/// <summary>
/// The price of agnosticism at one (L, K) on one measure: the exact V against the library's schedules.
/// </summary>
/// <param name="Design">The exact design (committed, or solved), certified both ways.</param>
/// <param name="Value">V, the least certified constant of any agnostic schedule, recomputed from the design.</param>
/// <param name="Best">The catalogue schedule with the least constant on the measure, and that constant.</param>
/// <param name="Pool">The pool design's constant on the measure (its min-objective design for min, else
/// <c>minimax</c>).</param>
public sealed record ExactRow(ExactDesign Design, double Value, (string Name, double Constant) Best, double Pool)
{
    /// <summary>L.</summary>
    public int Length => Design.Length;

    /// <summary>K.</summary>
    public int Steps => Design.Steps;

    /// <summary>The measure X.</summary>
    public Measure Objective => Design.Objective;
}

/// <summary>
/// V against every catalogue schedule and the pool design over a grid of (L, K) (<c>dlm design --table --exact</c>):
/// how far the library's schedules stand from the best possible, and how V grows with L.
/// </summary>
public static class ExactTable
{
    /// <summary>
    /// The rows for every (L, K) of the grid with K &lt; L, each measure of the catalogue's exact rows.
    /// </summary>
    public static IReadOnlyList<ExactRow> Rows(IReadOnlyList<int> lengths, IReadOnlyList<int> budgets) =>
        (
            from length in lengths
            from steps in budgets
            where steps < length
            from objective in ExactDesigns.Rows
            select (length, steps, objective)
        )
            .Select(p => Row(p.length, p.steps, p.objective))
            .ToList();

    /// <summary>
    /// One row: the exact design (committed or solved), the best catalogue schedule and the pool design.
    /// </summary>
    public static ExactRow Row(int length, int steps, Measure objective)
    {
        var design = ExactDesigns.For(length, steps, objective);
        var best = DesignDocument
            .CertifiedSchedules(length, steps)
            .Select(s => (s.Name, Constant: WorstCase.Certify(steps, s.AtomErrors())[objective].Constant))
            .MinBy(s => s.Constant);
        var pool = MinimaxDesign.Solve(
            length,
            steps,
            objective == Measure.Min ? DesignObjective.CertifiedMin : DesignObjective.RatioToBest
        );
        return new ExactRow(design, design.Value, best, pool.Certified[objective].Constant);
    }

    /// <summary>The table: V, the best catalogue schedule and the pool design, per (L, K) and measure.</summary>
    public static string Markdown(IReadOnlyList<ExactRow> rows)
    {
        var table = new MarkdownTable(
            Number("L"),
            Number("K"),
            Text("X"),
            Number("V (exact)"),
            Text("best catalogue schedule"),
            Number("pool minimax"),
            Number("best / V"),
            Number("iterations"),
            Number("solve seconds")
        );
        foreach (var r in rows)
            table.Add(
                $"{r.Length}",
                $"{r.Steps}",
                Measures.Name(r.Objective),
                $"{r.Value:F4}",
                $"{r.Best.Constant:F3} (`{r.Best.Name}`)",
                $"{r.Pool:F3}",
                r.Value > 0 ? $"{r.Best.Constant / r.Value:F2}" : "–",
                $"{r.Design.Iterations}",
                $"{r.Design.Seconds:F1}"
            );
        return table.ToString();
    }
}
