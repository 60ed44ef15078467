using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Experiments.Diagnostics;

/// <summary>
/// A model measured on held-out data where no oracle is known (<c>dlm evaluate --data</c>): its any-order NLL (one
/// token a step in a uniformly random order), a schedule's teacher-forced NLL on the same orders, and their paired
/// difference, which estimates the KL the schedule adds on top of the model. Nats per sequence, 95% intervals.
/// </summary>
/// <param name="Model">The model, described.</param>
/// <param name="Data">The data file.</param>
/// <param name="Sequences">How many sequences were scored.</param>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Steps">K as asked.</param>
/// <param name="AnyOrderNll">The any-order NLL.</param>
/// <param name="ScheduleNll">The schedule's NLL.</param>
/// <param name="ScheduleKl">ScheduleNll − AnyOrderNll, paired.</param>
public sealed record DataEvaluation(
    string Model,
    string Data,
    int Sequences,
    string Schedule,
    int Steps,
    MonteCarloEstimate AnyOrderNll,
    MonteCarloEstimate ScheduleNll,
    MonteCarloEstimate ScheduleKl
)
{
    /// <summary>
    /// Scores <paramref name="schedule"/> (asked at K = <paramref name="steps"/>) on <paramref name="data"/>.
    /// </summary>
    public static DataEvaluation Of(
        string model,
        IMaskPredictor predictor,
        TokenData data,
        ISizeSchedule schedule,
        int steps,
        RandomStreams seed
    )
    {
        var oneByOne = ScheduleCatalog.Create("fixed", predictor.Length, predictor.Length);
        var anyOrder = TeacherForcedNll.PerSequence(predictor, data.Sequences, oneByOne, seed, data.PadId);
        var scheduled = TeacherForcedNll.PerSequence(predictor, data.Sequences, schedule, seed, data.PadId);
        return new DataEvaluation(
            model,
            data.Source,
            data.Sequences.Count,
            schedule.Name,
            steps,
            MonteCarloEstimate.FromDraws(anyOrder, 0.95),
            MonteCarloEstimate.FromDraws(scheduled, 0.95),
            MonteCarloEstimate.FromDraws(scheduled.Zip(anyOrder, (a, b) => a - b).ToArray(), 0.95)
        );
    }
}
