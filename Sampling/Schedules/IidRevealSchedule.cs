using Dlm.Theory;
using MathNet.Numerics.Distributions;

namespace Dlm.Sampling.Schedules;

/// <summary>
/// I.i.d. reveal times with P(τ_i ≤ k) = W_k (Identity C): at step k every masked token is revealed with
/// probability h_k = (W_k − W_{k−1})/(1 − W_{k−1}), so s_k ~ Binomial(L − m, h_k).
/// </summary>
public sealed class IidRevealSchedule : ISizeSchedule
{
    private readonly double[] _grid;
    private readonly Func<EntropyProfile, ProvenBound> _bound;

    /// <summary>A schedule on the grid 0 = W_0 ≤ … ≤ W_K = 1 with its proven bound.</summary>
    public IidRevealSchedule(
        string name,
        int length,
        IReadOnlyList<double> grid,
        Func<EntropyProfile, ProvenBound> bound
    )
    {
        Name = name;
        _grid = grid.ToArray();
        Kernel = RevealKernel.Binomial(length, _grid);
        _bound = bound;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>W_0..W_K.</summary>
    public IReadOnlyList<double> Grid => _grid;

    /// <inheritdoc/>
    public int Length => Kernel.Length;

    /// <inheritdoc/>
    public int Steps => Kernel.Steps;

    /// <inheritdoc/>
    public IRevealKernel Kernel { get; }

    /// <inheritdoc/>
    public int Next(int step, int revealed, Random rng)
    {
        var masked = Length - revealed;
        var hazard = RevealKernel.Hazard(_grid, step);
        return hazard >= 1 ? masked : Binomial.Sample(rng, hazard, masked);
    }

    /// <inheritdoc/>
    public ExpectedKl.ScheduleError Error(EntropyProfile profile) => ExpectedKl.IidReveal(profile, _grid);

    /// <inheritdoc/>
    public ProvenBound Bound(EntropyProfile profile) => _bound(profile);

    /// <inheritdoc/>
    public double[] AtomErrors() => Theory.AtomErrors.OfGrid(Length, _grid);
}
