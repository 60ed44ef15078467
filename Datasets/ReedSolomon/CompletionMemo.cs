namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// What the latest partial words of a code came to, so that a sampler revealing a batch of sequences step by step pays
/// for one interpolation per sequence instead of one per step. Both outcomes are remembered, each exact by a property
/// of the code:
/// <list type="bullet">
/// <item>a completion: used only when it agrees with every revealed symbol and at least k are revealed, since k symbols
/// of an MDS code determine its codeword;</item>
/// <item>a contradiction, k + 1 revealed symbols that fit no codeword: every partial word that contains them fits none
/// either, and a sampler's partial words only grow.</item>
/// </list>
/// Each thread keeps its own rings of the last <c>capacity</c> of each (more than a sampler batch); a lookup scans a
/// ring, comparing two symbols before the full check.
/// </summary>
internal sealed class CompletionMemo(int dimension, int capacity = 512)
{
    private readonly ThreadLocal<Ring<int[]>> _completions = new(() => new Ring<int[]>(capacity));
    private readonly ThreadLocal<Ring<Contradiction>> _contradictions = new(() => new Ring<Contradiction>(capacity));

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
        var completions = _completions.Value!;
        for (var i = 0; i < completions.Count; i++)
        {
            var codeword = completions[i];
            if (
                codeword[first] == partial[first]
                && codeword[second] == partial[second]
                && Determines(partial, order, codeword)
            )
                return codeword;
        }
        return null;
    }

    /// <summary>Whether <paramref name="partial"/> holds a remembered contradiction: no codeword fits.</summary>
    public bool Contradicts(ReadOnlySpan<int> partial)
    {
        var contradictions = _contradictions.Value!;
        for (var i = 0; i < contradictions.Count; i++)
        {
            if (contradictions[i].IsIn(partial))
                return true;
        }
        return false;
    }

    /// <summary>Remembers a completion, in place of the oldest.</summary>
    public void Remember(int[] codeword) => _completions.Value!.Add(codeword);

    /// <summary>Remembers that the symbols at <paramref name="positions"/> fit no codeword.</summary>
    public void RememberContradiction(int[] positions, ReadOnlySpan<int> partial)
    {
        var symbols = new int[positions.Length];
        for (var i = 0; i < positions.Length; i++)
            symbols[i] = partial[positions[i]];
        _contradictions.Value!.Add(new Contradiction(positions, symbols));
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

    /// <summary>Revealed symbols that no codeword fits; the last one is the first to contradict the others.</summary>
    private sealed record Contradiction(int[] Positions, int[] Symbols)
    {
        public bool IsIn(ReadOnlySpan<int> partial)
        {
            // The contradicting symbol first: it is the one least likely to match by chance.
            for (var i = Positions.Length - 1; i >= 0; i--)
            {
                if (partial[Positions[i]] != Symbols[i])
                    return false;
            }
            return true;
        }
    }

    /// <summary>The last entries of one thread, oldest overwritten first.</summary>
    private sealed class Ring<T>(int capacity)
    {
        private readonly T[] _entries = new T[capacity];
        private int _next;

        public int Count { get; private set; }

        public T this[int index] => _entries[index];

        public void Add(T entry)
        {
            _entries[_next] = entry;
            _next = (_next + 1) % capacity;
            Count = Math.Min(Count + 1, capacity);
        }
    }
}
