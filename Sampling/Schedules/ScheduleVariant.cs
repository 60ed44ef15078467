using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>A catalogue schedule, or the deterministic twin of an i.i.d. one.</summary>
/// <param name="Entry">The catalogue row.</param>
/// <param name="Twin">Whether this is the twin: round L·W_k and drop empty steps.</param>
public sealed record ScheduleVariant(ScheduleEntry Entry, bool Twin)
{
    /// <summary>The schedule's name, with <c>-twin</c> for a twin.</summary>
    public string Name => Twin ? $"{Entry.Name}-twin" : Entry.Name;

    /// <summary>The schedule at (L, K); <paramref name="profile"/> for entries that need it.</summary>
    public ISizeSchedule Create(int length, int steps, EntropyProfile? profile = null) =>
        ScheduleCatalog.Create(Entry.Name, length, steps, Twin, profile);
}
