namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// Codewords that recent partial words completed to, so that a sampler revealing one sequence step by step pays for
/// one interpolation per sequence instead of one per step. A remembered codeword is used only after it is checked
/// against every revealed symbol, and only when at least k are revealed: k symbols that agree with a codeword of an
/// MDS code determine it, so a recalled completion is exact whatever the key. The key (the first three revealed
/// positions and symbols) only finds the candidate. Each thread has its own memo, cleared when it is full.
/// </summary>
internal sealed class CompletionMemo(int dimension, int capacity = 4096)
{
    private const int KeySymbols = 3;

    private readonly ThreadLocal<Dictionary<int, int[]>> _recent = new(() => []);

    /// <summary>
    /// The remembered codeword that <paramref name="partial"/> (q = masked) determines, if any: it must agree
    /// with every revealed symbol, of which there must be at least k.
    /// </summary>
    public int[]? Recall(ReadOnlySpan<int> partial, int order)
    {
        if (!_recent.Value!.TryGetValue(Key(partial, order), out var codeword))
            return null;
        var revealed = 0;
        for (var j = 0; j < partial.Length; j++)
        {
            if (partial[j] >= order)
                continue;
            if (partial[j] != codeword[j])
                return null;
            revealed++;
        }
        return revealed >= dimension ? codeword : null;
    }

    /// <summary>Remembers the completion of <paramref name="partial"/>.</summary>
    public void Remember(ReadOnlySpan<int> partial, int order, int[] codeword)
    {
        var recent = _recent.Value!;
        if (recent.Count >= capacity)
            recent.Clear();
        recent[Key(partial, order)] = codeword;
    }

    private static int Key(ReadOnlySpan<int> partial, int order)
    {
        var key = new HashCode();
        for (int j = 0, used = 0; j < partial.Length && used < KeySymbols; j++)
        {
            if (partial[j] >= order)
                continue;
            key.Add(j);
            key.Add(partial[j]);
            used++;
        }
        return key.ToHashCode();
    }
}
