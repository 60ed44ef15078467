using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>
/// Blocks of b tokens behind a uniformly random offset: step 1 reveals o ~ Uniform{1..b}, every later step
/// min(b, L − m). The offset leaves no atom a_k aligned with a block end for free, which makes fixed sizes agnostic;
/// with b = ⌈(L−1)/(K−1)⌉ every offset fits in K steps.
/// </summary>
public sealed class OffsetBlockSchedule : ISizeSchedule
{
    /// <summary>
    /// Blocks of <paramref name="block"/> at L = <paramref name="length"/> within K = <paramref name="steps"/>.
    /// </summary>
    public OffsetBlockSchedule(int length, int steps, int block)
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
        Length = length;
        Steps = steps;
        Block = block;
        Kernel = new BlockKernel(length, steps, block);
    }

    /// <summary>The least block that fits every offset in K ≥ 2 steps: ⌈(L−1)/(K−1)⌉, at least 1.</summary>
    public static int LeastBlock(int length, int steps) =>
        steps >= 2
            ? Math.Max(1, (length - 1 + steps - 2) / (steps - 1))
            : throw new ArgumentOutOfRangeException(nameof(steps), steps, "a random offset needs K (steps) ≥ 2.");

    /// <summary>The most steps an offset takes: 1 + ⌈(L−1)/b⌉ (offset 1).</summary>
    private static int StepsNeeded(int length, int block) => 1 + (length - 2 + block) / block;

    /// <inheritdoc/>
    public string Name => $"offset-blocks(b={Block})";

    /// <summary>b.</summary>
    public int Block { get; }

    /// <inheritdoc/>
    public int Length { get; }

    /// <inheritdoc/>
    public int Steps { get; }

    /// <inheritdoc/>
    public IRevealKernel Kernel { get; }

    /// <inheritdoc/>
    public int Next(int step, int revealed, Random rng) =>
        step == 1 ? 1 + rng.Next(Block) : Math.Min(Block, Length - revealed);

    /// <inheritdoc/>
    public ExpectedKl.ScheduleError Error(EntropyProfile profile) => ExpectedKl.Markov(profile, Kernel);

    /// <inheritdoc/>
    public ProvenBound Bound(EntropyProfile profile) =>
        new(BoundKind.B1, Bounds.DeterministicSizes(Length, Block, profile.Tc, profile.Dtc));

    /// <inheritdoc/>
    public double[] AtomErrors()
    {
        var errors = new double[Length - 1];
        for (var offset = 1; offset <= Block; offset++)
        {
            var sizes = Offset(offset);
            var atoms = Theory.AtomErrors.OfSizes(sizes);
            for (var k = 0; k < errors.Length; k++)
                errors[k] += atoms[k] / Block;
        }
        return errors;
    }

    /// <summary>The sizes after offset o: o, then blocks of b.</summary>
    private int[] Offset(int offset)
    {
        var sizes = new List<int> { offset };
        for (var revealed = offset; revealed < Length; revealed += Block)
            sizes.Add(Math.Min(Block, Length - revealed));
        return sizes.ToArray();
    }

    private sealed class BlockKernel(int length, int steps, int block) : IRevealKernel
    {
        public int Length => length;

        public int Steps => steps;

        public SizeWeight[] Law(int step, int revealed) =>
            step == 1
                ? Enumerable.Range(1, block).Select(o => new SizeWeight(o, 1.0 / block)).ToArray()
                : [new SizeWeight(Math.Min(block, length - revealed), 1.0)];
    }
}
