using Dlm.Sampling.Design;
using Dlm.Theory;
using ScottPlot;

namespace Dlm.Experiments.Guarantees;

/// <summary>
/// The pictures of the exact designs: how V grows with L (the price of agnosticism), and the hardest profile y of
/// each measure.
/// </summary>
public static class ExactPlots
{
    /// <summary>The ratio L/K that the growth plot holds fixed, and the hardest-profile plot shows.</summary>
    private const int FixedRatio = 4;

    /// <summary>
    /// Writes <c>price-of-agnosticism.png</c> and <c>hardest-profile.png</c>; returns their file names.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<ExactRow> rows) =>
        [Growth(directory, rows), Hardest(directory, rows)];

    /// <summary>
    /// V against L on a log axis, one colour per measure: solid at K = 4, dotted at K = 16, dashed at K ≈ L/4.
    /// </summary>
    private static string Growth(string directory, IReadOnlyList<ExactRow> rows)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var measures = ExactDesigns.Rows;
        for (var i = 0; i < measures.Count; i++)
        {
            var ofMeasure = rows.Where(r => r.Objective == measures[i]).ToList();
            var name = Measures.Name(measures[i]);
            var color = palette.GetColor(i);
            Line(plot, ofMeasure.Where(r => r.Steps == 4), color, LinePattern.Solid, $"{name}, K = 4");
            Line(plot, ofMeasure.Where(r => r.Steps == 16), color, LinePattern.Dotted, $"{name}, K = 16");
            Line(
                plot,
                ofMeasure.Where(r => (r.Length + 1) / FixedRatio == r.Steps),
                color,
                LinePattern.Dashed,
                $"{name}, K ≈ L/4"
            );
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            rows.Select(r => r.Length).Distinct().Order().Select(l => Tick.Major(Math.Log2(l), $"{l}")).ToArray()
        );
        plot.Title("The price of agnosticism: V = min over agnostic laws of sup K·E KL/X");
        plot.XLabel("L (log scale)");
        plot.YLabel("V");
        PlotFile.Save(plot, Path.Combine(directory, "price-of-agnosticism.png"), 1100, 560);
        return "price-of-agnosticism.png";
    }

    /// <summary>y_k against k/L for each measure, at the largest (L, K) of the rows with K = L/4.</summary>
    private static string Hardest(string directory, IReadOnlyList<ExactRow> rows)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var (length, steps) = rows.Where(r => r.Steps * FixedRatio >= r.Length)
            .Select(r => (r.Length, r.Steps))
            .MaxBy(p => (p.Length, -p.Steps));
        var measures = ExactDesigns.Rows;
        for (var i = 0; i < measures.Count; i++)
        {
            var y = rows.First(r => r.Length == length && r.Steps == steps && r.Objective == measures[i]).Design.Worst;
            var line = plot.Add.Scatter(Enumerable.Range(1, y.Length).Select(k => (double)k / length).ToArray(), y);
            line.LegendText = Measures.Name(measures[i]);
            line.Color = palette.GetColor(i);
            line.MarkerSize = 3;
        }
        plot.Title($"The hardest profile for agnostic schedules, L = {length}, K = {steps}: the certificate y");
        plot.XLabel("k/L, the atom a_k (an MDS code of dimension k)");
        plot.YLabel("y_k");
        PlotFile.Save(plot, Path.Combine(directory, "hardest-profile.png"), 1100, 560);
        return "hardest-profile.png";
    }

    private static void Line(Plot plot, IEnumerable<ExactRow> rows, Color color, LinePattern pattern, string label)
    {
        var points = rows.OrderBy(r => r.Length).ToList();
        if (points.Count < 2)
            return;
        var line = plot.Add.Scatter(
            points.Select(r => Math.Log2(r.Length)).ToArray(),
            points.Select(r => r.Value).ToArray()
        );
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        line.LegendText = label;
    }
}
