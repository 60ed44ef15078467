using System.Text;
using Dlm.Experiments.Tables;
using static Dlm.Experiments.Tables.MarkdownColumn;

namespace Dlm.Experiments.Words;

/// <summary>Writes the words study's <c>study.csv</c> and <c>report.md</c>.</summary>
public static class WordsReport
{
    /// <summary>
    /// One row per cell: schedule, K, NLL in nats per word and bits per character with the interval in bits per
    /// character, and the valid and novel rates of the free-running samples.
    /// </summary>
    public static string Csv(WordsStudyResult result) =>
        new CsvTable<WordsStudyCell>(
            ("schedule", c => c.Schedule),
            ("K", c => c.Steps),
            ("nll_nats_per_word", c => c.Nll.Mean),
            ("nll_bits_per_char", c => result.BitsPerChar(c.Nll.Mean)),
            ("nll_lower", c => result.BitsPerChar(c.Nll.Lower)),
            ("nll_upper", c => result.BitsPerChar(c.Nll.Upper)),
            ("valid_rate", c => c.ValidRate),
            ("novel_rate", c => c.NovelRate)
        ).Write(result.Cells);

    /// <summary>The report: the data, the profile, TC and DTC, the baselines, the schedules and the promise.</summary>
    public static string Markdown(WordsStudyResult r, string model, IReadOnlyList<string> plots)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Which schedule to sample {r.Source} with\n");
        md.AppendLine(
            $"L = {r.Length}, q = {r.Alphabet} (the characters and one end symbol). {r.TrainLines:N0} training "
                + "lines; the "
                + $"held-out lines are halved: {r.CalibrationLines:N0} calibrate Δ̂, {r.EvaluationLines:N0} score the "
                + $"schedules. {r.Dropped:N0} lines longer than L were dropped. A scored line counts "
                + $"{r.CharactersPerWord:F3} characters on average (its letters and its first end symbol).\n"
        );
        md.AppendLine($"Model: {model}.\n");
        md.AppendLine("## The information profile\n");
        var profile = new MarkdownTable(Number("m"), Text("Δ̂_CE(m) [95%]"), Text("Δ̂(m) from entropies [95%]"));
        for (var m = 0; m < r.Length; m++)
            profile.Add(
                $"{m}",
                $"{r.CrossEntropy.Delta[m]:F4} [{r.CrossEntropy.DeltaLower[m]:F4}, {r.CrossEntropy.DeltaUpper[m]:F4}]",
                $"{r.Entropy.Delta[m]:F4} [{r.Entropy.DeltaLower[m]:F4}, {r.Entropy.DeltaUpper[m]:F4}]"
            );
        md.Append(profile).AppendLine();
        var correlations = new MarkdownTable(
            Text("estimator"),
            Number("any-order NLL, nats per word"),
            Text("TC [95%]"),
            Text("DTC [95%]")
        );
        foreach (var (name, e) in new[] { ("cross-entropy Δ̂_CE", r.CrossEntropy), ("entropies", r.Entropy) })
            correlations.Add(
                name,
                $"{e.Profile[^1]:F3}",
                $"{e.Tc:F3} [{e.TcLower:F3}, {e.TcUpper:F3}]",
                $"{e.Dtc:F3} [{e.DtcLower:F3}, {e.DtcUpper:F3}]"
            );
        md.Append(correlations).AppendLine();
        var any = r.Cells.FirstOrDefault(c => c.Schedule == "fixed" && c.Steps == r.Length);
        md.AppendLine("## Baselines\n");
        var baselines = new MarkdownTable(Text("model"), Text("nats per word [95%]"), Number("bits per character"));
        foreach (var (name, e) in new[] { ("position-wise unigram", r.Unigram), ("left-to-right bigram", r.Bigram) })
            baselines.Add(name, $"{e.Mean:F3} [{e.Lower:F3}, {e.Upper:F3}]", $"{r.BitsPerChar(e.Mean):F4}");
        if (any is not null)
            baselines.Add(
                $"the model, K = L = {r.Length} (`fixed`: one character a step)",
                $"{any.Nll.Mean:F3} [{any.Nll.Lower:F3}, {any.Nll.Upper:F3}]",
                $"{r.BitsPerChar(any.Nll.Mean):F4}"
            );
        md.Append(baselines);
        if (any is not null)
        {
            var beats = any.Nll.Upper < r.Unigram.Lower && any.Nll.Upper < r.Bigram.Lower;
            md.AppendLine(
                $"\nAt K = L the model {(beats ? "beats" : "does **not** beat")} both baselines (interval against "
                    + "interval).\n"
            );
        }
        md.AppendLine("## Held-out NLL, bits per character [95%]\n");
        var steps = r.Cells.Select(c => c.Steps).Distinct().ToList();
        var nll = new MarkdownTable([Text("schedule"), .. steps.Select(k => Text($"K = {k}"))]);
        foreach (var name in WordsStudy.Schedules)
            nll.Add([
                name,
                .. steps.Select(k =>
                    r.Cells.FirstOrDefault(c => c.Schedule == name && c.Steps == k) is { } c
                        ? $"{r.BitsPerChar(c.Nll.Mean):F3} [{r.BitsPerChar(c.Nll.Lower):F3}, "
                            + $"{r.BitsPerChar(c.Nll.Upper):F3}]"
                        : "–"
                ),
            ]);
        md.Append(nll);
        md.AppendLine(
            "\nEach cell is the mean over the scoring lines of Σ_k Σ_{i∈B_k} −ln p̂(x_i | x_S), one uniform order per "
                + "line shared by every schedule. Its expectation is the any-order NLL plus the schedule's KL.\n"
        );
        md.AppendLine("## The promise: `plugin` against the best agnostic schedule\n");
        var goals = new MarkdownTable(
            Number("K"),
            Text("best agnostic"),
            Text("plugin − best, bits per character [95%]"),
            Text("holds"),
            Number("plugin-hedged / plugin"),
            Text("within 5%")
        );
        foreach (var g in r.Goals)
            goals.Add(
                $"{g.Steps}",
                g.BestAgnostic,
                $"{g.PluginMinusBest.Mean:+0.0000;-0.0000} [{g.PluginMinusBest.Lower:+0.0000;-0.0000}, "
                    + $"{g.PluginMinusBest.Upper:+0.0000;-0.0000}]",
                g.PluginHolds ? "yes" : "**no**",
                $"{g.HedgedOverPlugin:F4}",
                g.HedgedHolds ? "yes" : "**no**"
            );
        md.Append(goals);
        md.AppendLine(
            "\nThe difference is paired (the same lines and orders); it holds when its interval reaches 0 or below.\n"
        );
        md.AppendLine("## The cross-entropy accounting\n");
        md.AppendLine(
            "The NLL that Δ̂_CE predicts, Σ_k E[s_k·Δ̂_CE(m_{k−1})] from the schedule's exact kernel "
                + "(calibration half), against the NLL measured on the scoring half, nats per word:\n"
        );
        var accounting = new MarkdownTable(Text("schedule"), Number("K"), Number("accounted"), Text("measured [95%]"));
        foreach (var c in r.Cells)
            accounting.Add(
                c.Schedule,
                $"{c.Steps}",
                $"{c.AccountedNll:F3}",
                $"{c.Nll.Mean:F3} [{c.Nll.Lower:F3}, {c.Nll.Upper:F3}]"
            );
        md.Append(accounting);
        md.AppendLine("\n## Free-running samples\n");
        var samples = new MarkdownTable(
            Text("schedule"),
            Number("K"),
            Number("valid"),
            Number("novel"),
            Text("first samples")
        );
        foreach (var c in r.Cells)
            samples.Add(
                c.Schedule,
                $"{c.Steps}",
                $"{c.ValidRate:F3}",
                $"{c.NovelRate:F3}",
                string.Join(" ", c.Examples)
            );
        md.Append(samples);
        md.AppendLine(
            "\nValid: the sample is a line of the corpus (training or held-out). Novel: valid, and not a training "
                + "line.\n"
        );
        foreach (var plot in plots)
            md.AppendLine($"![{plot}]({plot})\n");
        return md.ToString();
    }
}
