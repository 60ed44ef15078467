using System.Reflection;
using Dlm.Theory;

namespace Dlm.Sampling.Design;

/// <summary>
/// Where exact designs come from: the committed ones (<c>baselines/designs/</c>, embedded in this assembly), read in
/// milliseconds, or a solve. A certificate is cheap to check and dear to find, so every (L, K) that the reproduction,
/// the guarantee table or the studies use is committed, and <c>dlm bounds</c> checks each one.
/// </summary>
public static class ExactDesigns
{
    /// <summary>
    /// The measures with a catalogue row, <c>minimax-min</c>, <c>minimax-tc</c> and <c>minimax-dtc</c>.
    /// </summary>
    public static IReadOnlyList<Measure> Rows { get; } = [Measure.Min, Measure.Tc, Measure.Dtc];

    /// <summary>
    /// The catalogue name of the exact design on <paramref name="objective"/>: <c>minimax-min</c>, ….
    /// </summary>
    public static string Name(Measure objective) => $"minimax-{Measures.Name(objective)}";

    /// <summary>The file name of a committed design: <c>L255-K64-min.json</c>.</summary>
    public static string FileName(int length, int steps, Measure objective) =>
        $"L{length}-K{steps}-{Measures.Name(objective)}.json";

    /// <summary>The committed design at (L, K) on the measure, or null where none is committed.</summary>
    public static ExactDesign? Committed(int length, int steps, Measure objective)
    {
        var name = FileName(length, steps, objective);
        using var stream = Assembly.GetManifestResourceStream($"designs/{name}");
        return stream is null
            ? null
            : ExactDesignDocument.Read(new StreamReader(stream).ReadToEnd(), name, length, steps);
    }

    /// <summary>Every committed design, with its file name, in name order.</summary>
    public static IEnumerable<(string Name, ExactDesign Design)> AllCommitted() =>
        Assembly
            .GetManifestResourceNames()
            .Where(n => n.StartsWith("designs/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = Assembly.GetManifestResourceStream(n)!;
                var name = n["designs/".Length..];
                return (name, ExactDesignDocument.Read(new StreamReader(stream).ReadToEnd(), name));
            });

    /// <summary>The design at (L, K) on the measure: the committed one where there is one, else solved now.</summary>
    public static ExactDesign For(int length, int steps, Measure objective) =>
        Committed(length, steps, objective) ?? ExactDesign.Solve(length, steps, objective);

    private static Assembly Assembly => typeof(ExactDesigns).Assembly;
}
