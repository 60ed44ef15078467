using System.Collections.Concurrent;
using Dlm.Datasets;
using Dlm.Sampling.Sampler;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Dlm.Experiments.Studies;

/// <summary>
/// A log-linear pool (a product of experts) of a masked predictor with two interpolated Kneser–Ney n-grams of its
/// training lines, one reading left to right and one right to left. At a masked position i of a state with m revealed
/// tokens, let l be the run of revealed symbols right before i and r the run right after it (each at most n − 1 long),
/// and b = (|l|, |r|) their lengths, a run that reaches the line's edge counted as n. Then
/// ln p̃(s | x_S) = a_m·ln p̂(s | x_S) + α_b·ln P→(s r | l) + β_b·ln P←(s l | r) − ln Z,
/// where P→ scores s followed by the run r given l (<see cref="KneserNey.LogJoint"/>) and P← the same read backwards.
/// The weights θ = (a, α, β) minimise the mean of −ln p̃(x_i | x_S) over the states that uniform orders visit
/// on held-out lines, a convex problem (BFGS). θ = (1, 0, 0) is the predictor alone.
/// </summary>
public sealed class NgramPool
{
    private readonly KneserNey _forward;
    private readonly KneserNey _backward;
    private readonly double[] _weights;
    private readonly ConcurrentDictionary<(long, long), double[]> _remembered;

    private NgramPool(
        KneserNey forward,
        KneserNey backward,
        int length,
        int alphabet,
        double[] weights,
        ConcurrentDictionary<(long, long), double[]> remembered
    )
    {
        (_forward, _backward, Length, Alphabet, _weights) = (forward, backward, length, alphabet, weights);
        _remembered = remembered;
    }

    /// <summary>λ of the ridge λ‖θ − θ₀‖² added to the mean NLL per state, θ₀ the predictor alone.</summary>
    public const double Ridge = 1e-4;

    /// <summary>The memory that remembered count scores may take, in bytes: 2q doubles and a key per pair of runs.
    /// </summary>
    public const long RememberedBytes = 256L << 20;

    /// <summary>L.</summary>
    public int Length { get; }

    /// <summary>q.</summary>
    public int Alphabet { get; }

    /// <summary>n.</summary>
    public int Order => _forward.Order;

    /// <summary>θ: the predictor's weight a_m for m = 0..L−1, then α_b and β_b for each of the (n + 1)² run lengths b.
    /// </summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>(n + 1)²: the pairs of run lengths b = (|l|, |r|), each 0..n − 1, or n at the line's edge.</summary>
    private int Buckets => (Order + 1) * (Order + 1);

    /// <summary>
    /// The n-grams of <paramref name="training"/> and the weights fitted on <paramref name="calibration"/>, each line
    /// visited in <paramref name="orders"/> uniform orders drawn from <paramref name="seed"/>.
    /// </summary>
    /// <param name="predictor">The masked predictor to pool.</param>
    /// <param name="training">The lines the n-grams count (the predictor's training lines).</param>
    /// <param name="calibration">Held-out lines, neither the predictor's nor the n-grams'.</param>
    /// <param name="seed">The orders' stream.</param>
    /// <param name="order">n ≥ 1.</param>
    /// <param name="orders">Orders per calibration line, ≥ 1.</param>
    public static NgramPool Fit(
        IMaskPredictor predictor,
        IReadOnlyList<int[]> training,
        IReadOnlyList<int[]> calibration,
        RandomStreams seed,
        int order = 6,
        int orders = 2
    )
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var (l, q) = (predictor.Length, predictor.Alphabet);
        if (training.Count == 0)
            throw new ArgumentException("the n-grams need at least one training line.", nameof(training));
        if (calibration.Count == 0)
            throw new ArgumentException("the weights need at least one calibration line.", nameof(calibration));
        if (orders < 1)
            throw new ArgumentOutOfRangeException(nameof(orders), orders, "orders per line must be ≥ 1.");
        foreach (var x in training.Concat(calibration))
        {
            if (x.Length != l)
                throw new ArgumentException($"a line has {x.Length} tokens; the predictor has L = {l}.");
        }
        var forward = new KneserNey(training, order, q, end: null);
        var backward = new KneserNey([.. training.Select(x => x.Reverse().ToArray())], order, q, end: null);
        var initial = new double[l + 2 * (order + 1) * (order + 1)];
        Array.Fill(initial, 1.0, 0, l);
        var pool = new NgramPool(forward, backward, l, q, initial, new());
        var rows = pool.Rows(predictor, calibration, orders, seed.Stream("orders"));
        var objective = ObjectiveFunction.Gradient(theta =>
        {
            var (value, gradient) = pool.Loss(rows, theta.ToArray());
            // A ridge towards the predictor alone holds a run length that few states have.
            var away = theta - Vector<double>.Build.DenseOfArray(initial);
            return (
                value + Ridge * away.DotProduct(away),
                Vector<double>.Build.DenseOfArray(gradient) + 2 * Ridge * away
            );
        });
        var fitted = new BfgsMinimizer(1e-6, 1e-9, 1e-11, 1000).FindMinimum(
            objective,
            Vector<double>.Build.DenseOfArray(initial)
        );
        // The count scores depend on the runs, not the weights: those of the fit stay remembered.
        return new NgramPool(forward, backward, l, q, fitted.MinimizingPoint.ToArray(), pool._remembered);
    }

    /// <summary>
    /// Overwrites <paramref name="law"/>, the predictor's law at masked position <paramref name="position"/> of
    /// <paramref name="state"/> (L tokens, mask id q), with the pooled law p̃.
    /// </summary>
    public void Pool(ReadOnlySpan<int> state, int position, Span<double> law)
    {
        Span<double> features = stackalloc double[3 * Alphabet];
        var (revealed, bucket) = Features(state, position, law, features);
        Softmax(features, revealed, bucket, _weights, law);
    }

    /// <summary>The three log-scores at <paramref name="position"/>, with m and the run lengths' index b.</summary>
    private (int Revealed, int Bucket) Features(
        ReadOnlySpan<int> state,
        int position,
        ReadOnlySpan<double> law,
        Span<double> features
    )
    {
        var (n, q) = (Order, Alphabet);
        if (state[position] != q)
            throw new ArgumentException($"position {position} is revealed; only a masked one is pooled.");
        var before = position;
        while (before > 0 && state[before - 1] != q && position - before < n - 1)
            before--;
        var after = position + 1;
        while (after < Length && state[after] != q && after - position - 1 < n - 1)
            after++;
        var left = state[before..position];
        var right = state[(position + 1)..after];
        var atStart = before == 0 && left.Length < n - 1;
        var atEnd = after == Length && right.Length < n - 1;
        for (var s = 0; s < q; s++)
            features[s] = Math.Log(Math.Max(law[s], double.Epsilon));
        CountScores(left, atStart, right, atEnd, features[q..]);
        var revealed = 0;
        foreach (var token in state)
            revealed += token == q ? 0 : 1;
        var bucket = (atStart ? n : left.Length) * (n + 1) + (atEnd ? n : right.Length);
        return (revealed, bucket);
    }

    /// <summary>
    /// ln P→(s r | l) and then ln P←(s l | r) for every s, into <paramref name="scores"/> (2q entries). They depend on
    /// the runs alone, which recur across positions and lines, so they are remembered, up to
    /// <see cref="RememberedBytes"/>.
    /// </summary>
    private void CountScores(
        ReadOnlySpan<int> left,
        bool atStart,
        ReadOnlySpan<int> right,
        bool atEnd,
        Span<double> scores
    )
    {
        var key = (RunKey(left, atStart), RunKey(right, atEnd));
        if (_remembered.TryGetValue(key, out var known))
        {
            known.CopyTo(scores);
            return;
        }
        var q = Alphabet;
        _forward.LogJoint(left, atStart, right, scores[..q]);
        Span<int> leftBackwards = stackalloc int[left.Length];
        Span<int> rightBackwards = stackalloc int[right.Length];
        left.CopyTo(leftBackwards);
        right.CopyTo(rightBackwards);
        leftBackwards.Reverse();
        rightBackwards.Reverse();
        _backward.LogJoint(rightBackwards, atEnd, leftBackwards, scores[q..(2 * q)]);
        if (_remembered.Count < RememberedBytes / (16 * q + 64))
            _remembered.TryAdd(key, scores[..(2 * q)].ToArray());
    }

    /// <summary>A run and whether it reaches the line's edge, as one number (digits 1..q in base q + 1, then the flag);
    /// it fits, since the n-grams' own keys of n symbols do.</summary>
    private long RunKey(ReadOnlySpan<int> run, bool atEdge)
    {
        var key = 0L;
        foreach (var symbol in run)
            key = key * (Alphabet + 1) + symbol + 1;
        return 2 * key + (atEdge ? 1 : 0);
    }

    /// <summary>The indices into θ of a_m, α_b and β_b.</summary>
    private (int Network, int Forward, int Backward) Indices(int revealed, int bucket) =>
        (revealed, Length + bucket, Length + Buckets + bucket);

    /// <summary>p̃ = softmax(a_m·f₀ + α_b·f₁ + β_b·f₂).</summary>
    private void Softmax(ReadOnlySpan<double> features, int revealed, int bucket, double[] theta, Span<double> law)
    {
        var q = Alphabet;
        var (a, b, c) = Indices(revealed, bucket);
        var max = double.NegativeInfinity;
        for (var s = 0; s < q; s++)
        {
            law[s] = theta[a] * features[s] + theta[b] * features[q + s] + theta[c] * features[2 * q + s];
            max = Math.Max(max, law[s]);
        }
        var sum = 0.0;
        for (var s = 0; s < q; s++)
        {
            law[s] = Math.Exp(law[s] - max);
            sum += law[s];
        }
        for (var s = 0; s < q; s++)
            law[s] /= sum;
    }

    private sealed record Row(double[] Features, int Revealed, int Bucket, int Target);

    /// <summary>Every state that <paramref name="orders"/> uniform orders of each line visit, one reveal at a time.
    /// </summary>
    private List<Row> Rows(IMaskPredictor predictor, IReadOnlyList<int[]> lines, int orders, Random random)
    {
        var (l, q) = (Length, Alphabet);
        var rows = new List<Row>(lines.Count * orders * l);
        var states = new int[l * l];
        var positions = new int[l];
        var offsets = Enumerable.Range(0, l + 1).ToArray();
        var laws = new double[l * q];
        var order = new int[l];
        for (var pass = 0; pass < orders; pass++)
        {
            foreach (var x in lines)
            {
                for (var i = 0; i < l; i++)
                    order[i] = i;
                random.Shuffle(order);
                states.AsSpan().Fill(q);
                for (var j = 0; j < l; j++)
                {
                    positions[j] = order[j];
                    for (var k = 0; k < j; k++)
                        states[j * l + order[k]] = x[order[k]];
                }
                predictor.PredictAt(states, l, positions, offsets, laws);
                for (var j = 0; j < l; j++)
                {
                    var features = new double[3 * q];
                    var (revealed, bucket) = Features(
                        states.AsSpan(j * l, l),
                        order[j],
                        laws.AsSpan(j * q, q),
                        features
                    );
                    rows.Add(new Row(features, revealed, bucket, x[order[j]]));
                }
            }
        }
        return rows;
    }

    /// <summary>
    /// The mean of −ln p̃(target) over the rows at θ, and its gradient. The rows are summed in fixed chunks, one core
    /// each, then the chunks in order, so that the sum does not depend on the cores.
    /// </summary>
    private (double Value, double[] Gradient) Loss(List<Row> rows, double[] theta)
    {
        const int chunk = 4096;
        var chunks = (rows.Count + chunk - 1) / chunk;
        var values = new double[chunks];
        var gradients = new double[chunks][];
        Parallel.For(
            0,
            chunks,
            c =>
            {
                var range = rows.GetRange(c * chunk, Math.Min(chunk, rows.Count - c * chunk));
                (values[c], gradients[c]) = Sum(range, theta);
            }
        );
        var gradient = new double[theta.Length];
        foreach (var part in gradients)
        {
            for (var i = 0; i < gradient.Length; i++)
                gradient[i] += part[i] / rows.Count;
        }
        return (values.Sum() / rows.Count, gradient);
    }

    /// <summary>Σ −ln p̃(target) over <paramref name="rows"/>, and its gradient: ∂/∂w_k = E_p̃[f_k] − f_k(target).
    /// </summary>
    private (double Value, double[] Gradient) Sum(IEnumerable<Row> rows, double[] theta)
    {
        var q = Alphabet;
        var gradient = new double[theta.Length];
        var law = new double[q];
        var value = 0.0;
        foreach (var row in rows)
        {
            Softmax(row.Features, row.Revealed, row.Bucket, theta, law);
            value -= Math.Log(law[row.Target]);
            var (a, b, c) = Indices(row.Revealed, row.Bucket);
            for (var k = 0; k < 3; k++)
            {
                var expected = 0.0;
                for (var s = 0; s < q; s++)
                    expected += law[s] * row.Features[k * q + s];
                gradient[
                    k == 0 ? a
                    : k == 1 ? b
                    : c
                ] += expected - row.Features[k * q + row.Target];
            }
        }
        return (value, gradient);
    }
}
