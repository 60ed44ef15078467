using Dlm.Datasets;
using Dlm.Sampling.Decoders;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// The teacher-forced NLL of a schedule on held-out data, predictor error included: for each sequence x, a uniform
/// order and sizes from the schedule, NLL(x) = Σ_k Σ_{i∈B_k} −ln p̂(x_i | x_{S_{k−1}}), in nats. Its expectation is
/// Σ_k E[s_k·Δ_CE(m_{k−1})] = f_CE(L) + E KL on the cross-entropy profile (<c>ProfileEstimator.CrossEntropy</c>): the
/// KL the schedule adds on top of the any-order NLL. Sequence b draws from <c>seed.Split(b)</c> ("positions", "sizes"),
/// so with one seed every schedule sees the same orders: their differences are paired.
/// </summary>
public static class TeacherForcedNll
{
    /// <summary>
    /// NLL(x) in nats for every sequence, all of them in one batch per step; positions holding
    /// <paramref name="padId"/> are revealed as the schedule says but never scored. With
    /// <paramref name="order"/> = <see cref="PositionRule.LeftToRight"/> the order is 1..L instead of uniform: with
    /// <c>fixed</c> at K = L, NLL(x) = Σ_i −ln p̂(x_i | x_{&lt;i}), the left-to-right NLL an n-gram is scored by.
    /// </summary>
    public static double[] PerSequence(
        IMaskPredictor predictor,
        IReadOnlyList<int[]> sequences,
        ISizeSchedule schedule,
        RandomStreams seed,
        int? padId = null,
        PositionRule order = PositionRule.Random
    )
    {
        if (order.ReadsLaws())
            throw new ArgumentException(
                $"teacher forcing takes the random or left-to-right order, not {order.Name()}.",
                nameof(order)
            );
        var (l, q, n) = (predictor.Length, predictor.Alphabet, sequences.Count);
        if (schedule.Length != l)
            throw new ArgumentException(
                $"the schedule is for L = {schedule.Length}; the predictor has L = {l}.",
                nameof(schedule)
            );
        if (sequences.Any(x => x.Length != l || x.Any(v => v < 0 || v >= q)))
            throw new ArgumentException($"every sequence needs L = {l} symbols in [0, q = {q}).", nameof(sequences));
        var orders = new int[n][];
        var sizes = new Random[n];
        for (var b = 0; b < n; b++)
        {
            var streams = seed.Split((ulong)b);
            orders[b] = Enumerable.Range(0, l).ToArray();
            if (order == PositionRule.Random)
                streams.Stream("positions").Shuffle(orders[b]);
            sizes[b] = streams.Stream("sizes");
        }
        var nll = new double[n];
        var revealed = new int[n];
        var tokens = new int[n * l];
        Array.Fill(tokens, q);
        var positions = new int[n * l];
        var offsets = new int[n + 1];
        var laws = new double[n * l * q];
        for (var k = 1; k <= schedule.Steps; k++)
        {
            for (var b = 0; b < n; b++)
            {
                var s = schedule.Next(k, revealed[b], sizes[b]);
                orders[b].AsSpan(revealed[b], s).CopyTo(positions.AsSpan(offsets[b]));
                offsets[b + 1] = offsets[b] + s;
            }
            if (offsets[n] == 0)
                continue;
            predictor.PredictAt(tokens, n, positions.AsSpan(0, offsets[n]), offsets, laws);
            for (var b = 0; b < n; b++)
            {
                for (var r = offsets[b]; r < offsets[b + 1]; r++)
                {
                    var i = positions[r];
                    if (sequences[b][i] != padId)
                        nll[b] -= Math.Log(laws[r * q + sequences[b][i]]);
                    tokens[b * l + i] = sequences[b][i];
                }
                revealed[b] += offsets[b + 1] - offsets[b];
            }
        }
        return nll;
    }

    /// <summary>
    /// NLL(x) in nats and the step count for every sequence under <paramref name="decoder"/>, teacher-forced: each step
    /// the decoder ranks and sizes the block from the laws at x's own partial sequence, whose tokens are then scored
    /// and revealed. The decoder's block is a function of the partial sequence, so this path is the only one that
    /// outputs x, and NLL(x) = −ln q(x) exactly for the decoder's output law q (temperature 1); the steps are those
    /// of the run that outputs x. Sequences run in batches of <paramref name="batchSize"/>; the result does not
    /// depend on it.
    /// </summary>
    public static DecodedNll PerSequence(
        IMaskPredictor predictor,
        IReadOnlyList<int[]> sequences,
        IAdaptiveSizeRule decoder,
        int? padId = null,
        int batchSize = 256
    )
    {
        var (l, q, n) = (predictor.Length, predictor.Alphabet, sequences.Count);
        if (sequences.Any(x => x.Length != l || x.Any(v => v < 0 || v >= q)))
            throw new ArgumentException($"every sequence needs L = {l} symbols in [0, q = {q}).", nameof(sequences));
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be ≥ 1.");
        var nll = new double[n];
        var entropy = new double[n];
        var nfe = new int[n];
        var laws = new double[Math.Min(n, batchSize) * l * q];
        var masked = new List<int>(l);
        var block = new List<int>(l);
        var tokens = new int[Math.Min(n, batchSize) * l];
        var gathered = new int[tokens.Length];
        var active = new List<int>();
        for (var start = 0; start < n; start += batchSize)
        {
            var size = Math.Min(batchSize, n - start);
            Array.Fill(tokens, q);
            active.Clear();
            active.AddRange(Enumerable.Range(0, size));
            // Every step reveals at least one position of each unfinished sequence, so the loop ends within L steps.
            while (active.Count > 0)
            {
                for (var a = 0; a < active.Count; a++)
                    tokens.AsSpan(active[a] * l, l).CopyTo(gathered.AsSpan(a * l, l));
                predictor.Predict(
                    gathered.AsSpan(0, active.Count * l),
                    active.Count,
                    laws.AsSpan(0, active.Count * l * q)
                );
                for (var a = 0; a < active.Count; a++)
                {
                    var b = active[a];
                    var row = tokens.AsSpan(b * l, l);
                    masked.Clear();
                    for (var i = 0; i < l; i++)
                    {
                        if (row[i] == q)
                            masked.Add(i);
                    }
                    var x = sequences[start + b];
                    var predicted = laws.AsSpan(a * l * q, l * q);
                    DecoderBlock.Choose(decoder, masked, predicted, q, block);
                    foreach (var i in block)
                    {
                        if (x[i] != padId)
                        {
                            nll[start + b] -= Math.Log(predicted[i * q + x[i]]);
                            entropy[start + b] -= PositionRules.Score(PositionRule.Entropy, predicted.Slice(i * q, q));
                        }
                        row[i] = x[i];
                    }
                    nfe[start + b]++;
                }
                active.RemoveAll(b => tokens.AsSpan(b * l, l).IndexOf(q) < 0);
            }
        }
        return new DecodedNll(nll, nfe, entropy);
    }
}

/// <summary>
/// A decoder's teacher-forced NLL, step count and spent entropy, per sequence. A calibrated model's NLL and entropy
/// agree on average; an NLL above the entropy is what the model did not expect, the overconfidence that makes an
/// entropy decoder reveal too much.
/// </summary>
/// <param name="Nll">NLL(x) = Σ −ln p̂(x_i | x_S) over the revealed positions, nats.</param>
/// <param name="Nfe">The steps the decoder took along x.</param>
/// <param name="Entropy">Σ H(p̂(· | x_S)) over the same positions, nats: what the decoder believed it spent.</param>
public sealed record DecodedNll(double[] Nll, int[] Nfe, double[] Entropy);
