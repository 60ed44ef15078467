using Dlm.Sampling.Calibration;
using Dlm.Sampling.Design;
using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>
/// Every schedule, in one table: its law, its theorem and where it applies. Names, validity, construction and the
/// list that panels sweep are all derived from <see cref="Entries"/>: a schedule with a grid or sizes is one new row.
/// A designed law (<see cref="ScheduleEntry.Designed"/>) is a row too, but a design that mixes the catalogue's own laws
/// must leave itself out of its pool (<see cref="Design.SizeLawPool"/> takes only rows without a designed law).
/// </summary>
public static class ScheduleCatalog
{
    /// <summary>The table, in the order of every report.</summary>
    public static IReadOnlyList<ScheduleEntry> Entries { get; } =
    [
        ScheduleEntry.DeterministicSizes(
            "fixed",
            BoundKind.B1,
            ScheduleKnowledge.None,
            stepsAtMostLength: true,
            r => SizeSequences.Fixed(r.Length, r.Steps)
        ),
        ScheduleEntry.DeterministicSizes(
            "cosine",
            BoundKind.B1,
            ScheduleKnowledge.None,
            stepsAtMostLength: true,
            r => SizeSequences.Cosine(r.Length, r.Steps)
        ),
        ScheduleEntry.IidReveal("linear", BoundKind.B1Prime, (_, steps) => RevealGrids.Linear(steps)),
        ScheduleEntry.IidReveal("adaptive-tc", BoundKind.B2, RevealGrids.AdaptiveTc),
        ScheduleEntry.IidReveal("adaptive-dtc", BoundKind.B3, RevealGrids.AdaptiveDtc),
        ScheduleEntry.IidReveal("adaptive-both", BoundKind.B4, RevealGrids.AdaptiveBoth, leastSteps: 3),
        ScheduleEntry.IidReveal("hedged", BoundKind.B5, RevealGrids.Hedged),
        ScheduleEntry.DeterministicSizes(
            "optimal",
            BoundKind.B1,
            ScheduleKnowledge.Profile,
            stepsAtMostLength: false,
            r => OptimalSchedule.Solve(r.Profile!, r.Steps).Sizes
        ),
        ScheduleEntry.DeterministicSizes(
            "plugin",
            BoundKind.B1,
            ScheduleKnowledge.Estimate,
            stepsAtMostLength: false,
            r => PluginSizes.Plugin(r.Estimate!, r.Steps)
        ),
        ScheduleEntry.DeterministicSizes(
            "plugin-hedged",
            BoundKind.B7,
            ScheduleKnowledge.Estimate,
            stepsAtMostLength: false,
            r => PluginSizes.PluginHedged(r.Estimate!, r.Steps)
        ),
        ScheduleEntry.Designed(
            "minimax",
            BoundKind.B8,
            (length, steps) => MinimaxDesign.Solve(length, steps, DesignObjective.RatioToBest).Schedule()
        ),
        .. ExactDesigns.Rows.Select(measure =>
            ScheduleEntry.Designed(
                ExactDesigns.Name(measure),
                BoundKind.B9,
                (length, steps) => ExactDesigns.For(length, steps, measure).Schedule(ExactDesigns.Name(measure))
            )
        ),
    ];

    /// <summary>Every schedule name.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The agnostic schedules: the ones a sampler can run knowing nothing of the data.</summary>
    public static IReadOnlyList<ScheduleEntry> Agnostic { get; } = Entries.Where(e => e.IsAgnostic).ToArray();

    /// <summary>The entry named <paramref name="name"/>; an unknown name fails with the list of known ones.</summary>
    public static ScheduleEntry Entry(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new ArgumentException($"unknown schedule '{name}'; known: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>
    /// Whether <see cref="Create"/> accepts the schedule at L and K (<see cref="ScheduleEntry.Supports"/>).
    /// </summary>
    public static bool Supports(string name, int length, int steps) =>
        steps >= 1 && Entry(name).Supports(length, steps);

    /// <summary>
    /// Every schedule that L, K and the true profile determine (all but the self-calibrating ones), each followed by
    /// its deterministic twin when it has one and K ≥ 2 (at K = 1 the twin is the schedule itself).
    /// </summary>
    public static IEnumerable<ScheduleVariant> Variants(int length, int steps) =>
        from entry in Entries
        where entry.Needs != ScheduleKnowledge.Estimate && entry.Supports(length, steps)
        from twin in entry.HasTwin && steps > 1 ? new[] { false, true } : [false]
        select new ScheduleVariant(entry, twin);

    /// <summary>The schedules of <see cref="Variants"/>, built for <paramref name="profile"/>.</summary>
    public static IEnumerable<ISizeSchedule> All(int length, int steps, EntropyProfile profile) =>
        Variants(length, steps).Select(v => v.Create(length, steps, profile));

    /// <summary>
    /// The schedule <paramref name="name"/> for L = <paramref name="length"/> and K = <paramref name="steps"/>.
    /// <paramref name="twin"/> asks for the deterministic twin of an i.i.d. schedule (a deterministic one is its own
    /// twin). <c>optimal</c> needs the true <paramref name="profile"/>; <c>plugin</c> and <c>plugin-hedged</c> need an
    /// <paramref name="estimate"/>. K = 1 is a single step of size L for every schedule that accepts it.
    /// </summary>
    public static ISizeSchedule Create(
        string name,
        int length,
        int steps,
        bool twin = false,
        EntropyProfile? profile = null,
        EntropyProfile? estimate = null
    )
    {
        var entry = Entry(name);
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, "L must be ≥ 1.");
        if (steps < 1)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "K (steps) must be ≥ 1.");
        if (steps < entry.LeastSteps)
            throw new ArgumentOutOfRangeException(
                nameof(steps),
                steps,
                $"{name} needs K (steps) ≥ {entry.LeastSteps}."
            );
        if (entry.StepsAtMostLength && steps > length)
            throw new ArgumentOutOfRangeException(
                nameof(steps),
                steps,
                $"{name} reveals at least one token a step, so K (steps) must be ≤ L = {length}."
            );
        if (steps == 1)
            return new DeterministicSchedule(name, [length]);
        CheckKnowledge(entry, length, profile, estimate);
        if (entry.Law is { } law)
            return law(length, steps);

        var request = new ScheduleRequest(length, steps, profile, estimate);
        if (entry.Sizes is { } sizes)
        {
            var drawn = sizes(request);
            return new DeterministicSchedule(
                name,
                drawn,
                entry.Bound == BoundKind.B7
                    ? p => new(BoundKind.B7, PluginSizes.HedgedBound(p, estimate!, steps, drawn))
                    : null
            );
        }
        var grid = entry.Grid!(length, steps);
        return twin
            ? new DeterministicSchedule($"{name}-twin", RevealGrids.TwinSizes(length, grid))
            : new IidRevealSchedule(name, length, grid, GridBound(entry.Bound, length, steps));
    }

    private static void CheckKnowledge(
        ScheduleEntry entry,
        int length,
        EntropyProfile? profile,
        EntropyProfile? estimate
    )
    {
        switch (entry.Needs)
        {
            case ScheduleKnowledge.Profile when profile is null:
                throw new ArgumentException(
                    $"{entry.Name} needs the entropy profile of the distribution.",
                    nameof(profile)
                );
            case ScheduleKnowledge.Profile when profile.Length != length:
                throw new ArgumentException(
                    $"the profile has L = {profile.Length}; the schedule L = {length}.",
                    nameof(profile)
                );
            case ScheduleKnowledge.Estimate when estimate is null:
                throw new ArgumentException(
                    $"{entry.Name} needs an estimated profile (dlm calibrate, then --profile FILE).",
                    nameof(estimate)
                );
            case ScheduleKnowledge.Estimate when estimate.Length != length:
                throw new ArgumentException(
                    $"the estimated profile has L = {estimate.Length}; the schedule L = {length}.",
                    nameof(estimate)
                );
        }
    }

    /// <summary>
    /// The theorem of an i.i.d. schedule at K ≥ 2; <c>hedged</c> is <c>linear</c>, under B1′, below K = 6.
    /// </summary>
    private static Func<EntropyProfile, ProvenBound> GridBound(BoundKind bound, int length, int steps) =>
        bound switch
        {
            BoundKind.B1Prime => p => new(bound, Bounds.Linear(steps, p.Tc, p.Dtc)),
            BoundKind.B2 => p => new(bound, Bounds.AdaptiveTc(length, steps, p.Tc)),
            BoundKind.B3 => p => new(bound, Bounds.AdaptiveDtc(length, steps, p.Dtc)),
            BoundKind.B4 => p => new(bound, Bounds.AdaptiveBoth(length, steps, p.Tc, p.Dtc)),
            BoundKind.B5 when steps >= 6 => p => new(bound, Bounds.Hedged(length, steps, p.Tc, p.Dtc)),
            BoundKind.B5 => GridBound(BoundKind.B1Prime, length, steps),
            _ => throw new ArgumentOutOfRangeException(nameof(bound), bound, "no i.i.d. schedule has this theorem."),
        };
}
