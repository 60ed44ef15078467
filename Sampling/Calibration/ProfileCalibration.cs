using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Theory;

namespace Dlm.Sampling.Calibration;

/// <summary>
/// Estimates the entropy profile from a mask predictor alone: Δ̂(m) is the mean, over sequences x and
/// uniformly random revealed sets S with |S| = m, of the predictive entropy H(p̂(· | x_S)) averaged over
/// the masked positions. For a calibrated predictor its expectation is Δ(m) = E H(X_i | X_S). One forward
/// pass scores every masked position of a sequence; the N sequences of each m go in one batch.
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
                    total += Information.EntropyOf(predictions.AsSpan(r * q, q));
                values[b] = total / (l - m);
            }
            var estimate = MonteCarloEstimate.FromDraws(values, confidence);
            (delta[m], lower[m], upper[m]) = (estimate.Mean, estimate.Lower, estimate.Upper);
        }
        return ProfileEstimate.FromDeltas(l, q, source, n, delta, lower, upper);
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
