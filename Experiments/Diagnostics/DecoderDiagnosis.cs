using Dlm.Datasets;
using Dlm.Sampling.Decoders;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;

namespace Dlm.Experiments.Diagnostics;

/// <summary>
/// One decoder on one distribution with the oracle predictor (<c>dlm error --decoder</c>): the exact KL(p ‖ q) and law
/// of the NFE where a closed form or enumeration gives them, and on request a Monte Carlo run of the sampler: its mean
/// NFE with a 95% interval, and the share of samples in the support of p with a 95% Clopper–Pearson interval, next to
/// the exact share where the law is known.
/// </summary>
/// <param name="Decoder">The decoder's name with its parameter.</param>
/// <param name="Exact">KL and the NFE law, or null where neither the closed form nor enumeration applies.</param>
/// <param name="ExactInSupport">The exact P(sample ∈ supp p), where known (e^−KL on a Reed–Solomon code).</param>
/// <param name="NfeSampled">The sampled mean NFE and its 95% interval, or null.</param>
/// <param name="InSupportSampled">The sampled share in the support of p and its 95% interval, or null.</param>
public sealed record DecoderDiagnosis(
    string Decoder,
    DecoderError? Exact,
    double? ExactInSupport,
    MonteCarloEstimate? NfeSampled,
    RateEstimate? InSupportSampled
)
{
    /// <summary>
    /// The diagnosis with <paramref name="draws"/> sampled sequences (0 for none) from <paramref name="seed"/>.
    /// </summary>
    public static DecoderDiagnosis Of(
        IDiscreteDistribution distribution,
        IAdaptiveSizeRule decoder,
        int draws,
        RandomStreams seed
    )
    {
        if (draws < 0 || draws == 1)
            throw new ArgumentOutOfRangeException(nameof(draws), draws, "--mc must be 0 (off) or ≥ 2 draws.");
        var exact = DecoderErrors.Exact(distribution, decoder);
        double? inSupport = exact is null ? null : Math.Exp(-exact.Kl);
        if (exact is not null && distribution is not Datasets.ReedSolomon.ReedSolomonDistribution)
            inSupport = InSupport(distribution, decoder);
        if (draws == 0)
            return new DecoderDiagnosis(decoder.Name, exact, inSupport, null, null);
        var sampled = new UnmaskingSampler(
            new OraclePredictor(distribution),
            SamplerOptions.Decoding(decoder, distribution.Length)
        ).Sample(draws, seed);
        var valid = sampled.Sequences.Count(x => distribution.InSupport(x));
        return new DecoderDiagnosis(
            decoder.Name,
            exact,
            inSupport,
            MonteCarloEstimate.FromDraws(sampled.Nfe.Select(n => (double)n).ToArray()),
            RateEstimate.ClopperPearson(valid, draws, 0.95)
        );
    }

    /// <summary>Σ q(x) over the support of p, from the enumerated law.</summary>
    private static double InSupport(IDiscreteDistribution distribution, IAdaptiveSizeRule decoder)
    {
        var joint = distribution.Joint!;
        var law = ExactSamplerLaw.Compute(new OraclePredictor(distribution), decoder).Output;
        return law.Where((_, x) => joint[x] > 0).Sum();
    }
}
