namespace Dlm.Sampling.Decoders;

/// <summary>The law of a decoder's step count (NFE, one predictor call a step): P(NFE = n) at entry n.</summary>
/// <param name="Probabilities">P(NFE = n), n = 0..L, summing to 1.</param>
public sealed record NfeLaw(double[] Probabilities)
{
    /// <summary>The empirical law of observed step counts, each in 0..<paramref name="length"/>.</summary>
    public static NfeLaw FromSteps(IReadOnlyCollection<int> steps, int length)
    {
        if (steps.Count == 0)
            throw new ArgumentException("an empirical law needs at least one step count.", nameof(steps));
        var counts = new int[length + 1];
        foreach (var n in steps)
        {
            if (n < 0 || n > length)
                throw new ArgumentOutOfRangeException(nameof(steps), n, $"a step count must be in 0..L = {length}.");
            counts[n]++;
        }
        return new NfeLaw([.. counts.Select(c => (double)c / steps.Count)]);
    }

    /// <summary>E[NFE] = Σ_n n·P(NFE = n).</summary>
    public double Mean => Probabilities.Select((p, n) => n * p).Sum();

    /// <summary>sd(NFE) = √(Σ_n (n − E[NFE])²·P(NFE = n)).</summary>
    public double StandardDeviation
    {
        get
        {
            var mean = Mean;
            return Math.Sqrt(Probabilities.Select((p, n) => (n - mean) * (n - mean) * p).Sum());
        }
    }

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
