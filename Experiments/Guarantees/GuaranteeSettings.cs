namespace Dlm.Experiments.Guarantees;

/// <summary>What fixes the panel of <c>dlm bounds</c>; changing any of it changes case ids or adds cases.</summary>
/// <param name="Seed">The seed of the random joints.</param>
/// <param name="RandomJoints">How many random joints (Dirichlet tables and low-TC / low-DTC mixtures).</param>
/// <param name="LargeDimensions">The k of the GF(256), n = 255 codes, from low DTC (small k) to low TC (large
/// k).</param>
/// <param name="LargeSteps">The budgets K of those codes.</param>
public sealed record GuaranteeSettings(ulong Seed, int RandomJoints, int[] LargeDimensions, int[] LargeSteps)
{
    /// <summary>The committed panel: the one <c>baselines/bounds.json</c> records.</summary>
    public static GuaranteeSettings Default { get; } =
        new(20261128, 64, [4, 16, 64, 128, 192, 240, 250], [4, 8, 16, 32, 64, 128]);
}
