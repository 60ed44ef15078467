using Dlm.Datasets;
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
    /// <paramref name="padId"/> are revealed as the schedule says but never scored.
    /// </summary>
    public static double[] PerSequence(
        IMaskPredictor predictor,
        IReadOnlyList<int[]> sequences,
        ISizeSchedule schedule,
        RandomStreams seed,
        int? padId = null
    )
    {
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
}
