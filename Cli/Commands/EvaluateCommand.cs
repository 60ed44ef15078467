using System.CommandLine;
using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Training;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm evaluate</c>: how far a trained predictor stands from the oracle, and how the total sampling error
/// splits into the schedule's exact part and the predictor's part.
/// </summary>
internal static class EvaluateCommand
{
    internal sealed record EvaluateReport(
        string Model,
        string Dist,
        double Entropy,
        double Elbo,
        double ElboLower,
        double ElboUpper,
        double PredictorKlPerToken,
        double PredictorKlLower,
        double PredictorKlUpper,
        string Schedule,
        int Steps,
        double ScheduleKl,
        double PredictorKl,
        double PredictorKlCiLower,
        double PredictorKlCiUpper,
        double TotalKl,
        double TotalKlLower,
        double TotalKlUpper,
        double ValidRate,
        int Samples,
        int Draws);

    public static Command Create(CommandConsole console)
    {
        var model = new Option<string>("--model") { Description = "A checkpoint directory written by dlm train.", Required = true };
        var dist = CommonOptions.Dist();
        var schedule = new Option<string>("--schedule") { Description = "Schedule for the error split.", DefaultValueFactory = _ => "linear" };
        var steps = new Option<int?>("--steps", "-K") { Description = "K for the error split (default L/2)." };
        var draws = new Option<int>("--draws") { Description = "Monte Carlo draws for each estimate.", DefaultValueFactory = _ => 2000 };
        var samples = new Option<int>("--samples") { Description = "Free-running samples for the support (validity) rate.", DefaultValueFactory = _ => 500 };
        var device = new Option<string>("--device") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };
        var seed = CommonOptions.Seed();
        var profileFile = CommonOptions.Profile();
        var json = CommonOptions.Json();
        var command = new Command("evaluate", "Compare a trained predictor with the oracle: ELBO, per-token KL, and the split of the sampling error.")
        {
            model, dist, schedule, steps, draws, samples, device, seed, profileFile, json,
        };
        command.SetAction(parsed =>
        {
            var truth = DistributionSpec.Parse(parsed.GetValue(dist)!);
            using var predictor = TorchPredictor.Load(parsed.GetValue(model)!, parsed.GetValue(device)!);
            predictor.EnsureMatches(truth, nameof(model));
            var n = parsed.GetValue(draws);
            var root = new RandomStreams(parsed.GetValue(seed));
            var k = parsed.GetValue(steps) ?? Math.Max(1, truth.Length / 2);
            var chosen = ScheduleCatalog.Create(parsed.GetValue(schedule)!, truth.Length, k, false, truth.Profile, CommonOptions.Estimate(parsed, profileFile));
            var elbo = AnyOrderElbo.Estimate(truth, predictor, n, root.Split(0));
            var divergence = PredictorDivergence.PerToken(truth, predictor, n, root.Split(1));
            var split = TeacherForcedKl.Estimate(truth, predictor, chosen, n, root.Split(2));
            var count = parsed.GetValue(samples);
            var valid = count > 0
                ? new UnmaskingSampler(predictor, new SamplerOptions(chosen)).Sample(count, root.Split(3)).Sequences.Count(x => truth.InSupport(x))
                : 0;
            var exact = chosen.Error(truth.Profile).ExpectedKl;
            var report = new EvaluateReport(parsed.GetValue(model)!, truth.Spec, truth.Profile.Entropy, elbo.Mean, elbo.Lower, elbo.Upper,
                divergence.Mean, divergence.Lower, divergence.Upper, chosen.Name, k, exact, split.Predictor.Mean, split.Predictor.Lower, split.Predictor.Upper,
                split.Total.Mean, split.Total.Lower, split.Total.Upper, count > 0 ? (double)valid / count : double.NaN, count, n);
            if (parsed.GetValue(json)) console.Json(report);
            else Print(console.Human, report);
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, EvaluateReport r)
    {
        console.MarkupLine($"[bold]{Markup.Escape(r.Model)}[/] on {Markup.Escape(r.Dist)} ({r.Draws} draws, 95% intervals)");
        var table = new Table().AddColumns("quantity", "nats");
        table.AddText("H(X) (exact)", $"{r.Entropy:F4}");
        table.AddText("ELBO, any-order NLL bound (per sequence)", $"{r.Elbo:F4}  [{r.ElboLower:F4}, {r.ElboUpper:F4}]");
        table.AddText("KL(oracle ‖ model) per token", $"{r.PredictorKlPerToken:F4}  [{r.PredictorKlLower:F4}, {r.PredictorKlUpper:F4}]");
        table.AddText($"{r.Schedule}, K = {r.Steps}: schedule error (exact)", $"{r.ScheduleKl:F4}");
        table.AddText($"{r.Schedule}, K = {r.Steps}: predictor error", $"{r.PredictorKl:F4}  [{r.PredictorKlCiLower:F4}, {r.PredictorKlCiUpper:F4}]");
        table.AddText($"{r.Schedule}, K = {r.Steps}: total (teacher-forced)", $"{r.TotalKl:F4}  [{r.TotalKlLower:F4}, {r.TotalKlUpper:F4}]");
        table.AddText("free-running samples in the support of p", r.Samples > 0 ? $"{r.ValidRate:P1} of {r.Samples}" : "not sampled");
        console.Write(table);
    }
}
