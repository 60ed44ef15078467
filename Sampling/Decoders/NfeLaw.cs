namespace Dlm.Sampling.Decoders;

/// <summary>The law of a decoder's step count (NFE, one predictor call a step): P(NFE = n) at entry n.</summary>
/// <param name="Probabilities">P(NFE = n), n = 0..L, summing to 1.</param>
public sealed record NfeLaw(double[] Probabilities)
{
    /// <summary>E[NFE] = Σ_n n·P(NFE = n).</summary>
    public double Mean => Probabilities.Select((p, n) => n * p).Sum();

    /// <summary>The least n with P(NFE ≤ n) ≥ <paramref name="level"/> (1e-12 of rounding allowed).</summary>
    public int Quantile(double level)
    {
        if (!(level is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "the level must be in (0, 1].");
        var cumulative = 0.0;
        for (var n = 0; n < Probabilities.Length; n++)
        {
            cumulative += Probabilities[n];
            if (cumulative >= level - 1e-12)
                return n;
        }
        return Probabilities.Length - 1;
    }
}
