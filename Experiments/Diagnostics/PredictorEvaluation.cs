using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Experiments.Diagnostics;

/// <summary>
/// How far a trained predictor stands from the oracle of the distribution it learned (<c>dlm evaluate</c>), and how
/// a schedule's total sampling error splits into its exact part and the predictor's part. Every estimate has a 95%
/// interval.
/// </summary>
/// <param name="Model">The model, as named.</param>
/// <param name="Dist">The distribution's spec.</param>
/// <param name="Entropy">H(X), exact.</param>
/// <param name="Elbo">The any-order ELBO, nats per sequence.</param>
/// <param name="PredictorKlPerToken">KL(oracle ‖ model) per token, over uniform revealed sets.</param>
/// <param name="PredictorKlByRevealed">The same at each revealed count m = 0..L−1.</param>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Steps">K as asked.</param>
/// <param name="ScheduleKl">The schedule's exact error with the oracle.</param>
/// <param name="PredictorKl">The predictor's part of the teacher-forced error.</param>
/// <param name="TotalKl">The teacher-forced total.</param>
/// <param name="Validity">The share of free-running samples in the support of p.</param>
/// <param name="Draws">Monte Carlo draws per estimate.</param>
public sealed record PredictorEvaluation(
    string Model,
    string Dist,
    double Entropy,
    MonteCarloEstimate Elbo,
    MonteCarloEstimate PredictorKlPerToken,
    IReadOnlyList<MonteCarloEstimate> PredictorKlByRevealed,
    string Schedule,
    int Steps,
    double ScheduleKl,
    MonteCarloEstimate PredictorKl,
    MonteCarloEstimate TotalKl,
    RateEstimate Validity,
    int Draws
)
{
    /// <summary>The sub-tasks, each with its own streams; the values are the split indices of the seed.</summary>
    public enum Stream : ulong
    {
        /// <summary>The ELBO's draws.</summary>
        Elbo = 0,

        /// <summary>The per-token KL's draws.</summary>
        Divergence = 1,

        /// <summary>The teacher-forced split of the schedule's error.</summary>
        ErrorSplit = 2,

        /// <summary>The free-running samples.</summary>
        Samples = 3,

        /// <summary>The KL by revealed count.</summary>
        ByRevealed = 4,
    }

    /// <summary>
    /// Evaluates <paramref name="predictor"/> (named <paramref name="model"/>) against <paramref name="truth"/> with
    /// <paramref name="draws"/> draws per estimate and <paramref name="samples"/> free-running samples of
    /// <paramref name="schedule"/>, asked at K = <paramref name="steps"/>.
    /// </summary>
    public static PredictorEvaluation Of(
        string model,
        IMaskPredictor predictor,
        IDiscreteDistribution truth,
        ISizeSchedule schedule,
        int steps,
        int draws,
        int samples,
        RandomStreams seed
    )
    {
        predictor.EnsureMatches(truth, nameof(model));
        var split = TeacherForcedKl.Estimate(truth, predictor, schedule, draws, seed.Split(Stream.ErrorSplit));
        var valid =
            samples > 0
                ? new UnmaskingSampler(predictor, new SamplerOptions(schedule))
                    .Sample(samples, seed.Split(Stream.Samples))
                    .Sequences.Count(x => truth.InSupport(x))
                : 0;
        return new PredictorEvaluation(
            model,
            truth.Spec,
            truth.Profile.Entropy,
            AnyOrderElbo.Estimate(truth, predictor, draws, seed.Split(Stream.Elbo)),
            PredictorDivergence.PerToken(truth, predictor, draws, seed.Split(Stream.Divergence)),
            PredictorDivergence.ByRevealed(
                truth,
                predictor,
                Math.Max(100, draws / truth.Length),
                seed.Split(Stream.ByRevealed)
            ),
            schedule.Name,
            steps,
            schedule.Error(truth.Profile).ExpectedKl,
            split.Predictor,
            split.Total,
            RateEstimate.ClopperPearson(valid, samples, 0.95),
            draws
        );
    }
}
