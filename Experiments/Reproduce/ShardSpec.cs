using System.Globalization;

namespace Dlm.Experiments.Reproduce;

/// <summary>
/// The i-th of n deterministic slices of a sweep: cell c belongs to shard c mod n. Round-robin spreads the costly
/// cells (large K, many samples) evenly, and every cell keeps the streams of its global index, so the slices are
/// independent and their union is the unsharded run.
/// </summary>
/// <param name="Index">i, in [0, n).</param>
/// <param name="Count">n ≥ 1.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Whether cell <paramref name="cell"/> (its index in the whole sweep) is this shard's.</summary>
    public bool Owns(int cell) => cell % Count == Index;

    /// <summary>How many of <paramref name="cells"/> cells, indexed 0..cells−1, are this shard's.</summary>
    public int Share(int cells) => Enumerable.Range(0, cells).Count(Owns);

    /// <summary>The shard written <c>i/n</c>.</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (
            parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1
            || index >= count
        )
            throw new ArgumentException(
                $"--shard '{text}' must be i/n with n ≥ 1 and 0 ≤ i < n, e.g. 0/4.",
                nameof(text)
            );
        return new ShardSpec(index, count);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
