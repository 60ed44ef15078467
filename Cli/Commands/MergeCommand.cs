using System.CommandLine;
using Dlm.Experiments.Reproduce;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm merge</c>: combines the shards of <c>dlm reproduce --shard i/n</c> into the files of the unsharded run.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CommandConsole console)
    {
        var inputs = new Argument<string[]>("shards")
        {
            Description = "Shard directories (or shard-i-of-n.json files) written by dlm reproduce --shard.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = CommonOptions.Out("Output directory.", Path.Combine("out", "reproduce"));
        var command = new Command(
            "merge",
            "Combine the shards of dlm reproduce --shard i/n into results.csv, the plots and report.md."
        )
        {
            inputs,
            output,
        };
        command.SetAction(parsed =>
        {
            var shards = ReproducePartial.Find(parsed.GetValue(inputs)!);
            var result = ReproducePartial.Merge(shards);
            var directory = parsed.GetValue(output)!;
            var plots = result.Write(directory);
            console.Output.WriteLine(
                $"merged {shards.Count} shards, {result.Cells.Count} cells; sampled validity agrees with the exact "
                    + $"mixture KL in {result.Cells.Count - result.Misses} of {result.Cells.Count} cells."
            );
            console.Output.WriteLine(
                $"wrote {Path.Combine(directory, "report.md")}, results.csv and {plots.Count} plots."
            );
            return 0;
        });
        return command;
    }
}
