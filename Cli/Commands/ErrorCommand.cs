using System.CommandLine;
using Dlm.Datasets;
using Dlm.Experiments.Diagnostics;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm error</c>: the exact expected KL of a schedule, its bound, and the exact mixture KL where feasible.
/// </summary>
internal static class ErrorCommand
{
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
            positions.Option,
            mc,
            seed,
            json,
        };
        foreach (var option in schedule.All)
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var distribution = DistributionSpec.Parse(parsed.GetValue(dist)!);
            var report = ScheduleDiagnosis.Of(
                distribution,
                schedule.Create(parsed, distribution.Length, distribution.Profile),
                schedule.Steps(parsed, distribution.Length),
                positions.Value(parsed),
                parsed.GetValue(mc),
                new RandomStreams(parsed.GetValue(seed))
            );
            if (parsed.GetValue(json))
                console.Json(report);
            else
                Print(console.Human, distribution.Spec, report);
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, string spec, ScheduleDiagnosis r)
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
