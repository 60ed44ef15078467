using Dlm.Datasets;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// A state the uniform-position sampler visits: x ~ p, then a uniform random revealed set S of uniform size
/// m ∈ {0..L−1}. Averages over these states turn per-position quantities into any-order quantities.
/// </summary>
internal readonly record struct UniformRevealState(int[] Sequence, int[] Partial, int Revealed)
{
    /// <summary>Draws a state from <paramref name="streams"/> ("data" and "positions").</summary>
    public static UniformRevealState Draw(IDiscreteDistribution truth, RandomStreams streams)
    {
        var (l, q) = (truth.Length, truth.Alphabet);
        var x = new int[l];
        truth.Sample(streams.Stream("data"), x);
        var positions = streams.Stream("positions");
        var revealed = positions.Next(l);
        var order = Enumerable.Range(0, l).ToArray();
        positions.Shuffle(order);
        var partial = Enumerable.Repeat(q, l).ToArray();
        for (var j = 0; j < revealed; j++) partial[order[j]] = x[order[j]];
        return new UniformRevealState(x, partial, revealed);
    }
}
