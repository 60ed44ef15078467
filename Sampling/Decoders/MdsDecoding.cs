using Dlm.Sampling.Sampler;

namespace Dlm.Sampling.Decoders;

/// <summary>
/// A decoder with the oracle on an MDS code (a Reed–Solomon code) of length L and dimension k over an alphabet of q
/// symbols, exactly, at any L, from the structure of its laws. With m &lt; k symbols revealed every masked position is
/// uniform (any k positions are free), so each step reveals s = Size(r uniform rows) positions, r masked; drawn
/// independently, they are exact while m + s ≤ k. The step that first reaches m′ ≥ k costs (m′ − k)·ln q nats, the
/// only KL there is: KL(p ‖ q) = (m′ − k)·ln q. The m′ − k surplus symbols match the codeword that the first k fix with
/// probability q^−(m′−k). Then every masked row is a point mass, and the decoder reveals Size(r point masses) at a
/// time; otherwise the context has probability 0, the oracle answers uniform rows, and the decoder goes on as before
/// k. That gives the law of the NFE.
/// </summary>
public static class MdsDecoding
{
    /// <summary>KL(p ‖ q) in nats and the NFE law of <paramref name="decoder"/> at temperature 1.</summary>
    public static DecoderError Compute(IAdaptiveSizeRule decoder, int length, int dimension, int alphabet)
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, "L must be ≥ 1.");
        if (dimension < 1 || dimension > length)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"k must be in 1..L = {length}.");
        if (alphabet < 2)
            throw new ArgumentOutOfRangeException(nameof(alphabet), alphabet, "q must be ≥ 2.");
        var uniform = PositionRules.Score(decoder.Order, Enumerable.Repeat(1.0 / alphabet, alphabet).ToArray());
        var point = PositionRules.Score(decoder.Order, [1.0, .. new double[alphabet - 1]]);
        var (revealed, steps) = Finish(decoder, length, 0, uniform, until: dimension);
        var nfe = new double[length + 1];
        var kl = (revealed - dimension) * Math.Log(alphabet);
        if (revealed == length)
            nfe[steps] = 1;
        else
        {
            var valid = Math.Pow(alphabet, -(revealed - dimension));
            nfe[steps + Finish(decoder, length, revealed, point, length).Steps] += valid;
            nfe[steps + Finish(decoder, length, revealed, uniform, length).Steps] += 1 - valid;
        }
        return new DecoderError(kl, new NfeLaw(nfe));
    }

    /// <summary>
    /// Steps from <paramref name="revealed"/> while every masked row scores <paramref name="score"/>, until at least
    /// <paramref name="until"/> are revealed; returns the count reached and the steps taken.
    /// </summary>
    private static (int Revealed, int Steps) Finish(
        IAdaptiveSizeRule decoder,
        int length,
        int revealed,
        double score,
        int until
    )
    {
        var steps = 0;
        while (revealed < until)
        {
            revealed += decoder.Size(Enumerable.Repeat(score, length - revealed).ToArray());
            steps++;
        }
        return (revealed, steps);
    }
}
