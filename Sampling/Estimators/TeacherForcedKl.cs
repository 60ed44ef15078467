using Dlm.Datasets;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Sampling.Estimators;

/// <summary>
/// The teacher-forced error split into the schedule's part and the predictor's part (nats per sequence).
/// </summary>
/// <param name="Total">E Σ_k [ln p(x_B | x_S) − Σ_{i∈B} ln p̂(x_i | x_S)] = E KL(p ‖ q̂_π).</param>
/// <param name="Schedule">E Σ_k [ln p(x_B | x_S) − Σ_{i∈B} ln p(x_i | x_S)], the oracle's schedule error.</param>
/// <param name="Predictor">E Σ_k Σ_{i∈B} [ln p(x_i | x_S) − ln p̂(x_i | x_S)], the predictor's accumulated
/// error.</param>
public sealed record TeacherForcedResult(
    MonteCarloEstimate Total,
    MonteCarloEstimate Schedule,
    MonteCarloEstimate Predictor
);

/// <summary>
/// Estimates E KL(p ‖ q̂_π) without free-running sampling: draw x ~ p, a uniform order and sizes from the
/// schedule, then sum the log-ratios block by block. ln p(x_B | x_S) comes from the chain rule of the
/// oracle inside the block. Draw j uses the streams of <c>seed.Split(j)</c>.
/// </summary>
public static class TeacherForcedKl
{
    /// <summary>
    /// The estimate from <paramref name="draws"/> draws with <paramref name="confidence"/> intervals.
    /// </summary>
    public static TeacherForcedResult Estimate(
        IDiscreteDistribution truth,
        IMaskPredictor predictor,
        ISizeSchedule schedule,
        int draws,
        RandomStreams seed,
        double confidence = 0.95
    )
    {
        var (l, q) = (truth.Length, truth.Alphabet);
        predictor.EnsureMatches(truth, nameof(predictor));
        if (schedule.Length != l)
            throw new ArgumentException(
                $"the schedule is for L = {schedule.Length}; the data has L = {l}.",
                nameof(schedule)
            );
        var totals = new double[draws];
        var scheduleTerms = new double[draws];
        var predictorTerms = new double[draws];
        var x = new int[l];
        var partial = new int[l];
        var oracle = new double[l * q];
        var learned = new double[l * q];
        var order = new int[l];
        for (var d = 0; d < draws; d++)
        {
            var streams = seed.Split((ulong)d);
            truth.Sample(streams.Stream("data"), x);
            var positions = streams.Stream("positions");
            var sizes = streams.Stream("sizes");
            for (var i = 0; i < l; i++)
                order[i] = i;
            positions.Shuffle(order);
            Array.Fill(partial, q);
            var revealed = 0;
            for (var k = 1; k <= schedule.Steps; k++)
            {
                var s = schedule.Next(k, revealed, sizes);
                if (s == 0)
                    continue;
                truth.Conditionals(partial, oracle);
                predictor.Predict(partial, 1, learned);
                for (var j = revealed; j < revealed + s; j++)
                {
                    var i = order[j];
                    var marginal = Math.Log(oracle[i * q + x[i]]);
                    scheduleTerms[d] -= marginal;
                    predictorTerms[d] += marginal - Math.Log(learned[i * q + x[i]]);
                }
                // ln p(x_B | x_S) by the chain rule inside the block; its first factor is the marginal already in hand.
                var context = (int[])partial.Clone();
                var blockJoint = Math.Log(oracle[order[revealed] * q + x[order[revealed]]]);
                context[order[revealed]] = x[order[revealed]];
                for (var j = revealed + 1; j < revealed + s; j++)
                {
                    var i = order[j];
                    truth.Conditionals(context, oracle);
                    blockJoint += Math.Log(oracle[i * q + x[i]]);
                    context[i] = x[i];
                }
                scheduleTerms[d] += blockJoint;
                for (var j = revealed; j < revealed + s; j++)
                    partial[order[j]] = x[order[j]];
                revealed += s;
            }
            totals[d] = scheduleTerms[d] + predictorTerms[d];
        }
        return new TeacherForcedResult(
            MonteCarloEstimate.FromDraws(totals, confidence),
            MonteCarloEstimate.FromDraws(scheduleTerms, confidence),
            MonteCarloEstimate.FromDraws(predictorTerms, confidence)
        );
    }
}
