using Dlm.Datasets;
using Dlm.Sampling.Schedules;
using ScottPlot;

namespace Dlm.Experiments.Reproduce;

/// <summary>Log-log plots of E KL against K, one per k, with the paper variants' bounds dashed.</summary>
public static class ReproducePlots
{
    /// <summary>The paper's variants, whose bounds are drawn dashed.</summary>
    private static readonly BoundKind[] Dashed = [BoundKind.B2, BoundKind.B3, BoundKind.B4];

    /// <summary>Writes one PNG per k of the panel into <paramref name="directory"/>; returns the file names.</summary>
    public static IReadOnlyList<string> Write(string directory, PanelConfig panel, IReadOnlyList<PanelCell> cells)
    {
        var files = new List<string>();
        var palette = new ScottPlot.Palettes.Category20();
        foreach (var k in panel.Dimensions)
        {
            var plot = new Plot();
            var ofK = cells.Where(c => c.Panel == panel.Name && c.Dimension == k).ToList();
            for (var i = 0; i < ScheduleCatalog.Agnostic.Count; i++)
            {
                var (name, bound) = (ScheduleCatalog.Agnostic[i].Name, ScheduleCatalog.Agnostic[i].Bound);
                var series = ofK.Where(c => c.Schedule == name && c.ExpectedKl > 0).OrderBy(c => c.Steps).ToList();
                if (series.Count == 0)
                    continue;
                var line = plot.Add.Scatter(
                    series.Select(c => Math.Log2(c.Steps)).ToArray(),
                    series.Select(c => Math.Log10(c.ExpectedKl)).ToArray()
                );
                line.LegendText = name;
                line.Color = palette.GetColor(i);
                line.LineWidth = 2;
                if (Dashed.Contains(bound))
                {
                    var dashed = plot.Add.Scatter(
                        series.Select(c => Math.Log2(c.Steps)).ToArray(),
                        series.Select(c => Math.Log10(c.Bound.Value)).ToArray()
                    );
                    dashed.LegendText = $"{bound.Label()} ({name})";
                    dashed.Color = palette.GetColor(i);
                    dashed.LinePattern = LinePattern.Dashed;
                    dashed.MarkerSize = 0;
                }
            }
            var window = ofK.Where(c => c.Schedule == "fixed" && c.ExpectedKlWindow > 0).OrderBy(c => c.Steps).ToList();
            if (window.Count > 0)
            {
                var dotted = plot.Add.Scatter(
                    window.Select(c => Math.Log2(c.Steps)).ToArray(),
                    window.Select(c => Math.Log10(c.ExpectedKlWindow)).ToArray()
                );
                dotted.LegendText = $"fixed, window ±{panel.Window}";
                dotted.Color = palette.GetColor(0);
                dotted.LinePattern = LinePattern.Dotted;
            }
            plot.Title($"{panel.Name}, k = {k}: E KL vs K (optimal = 0 for K ≥ 2)");
            plot.XLabel("K (steps)");
            plot.YLabel("E KL (nats)");
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                LabelFormatter = x => $"{Math.Pow(2, x):0}",
            };
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                LabelFormatter = y => $"{Math.Pow(10, y):G1}",
            };
            var file = $"kl-vs-K-q{panel.Order}-k{k}.png";
            PlotFile.Save(plot, Path.Combine(directory, file), 1000, 540);
            files.Add(file);
        }
        return files;
    }
}
