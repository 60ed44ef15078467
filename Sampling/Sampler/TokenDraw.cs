namespace Dlm.Sampling.Sampler;

/// <summary>
/// The law a token is drawn from at temperature T; the draw itself is <see cref="Dlm.Datasets.CategoricalInversion"/>.
/// </summary>
public static class TokenDraw
{
    /// <summary>
    /// The law actually sampled: p itself at T = 1, the argmax (lowest index on ties) at T = 0, and
    /// p^(1/T) normalised otherwise. Writes into <paramref name="law"/>.
    /// </summary>
    public static void Tempered(ReadOnlySpan<double> p, double temperature, Span<double> law)
    {
        if (!(temperature >= 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(
                nameof(temperature),
                temperature,
                "temperature must be finite and ≥ 0."
            );
        if (temperature == 1)
        {
            p.CopyTo(law);
            return;
        }
        if (temperature == 0)
        {
            var best = 0;
            for (var a = 1; a < p.Length; a++)
                if (p[a] > p[best])
                    best = a;
            law.Clear();
            law[best] = 1;
            return;
        }
        // Scale by the largest entry first so that p^(1/T) cannot underflow to an all-zero law.
        var top = 0.0;
        foreach (var v in p)
            top = Math.Max(top, v);
        var total = 0.0;
        for (var a = 0; a < p.Length; a++)
            total += law[a] = p[a] > 0 ? Math.Pow(p[a] / top, 1 / temperature) : 0;
        for (var a = 0; a < p.Length; a++)
            law[a] /= total;
    }

    /// <summary>
    /// The temperature at step k of K, annealed linearly from <paramref name="first"/> to <paramref name="last"/>:
    /// T_k = first + (last − first)·(k − 1)/(K − 1); <paramref name="first"/> at K = 1 or without a last temperature.
    /// </summary>
    public static double Annealed(double first, double? last, int step, int steps) =>
        last is { } end && steps > 1 ? first + (end - first) * (step - 1) / (steps - 1) : first;
}
