using System.Runtime.InteropServices;
using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
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
    /// <summary>The sub-tasks of <see cref="Run"/>; the values are the split indices of its seed.</summary>
    public enum Stream : ulong
    {
        /// <summary>The sequences x, where they are drawn.</summary>
        Data = 0,

        /// <summary>The revealed sets.</summary>
        States = 1,
    }

    /// <summary>
    /// Both estimates of <paramref name="predictor"/> (<see cref="EstimateBoth"/>) on x from the first source given:
    /// <paramref name="sequences"/> (held-out data), <paramref name="samples"/> draws of
    /// <paramref name="distribution"/>, or else <paramref name="samples"/> of the predictor's own free-running outputs,
    /// one token a step. Returns the number of sequences too.
    /// </summary>
    public static (ProfileEstimate Entropy, ProfileEstimate CrossEntropy, int Sequences) Run(
        IMaskPredictor predictor,
        IReadOnlyList<int[]>? sequences,
        IDiscreteDistribution? distribution,
        int samples,
        string source,
        RandomStreams seed,
        int? grid = null,
        int? padId = null
    )
    {
        if (samples < 2)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "--samples must be ≥ 2.");
        var x =
            sequences
            ?? (
                distribution is not null
                    ? FromData(distribution, samples, seed.Split(Stream.Data))
                    : new UnmaskingSampler(
                        predictor,
                        new SamplerOptions(ScheduleCatalog.Create("fixed", predictor.Length, predictor.Length))
                    )
                        .Sample(samples, seed.Split(Stream.Data))
                        .Sequences
            );
        var (entropy, crossEntropy) = EstimateBoth(
            predictor,
            x,
            source,
            seed.Split(Stream.States),
            grid: grid,
            padId: padId
        );
        return (entropy, crossEntropy, x.Count);
    }

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
        var (entropy, crossEntropy) = EstimateBoth(predictor, sequences, source, seed, confidence);
        return estimator == ProfileEstimator.Entropy ? entropy : crossEntropy;
    }

    /// <summary>
    /// Both estimates from the same states and one forward pass per m: the predictive entropies and the
    /// cross-entropies of the same masked positions, each as <see cref="Estimate"/> gives it.
    /// </summary>
    /// <param name="predictor">The predictor.</param>
    /// <param name="sequences">The x, each of L tokens.</param>
    /// <param name="source">Where the x come from, for the estimate's record.</param>
    /// <param name="seed">The revealed sets of m use <c>seed.Split(m)</c>.</param>
    /// <param name="confidence">The intervals' confidence.</param>
    /// <param name="grid">
    /// Where a pass per m is too dear: the number of m, evenly spaced from 0 to L − 1, that are measured; each other m
    /// gets each sequence's score interpolated linearly between its neighbours. Null: every m.
    /// </param>
    /// <param name="padId">A padding token: the positions that hold it are never scored (they add 0 to the
    /// sums).</param>
    public static (ProfileEstimate Entropy, ProfileEstimate CrossEntropy) EstimateBoth(
        IMaskPredictor predictor,
        IReadOnlyList<int[]> sequences,
        string source,
        RandomStreams seed,
        double confidence = 0.95,
        int? grid = null,
        int? padId = null
    )
    {
        var (l, q) = (predictor.Length, predictor.Alphabet);
        var n = sequences.Count;
        if (n < 2)
            throw new ArgumentException("calibration needs at least 2 sequences.", nameof(sequences));
        if (sequences.Any(x => x.Length != l))
            throw new ArgumentException($"every sequence must have L = {l} tokens.", nameof(sequences));
        var entropy = new Accumulator(l, n, confidence);
        var crossEntropy = new Accumulator(l, n, confidence);
        var tokens = new int[n * l];
        var predictions = new double[n * l * q];
        var order = new int[l];
        var masked = new int[n * l];
        var offsets = new int[n + 1];
        var measured = Grid(l, grid);
        var (scoresEntropy, scoresCross) = (new double[n], new double[n]);
        var (lastEntropy, lastCross) = (new double[n], new double[n]);
        var last = -1;
        foreach (var m in measured)
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
            var previous = Span<double>.Empty;
            var previousEntropy = 0.0;
            for (var b = 0; b < n; b++)
            {
                var (entropies, crossEntropies) = (0.0, 0.0);
                for (var r = offsets[b]; r < offsets[b + 1]; r++)
                {
                    var symbol = sequences[b][masked[r]];
                    if (symbol == padId)
                        continue;
                    var law = predictions.AsSpan(r * q, q);
                    // An oracle's laws repeat (every uniform law of a code): a law bit for bit equal to the one
                    // before has its entropy.
                    if (!MemoryMarshal.AsBytes(law).SequenceEqual(MemoryMarshal.AsBytes(previous)))
                    {
                        previous = law;
                        previousEntropy = Information.EntropyOf(law);
                    }
                    entropies += previousEntropy;
                    crossEntropies -= Math.Log(law[symbol]);
                }
                scoresEntropy[b] = entropies / (l - m);
                scoresCross[b] = crossEntropies / (l - m);
            }
            // The m skipped since the last measured one, by interpolation, then m itself.
            for (var between = last + 1; between <= m; between++)
            {
                var t = (double)(between - last) / (m - last);
                for (var b = 0; b < n; b++)
                {
                    entropy.Add(
                        between,
                        b,
                        between == m ? scoresEntropy[b] : Lerp(lastEntropy[b], scoresEntropy[b], t)
                    );
                    crossEntropy.Add(between, b, between == m ? scoresCross[b] : Lerp(lastCross[b], scoresCross[b], t));
                }
                entropy.Close(between);
                crossEntropy.Close(between);
            }
            (last, lastEntropy, scoresEntropy, lastCross, scoresCross) = (
                m,
                scoresEntropy,
                lastEntropy,
                scoresCross,
                lastCross
            );
        }
        return (
            entropy.Estimate(q, source, ProfileEstimator.Entropy),
            crossEntropy.Estimate(q, source, ProfileEstimator.CrossEntropy)
        );
    }

    private static double Lerp(double from, double to, double t) => from + t * (to - from);

    /// <summary>
    /// The m that are measured: every m in 0..L−1, or <paramref name="points"/> of them evenly spaced, 0 and L − 1
    /// among them.
    /// </summary>
    public static int[] Grid(int length, int? points)
    {
        if (points is < 2)
            throw new ArgumentOutOfRangeException(nameof(points), points, "--m-grid must be ≥ 2.");
        if (points is not { } count || count >= length)
            return Enumerable.Range(0, length).ToArray();
        return Enumerable
            .Range(0, count)
            .Select(j => (int)Math.Round((double)j * (length - 1) / (count - 1)))
            .Distinct()
            .ToArray();
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

    /// <summary>One estimator's scores: Δ̂(m) with its interval, and the per-sequence TC and DTC sums.</summary>
    private sealed class Accumulator(int length, int count, double confidence)
    {
        private readonly double[] _values = new double[count];
        private readonly double[] _tc = new double[count];
        private readonly double[] _dtc = new double[count];
        private readonly double[] _delta = new double[length];
        private readonly double[] _lower = new double[length];
        private readonly double[] _upper = new double[length];

        /// <summary>Sequence b's mean score over its masked positions at m.</summary>
        public void Add(int m, int b, double value)
        {
            _values[b] = value;
            // TC = Σ_{m≥1} (Δ(0) − Δ(m)) and DTC = Σ_{m≤L−2} (Δ(m) − Δ(L−1)), term by term for this sequence.
            _tc[b] += m == 0 ? (length - 1) * value : -value;
            _dtc[b] += m == length - 1 ? -(length - 1) * value : value;
        }

        /// <summary>Δ̂(m) and its interval from the scores of m.</summary>
        public void Close(int m)
        {
            var estimate = MonteCarloEstimate.FromDraws(_values, confidence);
            (_delta[m], _lower[m], _upper[m]) = (estimate.Mean, estimate.Lower, estimate.Upper);
        }

        public ProfileEstimate Estimate(int alphabet, string source, ProfileEstimator estimator) =>
            ProfileEstimate.FromDeltas(
                length,
                alphabet,
                source,
                count,
                estimator,
                _delta,
                _lower,
                _upper,
                MonteCarloEstimate.FromDraws(_tc, confidence),
                MonteCarloEstimate.FromDraws(_dtc, confidence)
            );
    }
}
