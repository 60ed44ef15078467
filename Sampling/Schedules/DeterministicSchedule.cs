using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>
/// Fixed sizes s_1..s_K (Identity A); its bound is B1, (s_max − 1)/L · (TC + DTC), unless it has a sharper one.
/// </summary>
public sealed class DeterministicSchedule : ISizeSchedule
{
    private readonly int[] _sizes;
    private readonly Func<EntropyProfile, ProvenBound>? _bound;

    /// <summary>
    /// A schedule with the given sizes, each ≥ 0, summing to L ≥ 1; <paramref name="bound"/> replaces B1 where the
    /// schedule has a sharper theorem of its own.
    /// </summary>
    public DeterministicSchedule(string name, IReadOnlyList<int> sizes, Func<EntropyProfile, ProvenBound>? bound = null)
    {
        if (sizes.Count == 0 || sizes.Any(s => s < 0) || sizes.Sum() < 1)
            throw new ArgumentException("sizes must be ≥ 0 with a positive sum.", nameof(sizes));
        Name = name;
        _sizes = sizes.ToArray();
        Kernel = RevealKernel.Deterministic(_sizes);
        _bound = bound;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>s_1..s_K.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <inheritdoc/>
    public int Length => Kernel.Length;

    /// <inheritdoc/>
    public int Steps => _sizes.Length;

    /// <inheritdoc/>
    public IRevealKernel Kernel { get; }

    /// <inheritdoc/>
    public int Next(int step, int revealed, Random rng) => _sizes[step - 1];

    /// <inheritdoc/>
    public ExpectedKl.ScheduleError Error(EntropyProfile profile) => ExpectedKl.Deterministic(profile, _sizes);

    /// <inheritdoc/>
    public ProvenBound Bound(EntropyProfile profile) =>
        _bound?.Invoke(profile)
        ?? new(BoundKind.B1, Bounds.DeterministicSizes(Length, _sizes.Max(), profile.Tc, profile.Dtc));

    /// <inheritdoc/>
    public double[] AtomErrors() => Theory.AtomErrors.OfSizes(_sizes);
}
