using System.CommandLine;
using Dlm.Datasets;
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
        double? MixtureKl);

    public static Command Create(CommandConsole console)
    {
        var dist = CommonOptions.Dist();
        var schedule = CommonOptions.Schedule();
        var steps = CommonOptions.Steps();
        var deterministic = CommonOptions.Deterministic();
        var json = CommonOptions.Json();
        var command = new Command("error", "Print the exact expected KL of a schedule with the oracle predictor, next to its proven bound.")
        {
            dist, schedule, steps, deterministic, json,
        };
        command.SetAction(parsed =>
        {
            var distribution = DistributionSpec.Parse(parsed.GetValue(dist)!);
            var profile = distribution.Profile;
            var chosen = ScheduleCatalog.Create(parsed.GetValue(schedule)!, distribution.Length, parsed.GetValue(steps), parsed.GetValue(deterministic), profile);
            var error = chosen.Error(profile);
            var bound = chosen.Bound(profile);
            var mixture = distribution.MixtureKl(chosen.Kernel);
            var report = new ErrorReport(chosen.Name, parsed.GetValue(steps), error.ExpectedKl, bound.Value, bound.Name, profile.Tc, profile.Dtc, error.MeanNfe, mixture);
            if (parsed.GetValue(json)) console.Json(report);
            else Print(console.Human, distribution.Spec, report);
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, string spec, ErrorReport r)
    {
        console.MarkupLine($"[bold]{Markup.Escape(spec)}[/]  schedule {r.Schedule}, K = {r.Steps}");
        var table = new Table().AddColumns("quantity", "nats");
        table.AddRow("E_π KL(p ‖ q_π)  (exact)", $"{r.ExpectedKl:F6}");
        table.AddRow(Markup.Escape($"bound {r.BoundName}"), r.Bound is { } b ? $"{b:F6}" : "none");
        table.AddRow("KL(p ‖ E_π q_π)  (mixture, exact)", r.MixtureKl is { } m ? $"{m:F6}" : "not feasible (L ≤ 7, (q+1)^L ≤ 4^7)");
        table.AddRow("TC", $"{r.Tc:F6}");
        table.AddRow("DTC", $"{r.Dtc:F6}");
        table.AddRow("E[NFE]", $"{r.NfeMean:F3}");
        console.Write(table);
    }
}
