using System.CommandLine;
using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Theory;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm error</c>: the exact expected KL of a schedule, its bound, and the exact mixture KL where feasible.
/// </summary>
internal static class ErrorCommand
{
    internal sealed record ErrorReport(
        string Schedule,
        int Steps,
        double ExpectedKl,
        double Bound,
        string BoundName,
        double Tc,
        double Dtc,
        double NfeMean,
        double? MixtureKl,
        string Positions,
        MonteCarloEstimate? Mc
    );

    public static Command Create(CommandConsole console)
    {
        var dist = CommonOptions.Dist();
        var schedule = ScheduleOptions.Required();
        var json = CommonOptions.Json();
        var positions = CommonOptions.Positions();
        var seed = CommonOptions.Seed();
        var mc = new Option<int>("--mc")
        {
            Description = "Also estimate E KL by teacher forcing with this many draws (95% interval).",
        };
        var command = new Command(
            "error",
            "Print the exact expected KL of a schedule with the oracle predictor, next to its proven bound."
        )
        {
            dist,
            positions,
            mc,
            seed,
            json,
        };
        foreach (var option in schedule.All)
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var distribution = DistributionSpec.Parse(parsed.GetValue(dist)!);
            var profile = distribution.Profile;
            var chosen = schedule.Create(parsed, distribution.Length, profile);
            var error = chosen.Error(profile);
            var rule = PositionRules.Parse(parsed.GetValue(positions)!);
            var mixture =
                rule == PositionRule.Random
                    ? distribution.MixtureKl(chosen.Kernel)
                    : HeuristicMixture(distribution, chosen, rule);
            var draws = parsed.GetValue(mc);
            if (draws < 0 || draws == 1)
                throw new ArgumentOutOfRangeException(nameof(mc), draws, "--mc must be 0 (off) or ≥ 2 draws.");
            var estimate =
                draws > 0
                    ? TeacherForcedKl
                        .Estimate(
                            distribution,
                            new OraclePredictor(distribution),
                            chosen,
                            draws,
                            new RandomStreams(parsed.GetValue(seed))
                        )
                        .Total
                    : null;
            var bound = chosen.Bound(profile);
            var report = new ErrorReport(
                chosen.Name,
                schedule.Steps(parsed, distribution.Length),
                error.ExpectedKl,
                bound.Value,
                bound.Name,
                profile.Tc,
                profile.Dtc,
                error.MeanNfe,
                mixture,
                parsed.GetValue(positions)!,
                estimate
            );
            if (parsed.GetValue(json))
                console.Json(report);
            else
                Print(console.Human, distribution.Spec, report);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The exact mixture KL of a heuristic rule, by enumerating the sampler (tiny dense joints only).
    /// </summary>
    private static double? HeuristicMixture(
        IDiscreteDistribution distribution,
        ISizeSchedule schedule,
        PositionRule rule
    ) =>
        distribution.Joint is { } joint && MixtureKl.IsFeasible(joint.Length, joint.Alphabet)
            ? EmpiricalLaw.Kl(joint, ExactSamplerLaw.Compute(new OraclePredictor(distribution), schedule, rule))
            : null;

    private static void Print(IAnsiConsole console, string spec, ErrorReport r)
    {
        console.MarkupLine($"[bold]{Markup.Escape(spec)}[/]  schedule {r.Schedule}, K = {r.Steps}");
        var table = new Table().AddColumns("quantity", "nats");
        table.AddText("E_π KL(p ‖ q_π)  (exact)", $"{r.ExpectedKl:F6}");
        table.AddText($"bound {r.BoundName}", $"{r.Bound:F6}");
        if (r.Mc is { } mc)
            table.AddText(
                $"E_π KL, teacher-forced ({mc.Draws} draws, random positions)",
                $"{mc.Mean:F6}  [{mc.Lower:F6}, {mc.Upper:F6}] 95%"
            );
        table.AddText(
            $"KL(p ‖ E_π q_π)  (mixture, exact, {r.Positions} positions)",
            r.MixtureKl is { } m ? $"{m:F6}" : "not feasible (L ≤ 7, (q+1)^L ≤ 4^7)"
        );
        table.AddText("TC", $"{r.Tc:F6}");
        table.AddText("DTC", $"{r.Dtc:F6}");
        table.AddText("E[NFE]", $"{r.NfeMean:F3}");
        console.Write(table);
    }
}
