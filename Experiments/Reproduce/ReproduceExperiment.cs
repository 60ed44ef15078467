using System.Diagnostics;
using Dlm.Datasets;
using Dlm.Experiments.Decoders;
using Dlm.Sampling.Design;

namespace Dlm.Experiments.Reproduce;

/// <summary>The outcome of a reproduction: every cell, the dense cross-check and the plugin study.</summary>
/// <param name="Settings">What was run.</param>
/// <param name="Cells">Every cell, in the order of <see cref="ReproduceExperiment.Work"/>.</param>
/// <param name="Dense">The closed forms against the dense harness.</param>
/// <param name="Plugin">The self-calibrating schedules on the first panel.</param>
/// <param name="Elapsed">The wall time of the computation.</param>
public sealed record ReproduceResult(
    ReproduceSettings Settings,
    IReadOnlyList<PanelCell> Cells,
    DenseCrossCheck.Result Dense,
    IReadOnlyList<PluginStudy.Row> Plugin,
    TimeSpan Elapsed
)
{
    /// <summary>How many sampled cells disagree with their exact validity rate.</summary>
    public int Misses => Cells.Count(c => !c.Agrees);

    /// <summary>
    /// Writes results.csv, plugin.csv, decoders.csv, report.md, one plot per k of the first panel and one frontier
    /// plot per distribution of <see cref="DecoderFrontier.Panel"/>; returns the plots. The frontiers are exact and
    /// need no draws, so they are computed here, identically for a whole run and a merge of shards.
    /// </summary>
    public IReadOnlyList<string> Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var first = Settings.Panels[0];
        var plots = ReproducePlots.Write(directory, first, Cells);
        var frontiers = DecoderFrontier.Panel.AsParallel().AsOrdered().Select(DecoderFrontier.Compute).ToList();
        var frontierPlots = FrontierReport.Plots(directory, frontiers);
        AtomicFile.WriteAllText(Path.Combine(directory, "results.csv"), ReproduceReport.Csv(Cells));
        AtomicFile.WriteAllText(Path.Combine(directory, "plugin.csv"), PluginStudy.Csv(Plugin));
        AtomicFile.WriteAllText(Path.Combine(directory, "decoders.csv"), FrontierReport.Csv(frontiers));
        AtomicFile.WriteAllText(
            Path.Combine(directory, "report.md"),
            ReproduceReport.Markdown(Settings.Invocation, Settings.Panels, Cells, Dense, plots)
                + Environment.NewLine
                + PluginStudy.Markdown(first, Plugin, Settings.CalibrationSamples)
                + Environment.NewLine
                + FrontierReport.Markdown(frontiers, frontierPlots)
        );
        return [.. plots, .. frontierPlots];
    }
}

/// <summary>The paper's Reed–Solomon experiment, exact and sampled (<c>dlm reproduce</c>).</summary>
public static class ReproduceExperiment
{
    /// <summary>One cell to compute, with its own streams.</summary>
    /// <param name="Panel">The cell's panel.</param>
    /// <param name="Dimension">k.</param>
    /// <param name="Steps">K.</param>
    /// <param name="Schedule">The schedule or twin.</param>
    /// <param name="Seed">The cell's streams: panel i, cell j draws from <c>Split(i).Split(j)</c>.</param>
    public sealed record CellWork(
        PanelConfig Panel,
        int Dimension,
        int Steps,
        Sampling.Schedules.ScheduleVariant Schedule,
        RandomStreams Seed
    );

    /// <summary>Every cell of every panel, in a fixed order.</summary>
    public static IReadOnlyList<CellWork> Work(ReproduceSettings settings) =>
        settings
            .Panels.SelectMany(
                (panel, i) =>
                    ReedSolomonPanel
                        .Cells(panel)
                        .Select(
                            (c, j) => new CellWork(panel, c.Dimension, c.Steps, c.Schedule, settings.CellSeed(i, j))
                        )
            )
            .ToList();

    /// <summary>Computes every cell on all cores, then the cross-check and the plugin study.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="cellDone">Called once per finished cell, from any thread (for a progress bar).</param>
    public static ReproduceResult Run(ReproduceSettings settings, Action? cellDone = null)
    {
        var whole = RunShard(settings, new ShardSpec(0, 1), cellDone);
        return ReproducePartial.Merge([("the unsharded run", whole)]);
    }

    /// <summary>
    /// Computes the cells of one shard on all cores, each with the streams of its global index; shard 0 also runs
    /// the cross-check and the plugin study.
    /// </summary>
    public static ReproducePartial RunShard(ReproduceSettings settings, ShardSpec shard, Action? cellDone = null)
    {
        var clock = Stopwatch.StartNew();
        var work = Work(settings);
        var owned = Enumerable.Range(0, work.Count).Where(shard.Owns).ToList();
        var cells = new IndexedCell[owned.Count];
        var design = settings.Design is { } path ? ExactDesignDocument.Load(path) : null;
        Parallel.For(
            0,
            owned.Count,
            i =>
            {
                var w = work[owned[i]];
                cells[i] = new IndexedCell(
                    owned[i],
                    ReedSolomonPanel.Compute(w.Panel, w.Dimension, w.Steps, w.Schedule, w.Seed, design)
                );
                cellDone?.Invoke();
            }
        );
        var head = shard.Index == 0;
        var dense = head ? DenseCrossCheck.Run(settings.DenseCheck.Order, settings.DenseCheck.Length) : null;
        var plugin = head
            ? PluginStudy.Run(settings.Panels[0], settings.CalibrationSamples, settings.PluginSeed)
            : null;
        return new ReproducePartial(settings, shard, work.Count, cells, dense, plugin, clock.Elapsed.TotalSeconds);
    }
}
