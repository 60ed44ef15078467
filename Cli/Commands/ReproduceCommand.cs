using System.CommandLine;
using Dlm.Experiments.Reproduce;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm reproduce</c>: the paper's Reed–Solomon experiment, exact and sampled, with plots and a report.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create(CommandConsole console)
    {
        var quick = new Option<bool>("--quick") { Description = "The default panel: about a minute on 2 cores." };
        var full = new Option<bool>("--full")
        {
            Description = "More k values and 1000 samples a cell (GF(256)); takes longer.",
        };
        var output = CommonOptions.Out("Output directory.", Path.Combine("out", "reproduce"));
        var seed = CommonOptions.Seed();
        var samples = new Option<int?>("--samples")
        {
            Description = "Free-running oracle samples per cell (overrides the preset; 0 skips sampling).",
        };
        var design = new Option<string?>("--design")
        {
            Description =
                "An exact design (dlm design --exact --out) to use instead of the committed one of its (L, K).",
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Compute only slice i/n of the cells and write a partial result (combine with dlm merge).",
        };
        var command = new Command(
            "reproduce",
            "Regenerate the Reed–Solomon experiment: results.csv, PNG plots and report.md."
        )
        {
            quick,
            full,
            output,
            seed,
            samples,
            design,
            shard,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(quick) && parsed.GetValue(full))
                throw new ArgumentException("--quick and --full exclude each other.", nameof(full));
            var perCell = parsed.GetValue(samples);
            if (perCell < 0)
                throw new ArgumentOutOfRangeException(nameof(samples), perCell, "--samples must be ≥ 0.");
            var settings = new ReproduceSettings(
                parsed.GetValue(full),
                parsed.GetValue(seed),
                perCell,
                parsed.GetValue(design)
            );

            var slice = parsed.GetValue(shard) is { } text ? ShardSpec.Parse(text) : new ShardSpec(0, 1);
            var cells = slice.Share(ReproduceExperiment.Work(settings).Count);
            var partial = ProgressDisplay.Run(
                console,
                display => ReproduceExperiment.RunShard(settings, slice, display.Counter($"{cells} cells", cells))
            );

            if (slice.Count > 1)
            {
                var path = partial.Write(parsed.GetValue(output)!);
                console.Output.WriteLine(
                    $"shard {slice}: {partial.Cells.Count} of {partial.TotalCells} cells in "
                        + $"{partial.ElapsedSeconds:F1} s; wrote {path} (combine the shards with dlm merge)."
                );
                return 0;
            }
            var result = ReproducePartial.Merge([("the unsharded run", partial)]);
            var directory = parsed.GetValue(output)!;
            var plots = result.Write(directory);
            var (count, dense) = (result.Cells.Count, result.Dense);
            console.Output.WriteLine(
                $"{count} cells in {result.Elapsed.TotalSeconds:F1} s; sampled validity agrees with the exact mixture "
                    + $"KL in {count - result.Misses} of {count} cells."
            );
            console.Output.WriteLine(
                $"closed forms vs dense harness on {dense.Spec}: max gap "
                    + $"{Math.Max(dense.MaxProfileGap, dense.MaxErrorGap):G2} nats."
            );
            console.Output.WriteLine(
                $"wrote {Path.Combine(directory, "report.md")}, results.csv and {plots.Count} plots."
            );
            return 0;
        });
        return command;
    }
}
