using System.Text.Json;
using System.Text.Json.Serialization;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Sampling.Design;

/// <summary>
/// An exact design as written (<c>dlm design --exact --out</c>, <c>baselines/designs/</c>): the mixture's compositions
/// with their weights, and the certificate y, from which V and LB are recomputed on reading; the values written
/// beside them are for people.
/// </summary>
/// <param name="Length">L.</param>
/// <param name="Steps">K.</param>
/// <param name="Objective">The measure: min, tc, dtc or sum.</param>
/// <param name="Value">V, recomputed exactly from the compositions.</param>
/// <param name="Lower">LB, recomputed by one exact best response to <paramref name="Worst"/>.</param>
/// <param name="Gap">(V − LB)/V.</param>
/// <param name="Iterations">Rounds of column generation.</param>
/// <param name="Seconds">The wall time of the solve.</param>
/// <param name="Compositions">The compositions and their weights.</param>
/// <param name="Worst">y_1..y_{L−1}, the certificate: the hardest profile for agnostic schedules.</param>
public sealed record ExactDesignDocument(
    int Length,
    int Steps,
    Measure Objective,
    double Value,
    double Lower,
    double Gap,
    int Iterations,
    double Seconds,
    IReadOnlyList<WeightedComposition> Compositions,
    double[] Worst
)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The document of <paramref name="design"/>, with V and LB recomputed.</summary>
    public static ExactDesignDocument Of(ExactDesign design)
    {
        // V and LB each take a pass over the design (LB a DP): computed once here.
        var (value, lower) = (design.Value, design.Lower);
        return new(
            design.Length,
            design.Steps,
            design.Objective,
            value,
            lower,
            ExactDesign.GapOf(value, lower),
            design.Iterations,
            design.Seconds,
            design.Compositions,
            design.Worst
        );
    }

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Whether <paramref name="json"/> is an exact design (it has compositions), not a pool design.</summary>
    public static bool Holds(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("compositions", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The design in <paramref name="json"/> (from <paramref name="source"/>); with <paramref name="length"/> and
    /// <paramref name="steps"/> given, a design for another (L, K) is refused. A composition that does not sum to L,
    /// has more than K parts or a part below 1, or a certificate of the wrong size, fails and names the source.
    /// </summary>
    public static ExactDesign Read(string json, string source, int? length = null, int? steps = null)
    {
        ExactDesignDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ExactDesignDocument>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"design '{source}' is not a design file: {e.Message}", nameof(json), e);
        }
        if (document?.Compositions is not { Count: > 0 } compositions || document.Worst is null)
            throw new ArgumentException($"design '{source}' has no compositions or no certificate.", nameof(json));
        if ((length ?? document.Length) != document.Length || (steps ?? document.Steps) != document.Steps)
            throw new ArgumentException(
                $"design '{source}' is for L = {document.Length}, K = {document.Steps}; this run has L = {length}, "
                    + $"K = {steps}.",
                nameof(json)
            );
        try
        {
            var design = new ExactDesign(
                document.Length,
                document.Steps,
                document.Objective,
                compositions,
                document.Worst,
                document.Iterations,
                document.Seconds
            );
            // Building the schedule checks every composition against L and K.
            _ = design.Schedule("check");
            if (design.Length > 1)
                _ = ExactDesign.LowerOf(design.Length, design.Steps, design.Objective, design.Worst);
            return design;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"design '{source}': {e.Message}", nameof(json), e);
        }
    }

    /// <summary>The design in the file at <paramref name="path"/>.</summary>
    public static ExactDesign Load(string path, int? length = null, int? steps = null) =>
        File.Exists(path)
            ? Read(File.ReadAllText(path), path, length, steps)
            : throw new ArgumentException(
                $"design '{path}' does not exist; write one with dlm design --exact --out.",
                nameof(path)
            );
}
