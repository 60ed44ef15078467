using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Theory;

namespace Dlm.Sampling.Calibration;

/// <summary>
/// Estimates the entropy profile from a mask predictor: Δ̂(m) is the mean, over sequences x and uniformly random
/// revealed sets S with |S| = m, of a score averaged over the masked positions (<see cref="ProfileEstimator"/>): the
/// predictive entropy H(p̂(· | x_S)), whose expectation is Δ(m) = E H(X_i | X_S) for a calibrated predictor, or the
/// cross-entropy −ln p̂(x_i | x_S), whose expectation is Δ_CE(m). One forward pass scores every masked position of a
/// sequence; the N sequences of each m go in one batch. The intervals of TC and DTC come from per-sequence sums over
/// m, so they account for the sequences being shared by every m.
/// </summary>
public static class ProfileCalibration
{
    /// <summary>
    /// The estimate from <paramref name="sequences"/> (data, or the model's own free-running outputs), with
    /// 95% intervals. The revealed sets of m use <c>seed.Split(m)</c>.
    /// </summary>
    public static ProfileEstimate Estimate(
        IMaskPredictor predictor,
        IReadOnlyList<int[]> sequences,
        string source,
        RandomStreams seed,
        ProfileEstimator estimator = ProfileEstimator.Entropy,
        double confidence = 0.95
    )
    {
        var (l, q) = (predictor.Length, predictor.Alphabet);
        var n = sequences.Count;
        if (n < 2)
            throw new ArgumentException("calibration needs at least 2 sequences.", nameof(sequences));
        if (sequences.Any(x => x.Length != l))
            throw new ArgumentException($"every sequence must have L = {l} tokens.", nameof(sequences));
        var delta = new double[l];
        var lower = new double[l];
        var upper = new double[l];
        var (tc, dtc) = (new double[n], new double[n]);
        var tokens = new int[n * l];
        var predictions = new double[n * l * q];
        var order = new int[l];
        var masked = new int[n * l];
        var offsets = new int[n + 1];
        for (var m = 0; m < l; m++)
        {
            var rng = seed.Split((ulong)m).Stream("positions");
            for (var b = 0; b < n; b++)
            {
                for (var i = 0; i < l; i++)
                    order[i] = i;
                rng.Shuffle(order);
                var row = tokens.AsSpan(b * l, l);
                row.Fill(q);
                for (var j = 0; j < m; j++)
                    row[order[j]] = sequences[b][order[j]];
            }
            // Only the masked positions are scored, so only they are asked for (in position order).
            for (var b = 0; b < n; b++)
            {
                offsets[b + 1] = offsets[b];
                for (var i = 0; i < l; i++)
                    if (tokens[b * l + i] == q)
                        masked[offsets[b + 1]++] = i;
            }
            predictor.PredictAt(tokens, n, masked.AsSpan(0, offsets[n]), offsets, predictions);
            var values = new double[n];
            for (var b = 0; b < n; b++)
            {
                var total = 0.0;
                for (var r = offsets[b]; r < offsets[b + 1]; r++)
                {
                    var law = predictions.AsSpan(r * q, q);
                    total +=
                        estimator == ProfileEstimator.Entropy
                            ? Information.EntropyOf(law)
                            : -Math.Log(law[sequences[b][masked[r]]]);
                }
                values[b] = total / (l - m);
                // TC = Σ_{m≥1} (Δ(0) − Δ(m)) and DTC = Σ_{m≤L−2} (Δ(m) − Δ(L−1)), term by term for this sequence.
                tc[b] += m == 0 ? (l - 1) * values[b] : -values[b];
                dtc[b] += m == l - 1 ? -(l - 1) * values[b] : values[b];
            }
            var estimate = MonteCarloEstimate.FromDraws(values, confidence);
            (delta[m], lower[m], upper[m]) = (estimate.Mean, estimate.Lower, estimate.Upper);
        }
        return ProfileEstimate.FromDeltas(
            l,
            q,
            source,
            n,
            estimator,
            delta,
            lower,
            upper,
            MonteCarloEstimate.FromDraws(tc, confidence),
            MonteCarloEstimate.FromDraws(dtc, confidence)
        );
    }

    /// <summary>The sequences for calibration: <paramref name="count"/> draws from a distribution.</summary>
    public static int[][] FromData(IDiscreteDistribution data, int count, RandomStreams seed)
    {
        var rng = seed.Stream("data");
        return Enumerable
            .Range(0, count)
            .Select(_ =>
            {
                var x = new int[data.Length];
                data.Sample(rng, x);
                return x;
            })
            .ToArray();
    }
}
