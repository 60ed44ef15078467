using System.Globalization;
using Dlm.Sampling.Sampler;

namespace Dlm.Sampling.Decoders;

/// <summary>
/// The entropy-sum rule: the masked positions sorted by the entropy of their predicted law, lowest first, and the
/// largest j with Σ_{i≤j} H_i ≤ γ revealed, at least one. It differs from <see cref="EntropyBoundDecoder"/> only in
/// keeping the largest entropy in the sum, so it never reveals more. This is the threshold-on-the-entropy-sum form of
/// Cai &amp; Li (arXiv 2603.22248), as their abstract states it; their exact rule and constants could not be read here.
/// </summary>
public sealed class EntropySumDecoder : IAdaptiveSizeRule
{
    /// <summary>The default γ, EB's.</summary>
    public const double DefaultGamma = EntropyBoundDecoder.DefaultGamma;

    /// <summary>A decoder with error budget γ ≥ 0 nats per step (∞ allowed).</summary>
    public EntropySumDecoder(double gamma)
    {
        if (!(gamma >= 0))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ (--gamma) must be ≥ 0 (nats; ∞ allowed).");
        Gamma = gamma;
    }

    /// <summary>γ, the bound on Σ H_i over a step's block, in nats.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public string Name => $"entropy-sum(γ={Gamma.ToString("G4", CultureInfo.InvariantCulture)})";

    /// <inheritdoc/>
    public PositionRule Order => PositionRule.Entropy;

    /// <inheritdoc/>
    /// <remarks>The entropy rule's score is −H, so H_i = −ranked[i].</remarks>
    public int Size(ReadOnlySpan<double> ranked)
    {
        var size = 1;
        var sum = -ranked[0];
        while (size < ranked.Length)
        {
            sum += -ranked[size];
            if (!(sum <= Gamma))
                break;
            size++;
        }
        return size;
    }
}
