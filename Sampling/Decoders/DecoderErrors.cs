using Dlm.Datasets;
using Dlm.Datasets.ReedSolomon;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;

namespace Dlm.Sampling.Decoders;

/// <summary>
/// Where a decoder's exact error comes from: the MDS closed form on Reed–Solomon codes, else enumeration.
/// </summary>
public static class DecoderErrors
{
    /// <summary>
    /// KL(p ‖ q) and the NFE law of <paramref name="decoder"/> with the oracle of <paramref name="distribution"/> at
    /// T = 1: by <see cref="MdsDecoding"/> on a Reed–Solomon code (any n), by <see cref="ExactSamplerLaw"/> on a
    /// tabulated joint small enough to enumerate, else null.
    /// </summary>
    public static DecoderError? Exact(IDiscreteDistribution distribution, IAdaptiveSizeRule decoder)
    {
        if (distribution is ReedSolomonDistribution rs)
            return MdsDecoding.Compute(decoder, rs.Length, rs.Code.Dimension, rs.Alphabet);
        if (distribution.Joint is not { } joint || !Theory.MixtureKl.IsFeasible(joint.Length, joint.Alphabet))
            return null;
        var law = ExactSamplerLaw.Compute(new OraclePredictor(distribution), decoder);
        // KL ≥ 0: a float64 rounding below an exact 0 reads as 0.
        return new DecoderError(Math.Max(0, EmpiricalLaw.Kl(joint, law.Output)), law.Nfe);
    }
}
