using System.CommandLine;
using Dlm.Datasets;
using Dlm.Sampling.Calibration;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm calibrate</c>: estimate the entropy profile from a predictor's own entropies, for the
/// <c>plugin</c> and <c>plugin-hedged</c> schedules.
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
        var output = new Option<string?>("--out") { Description = "Write the estimate (JSON) here." };
        var seed = CommonOptions.Seed();
        var command = new Command(
            "calibrate",
            "Estimate Δ(m) = E H(X_i | X_S) from a predictor's entropies, with intervals, a monotone fit, and the "
                + "implied TC and DTC."
        )
        {
            dist,
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
            using var trained = model.Load(parsed);
            IMaskPredictor predictor =
                trained
                ?? (IMaskPredictor?)(data is null ? null : new OraclePredictor(data))
                ?? throw new ArgumentException("give --model, --dist, or both.", nameof(model));
            if (data is not null)
                predictor.EnsureMatches(data, nameof(dist));
            // Without data, x comes from the model's own free-running outputs, one token a step.
            var sequences = data is not null
                ? ProfileCalibration.FromData(data, n, root.Split(0))
                : new UnmaskingSampler(
                    predictor,
                    new SamplerOptions(ScheduleCatalog.Create("fixed", predictor.Length, predictor.Length))
                )
                    .Sample(n, root.Split(0))
                    .Sequences;
            var source =
                $"{(trained is null ? "oracle" : model.Directory(parsed))} on "
                + $"{(data is null ? "its own samples" : data.Spec)}";
            var estimate = ProfileCalibration.Estimate(predictor, sequences, source, root.Split(1));
            if (parsed.GetValue(output) is { } path)
                estimate.Save(path);
            var table = new Table().AddColumns("m", "Δ̂(m)", "95% interval", "monotone fit", "f̂(m+1)");
            for (var m = 0; m < estimate.Length; m++)
                table.AddText(
                    $"{m}",
                    $"{estimate.Delta[m]:F4}",
                    $"[{estimate.DeltaLower[m]:F4}, {estimate.DeltaUpper[m]:F4}]",
                    $"{estimate.DeltaIsotonic[m]:F4}",
                    $"{estimate.Profile[m + 1]:F4}"
                );
            console.Human.MarkupLine($"[bold]{Markup.Escape(source)}[/], {n} sequences per m");
            console.Human.Write(table);
            console.Human.MarkupLine(
                $"implied TC ≈ {estimate.Tc:F4}, DTC ≈ {estimate.Dtc:F4}, H ≈ {estimate.Profile[^1]:F4} nats"
            );
            return 0;
        });
        return command;
    }
}
