using MathNet.Numerics.Distributions;

namespace Dlm.Sampling.Estimators;

/// <summary>A rate observed in Bernoulli trials, with its exact (Clopper–Pearson) confidence interval.</summary>
/// <param name="Successes">How many trials succeeded.</param>
/// <param name="Trials">How many trials ran; 0 gives the interval [0, 1].</param>
/// <param name="Lower">The interval's lower end.</param>
/// <param name="Upper">The interval's upper end.</param>
/// <param name="Confidence">The interval's confidence level.</param>
public sealed record RateEstimate(int Successes, int Trials, double Lower, double Upper, double Confidence)
{
    /// <summary>Successes / trials; NaN without trials.</summary>
    public double Rate => Trials == 0 ? double.NaN : (double)Successes / Trials;

    /// <summary>Whether <paramref name="rate"/> lies in the interval, up to float64 rounding (1e-12).</summary>
    public bool Covers(double rate) => Trials == 0 || (rate >= Lower - 1e-12 && rate <= Upper + 1e-12);

    /// <summary>
    /// The Clopper–Pearson interval: [B⁻¹(α/2; x, n − x + 1), B⁻¹(1 − α/2; x + 1, n − x)] with α = 1 − confidence,
    /// the ends 0 at x = 0 and 1 at x = n.
    /// </summary>
    public static RateEstimate ClopperPearson(int successes, int trials, double confidence)
    {
        if (trials < 0 || successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(
                nameof(successes),
                successes,
                $"successes must lie in [0, trials = {trials}]."
            );
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must lie in (0, 1).");
        if (trials == 0)
            return new(0, 0, 0, 1, confidence);
        var alpha = 1 - confidence;
        var lower = successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, alpha / 2);
        var upper = successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - alpha / 2);
        return new(successes, trials, lower, upper, confidence);
    }
}
