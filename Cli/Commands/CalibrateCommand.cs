using System.CommandLine;
using Dlm.Datasets;
using Dlm.Datasets.Text;
using Dlm.Sampling.Calibration;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Training;
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
        var model = new ModelOptions("A trained predictor (dlm train directory).");
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
        var estimator = new Option<string?>("--estimator")
        {
            Description =
                "What --out saves: entropy or cross-entropy (default: cross-entropy with --text, else entropy).",
        };
        var output = new Option<string?>("--out") { Description = "Write the estimate (JSON) here." };
        var seed = CommonOptions.Seed();
        var command = new Command(
            "calibrate",
            "Estimate Δ(m) from a predictor: its entropies H(p̂(· | x_S)) and its cross-entropy −ln p̂(x_i | x_S) on "
                + "the data, with intervals, a monotone fit, and the implied TC and DTC."
        )
        {
            dist,
            text,
            estimator,
            samples,
            output,
            seed,
        };
        foreach (var option in model.All)
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var n = parsed.GetValue(samples);
            if (n < 2)
                throw new ArgumentOutOfRangeException(nameof(samples), n, "--samples must be ≥ 2.");
            var root = new RandomStreams(parsed.GetValue(seed));
            var data = parsed.GetValue(dist) is { } spec ? DistributionSpec.Parse(spec) : null;
            var lines = parsed.GetValue(text);
            if (data is not null && lines is not null)
                throw new ArgumentException("give at most one of --dist and --text.", nameof(text));
            using var trained = model.Load(parsed);
            IMaskPredictor predictor =
                trained
                ?? (IMaskPredictor?)(data is null ? null : new OraclePredictor(data))
                ?? throw new ArgumentException("give --model, --dist, or both.", nameof(model));
            if (data is not null)
                predictor.EnsureMatches(data, nameof(dist));
            var saved = parsed.GetValue(estimator) switch
            {
                null => lines is null ? ProfileEstimator.Entropy : ProfileEstimator.CrossEntropy,
                "entropy" => ProfileEstimator.Entropy,
                "cross-entropy" => ProfileEstimator.CrossEntropy,
                var other => throw new ArgumentException(
                    $"--estimator '{other}' is not entropy or cross-entropy.",
                    nameof(estimator)
                ),
            };
            // Without data, x comes from the model's own free-running outputs, one token a step.
            var sequences =
                lines is not null ? HeldOutLines(lines, trained, model.Directory(parsed))
                : data is not null ? ProfileCalibration.FromData(data, n, root.Split(0))
                : new UnmaskingSampler(
                    predictor,
                    new SamplerOptions(ScheduleCatalog.Create("fixed", predictor.Length, predictor.Length))
                )
                    .Sample(n, root.Split(0))
                    .Sequences;
            var source =
                $"{(trained is null ? "oracle" : model.Directory(parsed))} on "
                + $"{lines ?? data?.Spec ?? "its own samples"}";
            var (entropy, crossEntropy) = ProfileCalibration.EstimateBoth(predictor, sequences, source, root.Split(1));
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
            console.Human.MarkupLine($"[bold]{Markup.Escape(source)}[/], {sequences.Length} sequences per m");
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

    /// <summary>Every line of a text file, encoded with the text model's vocabulary; a bad line is named.</summary>
    private static int[][] HeldOutLines(string path, TorchPredictor? model, string? directory)
    {
        var vocabulary =
            model?.Config.Text
            ?? throw new ArgumentException(
                $"--text needs a text model (dlm train --text); '{directory}' is not one.",
                nameof(model)
            );
        var lines = TextCorpus.Read(path);
        var sequences = new int[lines.Count][];
        foreach (var (line, i) in lines.Select((line, i) => (line, i)))
        {
            sequences[i] = new int[model.Length];
            if (!vocabulary.TryEncode(line.Text, sequences[i], out var problem))
                throw new ArgumentException($"{path}, line {line.Number}: {problem}", nameof(path));
        }
        if (sequences.Length < 2)
            throw new ArgumentException($"'{path}' has {sequences.Length} line; calibration needs 2.", nameof(path));
        return sequences;
    }
}
