using System.Globalization;
using Dlm.Sampling.Schedules;

namespace Dlm.Sampling.Design;

/// <summary>One size law of the pool, with its errors on the atoms.</summary>
/// <param name="Schedule">The law at (L, K).</param>
/// <param name="Randomised">Whether its sizes are random; the <c>ratio</c> objective compares with these only,
/// since fixed sizes are exact on the atoms they align with and on no others.</param>
/// <param name="AtomErrors">E KL(a_k), k = 1..L−1 (<see cref="ISizeSchedule.AtomErrors"/>).</param>
public sealed record PoolMember(ISizeSchedule Schedule, bool Randomised, double[] AtomErrors);

/// <summary>
/// The agnostic size laws a <c>minimax</c> design mixes at (L, K): every catalogue schedule and twin, geometric
/// grids over a range of end fractions ε (rising as in <c>adaptive-tc</c>, falling as in <c>adaptive-dtc</c>,
/// logistic as in <c>adaptive-both</c>), and blocks behind a uniformly random offset.
/// </summary>
public static class SizeLawPool
{
    /// <summary>The pool at L = <paramref name="length"/> and K = <paramref name="steps"/>, in a fixed order.</summary>
    public static IReadOnlyList<PoolMember> For(int length, int steps)
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, "L must be ≥ 1.");
        if (steps < 1)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "K (steps) must be ≥ 1.");
        var schedules = new List<ISizeSchedule>();
        schedules.AddRange(
            ScheduleCatalog
                .Variants(length, steps)
                .Where(v => v.Entry.IsAgnostic && v.Entry.Law is null)
                .Select(v => v.Create(length, steps))
        );
        if (steps >= 2)
        {
            foreach (var epsilon in EndFractions(length, steps))
            {
                schedules.Add(Grid("rising", length, RevealGrids.Rising(steps, epsilon), epsilon));
                schedules.Add(Grid("falling", length, RevealGrids.Falling(steps, epsilon), epsilon));
                if (steps >= 3)
                    schedules.Add(Grid("logistic", length, RevealGrids.Logistic(steps, epsilon), epsilon));
            }
            schedules.Add(OffsetBlockSchedule.Create(length, steps, OffsetBlockSchedule.LeastBlock(length, steps)));
        }
        return schedules.Select(s => new PoolMember(s, s is not DeterministicSchedule, s.AtomErrors())).ToList();
    }

    /// <summary>
    /// ε = 4^i/(K·L) for i = −2, −1, … while ε &lt; 1/2: from finer than the adaptive grids to coarse.
    /// </summary>
    private static IEnumerable<double> EndFractions(int length, int steps)
    {
        for (var epsilon = 1.0 / (16.0 * steps * length); epsilon < 0.5; epsilon *= 4)
            yield return epsilon;
    }

    private static IidRevealSchedule Grid(string shape, int length, double[] grid, double epsilon) =>
        new(
            $"{shape}(eps={epsilon.ToString("G3", CultureInfo.InvariantCulture)})",
            length,
            grid,
            p => new(BoundKind.B0, p.Tc)
        );
}
