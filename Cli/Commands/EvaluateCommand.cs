using System.CommandLine;
using Dlm.Datasets;
using Dlm.Experiments.Diagnostics;
using Dlm.Experiments.Training;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm evaluate</c>: how far a trained predictor stands from the oracle, and how the total sampling error
/// splits into the schedule's exact part and the predictor's part.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CommandConsole console)
    {
        var model = new ModelOptions("The model to evaluate.", required: true);
        var dist = CommonOptions.Dist(required: false);
        var data = new DataOptions();
        var schedule = ScheduleOptions.WithDefaults();
        var draws = new Option<int>("--draws")
        {
            Description = "Monte Carlo draws for each estimate.",
            DefaultValueFactory = _ => 2000,
        };
        var samples = new Option<int>("--samples")
        {
            Description = "Free-running samples for the support (validity) rate.",
            DefaultValueFactory = _ => 500,
        };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var output = CommonOptions.OptionalOut(
            "Write the predictor KL against the revealed count m to DIR/predictor-kl-by-m.png."
        );
        var command = new Command(
            "evaluate",
            "Compare a predictor with the oracle of --dist (ELBO, per-token KL, the split of the sampling error), or "
                + "score it on --data (any-order NLL, a schedule's NLL and the KL it adds)."
        )
        {
            dist,
            draws,
            samples,
            seed,
            json,
            output,
        };
        foreach (var option in model.All.Concat(schedule.All).Concat(data.All))
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var truth = parsed.GetValue(dist) is { } spec ? DistributionSpec.Parse(spec) : null;
            if ((truth is null) == (data.File(parsed) is null))
                throw new ArgumentException("give exactly one of --dist and --data.", nameof(dist));
            using var loaded = model.Load(parsed, truth?.Length ?? data.Length(parsed))!;
            var predictor = loaded.Predictor;
            var seeds = new RandomStreams(parsed.GetValue(seed));
            if (truth is null)
            {
                var onData = DataEvaluation.Of(
                    loaded.Description,
                    predictor,
                    data.Read(parsed, loaded)!,
                    schedule.Create(parsed, predictor.Length, null),
                    schedule.Steps(parsed, predictor.Length),
                    seeds
                );
                if (parsed.GetValue(json))
                    console.Json(onData);
                else
                    Print(console.Human, onData);
                return 0;
            }
            var report = PredictorEvaluation.Of(
                model.Path(parsed)!,
                predictor,
                truth,
                schedule.Create(parsed, truth.Length, truth.Profile),
                schedule.Steps(parsed, truth.Length),
                parsed.GetValue(draws),
                parsed.GetValue(samples),
                seeds
            );
            if (parsed.GetValue(output) is { } directory)
                DivergencePlot.Write(
                    Path.Combine(directory, "predictor-kl-by-m.png"),
                    truth.Spec,
                    report.PredictorKlByRevealed
                );
            if (parsed.GetValue(json))
                console.Json(report);
            else
                Print(console.Human, report);
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, DataEvaluation r)
    {
        console.MarkupLine(
            $"[bold]{Markup.Escape(r.Model)}[/] on {Markup.Escape(r.Data)} ({r.Sequences} sequences, 95% intervals)"
        );
        var table = new Table().AddColumns("quantity", "nats per sequence");
        table.AddText("any-order NLL (one token a step, random order)", Interval(r.AnyOrderNll));
        table.AddText($"{r.Schedule}, K = {r.Steps}: teacher-forced NLL", Interval(r.ScheduleNll));
        table.AddText($"{r.Schedule}, K = {r.Steps}: the KL it adds (paired)", Interval(r.ScheduleKl));
        console.Write(table);
    }

    private static void Print(IAnsiConsole console, PredictorEvaluation r)
    {
        console.MarkupLine(
            $"[bold]{Markup.Escape(r.Model)}[/] on {Markup.Escape(r.Dist)} ({r.Draws} draws, 95% intervals)"
        );
        var table = new Table().AddColumns("quantity", "nats");
        table.AddText("H(X) (exact)", $"{r.Entropy:F4}");
        table.AddText("ELBO, any-order NLL bound (per sequence)", Interval(r.Elbo));
        table.AddText("KL(oracle ‖ model) per token", Interval(r.PredictorKlPerToken));
        for (var m = 0; m < r.PredictorKlByRevealed.Count; m++)
            table.AddText($"  … with m = {m} revealed", Interval(r.PredictorKlByRevealed[m]));
        table.AddText($"{r.Schedule}, K = {r.Steps}: schedule error (exact)", $"{r.ScheduleKl:F4}");
        table.AddText($"{r.Schedule}, K = {r.Steps}: predictor error", Interval(r.PredictorKl));
        table.AddText($"{r.Schedule}, K = {r.Steps}: total (teacher-forced)", Interval(r.TotalKl));
        table.AddText(
            "free-running samples in the support of p",
            r.Validity.Trials > 0
                ? $"{r.Validity.Rate:P1} of {r.Validity.Trials}  [{r.Validity.Lower:P1}, {r.Validity.Upper:P1}]"
                : "not sampled"
        );
        console.Write(table);
    }

    private static string Interval(MonteCarloEstimate e) => $"{e.Mean:F4}  [{e.Lower:F4}, {e.Upper:F4}]";
}
