namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// Codewords that recent partial words completed to, so that a sampler revealing one sequence step by step pays for
/// one interpolation per sequence instead of one per step. A remembered codeword is used only after it is checked
/// against every revealed symbol, and only when at least k are revealed: k symbols that agree with a codeword of an
/// MDS code determine it, so a recalled completion is exact whatever the key. The keys only find candidates: a
/// codeword is filed under each pair of consecutive revealed symbols among the first <see cref="Anchors"/> + 1, and
/// looked up by the same pairs of a later partial word, so that new reveals among the first positions still leave a
/// pair it was filed under. Each thread has its own memo, cleared when it is full.
/// </summary>
internal sealed class CompletionMemo(int dimension, int capacity = 16384)
{
    private const int Anchors = 4;

    private readonly ThreadLocal<Dictionary<long, int[]>> _recent = new(() => []);

    /// <summary>
    /// The remembered codeword that <paramref name="partial"/> (q = masked) determines, if any: it must agree
    /// with every revealed symbol, of which there must be at least k.
    /// </summary>
    public int[]? Recall(ReadOnlySpan<int> partial, int order)
    {
        Span<long> keys = stackalloc long[Anchors + 1];
        var recent = _recent.Value!;
        foreach (var key in keys[..Keys(partial, order, keys)])
        {
            if (recent.TryGetValue(key, out var codeword) && Determines(partial, order, codeword))
                return codeword;
        }
        return null;
    }

    /// <summary>Remembers the completion of <paramref name="partial"/>.</summary>
    public void Remember(ReadOnlySpan<int> partial, int order, int[] codeword)
    {
        var recent = _recent.Value!;
        if (recent.Count >= capacity)
            recent.Clear();
        Span<long> keys = stackalloc long[Anchors + 1];
        foreach (var key in keys[..Math.Min(Anchors, Keys(partial, order, keys))])
            recent[key] = codeword;
    }

    private bool Determines(ReadOnlySpan<int> partial, int order, int[] codeword)
    {
        var revealed = 0;
        for (var j = 0; j < partial.Length; j++)
        {
            if (partial[j] >= order)
                continue;
            if (partial[j] != codeword[j])
                return false;
            revealed++;
        }
        return revealed >= dimension;
    }

    /// <summary>
    /// The keys of the pairs of consecutive revealed symbols among the first <see cref="Anchors"/> + 2; returns how
    /// many were written.
    /// </summary>
    private static int Keys(ReadOnlySpan<int> partial, int order, Span<long> keys)
    {
        var count = 0;
        var previous = -1L;
        for (var j = 0; j < partial.Length && count < keys.Length; j++)
        {
            if (partial[j] >= order)
                continue;
            var anchor = (long)j * order + partial[j];
            if (previous >= 0)
                keys[count++] = previous * partial.Length * order + anchor;
            previous = anchor;
        }
        return count;
    }
}
