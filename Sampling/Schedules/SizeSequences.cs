namespace Dlm.Sampling.Schedules;

/// <summary>The deterministic size sequences of the baselines.</summary>
public static class SizeSequences
{
    /// <summary>
    /// <c>fixed</c> (LLaDA's default): ⌊L/K⌋ tokens a step, plus one in the first L mod K steps (K ≤ L).
    /// </summary>
    public static int[] Fixed(int length, int steps) =>
        Enumerable.Range(0, steps).Select(k => length / steps + (k < length % steps ? 1 : 0)).ToArray();

    /// <summary>
    /// <c>cosine</c> (MaskGIT): after step k the masked count is ⌊L·cos(π/2 · k/K)⌋, kept between one reveal a
    /// step and leaving one token for each later step (K ≤ L).
    /// </summary>
    public static int[] Cosine(int length, int steps)
    {
        var sizes = new int[steps];
        var previous = 0;
        for (var k = 1; k <= steps; k++)
        {
            var target = length - (int)Math.Floor(length * Math.Cos(Math.PI / 2 * k / steps));
            var revealed = Math.Clamp(target, previous + 1, length - (steps - k));
            sizes[k - 1] = revealed - previous;
            previous = revealed;
        }
        return sizes;
    }
}
