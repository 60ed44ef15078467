using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>What a schedule must know about the distribution, besides L and K.</summary>
public enum ScheduleKnowledge
{
    /// <summary>Nothing: the schedule is agnostic.</summary>
    None,

    /// <summary>The true entropy profile f (<c>optimal</c>, an oracle).</summary>
    Profile,

    /// <summary>An estimated profile f̂ (<c>dlm calibrate</c>; the self-calibrating schedules).</summary>
    Estimate,
}

/// <summary>What a schedule is built from: L, K and, where its entry needs one, a profile.</summary>
/// <param name="Length">L ≥ 1.</param>
/// <param name="Steps">K ≥ 1.</param>
/// <param name="Profile">The true profile f, for <see cref="ScheduleKnowledge.Profile"/>.</param>
/// <param name="Estimate">An estimated profile f̂, for <see cref="ScheduleKnowledge.Estimate"/>.</param>
public sealed record ScheduleRequest(
    int Length,
    int Steps,
    EntropyProfile? Profile = null,
    EntropyProfile? Estimate = null
);

/// <summary>
/// One row of <see cref="ScheduleCatalog"/>: a schedule's name, its law and its theorem. The law is one of three
/// kinds: a reveal grid (an i.i.d. schedule, which has a deterministic twin), deterministic sizes, or a designed law
/// built for (L, K), such as a mixture that a linear program chooses.
/// </summary>
public sealed record ScheduleEntry
{
    private ScheduleEntry(string name, BoundKind bound, ScheduleKnowledge needs, int leastSteps, bool stepsAtMostLength)
    {
        Name = name;
        Bound = bound;
        Needs = needs;
        LeastSteps = leastSteps;
        StepsAtMostLength = stepsAtMostLength;
    }

    /// <summary>The name users type, e.g. <c>adaptive-tc</c>.</summary>
    public string Name { get; }

    /// <summary>The schedule's own theorem.</summary>
    public BoundKind Bound { get; }

    /// <summary>What it must know about the distribution.</summary>
    public ScheduleKnowledge Needs { get; }

    /// <summary>The least K it accepts.</summary>
    public int LeastSteps { get; }

    /// <summary>Whether it reveals at least one token a step, and so needs K ≤ L.</summary>
    public bool StepsAtMostLength { get; }

    /// <summary>The reveal grid W_0..W_K for (L, K), for i.i.d. schedules; null for deterministic sizes.</summary>
    public Func<int, int, double[]>? Grid { get; private init; }

    /// <summary>The sizes s_1..s_K, for deterministic schedules; null for i.i.d. ones.</summary>
    public Func<ScheduleRequest, int[]>? Sizes { get; private init; }

    /// <summary>The law for (L, K), for designed schedules (K ≥ 2); null for the others.</summary>
    public Func<int, int, ISizeSchedule>? Law { get; private init; }

    /// <summary>Whether it has a deterministic twin: every i.i.d. schedule does.</summary>
    public bool HasTwin => Grid is not null;

    /// <summary>Whether it needs nothing from the distribution.</summary>
    public bool IsAgnostic => Needs == ScheduleKnowledge.None;

    /// <summary>Whether it accepts L = <paramref name="length"/> and K = <paramref name="steps"/>.</summary>
    public bool Supports(int length, int steps) => steps >= LeastSteps && !(StepsAtMostLength && steps > length);

    /// <summary>An i.i.d. reveal schedule on the grid <paramref name="grid"/>(L, K).</summary>
    public static ScheduleEntry IidReveal(
        string name,
        BoundKind bound,
        Func<int, int, double[]> grid,
        int leastSteps = 1
    ) => new(name, bound, ScheduleKnowledge.None, leastSteps, stepsAtMostLength: false) { Grid = grid };

    /// <summary>An agnostic schedule designed for (L, K), such as a mixture chosen by a linear program.</summary>
    public static ScheduleEntry Designed(string name, BoundKind bound, Func<int, int, ISizeSchedule> law) =>
        new(name, bound, ScheduleKnowledge.None, leastSteps: 1, stepsAtMostLength: false) { Law = law };

    /// <summary>A schedule with deterministic sizes.</summary>
    public static ScheduleEntry DeterministicSizes(
        string name,
        BoundKind bound,
        ScheduleKnowledge needs,
        bool stepsAtMostLength,
        Func<ScheduleRequest, int[]> sizes
    ) => new(name, bound, needs, leastSteps: 1, stepsAtMostLength) { Sizes = sizes };
}
