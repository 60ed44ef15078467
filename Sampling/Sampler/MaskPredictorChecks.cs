using Dlm.Datasets;

namespace Dlm.Sampling.Sampler;

/// <summary>The one shape check between a predictor and the data it is used on.</summary>
public static class MaskPredictorChecks
{
    /// <summary>
    /// Fails, naming <paramref name="parameter"/>, unless the predictor's L and q are the distribution's.
    /// </summary>
    public static void EnsureMatches(
        this IMaskPredictor predictor,
        IDiscreteDistribution distribution,
        string parameter
    )
    {
        if (predictor.Length != distribution.Length || predictor.Alphabet != distribution.Alphabet)
            throw new ArgumentException(
                $"the predictor is for L = {predictor.Length}, q = {predictor.Alphabet}; {distribution.Spec} has L = "
                    + $"{distribution.Length}, q = {distribution.Alphabet}.",
                parameter
            );
    }
}
