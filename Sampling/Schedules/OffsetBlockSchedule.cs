namespace Dlm.Sampling.Schedules;

/// <summary>
/// Blocks of b tokens behind a uniformly random offset: step 1 reveals o ~ Uniform{1..b}, every later step
/// min(b, L − m). The offset leaves no atom a_k aligned with a block end for free, which makes fixed sizes agnostic;
/// with b = ⌈(L−1)/(K−1)⌉ every offset fits in K steps. The law is the uniform mixture of the b compositions
/// (<see cref="CompositionMixture"/>).
/// </summary>
public static class OffsetBlockSchedule
{
    /// <summary>
    /// Blocks of <paramref name="block"/> at L = <paramref name="length"/> within K = <paramref name="steps"/>.
    /// </summary>
    public static CompositionMixture Create(int length, int steps, int block)
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, "L must be ≥ 1.");
        if (block < 1 || block > length)
            throw new ArgumentOutOfRangeException(nameof(block), block, $"the block must lie in [1, L = {length}].");
        if (steps < StepsNeeded(length, block))
            throw new ArgumentOutOfRangeException(
                nameof(steps),
                steps,
                $"blocks of {block} behind a random offset need K (steps) ≥ {StepsNeeded(length, block)} "
                    + $"at L = {length}."
            );
        return new CompositionMixture(
            Name(block),
            Enumerable
                .Range(1, block)
                .Select(o => new WeightedComposition(Offset(length, block, o), 1.0 / block))
                .ToList(),
            steps,
            p => new(BoundKind.B1, Theory.Bounds.DeterministicSizes(length, block, p.Tc, p.Dtc))
        );
    }

    /// <summary>The name of the law with blocks of <paramref name="block"/>.</summary>
    public static string Name(int block) => $"offset-blocks(b={block})";

    /// <summary>The least block that fits every offset in K ≥ 2 steps: ⌈(L−1)/(K−1)⌉, at least 1.</summary>
    public static int LeastBlock(int length, int steps) =>
        steps >= 2
            ? Math.Max(1, (length - 1 + steps - 2) / (steps - 1))
            : throw new ArgumentOutOfRangeException(nameof(steps), steps, "a random offset needs K (steps) ≥ 2.");

    /// <summary>The most steps an offset takes: 1 + ⌈(L−1)/b⌉ (offset 1).</summary>
    private static int StepsNeeded(int length, int block) => 1 + (length - 2 + block) / block;

    /// <summary>The sizes after offset o: o, then blocks of b.</summary>
    private static int[] Offset(int length, int block, int offset)
    {
        var sizes = new List<int> { offset };
        for (var revealed = offset; revealed < length; revealed += block)
            sizes.Add(Math.Min(block, length - revealed));
        return sizes.ToArray();
    }
}
