namespace Dlm.Datasets;

/// <summary>
/// xoshiro256** seeded by splitmix64 from a 31-bit seed: draw for draw the generator of MathNet's
/// <c>Xoshiro256StarStar(seed, threadSafe: false)</c>, which every stream used before, without the System.Random state
/// its base class seeds and never uses (about 2.8 µs a stream against 0.06 µs here; a sampler opens three per
/// sequence). A test compares the two on every method the library calls.
/// </summary>
public sealed class StreamRandom : Random
{
    private const double Unit = 1.0 / (1UL << 53);
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>The generator for <paramref name="seed"/>.</summary>
    public StreamRandom(int seed)
    {
        var state = (ulong)seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <inheritdoc/>
    public override int Next()
    {
        while (true)
        {
            var value = NextBits() & 0x7fff_ffffUL;
            if (value != 0x7fff_ffffUL)
                return (int)value;
        }
    }

    /// <inheritdoc/>
    public override int Next(int maxValue) =>
        maxValue > 0
            ? Below(maxValue)
            : throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, "maxValue must be > 0.");

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue) =>
        minValue <= maxValue && (long)maxValue - minValue <= int.MaxValue
            ? minValue + Below(maxValue - minValue)
            : throw new ArgumentOutOfRangeException(
                nameof(minValue),
                minValue,
                "minValue must be ≤ maxValue, less than 2^31 apart."
            );

    /// <inheritdoc/>
    public override double NextDouble() => (NextBits() >> 11) * Unit;

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer) =>
        throw new NotSupportedException("StreamRandom draws numbers, not bytes.");

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer) =>
        throw new NotSupportedException("StreamRandom draws numbers, not bytes.");

    /// <summary>
    /// Uniform on 0..n−1 by rejection on the top ⌈log2 n⌉ bits; n ≤ 1 gives 0 without a draw, as MathNet does.
    /// </summary>
    private int Below(int n)
    {
        if (n <= 1)
            return 0;
        var bits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(n - 1));
        while (true)
        {
            var value = (int)(NextBits() >> (64 - bits));
            if (value < n)
                return value;
        }
    }

    private ulong NextBits()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
