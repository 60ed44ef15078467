using System.Globalization;
using Dlm.Sampling.Sampler;

namespace Dlm.Sampling.Decoders;

/// <summary>
/// The EB-Sampler (Ben-Hamu et al., arXiv 2505.24857; diffusers' <c>EntropyBoundScheduler</c>): the masked positions
/// sorted by the entropy of their predicted law, lowest first, and the largest j with
/// Σ_{i≤j} H_i − max_{i≤j} H_i ≤ γ revealed, at least one. Sorted ascending, the maximum is H_j, so the rule reads
/// Σ_{i&lt;j} H_i ≤ γ: γ = 0 reveals every zero-entropy position and one more, γ = ∞ reveals everything.
/// </summary>
public sealed class EntropyBoundDecoder : IAdaptiveSizeRule
{
    /// <summary>diffusers' default γ.</summary>
    public const double DefaultGamma = 0.1;

    /// <summary>A decoder with error budget γ ≥ 0 nats per step (∞ allowed).</summary>
    public EntropyBoundDecoder(double gamma)
    {
        if (!(gamma >= 0))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ (--gamma) must be ≥ 0 (nats; ∞ allowed).");
        Gamma = gamma;
    }

    /// <summary>γ, the bound on Σ H_i − max H_i over a step's block, in nats.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public string Name => $"entropy-bound(γ={Gamma.ToString("G4", CultureInfo.InvariantCulture)})";

    /// <inheritdoc/>
    public PositionRule Order => PositionRule.Entropy;

    /// <inheritdoc/>
    /// <remarks>The entropy rule's score is −H, so H_i = −ranked[i].</remarks>
    public int Size(ReadOnlySpan<double> ranked)
    {
        var size = 1;
        var sum = 0.0;
        while (size < ranked.Length)
        {
            sum += -ranked[size - 1];
            if (!(sum <= Gamma))
                break;
            size++;
        }
        return size;
    }
}
