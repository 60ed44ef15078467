using System.CommandLine;
using Dlm.Cli.Options;
using Dlm.Datasets;
using Dlm.Experiments.Guarantees;
using Dlm.Sampling.Design;
using Dlm.Theory;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm design</c>: the certified constants of every catalogue schedule at (L, K), and the <c>minimax</c> mixture
/// a linear program chooses over the pool, with its own constants.
/// </summary>
internal static class DesignCommand
{
    public static Command Create(CommandConsole console)
    {
        var length = new Option<int>("--length", "-L") { Description = "L, the sequence length (≥ 1)." };
        var steps = new Option<int>("--steps", "-K") { Description = "K, the step budget (≥ 1)." };
        var objective = new ChoiceOption<DesignObjective>(
            "--objective",
            "min: minimise sup K·E KL/min(TC, DTC); ratio: minimise the worst ratio to the best randomised pool "
                + "member on any distribution.",
            DesignObjective.RatioToBest,
            DesignObjectives.Name
        );
        var output = CommonOptions.OptionalOut("Write the design to FILE (for --design FILE).");
        var json = CommonOptions.Json();
        var table = new Option<bool>("--table")
        {
            Description = "Instead, print the certified constants over L ∈ {16, 64, 255, 1024} and K ∈ {4, …, 128}.",
        };
        var command = new Command(
            "design",
            "Certify every schedule's worst-case constants at (L, K) and solve the minimax mixture (a linear program)."
        )
        {
            length,
            steps,
            objective.Option,
            output,
            json,
            table,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(table))
            {
                console.Output.Write(CertifiedTable.Markdown(CertifiedTable.Rows()));
                return 0;
            }
            var l = parsed.GetValue(length);
            var k = parsed.GetValue(steps);
            if (l < 1)
                throw new ArgumentOutOfRangeException(nameof(length), l, "--length must be ≥ 1 (or use --table).");
            if (k < 1)
                throw new ArgumentOutOfRangeException(nameof(steps), k, "--steps must be ≥ 1.");
            var document = DesignDocument.Of(MinimaxDesign.Solve(l, k, objective.Value(parsed)));
            if (parsed.GetValue(output) is { } path)
                AtomicFile.WriteAllText(path, document.ToJson());
            if (parsed.GetValue(json))
                console.Output.WriteLine(document.ToJson());
            else
                Print(console.Human, document);
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, DesignDocument d)
    {
        console.MarkupLine(
            $"[bold]Certified constants at L = {d.Length}, K = {d.Steps}[/]: E KL ≤ C·X/K for every distribution"
        );
        var table = new Table().AddColumns("schedule", "C(TC)", "C(DTC)", "C(min)", "C(TC+DTC)");
        foreach (var s in d.Schedules)
            table.AddText([s.Name, .. Cells(s.Certified)]);
        var minimax = d.Minimax;
        table.AddText([$"minimax ({minimax.Objective.Name()})", .. Cells(minimax.Certified)]);
        console.Write(table);
        console.MarkupLine(
            $"minimax is within {minimax.Ratio:F3}× of the best randomised pool member on every distribution."
        );
        var members = new Table().AddColumns("member", "weight");
        foreach (var m in minimax.Members)
            members.AddText(m.Name, $"{m.Weight:F4}");
        console.Write(members);
    }

    private static string[] Cells(IReadOnlyDictionary<Measure, double> c) => [.. Measures.All.Select(m => c[m].F3())];

    private static string F3(this double value) =>
        value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
}
