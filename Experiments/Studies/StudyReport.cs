using System.Globalization;
using System.Text;
using Dlm.Experiments.Tables;
using static Dlm.Experiments.Tables.MarkdownColumn;

namespace Dlm.Experiments.Studies;

/// <summary>Writes a schedule study's <c>study.csv</c> and <c>report.md</c>.</summary>
public static class StudyReport
{
    /// <summary>
    /// One row per cell: schedule, K, NLL in nats per sequence and bits per unit with the interval in bits per unit,
    /// and the valid and novel rates of the free-running samples.
    /// </summary>
    public static string Csv(StudyResult result)
    {
        var unit = result.Unit == "character" ? "char" : result.Unit;
        return new CsvTable<StudyCell>(
            ("schedule", c => c.Schedule),
            ("K", c => c.Steps),
            (result.Unit == "character" ? "nll_nats_per_word" : "nll_nats_per_sequence", c => c.Nll.Mean),
            ($"nll_bits_per_{unit}", c => result.BitsPerUnit(c.Nll.Mean)),
            ("nll_lower", c => result.BitsPerUnit(c.Nll.Lower)),
            ("nll_upper", c => result.BitsPerUnit(c.Nll.Upper)),
            ("valid_rate", c => c.ValidRate),
            ("novel_rate", c => c.NovelRate)
        ).Write(result.Cells);
    }

    /// <summary>
    /// The report: the recommendation, the data, the profile, TC and DTC, the baselines, the schedules and the promise.
    /// </summary>
    public static string Markdown(StudyResult r, string model, IReadOnlyList<string> plots)
    {
        var unit = r.Unit;
        var md = new StringBuilder();
        md.AppendLine($"# Which schedule to sample {r.Source} with\n");
        md.AppendLine($"Model: {model}.\n");
        md.AppendLine("## The recommendation\n");
        var recommendation = new MarkdownTable(
            Number("K"),
            Text("least held-out NLL"),
            Text($"bits per {unit} [95%]"),
            Text($"fixed − it, bits per {unit} [95%]")
        );
        foreach (var c in r.Recommendations)
            recommendation.Add(
                $"{c.Steps}",
                $"`{c.Schedule}`",
                Interval(r.BitsPerUnit(c.Nll.Mean), r.BitsPerUnit(c.Nll.Lower), r.BitsPerUnit(c.Nll.Upper), "F3"),
                c.FixedMinusBest is { } gain ? Interval(gain.Mean, gain.Lower, gain.Upper, "+0.0000;-0.0000") : "–"
            );
        md.Append(recommendation);
        md.AppendLine(
            $"\nAt each K, the schedule whose teacher-forced NLL on the scoring half is least, and how much it saves "
                + $"against `fixed` (equal sizes, LLaDA's default), paired on the same sequences and orders. "
                + $"An interval that stays above 0 is a saving the data shows.\n"
        );
        md.AppendLine("## The data\n");
        md.AppendLine(
            $"L = {r.Length}, q = {r.Alphabet}. {r.Notes} The held-out sequences are halved: {r.CalibrationLines:N0} "
                + $"calibrate Δ̂, {r.EvaluationLines:N0} score the schedules. A scored sequence counts "
                + $"{r.UnitsPerSequence:F3} {unit}s on average"
                + (unit == "character" ? " (its letters and its first end symbol).\n" : ".\n")
        );
        md.AppendLine("## The information profile\n");
        if (r.Grid is { } grid)
            md.AppendLine(
                $"Δ̂ was measured at {grid.Count} values of m ({string.Join(", ", grid)}) and interpolated linearly "
                    + "between them.\n"
            );
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
            Number("any-order NLL, nats per sequence"),
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
        if (r.Baselines.Count > 0)
        {
            md.AppendLine("## Baselines\n");
            var baselines = new MarkdownTable(
                Text("model"),
                Text("nats per sequence [95%]"),
                Number($"bits per {unit}")
            );
            foreach (var b in r.Baselines)
                baselines.Add(
                    b.Name,
                    Interval(b.Nll.Mean, b.Nll.Lower, b.Nll.Upper, "F3"),
                    $"{r.BitsPerUnit(b.Nll.Mean):F4}"
                );
            if (any is not null)
                baselines.Add(
                    $"the model, K = L = {r.Length} (`fixed`: one {unit} a step)",
                    Interval(any.Nll.Mean, any.Nll.Lower, any.Nll.Upper, "F3"),
                    $"{r.BitsPerUnit(any.Nll.Mean):F4}"
                );
            md.Append(baselines);
            if (any is not null)
            {
                var beats = r.Baselines.All(b => any.Nll.Upper < b.Nll.Lower);
                md.AppendLine(
                    $"\nAt K = L the model {(beats ? "beats" : "does **not** beat")} every baseline (interval against "
                        + "interval).\n"
                );
            }
        }
        md.AppendLine($"## Held-out NLL, bits per {unit} [95%]\n");
        var steps = r.Cells.Select(c => c.Steps).Distinct().ToList();
        var nll = new MarkdownTable([Text("schedule"), .. steps.Select(k => Text($"K = {k}"))]);
        foreach (var name in ScheduleStudy.Schedules)
            nll.Add([
                name,
                .. steps.Select(k =>
                    r.Cells.FirstOrDefault(c => c.Schedule == name && c.Steps == k) is { } c
                        ? Interval(
                            r.BitsPerUnit(c.Nll.Mean),
                            r.BitsPerUnit(c.Nll.Lower),
                            r.BitsPerUnit(c.Nll.Upper),
                            "F3"
                        )
                        : "–"
                ),
            ]);
        md.Append(nll);
        md.AppendLine(
            "\nEach cell is the mean over the scoring sequences of Σ_k Σ_{i∈B_k} −ln p̂(x_i | x_S), one uniform order "
                + "per sequence shared by every schedule. Its expectation is the any-order NLL plus the schedule's "
                + "KL.\n"
        );
        md.AppendLine("## The promise: `plugin` against the best agnostic schedule\n");
        var goals = new MarkdownTable(
            Number("K"),
            Text("best agnostic"),
            Text($"plugin − best, bits per {unit} [95%]"),
            Text("holds"),
            Number("plugin-hedged / plugin"),
            Text("within 5%")
        );
        foreach (var g in r.Goals)
            goals.Add(
                $"{g.Steps}",
                g.BestAgnostic,
                Interval(g.PluginMinusBest.Mean, g.PluginMinusBest.Lower, g.PluginMinusBest.Upper, "+0.0000;-0.0000"),
                g.PluginHolds ? "yes" : "**no**",
                $"{g.HedgedOverPlugin:F4}",
                g.HedgedHolds ? "yes" : "**no**"
            );
        md.Append(goals);
        md.AppendLine(
            "\nThe difference is paired (the same sequences and orders); it holds when its interval reaches 0 or "
                + "below.\n"
        );
        md.AppendLine("## The cross-entropy accounting\n");
        md.AppendLine(
            "The NLL that Δ̂_CE predicts, Σ_k E[s_k·Δ̂_CE(m_{k−1})] from the schedule's exact kernel "
                + "(calibration half), against the NLL measured on the scoring half, nats per sequence:\n"
        );
        var accounting = new MarkdownTable(Text("schedule"), Number("K"), Number("accounted"), Text("measured [95%]"));
        foreach (var c in r.Cells)
            accounting.Add(
                c.Schedule,
                $"{c.Steps}",
                $"{c.AccountedNll:F3}",
                Interval(c.Nll.Mean, c.Nll.Lower, c.Nll.Upper, "F3")
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
            samples.Add(c.Schedule, $"{c.Steps}", Rate(c.ValidRate), Rate(c.NovelRate), string.Join(" ", c.Examples));
        md.Append(samples);
        md.AppendLine(
            "\nValid: the sample is a sequence of the data (training or held-out). Novel: valid, and not a training "
                + "sequence (– without a training split).\n"
        );
        foreach (var plot in plots)
            md.AppendLine($"![{plot}]({plot})\n");
        return md.ToString();
    }

    private static string Interval(double mean, double lower, double upper, string format) =>
        $"{F(mean, format)} [{F(lower, format)}, {F(upper, format)}]";

    private static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);

    private static string Rate(double rate) => double.IsNaN(rate) ? "–" : $"{rate:F3}";
}
