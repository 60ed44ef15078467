namespace Dlm.Experiments.Studies;

/// <summary>
/// Count models fitted on the training sequences, as floors that a masked predictor must beat: with add-one smoothing
/// over the q symbols, a position-wise unigram, p(x) = Π_i p_i(x_i), and a left-to-right bigram over the characters up
/// to the first end symbol, p(x) = Π_{i ≤ first end} p(x_i | x_{i−1}) (x_0 a start symbol), after which the padding
/// is certain; and interpolated Kneser–Ney models of orders 2..6 over the same characters (<see cref="KneserNey"/>).
/// </summary>
public static class CharacterBaselines
{
    /// <summary>−ln p(x) in nats for each of <paramref name="heldOut"/>, under the position-wise unigram.</summary>
    public static double[] PositionUnigram(IReadOnlyList<int[]> train, IReadOnlyList<int[]> heldOut, int alphabet)
    {
        var length = train[0].Length;
        var counts = new double[length, alphabet];
        foreach (var x in train)
        {
            for (var i = 0; i < length; i++)
                counts[i, x[i]]++;
        }
        var denominator = train.Count + alphabet;
        return heldOut
            .Select(x => Enumerable.Range(0, length).Sum(i => -Math.Log((counts[i, x[i]] + 1) / denominator)))
            .ToArray();
    }

    /// <summary>−ln p(x) in nats for each of <paramref name="heldOut"/>, under the left-to-right bigram.</summary>
    public static double[] LeftToRightBigram(
        IReadOnlyList<int[]> train,
        IReadOnlyList<int[]> heldOut,
        int alphabet,
        int end
    )
    {
        // Row q is the start symbol.
        var counts = new double[alphabet + 1, alphabet];
        var totals = new double[alphabet + 1];
        foreach (var x in train)
        {
            foreach (var (previous, next) in Transitions(x, alphabet, end))
            {
                counts[previous, next]++;
                totals[previous]++;
            }
        }
        return heldOut
            .Select(x =>
                Transitions(x, alphabet, end)
                    .Sum(t => -Math.Log((counts[t.Previous, t.Next] + 1) / (totals[t.Previous] + alphabet)))
            )
            .ToArray();
    }

    /// <summary>The Kneser–Ney orders every text study fits.</summary>
    public static IReadOnlyList<int> KneserNeyOrders { get; } = [2, 3, 4, 5, 6];

    /// <summary>
    /// −ln p(x) in nats for each of <paramref name="heldOut"/>, under interpolated Kneser–Ney of order
    /// <paramref name="order"/> with discount 0.75, fitted on <paramref name="train"/>.
    /// </summary>
    public static double[] KneserNeyNll(
        IReadOnlyList<int[]> train,
        IReadOnlyList<int[]> heldOut,
        int alphabet,
        int end,
        int order
    )
    {
        var model = new KneserNey(train, order, alphabet, end);
        return [.. heldOut.Select(model.Nll)];
    }

    private static IEnumerable<(int Previous, int Next)> Transitions(int[] x, int start, int end)
    {
        var previous = start;
        foreach (var next in x)
        {
            yield return (previous, next);
            if (next == end)
                yield break;
            previous = next;
        }
    }
}
