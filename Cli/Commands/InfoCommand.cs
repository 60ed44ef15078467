using System.CommandLine;
using System.Text.Json.Serialization;
using Dlm.Datasets;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary><c>dlm info</c>: L, q, H, TC, DTC and the entropy profile f(0..L).</summary>
internal static class InfoCommand
{
    internal sealed record InfoReport(
        [property: JsonPropertyName("L")] int Length,
        [property: JsonPropertyName("q")] int Alphabet,
        double Entropy,
        double Tc,
        double Dtc,
        double MutualInformationSum,
        double[] Profile
    );

    public static Command Create(CommandConsole console)
    {
        var dist = CommonOptions.Dist();
        var json = CommonOptions.Json();
        var command = new Command(
            "info",
            "Print the information profile of a distribution: H, TC, DTC and f(m) = E H(X_S), |S| = m."
        )
        {
            dist,
            json,
        };
        command.SetAction(parsed =>
        {
            var distribution = DistributionSpec.Parse(parsed.GetValue(dist)!);
            var p = distribution.Profile;
            var report = new InfoReport(
                distribution.Length,
                distribution.Alphabet,
                p.Entropy,
                p.Tc,
                p.Dtc,
                p.MutualInformationSum,
                p.Values
            );
            if (parsed.GetValue(json))
                console.Json(report);
            else
                Print(console.Human, distribution.Spec, report);
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, string spec, InfoReport r)
    {
        console.MarkupLine($"[bold]{Markup.Escape(spec)}[/]  L = {r.Length}, q = {r.Alphabet}");
        console.MarkupLine($"H(X) = {r.Entropy:F6}  TC = {r.Tc:F6}  DTC = {r.Dtc:F6}  (nats)");
        console.MarkupLine($"Σ_i I(X_i; X_-i) = TC + DTC = {r.MutualInformationSum:F6}");
        var table = new Table().AddColumns("m", "f(m)", "Δ(m)");
        for (var m = 0; m < r.Profile.Length; m++)
            table.AddText(
                $"{m}",
                $"{r.Profile[m]:F6}",
                m + 1 < r.Profile.Length ? $"{r.Profile[m + 1] - r.Profile[m]:F6}" : ""
            );
        console.Write(table);
    }
}
