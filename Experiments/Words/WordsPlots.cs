using Dlm.Datasets;
using Dlm.Sampling.Calibration;
using ScottPlot;

namespace Dlm.Experiments.Words;

/// <summary>
/// The study's pictures: Δ̂(m) with its band, the NLL against K per schedule with the two count baselines, and the
/// valid rate against K.
/// </summary>
public static class WordsPlots
{
    /// <summary>Writes the three PNGs into <paramref name="directory"/>; returns their file names.</summary>
    public static IReadOnlyList<string> Write(string directory, WordsStudyResult result) =>
        [
            Profile(directory, result),
            AgainstSteps(directory, result, nll: true),
            AgainstSteps(directory, result, nll: false),
        ];

    private static string Profile(string directory, WordsStudyResult result)
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
        plot.XLabel("m, revealed characters");
        plot.YLabel("Δ(m), nats per revealed character");
        return Save(directory, "profile.png", plot);
    }

    private static string AgainstSteps(string directory, WordsStudyResult result, bool nll)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < WordsStudy.Schedules.Count; i++)
        {
            var cells = result.Cells.Where(c => c.Schedule == WordsStudy.Schedules[i]).OrderBy(c => c.Steps).ToList();
            if (cells.Count == 0)
                continue;
            var line = plot.Add.Scatter(
                cells.Select(c => (double)c.Steps).ToArray(),
                cells.Select(c => nll ? result.BitsPerChar(c.Nll.Mean) : c.ValidRate).ToArray()
            );
            line.LegendText = WordsStudy.Schedules[i];
            line.Color = palette.GetColor(i);
            line.LineWidth = 2;
        }
        if (nll)
        {
            foreach (
                var (baseline, name, color) in new[]
                {
                    (result.Unigram, "position-wise unigram", Colors.Gray),
                    (result.Bigram, "left-to-right bigram", Colors.Black),
                }
            )
            {
                var rule = plot.Add.HorizontalLine(result.BitsPerChar(baseline.Mean));
                rule.LinePattern = LinePattern.Dashed;
                rule.Color = color;
                rule.LegendText = name;
            }
        }
        plot.Title(nll ? "Held-out teacher-forced NLL against K" : "Sampled words in the list against K");
        plot.XLabel("K, steps");
        plot.YLabel(nll ? "bits per character" : "valid rate");
        return Save(directory, nll ? "nll-vs-K.png" : "valid-vs-K.png", plot);
    }

    private static string Save(string directory, string name, Plot plot)
    {
        PlotFile.Save(plot, Path.Combine(directory, name), 1040, 520);
        return name;
    }
}
