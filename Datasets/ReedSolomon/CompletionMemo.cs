namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// The codewords that the latest partial words completed to, so that a sampler revealing a batch of sequences step by
/// step pays for one interpolation per sequence instead of one per step. A remembered codeword is used only after it
/// is checked against every revealed symbol, and only when at least k are revealed: k symbols that agree with a
/// codeword of an MDS code determine it, so a recalled completion is exact. Each thread keeps its own ring of the last
/// <c>capacity</c> completions (more than a sampler batch); a lookup scans it, comparing the first two revealed
/// symbols before the full check.
/// </summary>
internal sealed class CompletionMemo(int dimension, int capacity = 512)
{
    private readonly ThreadLocal<Ring> _recent = new(() => new Ring(capacity));

    /// <summary>
    /// The remembered codeword that <paramref name="partial"/> (q = masked) determines, if any: it must agree
    /// with every revealed symbol, of which there must be at least k.
    /// </summary>
    public int[]? Recall(ReadOnlySpan<int> partial, int order)
    {
        int first = partial.IndexOfAnyExcept(order),
            second = first < 0 ? -1 : partial[(first + 1)..].IndexOfAnyExcept(order);
        if (second < 0)
            return null;
        second += first + 1;
        var recent = _recent.Value!;
        for (var i = 0; i < recent.Count; i++)
        {
            var codeword = recent[i];
            if (
                codeword[first] == partial[first]
                && codeword[second] == partial[second]
                && Determines(partial, order, codeword)
            )
                return codeword;
        }
        return null;
    }

    /// <summary>Remembers a completion, in place of the oldest.</summary>
    public void Remember(int[] codeword) => _recent.Value!.Add(codeword);

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

    /// <summary>The last completions of one thread, oldest overwritten first.</summary>
    private sealed class Ring(int capacity)
    {
        private readonly int[][] _codewords = new int[capacity][];
        private int _next;

        public int Count { get; private set; }

        public int[] this[int index] => _codewords[index];

        public void Add(int[] codeword)
        {
            _codewords[_next] = codeword;
            _next = (_next + 1) % capacity;
            Count = Math.Min(Count + 1, capacity);
        }
    }
}
