using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>
/// A law of step sizes s_1..s_K summing to L. It is both sampled (<see cref="Next"/>) and evaluated
/// exactly (<see cref="Kernel"/>, <see cref="Error"/>).
/// </summary>
public interface ISizeSchedule
{
    /// <summary>The schedule's name, e.g. <c>adaptive-tc</c> or <c>adaptive-tc-twin</c>.</summary>
    string Name { get; }

    /// <summary>L.</summary>
    int Length { get; }

    /// <summary>K, the step budget; empty steps may leave the realised count (NFE) below it.</summary>
    int Steps { get; }

    /// <summary>The exact kernel P(s | k, m).</summary>
    IRevealKernel Kernel { get; }

    /// <summary>
    /// Draws s_k given that m positions are revealed before step k (k = 1..K). The default draws from the kernel's law
    /// P(· | k, m) by inversion of one uniform, as every law that is defined by its kernel does.
    /// </summary>
    int Next(int step, int revealed, Random rng)
    {
        var law = Kernel.Law(step, revealed);
        var u = rng.NextDouble();
        foreach (var atom in law)
        {
            u -= atom.Weight;
            if (u < 0)
                return atom.Size;
        }
        return law[^1].Size;
    }

    /// <summary>The exact E KL(p ‖ q_π) with the oracle predictor and uniformly random positions.</summary>
    ExpectedKl.ScheduleError Error(EntropyProfile profile);

    /// <summary>The schedule's proven upper bound on <see cref="Error"/> (docs/theory.md, B1–B8).</summary>
    ProvenBound Bound(EntropyProfile profile);

    /// <summary>
    /// E KL(a_k) on every atom a_k(m) = min(m, k), k = 1..L−1 (entry k − 1), in units of ln q: with the weights c_k of
    /// <see cref="ProfileAtoms.Weights"/>, E KL(f) = Σ_k c_k·E KL(a_k) for every distribution.
    /// </summary>
    double[] AtomErrors();
}
