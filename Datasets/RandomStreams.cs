namespace Dlm.Datasets;

/// <summary>
/// One seed split into independent, named random streams (SplitMix64 mixing), so that sizes, positions
/// and tokens each draw from their own generator and the same seed always gives the same output.
/// </summary>
public sealed record RandomStreams(ulong Seed)
{
    /// <summary>The child streams for an independent sub-task (a sequence, a panel cell).</summary>
    public RandomStreams Split(ulong index) => new(Mix(Seed ^ Mix(index + 0x9E3779B97F4A7C15UL)));

    /// <summary>
    /// The child streams of a named sub-task: an experiment names its sub-tasks by an enum whose values are their split
    /// indices, fixed so that a seed keeps its draws.
    /// </summary>
    public RandomStreams Split<TTask>(TTask task)
        where TTask : struct, Enum => Split(Convert.ToUInt64(task, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A generator for the stream <paramref name="name"/> (FNV-1a of the name picks the stream).</summary>
    public Random Stream(string name)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in name)
            hash = (hash ^ c) * 0x100000001B3UL;
        return new StreamRandom((int)(Mix(Seed ^ hash) & 0x7FFFFFFF));
    }

    /// <summary>The SplitMix64 finaliser.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
