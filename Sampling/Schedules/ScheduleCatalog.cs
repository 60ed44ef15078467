using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>Every schedule by name, with its validity range and its proven bound.</summary>
public static class ScheduleCatalog
{
    /// <summary>All schedule names.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["fixed", "cosine", "linear", "adaptive-tc", "adaptive-dtc", "adaptive-both", "hedged", "optimal"];

    /// <summary>The self-calibrating schedules, built from an estimated profile f̂ (<c>dlm calibrate</c>).</summary>
    public static IReadOnlyList<string> PluginNames { get; } = ["plugin", "plugin-hedged"];

    /// <summary>The schedules with i.i.d. reveal times, each of which has a deterministic twin.</summary>
    public static IReadOnlyList<string> IidNames { get; } = ["linear", "adaptive-tc", "adaptive-dtc", "adaptive-both", "hedged"];

    /// <summary>
    /// Whether <see cref="Create"/> accepts the schedule at L and K: <c>adaptive-both</c> needs K ≥ 3, and
    /// <c>fixed</c> and <c>cosine</c> reveal at least one token a step, so they need K ≤ L.
    /// </summary>
    public static bool Supports(string name, int length, int steps) =>
        steps >= 1 && !(name == "adaptive-both" && steps < 3) && !(name is "fixed" or "cosine" && steps > length);

    /// <summary>
    /// The schedule <paramref name="name"/> for L = <paramref name="length"/> and K = <paramref name="steps"/>.
    /// <paramref name="twin"/> asks for the deterministic twin of an i.i.d. schedule; <c>optimal</c> needs the profile.
    /// <c>plugin</c> and <c>plugin-hedged</c> need an estimated profile, <paramref name="estimate"/>.
    /// K = 1 is a single step of size L (except for <c>adaptive-both</c>, which needs K ≥ 3).
    /// </summary>
    public static ISizeSchedule Create(string name, int length, int steps, bool twin = false, EntropyProfile? profile = null, EntropyProfile? estimate = null)
    {
        if (!Names.Contains(name) && !PluginNames.Contains(name))
            throw new ArgumentException($"unknown schedule '{name}'; known: {string.Join(", ", Names.Concat(PluginNames))}.", nameof(name));
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "L must be ≥ 1.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "K (steps) must be ≥ 1.");
        if (name == "adaptive-both" && steps < 3)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "adaptive-both needs K (steps) ≥ 3.");
        if (name is "fixed" or "cosine" && steps > length)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"{name} reveals at least one token a step, so K (steps) must be ≤ L = {length}.");
        if (steps == 1) return new DeterministicSchedule(name, [length]);

        if (PluginNames.Contains(name))
        {
            if (estimate is null) throw new ArgumentException($"{name} needs an estimated profile (dlm calibrate, then --profile FILE).", nameof(estimate));
            if (estimate.Length != length) throw new ArgumentException($"the estimated profile has L = {estimate.Length}; the schedule L = {length}.", nameof(estimate));
            return new DeterministicSchedule(name, name == "plugin" ? Calibration.PluginSizes.Plugin(estimate, steps) : Calibration.PluginSizes.PluginHedged(estimate, steps));
        }

        switch (name)
        {
            case "fixed": return new DeterministicSchedule(name, SizeSequences.Fixed(length, steps));
            case "cosine": return new DeterministicSchedule(name, SizeSequences.Cosine(length, steps));
            case "optimal":
                if (profile is null) throw new ArgumentException("optimal needs the entropy profile of the distribution.", nameof(profile));
                if (profile.Length != length) throw new ArgumentException($"the profile has L = {profile.Length}; the schedule L = {length}.", nameof(profile));
                return new DeterministicSchedule(name, OptimalSchedule.Solve(profile, steps).Sizes);
        }

        var grid = name switch
        {
            "linear" => RevealGrids.Linear(steps),
            "adaptive-tc" => RevealGrids.AdaptiveTc(length, steps),
            "adaptive-dtc" => RevealGrids.AdaptiveDtc(length, steps),
            "adaptive-both" => RevealGrids.AdaptiveBoth(length, steps),
            _ => RevealGrids.Hedged(length, steps),
        };
        if (twin) return new DeterministicSchedule($"{name}-twin", RevealGrids.TwinSizes(length, grid));
        Func<EntropyProfile, ProvenBound> bound = name switch
        {
            "linear" => p => new("B1'", Bounds.Linear(steps, p.Tc, p.Dtc)),
            "adaptive-tc" => p => new("B2", Bounds.AdaptiveTc(length, steps, p.Tc)),
            "adaptive-dtc" => p => new("B3", Bounds.AdaptiveDtc(length, steps, p.Dtc)),
            "adaptive-both" => p => new("B4", Bounds.AdaptiveBoth(length, steps, p.Tc, p.Dtc)),
            _ when steps >= 6 => p => new("B5", Bounds.Hedged(length, steps, p.Tc, p.Dtc)),
            _ => p => new("B1'", Bounds.Linear(steps, p.Tc, p.Dtc)),
        };
        return new IidRevealSchedule(name, length, grid, bound);
    }
}
