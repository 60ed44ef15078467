using ScottPlot;

namespace Dlm.Experiments.Studies;

/// <summary>
/// A study's pictures: Δ̂(m) with its band, the NLL against K per schedule with the bigram, the best count baseline
/// and the model's left-to-right NLL, and the valid
/// rate against K where samples were drawn; each decoder is a point at its E[NFE].
/// </summary>
public static class StudyPlots
{
    /// <summary>Writes the PNGs into <paramref name="directory"/>; returns their file names.</summary>
    public static IReadOnlyList<string> Write(string directory, StudyResult result)
    {
        List<string> plots = [Profile(directory, result), AgainstSteps(directory, result, nll: true)];
        if (result.Cells.Any(c => !double.IsNaN(c.ValidRate)))
            plots.Add(AgainstSteps(directory, result, nll: false));
        return plots;
    }

    private static string Profile(string directory, StudyResult result)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (
            var (estimate, label, color) in new[]
            {
                (result.CrossEntropy, "Δ̂_CE(m): −ln p̂(x_i | x_S)", palette.GetColor(0)),
                (result.Entropy, "Δ̂(m) from the entropies H(p̂(· | x_S))", palette.GetColor(1)),
            }
        )
        {
            var m = Enumerable.Range(0, estimate.Length).Select(i => (double)i).ToArray();
            var band = plot.Add.FillY(m, estimate.DeltaLower, estimate.DeltaUpper);
            band.FillColor = color.WithAlpha(0.25);
            band.LineWidth = 0;
            var line = plot.Add.Scatter(m, estimate.Delta);
            line.Color = color;
            line.LegendText = label;
        }
        plot.Title($"The information profile of {result.Source} (95% bands)");
        plot.XLabel($"m, revealed {result.Unit}s");
        plot.YLabel($"Δ(m), nats per revealed {result.Unit}");
        return Save(directory, "profile.png", plot);
    }

    private static string AgainstSteps(string directory, StudyResult result, bool nll)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var schedules = ScheduleStudy.Schedules;
        for (var i = 0; i < schedules.Count; i++)
        {
            var cells = result.Cells.Where(c => c.Schedule == schedules[i]).OrderBy(c => c.Steps).ToList();
            if (cells.Count == 0)
                continue;
            var line = plot.Add.Scatter(
                cells.Select(c => (double)c.Steps).ToArray(),
                cells.Select(c => nll ? result.BitsPerUnit(c.Nll.Mean) : c.ValidRate).ToArray()
            );
            line.LegendText = schedules[i];
            line.Color = palette.GetColor(i % 10);
            line.LinePattern = i < 10 ? LinePattern.Solid : LinePattern.Dashed;
            line.LineWidth = 2;
        }
        for (var d = 0; d < result.Decoders.Count; d++)
        {
            // A decoder is one point: its NLL or valid rate at its E[NFE].
            var c = result.Decoders[d];
            var point = plot.Add.Marker(c.MeanNfe, nll ? result.BitsPerUnit(c.Nll.Mean) : c.ValidRate);
            point.LegendText = c.Decoder;
            point.Color = palette.GetColor(d % 10);
            point.Shape = Markers[d / 10 % Markers.Count];
            point.Size = 9;
        }
        if (nll)
        {
            // The bigram, the best baseline, the model's left-to-right NLL and its K = L sampler's own law, as dotted
            // levels.
            var levels = result
                .Baselines.Where(b => b.Name.StartsWith("left-to-right bigram"))
                .Concat(result.Baselines.OrderBy(b => b.Nll.Mean).Take(1))
                .Select(b => (Name: b.Name, Nats: b.Nll.Mean))
                .Append((Name: "the model, left to right", Nats: result.LeftToRight.Mean))
                .Concat(
                    result.SamplerLaw is { } law
                        ? [(Name: "the model's K = L sampler, its own law", Nats: law.Mean)]
                        : []
                )
                .Distinct()
                .ToList();
            var shades = new[] { Colors.Gray, Colors.Black, Colors.DarkRed, Colors.DarkGreen };
            for (var b = 0; b < levels.Count; b++)
            {
                var rule = plot.Add.HorizontalLine(result.BitsPerUnit(levels[b].Nats));
                rule.LinePattern = LinePattern.Dotted;
                rule.Color = shades[b % shades.Length];
                rule.LegendText = levels[b].Name;
            }
        }
        plot.Title(nll ? "Held-out teacher-forced NLL against K" : "Samples that are sequences of the data, against K");
        plot.XLabel(result.Decoders.Count > 0 ? "K, steps (a decoder: E[NFE])" : "K, steps");
        plot.YLabel(nll ? $"bits per {result.Unit}" : "valid rate");
        return Save(directory, nll ? "nll-vs-K.png" : "valid-vs-K.png", plot);
    }

    private static readonly IReadOnlyList<MarkerShape> Markers =
    [
        MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleUp,
        MarkerShape.FilledSquare,
    ];

    private static string Save(string directory, string name, Plot plot)
    {
        // Tall enough for the NLL plot's legend (13 schedules, 8 decoders, 4 levels) in one column: ScottPlot wraps a
        // longer legend into a second column, which the image cuts off.
        PlotFile.Save(plot, Path.Combine(directory, name), 1040, 640);
        return name;
    }
}
