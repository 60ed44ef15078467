using Dlm.Datasets;
using Dlm.Sampling.Sampler;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// The any-order bound on the negative log-likelihood (the ELBO, nats per sequence):
/// −ln p̂(x) ≤ E_π Σ_j −ln p̂(x_{π_j} | x_{π_&lt;j}) = E_{m ~ U{0..L−1}} E_{|S|=m} [L/(L−m) Σ_{i∉S} −ln p̂(x_i | x_S)].
/// With the oracle predictor its expectation is exactly H(X).
/// </summary>
public static class AnyOrderElbo
{
    /// <summary>
    /// The Monte Carlo estimate from <paramref name="draws"/> states; draw j uses <c>seed.Split(j)</c>.
    /// </summary>
    public static MonteCarloEstimate Estimate(
        IDiscreteDistribution truth,
        IMaskPredictor predictor,
        int draws,
        RandomStreams seed,
        double confidence = 0.95
    )
    {
        var (l, q) = (truth.Length, truth.Alphabet);
        var predicted = new double[l * q];
        var values = new double[draws];
        for (var d = 0; d < draws; d++)
        {
            var state = UniformRevealState.Draw(truth, seed.Split((ulong)d));
            predictor.Predict(state.Partial, 1, predicted);
            var sum = 0.0;
            for (var i = 0; i < l; i++)
                if (state.Partial[i] == q)
                    sum -= Math.Log(predicted[i * q + state.Sequence[i]]);
            values[d] = (double)l / (l - state.Revealed) * sum;
        }
        return MonteCarloEstimate.FromDraws(values, confidence);
    }
}
