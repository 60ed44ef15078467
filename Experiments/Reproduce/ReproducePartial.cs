using System.Text.Json;
using System.Text.Json.Serialization;
using Dlm.Datasets;

namespace Dlm.Experiments.Reproduce;

/// <summary>One computed cell of a shard, under its index in the whole sweep.</summary>
public sealed record IndexedCell(int Index, PanelCell Cell);

/// <summary>
/// What one shard of <c>dlm reproduce --shard i/n</c> writes: its cells under their global indices, and (shard 0
/// only) the dense cross-check and the plugin study. <see cref="Merge"/> combines all n into the unsharded result.
/// </summary>
/// <param name="Settings">The run's preset, seed and samples; every shard of a run must have the same.</param>
/// <param name="Shard">Which slice this is.</param>
/// <param name="TotalCells">How many cells the whole sweep has.</param>
/// <param name="Cells">This shard's cells.</param>
/// <param name="Dense">The closed-form cross-check, in shard 0.</param>
/// <param name="Plugin">The plugin study, in shard 0.</param>
/// <param name="ElapsedSeconds">This shard's wall time.</param>
public sealed record ReproducePartial(
    ReproduceSettings Settings,
    ShardSpec Shard,
    int TotalCells,
    IReadOnlyList<IndexedCell> Cells,
    DenseCrossCheck.Result? Dense,
    IReadOnlyList<PluginStudy.Row>? Plugin,
    double ElapsedSeconds
)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>The file a shard writes in its output directory.</summary>
    public string FileName => $"shard-{Shard.Index}-of-{Shard.Count}.json";

    /// <summary>Writes the partial result to <paramref name="directory"/>, atomically; returns its path.</summary>
    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Options));
        return path;
    }

    /// <summary>Reads a partial result written by <see cref="Write"/>.</summary>
    public static ReproducePartial Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ReproducePartial>(File.ReadAllText(path), Options)
                ?? throw new ArgumentException($"shard file '{path}' is empty.", nameof(path));
        }
        catch (JsonException e)
        {
            throw new ArgumentException(
                $"shard file '{path}' is not a dlm reproduce shard: {e.Message}",
                nameof(path),
                e
            );
        }
    }

    /// <summary>
    /// The shard files in <paramref name="paths"/>: each a shard file, or a directory holding <c>shard-*.json</c>.
    /// </summary>
    public static IReadOnlyList<(string Path, ReproducePartial Partial)> Find(IEnumerable<string> paths) =>
        paths
            .SelectMany<string, string>(p =>
                Directory.Exists(p) ? Directory.GetFiles(p, "shard-*-of-*.json").Order(StringComparer.Ordinal)
                : File.Exists(p) ? [p]
                : throw new ArgumentException($"'{p}' is neither a shard file nor a directory.", nameof(paths))
            )
            .Select(p => (p, Load(p)))
            .ToList();

    /// <summary>
    /// The unsharded result from all n shards of one run. A missing or duplicated shard, shards of different runs,
    /// or cells that do not cover the sweep exactly once are refused, naming the shard.
    /// </summary>
    public static ReproduceResult Merge(IReadOnlyList<(string Path, ReproducePartial Partial)> shards)
    {
        if (shards.Count == 0)
            throw new ArgumentException("no shard files found; pass the directories the shards wrote.", nameof(shards));
        var (firstPath, first) = shards[0];
        foreach (var (path, partial) in shards)
            if (partial.Settings != first.Settings || partial.Shard.Count != first.Shard.Count)
                throw new ArgumentException(
                    $"shard {partial.Shard} ({path}) is from another run than shard {first.Shard} ({firstPath}): "
                        + $"{partial.Settings.Invocation} in {partial.Shard.Count} shards against "
                        + $"{first.Settings.Invocation} in {first.Shard.Count}.",
                    nameof(shards)
                );
        var count = first.Shard.Count;
        foreach (var duplicate in shards.GroupBy(s => s.Partial.Shard.Index).Where(g => g.Count() > 1))
            throw new ArgumentException(
                $"shard {duplicate.Key}/{count} appears twice: {string.Join(", ", duplicate.Select(s => s.Path))}.",
                nameof(shards)
            );
        var missing = Enumerable.Range(0, count).Where(i => shards.All(s => s.Partial.Shard.Index != i)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException(
                $"shard {string.Join(", ", missing.Select(i => $"{i}/{count}"))} is missing.",
                nameof(shards)
            );
        var expected = ReproduceExperiment.Work(first.Settings).Count;
        var cells = new PanelCell?[expected];
        foreach (
            var (path, partial, indexed) in shards.SelectMany(s => s.Partial.Cells.Select(c => (s.Path, s.Partial, c)))
        )
        {
            if (indexed.Index < 0 || indexed.Index >= expected || !partial.Shard.Owns(indexed.Index))
                throw new ArgumentException(
                    $"shard {partial.Shard} ({path}) holds cell {indexed.Index}, which is not its own.",
                    nameof(shards)
                );
            cells[indexed.Index] = indexed.Cell;
        }
        if (Array.IndexOf(cells, null) is var hole and >= 0)
            throw new ArgumentException($"cell {hole} of shard {hole % count}/{count} is missing.", nameof(shards));
        var head = shards.Single(s => s.Partial.Shard.Index == 0).Partial;
        return new ReproduceResult(
            first.Settings,
            cells!,
            head.Dense ?? throw new ArgumentException("shard 0 lacks the dense cross-check.", nameof(shards)),
            head.Plugin ?? throw new ArgumentException("shard 0 lacks the plugin study.", nameof(shards)),
            TimeSpan.FromSeconds(shards.Max(s => s.Partial.ElapsedSeconds))
        );
    }
}
