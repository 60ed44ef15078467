using System.CommandLine;
using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Theory;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary><c>dlm error</c>: the exact expected KL of a schedule, its bound, and the exact mixture KL where feasible.</summary>
internal static class ErrorCommand
{
    internal sealed record ErrorReport(
        string Schedule,
        int Steps,
        double ExpectedKl,
        double? Bound,
        string? BoundName,
        double Tc,
        double Dtc,
        double NfeMean,
        double? MixtureKl,
        string Positions,
        double? McExpectedKl,
        double? McLower,
        double? McUpper,
        int? McDraws);

    public static Command Create(CommandConsole console)
    {
        var dist = CommonOptions.Dist();
        var schedule = CommonOptions.Schedule();
        var steps = CommonOptions.Steps();
        var deterministic = CommonOptions.Deterministic();
        var profileFile = CommonOptions.Profile();
        var json = CommonOptions.Json();
        var positions = CommonOptions.Positions();
        var seed = CommonOptions.Seed();
        var mc = new Option<int>("--mc") { Description = "Also estimate E KL by teacher forcing with this many draws (95% interval)." };
        var command = new Command("error", "Print the exact expected KL of a schedule with the oracle predictor, next to its proven bound.")
        {
            dist, schedule, steps, deterministic, profileFile, positions, mc, seed, json,
        };
        command.SetAction(parsed =>
        {
            var distribution = DistributionSpec.Parse(parsed.GetValue(dist)!);
            var profile = distribution.Profile;
            var chosen = ScheduleCatalog.Create(parsed.GetValue(schedule)!, distribution.Length, parsed.GetValue(steps), parsed.GetValue(deterministic), profile, CommonOptions.Estimate(parsed, profileFile));
            var error = chosen.Error(profile);
            var bound = chosen.Bound(profile);
            var rule = PositionRules.Parse(parsed.GetValue(positions)!);
            var mixture = rule == PositionRule.Random ? distribution.MixtureKl(chosen.Kernel) : HeuristicMixture(distribution, chosen, rule);
            var draws = parsed.GetValue(mc);
            if (draws < 0 || draws == 1) throw new ArgumentOutOfRangeException(nameof(mc), draws, "--mc must be 0 (off) or ≥ 2 draws.");
            var estimate = draws > 0
                ? TeacherForcedKl.Estimate(distribution, new OraclePredictor(distribution), chosen, draws, new RandomStreams(parsed.GetValue(seed))).Total
                : null;
            var report = new ErrorReport(chosen.Name, parsed.GetValue(steps), error.ExpectedKl, bound.Value, bound.Name, profile.Tc, profile.Dtc,
                error.MeanNfe, mixture, parsed.GetValue(positions)!, estimate?.Mean, estimate?.Lower, estimate?.Upper, estimate?.Draws);
            if (parsed.GetValue(json)) console.Json(report);
            else Print(console.Human, distribution.Spec, report);
            return 0;
        });
        return command;
    }

    /// <summary>The exact mixture KL of a heuristic rule, by enumerating the sampler (tiny dense joints only).</summary>
    private static double? HeuristicMixture(IDiscreteDistribution distribution, ISizeSchedule schedule, PositionRule rule) =>
        distribution.Joint is { } joint && MixtureKl.IsFeasible(joint.Length, joint.Alphabet)
            ? EmpiricalLaw.Kl(joint, ExactSamplerLaw.Compute(new OraclePredictor(distribution), schedule, rule))
            : null;

    private static void Print(IAnsiConsole console, string spec, ErrorReport r)
    {
        console.MarkupLine($"[bold]{Markup.Escape(spec)}[/]  schedule {r.Schedule}, K = {r.Steps}");
        var table = new Table().AddColumns("quantity", "nats");
        table.AddText("E_π KL(p ‖ q_π)  (exact)", $"{r.ExpectedKl:F6}");
        table.AddText($"bound {r.BoundName}", r.Bound is { } b ? $"{b:F6}" : "none");
        if (r.McExpectedKl is { } mean)
            table.AddText($"E_π KL, teacher-forced ({r.McDraws} draws, random positions)", $"{mean:F6}  [{r.McLower:F6}, {r.McUpper:F6}] 95%");
        table.AddText($"KL(p ‖ E_π q_π)  (mixture, exact, {r.Positions} positions)", r.MixtureKl is { } m ? $"{m:F6}" : "not feasible (L ≤ 7, (q+1)^L ≤ 4^7)");
        table.AddText("TC", $"{r.Tc:F6}");
        table.AddText("DTC", $"{r.Dtc:F6}");
        table.AddText("E[NFE]", $"{r.NfeMean:F3}");
        console.Write(table);
    }
}
