using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Experiments.Diagnostics;

/// <summary>
/// One schedule on one distribution with the oracle predictor (<c>dlm error</c>): the exact E_π KL(p ‖ q_π) next to
/// the schedule's bound, the exact KL(p ‖ E_π q_π) of the mixture it outputs where enumeration or a closed form gives
/// it, and on request a teacher-forced Monte Carlo estimate of E KL with its 95% interval.
/// </summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Steps">K as asked.</param>
/// <param name="ExpectedKl">E_π KL(p ‖ q_π), exact.</param>
/// <param name="Bound">The schedule's own bound, nats.</param>
/// <param name="BoundName">Its theorem, e.g. <c>B2</c>.</param>
/// <param name="Tc">TC.</param>
/// <param name="Dtc">DTC.</param>
/// <param name="NfeMean">E[NFE].</param>
/// <param name="MixtureKl">KL(p ‖ E_π q_π) with the position rule, or null where it is not feasible.</param>
/// <param name="Positions">The position rule's name.</param>
/// <param name="Mc">The teacher-forced estimate of E KL (random positions), or null.</param>
public sealed record ScheduleDiagnosis(
    string Schedule,
    int Steps,
    double ExpectedKl,
    double Bound,
    string BoundName,
    double Tc,
    double Dtc,
    double NfeMean,
    double? MixtureKl,
    string Positions,
    MonteCarloEstimate? Mc
)
{
    /// <summary>
    /// The diagnosis of <paramref name="schedule"/> (asked at K = <paramref name="steps"/>) on
    /// <paramref name="distribution"/> with the position rule <paramref name="rule"/>; <paramref name="draws"/> ≥ 2
    /// teacher-forced draws from <paramref name="seed"/>, or 0 for none.
    /// </summary>
    public static ScheduleDiagnosis Of(
        IDiscreteDistribution distribution,
        ISizeSchedule schedule,
        int steps,
        PositionRule rule,
        int draws,
        RandomStreams seed
    )
    {
        if (draws < 0 || draws == 1)
            throw new ArgumentOutOfRangeException(nameof(draws), draws, "--mc must be 0 (off) or ≥ 2 draws.");
        var profile = distribution.Profile;
        var error = schedule.Error(profile);
        var bound = schedule.Bound(profile);
        var mixture =
            rule == PositionRule.Random
                ? distribution.MixtureKl(schedule.Kernel)
                : HeuristicMixture(distribution, schedule, rule);
        var estimate =
            draws > 0
                ? TeacherForcedKl.Estimate(distribution, new OraclePredictor(distribution), schedule, draws, seed).Total
                : null;
        return new ScheduleDiagnosis(
            schedule.Name,
            steps,
            error.ExpectedKl,
            bound.Value,
            bound.Name,
            profile.Tc,
            profile.Dtc,
            error.MeanNfe,
            mixture,
            rule.Name(),
            estimate
        );
    }

    /// <summary>
    /// The exact mixture KL of a heuristic rule, by enumerating the sampler (tiny dense joints only).
    /// </summary>
    private static double? HeuristicMixture(
        IDiscreteDistribution distribution,
        ISizeSchedule schedule,
        PositionRule rule
    ) =>
        distribution.Joint is { } joint && Theory.MixtureKl.IsFeasible(joint.Length, joint.Alphabet)
            ? EmpiricalLaw.Kl(joint, ExactSamplerLaw.Compute(new OraclePredictor(distribution), schedule, rule))
            : null;
}
