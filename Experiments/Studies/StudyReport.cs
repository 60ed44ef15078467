using System.Globalization;
using System.Text;
using Dlm.Experiments.Tables;
using Dlm.Sampling.Estimators;
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
    /// One row per decoder: its NLL (nats per sequence, bits per unit and interval), the entropy it spent, its steps
    /// on the data and in its samples (mean, sd, 10%, 50% and 90% quantiles, max), the best schedule with no more
    /// steps and the paired difference, and the valid and novel rates.
    /// </summary>
    public static string DecodersCsv(StudyResult result)
    {
        var unit = result.Unit == "character" ? "char" : result.Unit;
        return new CsvTable<StudyDecoderCell>(
            ("decoder", c => c.Decoder),
            ("nll_nats_per_sequence", c => c.Nll.Mean),
            ($"nll_bits_per_{unit}", c => result.BitsPerUnit(c.Nll.Mean)),
            ("nll_lower", c => result.BitsPerUnit(c.Nll.Lower)),
            ("nll_upper", c => result.BitsPerUnit(c.Nll.Upper)),
            ("entropy_nats_per_sequence", c => c.Entropy),
            ("nfe_on_data", c => c.NfeOnData.Mean),
            ("nfe_sampled", c => c.NfeSampled?.Mean ?? double.NaN),
            ("nfe_sampled_sd", c => c.NfeSampled?.StandardDeviation ?? double.NaN),
            ("nfe_p10", c => c.NfeSampled?.Quantile(0.1) ?? double.NaN),
            ("nfe_median", c => c.NfeSampled?.Quantile(0.5) ?? double.NaN),
            ("nfe_p90", c => c.NfeSampled?.Quantile(0.9) ?? double.NaN),
            ("nfe_max", c => c.NfeSampled?.Quantile(1) ?? double.NaN),
            ("versus_schedule", c => c.Versus?.Schedule ?? ""),
            ("versus_K", c => c.Versus?.Steps ?? double.NaN),
            ("decoder_minus_schedule", c => c.Versus?.DecoderMinusSchedule.Mean ?? double.NaN),
            ("difference_lower", c => c.Versus?.DecoderMinusSchedule.Lower ?? double.NaN),
            ("difference_upper", c => c.Versus?.DecoderMinusSchedule.Upper ?? double.NaN),
            ("valid_rate", c => c.ValidRate),
            ("novel_rate", c => c.NovelRate),
            ("exact_kl_nats", c => c.ExactKl ?? double.NaN)
        ).Write(result.Decoders);
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
        md.AppendLine("## The model against count baselines\n");
        var baselines = new MarkdownTable(
            Text("model"),
            Text("nats per sequence [95%]"),
            Text($"bits per {unit} [95%]")
        );
        var samplerLaw = $"the model's K = L sampler, its own law (mean probability over {r.Orders} orders)";
        foreach (
            var (name, score) in r
                .Baselines.Select(b => (b.Name, b.Nll))
                .Concat([
                    ($"the model, any order (K = L = {r.Length}, `fixed`: one {unit} a step)", r.AnyOrder),
                    ($"the model, left to right (one {unit} a step in position order)", r.LeftToRight),
                ])
                .Concat(r.SamplerLaw is { } law ? [(samplerLaw, law)] : [])
        )
            baselines.Add(
                name,
                Interval(score.Mean, score.Lower, score.Upper, "F3"),
                Interval(r.BitsPerUnit(score.Mean), r.BitsPerUnit(score.Lower), r.BitsPerUnit(score.Upper), "F4")
            );
        md.Append(baselines);
        md.AppendLine(
            "\nThe count models are fitted on the training split and, like the model, scored on the scoring half; "
                + "Kneser–Ney is interpolated, with discount 0.75. An n-gram has only the left-to-right order; the "
                + "model's any-order NLL, E_σ[−ln p̂_σ(x)] over uniform orders σ, is what the schedules above "
                + "build on. "
                + "The K = L sampler draws x from the mixture p̄(x) = E_σ p̂_σ(x), whose NLL is lower wherever the "
                + "model's conditionals disagree across orders; "
                + (
                    r.SamplerLaw is null
                        ? "`--orders N` bounds it.\n"
                        : $"−ln of the mean of p̂_σ(x) over {r.Orders} orders bounds it from above in expectation.\n"
                )
        );
        if (r.VersusBest is { } versus)
        {
            var paired = new MarkdownTable(
                Text("the model's order"),
                Text($"model − {versus.Baseline}, bits per {unit} [95%]"),
                Text("beats it")
            );
            var rows = new List<(string Order, MonteCarloEstimate Difference)>
            {
                ("any order", versus.AnyOrderMinusBaseline),
                ("left to right", versus.LeftToRightMinusBaseline),
            };
            if (versus.SamplerLawMinusBaseline is { } law)
                rows.Add(("the K = L sampler's own law", law));
            foreach (var (order, difference) in rows)
                paired.Add(
                    order,
                    Interval(difference.Mean, difference.Lower, difference.Upper, "+0.0000;-0.0000"),
                    difference.Upper < 0 ? "yes" : "**no**"
                );
            md.AppendLine($"Against the best baseline, {versus.Baseline}, paired on the same sequences:\n");
            md.Append(paired).AppendLine();
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
        if (r.Decoders.Count > 0)
            md.Append(Decoders(r));
        if (r.Cells.Any(c => c.ExactKl is not null))
            md.Append(ExactKls(r));
        foreach (var plot in plots)
            md.AppendLine($"![{plot}]({plot})\n");
        return md.ToString();
    }

    /// <summary>The decoders against the schedules at equal expected steps, and what they sample.</summary>
    private static string Decoders(StudyResult r)
    {
        var unit = r.Unit;
        var md = new StringBuilder();
        md.AppendLine("## Decoders: NLL against expected steps\n");
        md.AppendLine(
            "Each decoder sizes every step from the model's own laws, so its steps are random. Teacher-forced along a "
                + "scoring sequence x, its path is the only one that outputs x, so its NLL is −ln q(x) for its output "
                + "law q. It is compared, paired on the same sequences, with the schedule of least NLL among those "
                + "with K ≤ its E[NFE] (over its samples): an interval above 0 means a schedule spends no more steps "
                + "for a lower NLL, and the decoder reveals too much per step for this model. The entropy is Σ H(p̂) "
                + "over the positions it revealed, what it believed it spent; an NLL above it is the model's "
                + "overconfidence at the positions it chose.\n"
        );
        var table = new MarkdownTable(
            Text("decoder"),
            Text($"NLL, bits per {unit} [95%]"),
            Number("NLL / entropy"),
            Number("E[NFE] on the data"),
            Text("sampled NFE: mean ± sd (10%, 50%, 90%, max)"),
            Text("best schedule, K ≤ E[NFE]"),
            Text($"decoder − it, bits per {unit} [95%]"),
            Text("reveals too much")
        );
        foreach (var c in r.Decoders)
            table.Add(
                c.Decoder,
                Interval(r.BitsPerUnit(c.Nll.Mean), r.BitsPerUnit(c.Nll.Lower), r.BitsPerUnit(c.Nll.Upper), "F3"),
                c.Entropy > 0 ? $"{c.Nll.Mean / c.Entropy:F3}" : "–",
                $"{c.NfeOnData.Mean:F2}",
                c.NfeSampled is { } n
                    ? $"{n.Mean:F2} ± {n.StandardDeviation:F2} ({n.Quantile(0.1)}, {n.Quantile(0.5)}, "
                        + $"{n.Quantile(0.9)}, {n.Quantile(1)})"
                    : "–",
                c.Versus is { } v ? $"`{v.Schedule}`, K = {v.Steps}" : "none that cheap",
                c.Versus is { } w
                    ? Interval(
                        w.DecoderMinusSchedule.Mean,
                        w.DecoderMinusSchedule.Lower,
                        w.DecoderMinusSchedule.Upper,
                        "+0.0000;-0.0000"
                    )
                    : "–",
                c.Versus is null ? "–"
                    : c.Versus.Dominated ? "**yes**"
                    : "no"
            );
        md.Append(table);
        md.AppendLine("\n### Decoder samples\n");
        var samples = new MarkdownTable(Text("decoder"), Number("valid"), Number("novel"), Text("first samples"));
        foreach (var c in r.Decoders)
            samples.Add(c.Decoder, Rate(c.ValidRate), Rate(c.NovelRate), string.Join(" ", c.Examples));
        md.Append(samples).AppendLine();
        return md.ToString();
    }

    /// <summary>The exact KL of every sampler driven by the model, where the data's law is known and small.</summary>
    private static string ExactKls(StudyResult r)
    {
        var md = new StringBuilder();
        md.AppendLine("## Exact KL(p ‖ q) with this model\n");
        md.AppendLine(
            "The data's distribution p is known and L, q are small, so the sampler driven by the model is enumerated "
                + "exactly: KL(p ‖ q) of its output law, nats, random positions for the schedules. It holds the "
                + "model's own error and the schedule's (or decoder's).\n"
        );
        var steps = r.Cells.Select(c => c.Steps).Distinct().ToList();
        var table = new MarkdownTable([Text("schedule"), .. steps.Select(k => Number($"K = {k}"))]);
        foreach (var name in ScheduleStudy.Schedules)
            table.Add([
                name,
                .. steps.Select(k =>
                    r.Cells.FirstOrDefault(c => c.Schedule == name && c.Steps == k)?.ExactKl is { } kl
                        ? $"{kl:F4}"
                        : "–"
                ),
            ]);
        md.Append(table).AppendLine();
        if (r.Decoders.Count == 0)
            return md.ToString();
        var decoders = new MarkdownTable(Text("decoder"), Number("E[NFE], sampled"), Number("KL(p ‖ q)"));
        foreach (var c in r.Decoders)
            decoders.Add(c.Decoder, $"{c.MeanNfe:F2}", c.ExactKl is { } kl ? $"{kl:F4}" : "–");
        md.Append(decoders).AppendLine();
        return md.ToString();
    }

    /// <summary>"mean [lower, upper]" in <paramref name="format"/>, culture-invariant.</summary>
    internal static string Interval(double mean, double lower, double upper, string format) =>
        $"{F(mean, format)} [{F(lower, format)}, {F(upper, format)}]";

    private static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);

    private static string Rate(double rate) => double.IsNaN(rate) ? "–" : $"{rate:F3}";
}
