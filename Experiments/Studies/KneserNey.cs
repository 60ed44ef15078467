namespace Dlm.Experiments.Studies;

/// <summary>
/// An interpolated Kneser–Ney character model of order n (Chen &amp; Goodman's interpolated form, one absolute
/// discount D), left to right over the symbols of a line up to and including its first end symbol, the context padded
/// with n − 1 start symbols:
/// P(w | h) = max(c(h w) − D, 0) / c(h) + D·N₁₊(h •) / c(h) · P(w | h′), h′ being h without its oldest symbol, with raw
/// counts c at order n and continuation counts c(h w) = N₁₊(• h w), the number of distinct symbols seen before h w, at
/// the orders below; a context never seen falls through to h′, and below the unigram lies the uniform law over the q
/// symbols. Lower-order grams are the suffixes of the n-grams, so the start symbol is never predicted.
/// </summary>
public sealed class KneserNey
{
    private readonly int _order;
    private readonly int _alphabet;
    private readonly int _end;
    private readonly double _discount;

    // Per order k = 1..n: the numerator of each k-gram (h, w), and the total and distinct-successor count of each h.
    private readonly Dictionary<long, double>[] _grams;
    private readonly Dictionary<long, (double Total, int Types)>[] _contexts;

    /// <summary>Fits the model on <paramref name="train"/> (sequences of symbols in [0, q)).</summary>
    /// <param name="train">The training sequences.</param>
    /// <param name="order">n ≥ 1.</param>
    /// <param name="alphabet">q: the symbols, the end symbol among them.</param>
    /// <param name="end">The end symbol: a line is scored up to and including its first.</param>
    /// <param name="discount">D ∈ (0, 1).</param>
    public KneserNey(IReadOnlyList<int[]> train, int order, int alphabet, int end, double discount = 0.75)
    {
        if (order < 1)
            throw new ArgumentOutOfRangeException(nameof(order), order, "the order n must be ≥ 1.");
        if (alphabet < 2)
            throw new ArgumentOutOfRangeException(nameof(alphabet), alphabet, "q must be ≥ 2.");
        if (end < 0 || end >= alphabet)
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
        _contexts = [.. Enumerable.Range(0, order + 1).Select(_ => new Dictionary<long, (double, int)>())];

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
            var longer = ngrams.Values.Select(g => g.Gram[^(k + 1)..]).DistinctBy(Key);
            foreach (var gram in longer)
                Add(k, gram[1..], 1);
        }
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
        if (symbol < 0 || symbol >= _alphabet)
            throw new ArgumentOutOfRangeException(nameof(symbol), symbol, $"symbols are in [0, q = {_alphabet}).");
        var history = new int[_order - 1];
        for (var i = 0; i < history.Length; i++)
        {
            var at = context.Count - history.Length + i;
            history[i] = at >= 0 ? context[at] : Start;
        }
        var p = 1.0 / _alphabet;
        for (var k = 1; k <= _order; k++)
        {
            // Order k: the k − 1 most recent symbols of the history, then the symbol.
            var h = history[(history.Length - (k - 1))..];
            if (!_contexts[k].TryGetValue(Key(h), out var context1))
                continue;
            var numerator = _grams[k].GetValueOrDefault(Key([.. h, symbol]));
            p = Math.Max(numerator - _discount, 0) / context1.Total + _discount * context1.Types / context1.Total * p;
        }
        return p;
    }

    private int Start => _alphabet;

    private void Add(int k, int[] gram, double count)
    {
        var key = Key(gram);
        var isNew = !_grams[k].ContainsKey(key);
        _grams[k][key] = _grams[k].GetValueOrDefault(key) + count;
        var h = Key(gram[..^1]);
        var (total, types) = _contexts[k].GetValueOrDefault(h);
        _contexts[k][h] = (total + count, types + (isNew ? 1 : 0));
    }

    /// <summary>
    /// The n-grams of a line: n − 1 start symbols, then its symbols up to and including its first end.
    /// </summary>
    private IEnumerable<int[]> Grams(int[] x)
    {
        var padded = Enumerable.Repeat(Start, _order - 1).ToList();
        foreach (var symbol in x)
        {
            if (symbol < 0 || symbol >= _alphabet)
                throw new ArgumentOutOfRangeException(nameof(x), symbol, $"symbols are in [0, q = {_alphabet}).");
            padded.Add(symbol);
            yield return [.. padded[^_order..]];
            if (symbol == _end)
                yield break;
        }
    }

    /// <summary>A gram as a number in base q + 2 with digits 1..q+1, so grams of different lengths differ.</summary>
    private long Key(IReadOnlyList<int> gram)
    {
        var key = 0L;
        foreach (var symbol in gram)
            key = key * (_alphabet + 2) + symbol + 1;
        return key;
    }
}
