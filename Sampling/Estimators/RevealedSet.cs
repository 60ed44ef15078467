using Dlm.Datasets;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// A uniformly random revealed set of uniform size, the law of the states that the uniform-position sampler
/// visits: m ~ U{0..L−1}, then S = the first m entries of a uniform random permutation of the positions.
/// </summary>
/// <param name="Order">The permutation: positions <c>Order[0..Count)</c> are revealed, the rest masked.</param>
/// <param name="Count">m = |S|.</param>
public readonly record struct RevealedSet(int[] Order, int Count)
{
    /// <summary>Draws m, then the permutation, from <paramref name="rng"/>, in that order.</summary>
    public static RevealedSet Draw(int length, Random rng) => OfSize(length, rng.Next(length), rng);

    /// <summary>A uniformly random revealed set of the given size m: the first m of a uniform permutation.</summary>
    public static RevealedSet OfSize(int length, int count, Random rng)
    {
        if (count < 0 || count >= length)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"m must lie in [0, L − 1 = {length - 1}].");
        var order = Enumerable.Range(0, length).ToArray();
        rng.Shuffle(order);
        return new RevealedSet(order, count);
    }

    /// <summary>The masked positions, <c>Order[Count..L)</c>.</summary>
    public ReadOnlySpan<int> Masked => Order.AsSpan(Count);
}
