namespace Dlm.Experiments.Studies;

/// <summary>
/// An interpolated Kneser–Ney character model of order n (Chen &amp; Goodman's interpolated form, one absolute
/// discount D), left to right over the symbols of a line up to and including its first end symbol (or over all of them,
/// when there is no end symbol), the context padded with n − 1 start symbols:
/// P(w | h) = max(c(h w) − D, 0) / c(h) + D·N₁₊(h •) / c(h) · P(w | h′), h′ being h without its oldest symbol, with raw
/// counts c at order n and continuation counts c(h w) = N₁₊(• h w), the number of distinct symbols seen before h w, at
/// the orders below; a context never seen falls through to h′, and below the unigram lies the uniform law over the q
/// symbols. Lower-order grams are the suffixes of the n-grams, so the start symbol is never predicted.
/// </summary>
public sealed class KneserNey
{
    private readonly int _order;
    private readonly int _alphabet;
    private readonly int? _end;
    private readonly double _discount;

    // Per order k = 1..n: the numerator of each k-gram (h, w), and of each h the total, the distinct successors and
    // their numerators.
    private readonly Dictionary<long, double>[] _grams;
    private readonly Dictionary<long, ContextCounts>[] _contexts;

    private sealed record ContextCounts(double Total, int Types, int[] Symbols, double[] Numerators);

    /// <summary>Fits the model on <paramref name="train"/> (sequences of symbols in [0, q)).</summary>
    /// <param name="train">The training sequences.</param>
    /// <param name="order">n ≥ 1.</param>
    /// <param name="alphabet">q: the symbols, the end symbol among them.</param>
    /// <param name="end">The end symbol: a line is scored up to and including its first; null scores every symbol.
    /// </param>
    /// <param name="discount">D ∈ (0, 1).</param>
    public KneserNey(IReadOnlyList<int[]> train, int order, int alphabet, int? end, double discount = 0.75)
    {
        if (order < 1)
            throw new ArgumentOutOfRangeException(nameof(order), order, "the order n must be ≥ 1.");
        if (alphabet < 2)
            throw new ArgumentOutOfRangeException(nameof(alphabet), alphabet, "q must be ≥ 2.");
        if (end is < 0 || end >= alphabet)
            throw new ArgumentOutOfRangeException(nameof(end), end, $"the end symbol must be in [0, q = {alphabet}).");
        if (!(discount > 0 && discount < 1))
            throw new ArgumentOutOfRangeException(nameof(discount), discount, "the discount D must be in (0, 1).");
        if (order * Math.Log2(alphabet + 2) > 62)
            throw new ArgumentOutOfRangeException(
                nameof(order),
                order,
                $"n-grams over q = {alphabet} need n ≤ " + $"{(int)(62 / Math.Log2(alphabet + 2))} to fit a 64-bit key."
            );
        (_order, _alphabet, _end, _discount) = (order, alphabet, end, discount);
        _grams = [.. Enumerable.Range(0, order + 1).Select(_ => new Dictionary<long, double>())];

        // The n-grams with their counts; every lower-order gram is a suffix of one.
        var ngrams = new Dictionary<long, (int[] Gram, int Count)>();
        foreach (var x in train)
        {
            foreach (var gram in Grams(x))
            {
                var key = Key(gram);
                ngrams[key] = ngrams.TryGetValue(key, out var seen) ? (gram, seen.Count + 1) : (gram, 1);
            }
        }
        foreach (var (gram, count) in ngrams.Values)
            Add(order, gram, count);
        // Continuation counts: each distinct (k+1)-gram suffix adds one to its k-gram suffix.
        for (var k = order - 1; k >= 1; k--)
        {
            var longer = ngrams.Values.Select(g => g.Gram[^(k + 1)..]).DistinctBy(g => Key(g));
            foreach (var gram in longer)
                Add(k, gram[1..], 1);
        }
        var radix = alphabet + 2;
        _contexts =
        [
            .. _grams.Select(grams =>
                grams
                    .GroupBy(g => g.Key / radix)
                    .ToDictionary(
                        h => h.Key,
                        h => new ContextCounts(
                            h.Sum(g => g.Value),
                            h.Count(),
                            [.. h.Select(g => (int)(g.Key % radix) - 1)],
                            [.. h.Select(g => g.Value)]
                        )
                    )
            ),
        ];
    }

    /// <summary>n.</summary>
    public int Order => _order;

    /// <summary>
    /// −ln p(x) in nats: Σ over the symbols up to the first end symbol of −ln P(x_i | the n − 1 before).
    /// </summary>
    public double Nll(int[] x)
    {
        var nll = 0.0;
        foreach (var gram in Grams(x))
            nll -= Math.Log(Probability(gram[..^1], gram[^1]));
        return nll;
    }

    /// <summary>
    /// P(<paramref name="symbol"/> | <paramref name="context"/>): the context is the line's symbols so far (its last
    /// n − 1 count; fewer are padded with start symbols).
    /// </summary>
    public double Probability(IReadOnlyList<int> context, int symbol)
    {
        CheckSymbol(symbol, nameof(symbol));
        var history = new int[_order - 1];
        for (var i = 0; i < history.Length; i++)
        {
            var at = context.Count - history.Length + i;
            history[i] = at >= 0 ? context[at] : Start;
        }
        return Interpolate(history, symbol, 1, 1.0 / _alphabet, _order).P;
    }

    /// <summary>
    /// Writes P(s | <paramref name="history"/>) for every symbol s into <paramref name="law"/> (q entries).
    /// </summary>
    /// <param name="history">The symbols known right before, oldest first; only the last n − 1 count.</param>
    /// <param name="atStart">Whether the line starts right before them (start symbols then pad the context); otherwise
    /// what lies before is unknown, and only the orders that the history fills are used.</param>
    /// <param name="law">The q probabilities.</param>
    public void Law(ReadOnlySpan<int> history, bool atStart, Span<double> law)
    {
        CheckLength(law.Length);
        Span<int> context = stackalloc int[_order - 1];
        LawOf(Context(history, atStart, context), law);
    }

    /// <summary>Every symbol's law at once, from each order's successors.</summary>
    private void LawOf(ReadOnlySpan<int> h, Span<double> law)
    {
        law.Fill(1.0 / _alphabet);
        for (var k = 1; k <= h.Length + 1; k++)
        {
            if (!_contexts[k].TryGetValue(Key(h[(h.Length - (k - 1))..]), out var context))
                return;
            var backOff = _discount * context.Types / context.Total;
            for (var s = 0; s < law.Length; s++)
                law[s] *= backOff;
            for (var j = 0; j < context.Symbols.Length; j++)
                law[context.Symbols[j]] += Math.Max(context.Numerators[j] - _discount, 0) / context.Total;
        }
    }

    /// <summary>
    /// Writes ln P(s a₁ … a_r | <paramref name="history"/>) for every symbol s into <paramref name="logJoint"/>: the
    /// chance that s comes next and then the run <paramref name="after"/> = a₁ … a_r, each symbol given all those
    /// before it (within the n − 1 that count).
    /// </summary>
    /// <param name="history">As in <see cref="Law"/>.</param>
    /// <param name="atStart">As in <see cref="Law"/>.</param>
    /// <param name="after">The symbols known right after the next one, in order.</param>
    /// <param name="logJoint">The q log-probabilities.</param>
    public void LogJoint(ReadOnlySpan<int> history, bool atStart, ReadOnlySpan<int> after, Span<double> logJoint)
    {
        CheckLength(logJoint.Length);
        foreach (var symbol in after)
            CheckSymbol(symbol, nameof(after));
        Span<int> context = stackalloc int[_order - 1];
        var h = Context(history, atStart, context);
        Span<int> line = stackalloc int[h.Length + 1 + after.Length];
        h.CopyTo(line);
        after.CopyTo(line[(h.Length + 1)..]);
        // Predicting a_t, the orders k ≤ t see only a₁ … a_{t−1}, the same for every s: computed once.
        Span<double> shared = stackalloc double[after.Length];
        Span<bool> complete = stackalloc bool[after.Length];
        for (var t = 1; t <= after.Length; t++)
        {
            var top = Math.Min(t, Math.Min(_order, h.Length + t + 1));
            (shared[t - 1], complete[t - 1]) = Interpolate(
                line[..(h.Length + t)],
                after[t - 1],
                1,
                1.0 / _alphabet,
                top
            );
        }
        LawOf(h, logJoint);
        for (var s = 0; s < _alphabet; s++)
        {
            line[h.Length] = s;
            var log = Math.Log(logJoint[s]);
            for (var t = 1; t <= after.Length; t++)
            {
                var top = Math.Min(_order, h.Length + t + 1);
                var p =
                    complete[t - 1] && top > t
                        ? Interpolate(line[..(h.Length + t)], after[t - 1], t + 1, shared[t - 1], top).P
                        : shared[t - 1];
                log += Math.Log(p);
            }
            logJoint[s] = log;
        }
    }

    /// <summary>
    /// The context the model sees: the last n − 1 symbols of <paramref name="history"/>, padded with start symbols
    /// when the line starts right before it.
    /// </summary>
    private ReadOnlySpan<int> Context(ReadOnlySpan<int> history, bool atStart, Span<int> buffer)
    {
        foreach (var symbol in history)
            CheckSymbol(symbol, nameof(history));
        var kept = history[Math.Max(0, history.Length - buffer.Length)..];
        if (!atStart)
        {
            kept.CopyTo(buffer);
            return buffer[..kept.Length];
        }
        buffer[..(buffer.Length - kept.Length)].Fill(Start);
        kept.CopyTo(buffer[(buffer.Length - kept.Length)..]);
        return buffer;
    }

    /// <summary>
    /// The interpolation from order <paramref name="from"/> up to <paramref name="to"/>, given p at the order below,
    /// and whether it reached <paramref name="to"/>: a context never seen ends it, since no longer context holding it
    /// as a suffix was seen either.
    /// </summary>
    private (double P, bool Complete) Interpolate(ReadOnlySpan<int> history, int symbol, int from, double p, int to)
    {
        for (var k = from; k <= to; k++)
        {
            // Order k: the k − 1 most recent symbols of the history, then the symbol.
            var h = Key(history[(history.Length - (k - 1))..]);
            if (!_contexts[k].TryGetValue(h, out var context))
                return (p, false);
            var numerator = _grams[k].GetValueOrDefault(h * (_alphabet + 2) + symbol + 1);
            p = Math.Max(numerator - _discount, 0) / context.Total + _discount * context.Types / context.Total * p;
        }
        return (p, true);
    }

    private void CheckLength(int length)
    {
        if (length != _alphabet)
            throw new ArgumentException($"the output holds {length} entries; the model has q = {_alphabet}.");
    }

    private void CheckSymbol(int symbol, string name)
    {
        if (symbol < 0 || symbol >= _alphabet)
            throw new ArgumentOutOfRangeException(name, symbol, $"symbols are in [0, q = {_alphabet}).");
    }

    private int Start => _alphabet;

    private void Add(int k, int[] gram, double count)
    {
        var key = Key(gram);
        _grams[k][key] = _grams[k].GetValueOrDefault(key) + count;
    }

    /// <summary>
    /// The n-grams of a line: n − 1 start symbols, then its symbols up to and including its first end.
    /// </summary>
    private IEnumerable<int[]> Grams(int[] x)
    {
        var padded = Enumerable.Repeat(Start, _order - 1).ToList();
        foreach (var symbol in x)
        {
            CheckSymbol(symbol, nameof(x));
            padded.Add(symbol);
            yield return [.. padded[^_order..]];
            if (symbol == _end)
                yield break;
        }
    }

    /// <summary>A gram as a number in base q + 2 with digits 1..q+1, so grams of different lengths differ.</summary>
    private long Key(ReadOnlySpan<int> gram)
    {
        var key = 0L;
        foreach (var symbol in gram)
            key = key * (_alphabet + 2) + symbol + 1;
        return key;
    }
}
