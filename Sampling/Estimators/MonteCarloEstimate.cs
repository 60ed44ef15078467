using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Dlm.Sampling.Estimators;

/// <summary>A Monte Carlo mean with its normal-approximation confidence interval.</summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="Lower">The interval's lower end.</param>
/// <param name="Upper">The interval's upper end.</param>
/// <param name="Draws">The number of draws.</param>
/// <param name="Confidence">The interval's confidence level.</param>
public sealed record MonteCarloEstimate(double Mean, double Lower, double Upper, int Draws, double Confidence)
{
    /// <summary>mean ± z_{(1+c)/2}·s/√n from the draws.</summary>
    public static MonteCarloEstimate FromDraws(IReadOnlyList<double> draws, double confidence = 0.95)
    {
        if (draws.Count < 2)
            throw new ArgumentException("an interval needs at least 2 draws.", nameof(draws));
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must lie in (0, 1).");
        var (mean, sd) = draws.MeanStandardDeviation();
        var half = Normal.InvCDF(0, 1, (1 + confidence) / 2) * sd / Math.Sqrt(draws.Count);
        return new MonteCarloEstimate(mean, mean - half, mean + half, draws.Count, confidence);
    }

    /// <summary>Whether <paramref name="value"/> lies in the interval.</summary>
    public bool Covers(double value) => value >= Lower && value <= Upper;
}
