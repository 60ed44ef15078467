using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using ScottPlot;

namespace Dlm.Experiments.Training;

/// <summary>A predictor's per-token KL to the oracle against the revealed count m, with 95% error bars.</summary>
public static class DivergencePlot
{
    /// <summary>Writes the PNG to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string spec, IReadOnlyList<MonteCarloEstimate> byRevealed)
    {
        var plot = new Plot();
        var m = Enumerable.Range(0, byRevealed.Count).Select(i => (double)i).ToArray();
        var means = byRevealed.Select(e => e.Mean).ToArray();
        var line = plot.Add.Scatter(m, means);
        line.LegendText = "KL(oracle ‖ model) per masked token";
        var bars = plot.Add.ErrorBar(m, means, byRevealed.Select(e => e.Mean - e.Lower).ToArray());
        bars.Color = line.Color;
        plot.Title($"Predictor error by revealed count on {spec}");
        plot.XLabel("m, revealed positions");
        plot.YLabel("nats per token");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        PlotFile.Save(plot, path, 960, 480);
    }
}
