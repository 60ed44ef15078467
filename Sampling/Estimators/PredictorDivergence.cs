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
        var values = new double[draws];
        for (var d = 0; d < draws; d++)
            values[d] = Divergence(truth, predictor, [UniformRevealState.Draw(truth, seed.Split((ulong)d))])[0];
        return MonteCarloEstimate.FromDraws(values, confidence);
    }

    /// <summary>
    /// The same divergence at each revealed count m = 0..L−1: <paramref name="draws"/> states with |S| = m each, all
    /// scored in one batched predictor call per m; draw j at m uses <c>seed.Split(m).Split(j)</c>.
    /// </summary>
    public static IReadOnlyList<MonteCarloEstimate> ByRevealed(
        IDiscreteDistribution truth,
        IMaskPredictor predictor,
        int draws,
        RandomStreams seed,
        double confidence = 0.95
    ) =>
        Enumerable
            .Range(0, truth.Length)
            .Select(m =>
            {
                var streams = seed.Split((ulong)m);
                var states = Enumerable
                    .Range(0, draws)
                    .Select(d => UniformRevealState.Draw(truth, streams.Split((ulong)d), m))
                    .ToArray();
                return MonteCarloEstimate.FromDraws(Divergence(truth, predictor, states), confidence);
            })
            .ToList();

    /// <summary>Each state's mean over its masked positions of KL(oracle ‖ predictor), in one predictor call.</summary>
    private static double[] Divergence(
        IDiscreteDistribution truth,
        IMaskPredictor predictor,
        IReadOnlyList<UniformRevealState> states
    )
    {
        var (l, q, n) = (truth.Length, truth.Alphabet, states.Count);
        var partials = states.SelectMany(s => s.Partial).ToArray();
        var predicted = new double[n * l * q];
        predictor.Predict(partials, n, predicted);
        var oracle = new double[l * q];
        var values = new double[n];
        for (var b = 0; b < n; b++)
        {
            truth.Conditionals(states[b].Partial, oracle);
            var sum = 0.0;
            for (var i = 0; i < l; i++)
                if (states[b].Partial[i] == q)
                    sum += Information.KlDivergenceOf(oracle.AsSpan(i * q, q), predicted.AsSpan((b * l + i) * q, q));
            values[b] = sum / (l - states[b].Revealed);
        }
        return values;
    }
}
