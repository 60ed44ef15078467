using System.Globalization;
using Dlm.Datasets;
using ScottPlot;

namespace Dlm.Experiments.Training;

/// <summary>
/// The learning curve of a <c>dlm train</c> directory, <c>curve.png</c>: the training batches' ELBO (a moving average
/// over 1% of the steps) and the held-out ELBO against the step, with H(X) as the floor when it is known.
/// </summary>
public static class LearningCurve
{
    /// <summary>Redraws <c>DIR/curve.png</c> from <c>metrics.csv</c> and <c>validation.csv</c>.</summary>
    public static void Write(string directory, double? entropy)
    {
        var training = Read(Path.Combine(directory, "metrics.csv"), column: 2);
        if (training.Count == 0)
            return;
        var plot = new Plot();
        var window = Math.Max(1, training.Count / 100);
        var smoothed = training
            .Select(
                (_, i) => training.Skip(Math.Max(0, i - window + 1)).Take(Math.Min(window, i + 1)).Average(p => p.Y)
            )
            .ToArray();
        var batches = plot.Add.ScatterLine(training.Select(p => p.X).ToArray(), smoothed);
        batches.LegendText = $"training ELBO (mean of {window} steps)";
        var held = Read(Path.Combine(directory, "validation.csv"), column: 1);
        if (held.Count > 0)
        {
            var validation = plot.Add.Scatter(held.Select(p => p.X).ToArray(), held.Select(p => p.Y).ToArray());
            validation.LegendText = "held-out ELBO";
        }
        if (entropy is { } h)
        {
            var floor = plot.Add.HorizontalLine(h);
            floor.LinePattern = LinePattern.Dashed;
            floor.LegendText = $"H(X) = {h:F3}";
        }
        plot.Title("Learning curve");
        plot.XLabel("step");
        plot.YLabel("ELBO, nats per sequence");
        PlotFile.Save(plot, Path.Combine(directory, "curve.png"), 960, 480);
    }

    private static List<(double X, double Y)> Read(string path, int column) =>
        !File.Exists(path)
            ? []
            : File.ReadLines(path)
                .Skip(1)
                .Select(line => line.Split(','))
                .Where(cells => cells.Length > column)
                .Select(cells =>
                    (
                        double.Parse(cells[0], CultureInfo.InvariantCulture),
                        double.Parse(cells[column], CultureInfo.InvariantCulture)
                    )
                )
                .ToList();
}
