using System.Globalization;
using Dlm.Sampling.Sampler;

namespace Dlm.Sampling.Decoders;

/// <summary>
/// Confidence-threshold decoding (Fast-dLLM; diffusers' <c>BlockRefinementScheduler</c>, default τ = 0.95): every
/// masked position whose top predicted probability is ≥ τ is revealed, at least the most confident one. τ = 1 reveals
/// the certain positions and one more; τ = 0 reveals everything.
/// </summary>
public sealed class ThresholdDecoder : IAdaptiveSizeRule
{
    /// <summary>diffusers' default τ.</summary>
    public const double DefaultTau = 0.95;

    /// <summary>A decoder with threshold τ ∈ [0, 1].</summary>
    public ThresholdDecoder(double tau)
    {
        if (!(tau is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "τ (--tau) must be in [0, 1].");
        Tau = tau;
    }

    /// <summary>τ, the least top probability a revealed position needs (beyond the first).</summary>
    public double Tau { get; }

    /// <inheritdoc/>
    public string Name => $"threshold(τ={Tau.ToString("G4", CultureInfo.InvariantCulture)})";

    /// <inheritdoc/>
    public PositionRule Order => PositionRule.Confidence;

    /// <inheritdoc/>
    /// <remarks>The confidence rule's score is the top probability, non-increasing in reveal order.</remarks>
    public int Size(ReadOnlySpan<double> ranked)
    {
        var size = 1;
        while (size < ranked.Length && ranked[size] >= Tau)
            size++;
        return size;
    }
}
