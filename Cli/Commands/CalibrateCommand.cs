using System.CommandLine;
using Dlm.Cli.Options;
using Dlm.Datasets;
using Dlm.Datasets.Text;
using Dlm.Models;
using Dlm.Sampling.Calibration;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm calibrate</c>: estimate the entropy profile from a predictor, for the <c>plugin</c> and
/// <c>plugin-hedged</c> schedules, by both estimators: the predictor's entropies and its cross-entropy on the data.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(CommandConsole console)
    {
        var model = new ModelOptions("The predictor to calibrate.");
        var data = new DataOptions();
        var grid = new Option<int?>("--m-grid")
        {
            Description = "Measure Δ̂ at this many m, evenly spaced, and interpolate between them (long sequences).",
        };
        var dist = new Option<string?>("--dist")
        {
            Description = "Data for x; alone, it also supplies the predictor (its exact oracle).",
        };
        var samples = new Option<int>("--samples")
        {
            Description = "Sequences per revealed count m.",
            DefaultValueFactory = _ => 256,
        };
        var text = new Option<string?>("--text")
        {
            Description = "Held-out lines for a text model (UTF-8, one per line; every line is used).",
        };
        var estimator = new ChoiceOption<ProfileEstimator>(
            "--estimator",
            "What --out saves (default: cross-entropy with --text or --data, else entropy)."
        );
        var output = CommonOptions.OptionalOut("Write the estimate (JSON) here.");
        var seed = CommonOptions.Seed();
        var command = new Command(
            "calibrate",
            "Estimate Δ(m) from a predictor: its entropies H(p̂(· | x_S)) and its cross-entropy −ln p̂(x_i | x_S) on "
                + "the data, with intervals, a monotone fit, and the implied TC and DTC."
        )
        {
            dist,
            text,
            estimator.Option,
            samples,
            output,
            seed,
            grid,
        };
        foreach (var option in model.All.Concat(data.All))
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var distribution = parsed.GetValue(dist) is { } spec ? DistributionSpec.Parse(spec) : null;
            var lines = parsed.GetValue(text);
            if (new object?[] { distribution, lines, data.File(parsed) }.Count(x => x is not null) > 1)
                throw new ArgumentException("give at most one of --dist, --text and --data.", nameof(text));
            using var loaded = model.Load(parsed, distribution?.Length ?? data.Length(parsed));
            IMaskPredictor predictor =
                loaded?.Predictor
                ?? (IMaskPredictor?)(distribution is null ? null : new OraclePredictor(distribution))
                ?? throw new ArgumentException("give --model, --dist, or both.", nameof(model));
            if (distribution is not null)
                predictor.EnsureMatches(distribution, nameof(dist));
            var source =
                $"{(loaded is null ? "oracle" : model.Path(parsed))} on "
                + $"{lines ?? distribution?.Spec ?? data.File(parsed) ?? "its own samples"}";
            var sequences =
                lines is not null
                    ? TextLines.Encode(lines, TextVocabularyOf(loaded, model.Path(parsed)), predictor.Length)
                : loaded is null ? null
                : data.Read(parsed, loaded)?.Sequences;
            var (entropy, crossEntropy, count) = ProfileCalibration.Run(
                predictor,
                sequences,
                distribution,
                parsed.GetValue(samples),
                source,
                new RandomStreams(parsed.GetValue(seed)),
                parsed.GetValue(grid),
                data.PadId(parsed)
            );
            var saved =
                estimator.Get(parsed)
                ?? (lines is null && sequences is null ? ProfileEstimator.Entropy : ProfileEstimator.CrossEntropy);
            if (parsed.GetValue(output) is { } path)
                (saved == ProfileEstimator.Entropy ? entropy : crossEntropy).Save(path);
            var table = new Table().AddColumns(
                "m",
                "Δ̂_CE(m) [[95%]]",
                "Δ̂(m) from entropies [[95%]]",
                "monotone fit",
                "f̂(m+1)"
            );
            for (var m = 0; m < entropy.Length; m++)
                table.AddText(
                    $"{m}",
                    $"{crossEntropy.Delta[m]:F4} [{crossEntropy.DeltaLower[m]:F4}, {crossEntropy.DeltaUpper[m]:F4}]",
                    $"{entropy.Delta[m]:F4} [{entropy.DeltaLower[m]:F4}, {entropy.DeltaUpper[m]:F4}]",
                    $"{entropy.DeltaIsotonic[m]:F4}",
                    $"{entropy.Profile[m + 1]:F4}"
                );
            console.Human.MarkupLine($"[bold]{Markup.Escape(source)}[/], {count} sequences per m");
            console.Human.Write(table);
            foreach (var (name, e) in new[] { ("cross-entropy", crossEntropy), ("entropies", entropy) })
                console.Human.WriteLine(
                    $"{name}: any-order NLL ≈ {e.Profile[^1]:F4} nats, implied TC ≈ {e.Tc:F4} [{e.TcLower:F4}, "
                        + $"{e.TcUpper:F4}], DTC ≈ {e.Dtc:F4} [{e.DtcLower:F4}, {e.DtcUpper:F4}]"
                );
            return 0;
        });
        return command;
    }

    /// <summary>The characters of a text model; any other model fails, naming it.</summary>
    private static TextVocabulary TextVocabularyOf(LoadedPredictor? model, string? path) =>
        model?.Text
        ?? throw new ArgumentException(
            $"--text needs a text model (dlm train --text); '{path}' is not one.",
            nameof(model)
        );
}
