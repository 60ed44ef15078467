using Dlm.Datasets;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// A state the uniform-position sampler visits: x ~ p, then a <see cref="RevealedSet"/>. Averages over these
/// states turn per-position quantities into any-order quantities.
/// </summary>
internal readonly record struct UniformRevealState(int[] Sequence, int[] Partial, int Revealed)
{
    /// <summary>
    /// Draws a state from <paramref name="streams"/> ("data" and "positions"); with <paramref name="revealed"/>, the
    /// revealed set has that size instead of a uniform one.
    /// </summary>
    public static UniformRevealState Draw(IDiscreteDistribution truth, RandomStreams streams, int? revealed = null)
    {
        var x = new int[truth.Length];
        truth.Sample(streams.Stream("data"), x);
        var positions = streams.Stream("positions");
        var set = revealed is { } m
            ? RevealedSet.OfSize(truth.Length, m, positions)
            : RevealedSet.Draw(truth.Length, positions);
        var partial = (int[])x.Clone();
        foreach (var i in set.Masked)
            partial[i] = truth.Alphabet;
        return new UniformRevealState(x, partial, set.Count);
    }
}
