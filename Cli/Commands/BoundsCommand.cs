using System.CommandLine;
using Dlm.Datasets;
using Dlm.Experiments.Guarantees;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm bounds</c>: every schedule's exact error against its proven and certified bounds on a fixed panel, the
/// certified constants over a grid of (L, K), and both against the committed baseline. Exit 1 on a violated bound,
/// a regression or a missing value; 0 otherwise.
/// </summary>
internal static class BoundsCommand
{
    /// <summary>Exit code when a guarantee fails.</summary>
    public const int GuaranteeFailed = 1;

    public static Command Create(CommandConsole console)
    {
        var baseline = new Option<string>("--baseline")
        {
            Description = "The committed baseline.",
            DefaultValueFactory = _ => Path.Combine("baselines", "bounds.json"),
        };
        var update = new Option<bool>("--update-baseline")
        {
            Description = "Rewrite the baseline from this run (on purpose: review its diff).",
        };
        var json = CommonOptions.Json();
        var output = CommonOptions.OptionalOut(
            "Also write the full table to DIR/bounds.json and the summary to DIR/bounds.md."
        );
        var command = new Command(
            "bounds",
            "Check every bound (B0–B8) on a fixed panel, certify every schedule's worst case, and compare with the "
                + "baseline."
        )
        {
            baseline,
            update,
            json,
            output,
        };
        command.SetAction(parsed =>
        {
            var check = GuaranteeCheck.Run(GuaranteeSettings.Default);
            var path = parsed.GetValue(baseline)!;
            if (parsed.GetValue(update))
            {
                var previous = check.UpdateBaseline(path);
                console.Output.WriteLine(
                    previous is null
                        ? $"baseline {path}: created with {check.Values.Count} values."
                        : $"baseline {path}: {check.Values.Count} values; {previous.Regressions.Count} rose, "
                            + $"{previous.Improvements.Count} fell, {previous.Added.Count} added, "
                            + $"{previous.Missing.Count} removed."
                );
                return 0;
            }
            var comparison = check.Compare(path);
            var summary = GuaranteeSummary.Markdown(check.Cases, comparison, check.Certified, check.Designs);
            var table = CommandConsole.ToJson(check.Cases);
            if (parsed.GetValue(output) is { } directory)
            {
                AtomicFile.WriteAllText(Path.Combine(directory, "bounds.json"), table);
                AtomicFile.WriteAllText(Path.Combine(directory, "bounds.md"), summary);
            }
            if (parsed.GetValue(json))
                console.Output.WriteLine(table);
            else
                console.Output.Write(summary);
            var failed = check.Fails(comparison);
            console.Error.WriteLine(
                failed
                    ? "dlm bounds: FAILED (see the summary)."
                    : "dlm bounds: every guarantee holds and matches the baseline."
            );
            return failed ? GuaranteeFailed : 0;
        });
        return command;
    }
}
