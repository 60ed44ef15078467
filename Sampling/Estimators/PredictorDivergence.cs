using Dlm.Datasets;
using Dlm.Sampling.Sampler;
using Dlm.Theory;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// How far a predictor stands from the oracle, per token: E over the uniform-position sampler's states and a
/// uniformly chosen masked position i of KL(p(· | x_S) ‖ p̂(· | x_S)), each KL exact over the q symbols.
/// </summary>
public static class PredictorDivergence
{
    /// <summary>
    /// The Monte Carlo estimate from <paramref name="draws"/> states; draw j uses <c>seed.Split(j)</c>.
    /// </summary>
    public static MonteCarloEstimate PerToken(
        IDiscreteDistribution truth,
        IMaskPredictor predictor,
        int draws,
        RandomStreams seed,
        double confidence = 0.95
    )
    {
        var (l, q) = (truth.Length, truth.Alphabet);
        var oracle = new double[l * q];
        var predicted = new double[l * q];
        var values = new double[draws];
        for (var d = 0; d < draws; d++)
        {
            var state = UniformRevealState.Draw(truth, seed.Split((ulong)d));
            truth.Conditionals(state.Partial, oracle);
            predictor.Predict(state.Partial, 1, predicted);
            var sum = 0.0;
            for (var i = 0; i < l; i++)
                if (state.Partial[i] == q)
                    sum += Information.KlDivergenceOf(oracle.AsSpan(i * q, q), predicted.AsSpan(i * q, q));
            values[d] = sum / (l - state.Revealed);
        }
        return MonteCarloEstimate.FromDraws(values, confidence);
    }
}
