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
/// a linear program chooses over the pool, with its own constants; with <c>--exact</c>, the best agnostic schedule over
/// every law, with its certificate.
/// </summary>
internal static class DesignCommand
{
    /// <summary>What a design minimises: the pool design's two objectives, or the exact design's measures.</summary>
    private enum Goal
    {
        Min,
        Ratio,
        Tc,
        Dtc,
        Sum,
    }

    public static Command Create(CommandConsole console)
    {
        var length = new Option<int>("--length", "-L") { Description = "L, the sequence length (≥ 1)." };
        var steps = new Option<int>("--steps", "-K") { Description = "K, the step budget (≥ 1)." };
        var objective = new ChoiceOption<Goal>(
            "--objective",
            "min: minimise sup K·E KL/min(TC, DTC); ratio (the pool design's default): the worst ratio to the best "
                + "randomised pool member; tc, dtc, sum (exact designs): sup K·E KL over TC, DTC or TC + DTC."
        );
        var exact = new Option<bool>("--exact")
        {
            Description = "Solve over every agnostic law (column generation), with a lower-bound certificate.",
        };
        var output = CommonOptions.OptionalOut(
            "Write the design to FILE (for --design FILE); with --table --exact, write table.md and the plots into "
                + "this directory."
        );
        var json = CommonOptions.Json();
        var table = new Option<bool>("--table")
        {
            Description =
                "Instead, print the certified constants over L ∈ {16, 64, 255, 1024} and K ∈ {4, …, 128} (with "
                + "--exact: V against every schedule; an (L, K) without a committed design is solved, which at "
                + "L = 1024 takes long).",
        };
        var lengths = new Option<string?>("--lengths")
        {
            Description = "The table's L, comma-separated (default 16,64,255,1024).",
        };
        var command = new Command(
            "design",
            "Certify every schedule's worst-case constants at (L, K) and solve the minimax mixture (a linear program)."
        )
        {
            length,
            steps,
            objective.Option,
            exact,
            output,
            json,
            table,
            lengths,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(table))
            {
                var grid = parsed.GetValue(lengths) is { } text
                    ? IntegerList.Parse(text, "--lengths", 2)
                    : CertifiedTable.Lengths;
                if (!parsed.GetValue(exact))
                {
                    console.Output.Write(CertifiedTable.Markdown(CertifiedTable.Rows(grid)));
                    return 0;
                }
                var rows = ExactTable.Rows(grid, CertifiedTable.Budgets);
                var markdown = ExactTable.Markdown(rows);
                console.Output.Write(markdown);
                if (parsed.GetValue(output) is { } directory)
                {
                    Directory.CreateDirectory(directory);
                    AtomicFile.WriteAllText(Path.Combine(directory, "table.md"), markdown);
                    var plots = ExactPlots.Write(directory, rows);
                    console.Human.MarkupLine(
                        $"wrote {Path.Combine(directory, "table.md")} and {string.Join(", ", plots)}."
                    );
                }
                return 0;
            }
            var l = parsed.GetValue(length);
            var k = parsed.GetValue(steps);
            if (l < 1)
                throw new ArgumentOutOfRangeException(nameof(length), l, "--length must be ≥ 1 (or use --table).");
            if (k < 1)
                throw new ArgumentOutOfRangeException(nameof(steps), k, "--steps must be ≥ 1.");
            var goal = objective.Get(parsed);
            if (parsed.GetValue(exact))
            {
                var measure = goal switch
                {
                    null or Goal.Min => Measure.Min,
                    Goal.Tc => Measure.Tc,
                    Goal.Dtc => Measure.Dtc,
                    Goal.Sum => Measure.Sum,
                    _ => throw new ArgumentException(
                        "--objective ratio is the pool design's; --exact takes min, tc, dtc or sum.",
                        nameof(objective)
                    ),
                };
                var design = ExactDesignDocument.Of(ExactDesign.Solve(l, k, measure));
                Write(
                    console,
                    parsed.GetValue(output),
                    parsed.GetValue(json),
                    design.ToJson(),
                    () => Print(console.Human, design)
                );
                return 0;
            }
            var pool = goal switch
            {
                Goal.Min => DesignObjective.CertifiedMin,
                null or Goal.Ratio => DesignObjective.RatioToBest,
                _ => throw new ArgumentException(
                    $"--objective {objective.NameOf(goal.Value)} needs --exact; the pool design takes min or ratio.",
                    nameof(objective)
                ),
            };
            var document = DesignDocument.Of(MinimaxDesign.Solve(l, k, pool));
            Write(
                console,
                parsed.GetValue(output),
                parsed.GetValue(json),
                document.ToJson(),
                () => Print(console.Human, document)
            );
            return 0;
        });
        return command;
    }

    private static void Write(CommandConsole console, string? path, bool json, string text, Action print)
    {
        if (path is not null)
            AtomicFile.WriteAllText(path, text);
        if (json)
            console.Output.WriteLine(text);
        else
            print();
    }

    private static void Print(IAnsiConsole console, ExactDesignDocument d)
    {
        console.MarkupLine(
            $"[bold]The best agnostic schedule at L = {d.Length}, K = {d.Steps}[/] on {Measures.Name(d.Objective)}: "
                + $"V = {d.Value:F6}, certified from below by LB = {d.Lower:F6} (gap {d.Gap:G2})"
        );
        console.MarkupLine(
            $"{d.Compositions.Count} compositions, {d.Iterations} rounds of column generation, {d.Seconds:F1} s. "
                + $"E KL ≤ V·X/K for every distribution, and no agnostic schedule certifies less."
        );
        var table = new Table().AddColumns("weight", "sizes");
        foreach (var c in d.Compositions.OrderByDescending(c => c.Weight).Take(10))
            table.AddText($"{c.Weight:F4}", string.Join(" ", c.Sizes));
        console.Write(table);
        if (d.Compositions.Count > 10)
            console.MarkupLine($"… and {d.Compositions.Count - 10} more (--json or --out for all).");
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
