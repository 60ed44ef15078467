using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dlm.Sampling.Schedules;

/// <summary>The theorems that bound E KL (docs/theory.md); each schedule reports one of them as its own.</summary>
[JsonConverter(typeof(BoundKindJsonConverter))]
public enum BoundKind
{
    /// <summary>B0, every schedule: E KL ≤ TC.</summary>
    B0,

    /// <summary>B1, deterministic sizes: E KL ≤ (s_max − 1)/L · (TC + DTC).</summary>
    B1,

    /// <summary>B1′, <c>linear</c>: E KL ≤ (TC + DTC)/K.</summary>
    B1Prime,

    /// <summary>B2, <c>adaptive-tc</c>: E KL ≤ (ρ^(−1) − 1 + 1/K) · TC.</summary>
    B2,

    /// <summary>B3, <c>adaptive-dtc</c>: E KL ≤ (ρ^(−1) − 1 + 1/K) · DTC.</summary>
    B3,

    /// <summary>B4, <c>adaptive-both</c>: E KL ≤ (r − 1 + 2/K) · min(TC, DTC).</summary>
    B4,

    /// <summary>B5, <c>hedged</c> (K ≥ 6): the smaller of B1′ with ⌊K/2⌋ steps and B4 with K − ⌊K/2⌋.</summary>
    B5,

    /// <summary>B6, a lower bound: <c>optimal</c>(K) ≤ E KL of every schedule with at most K steps.</summary>
    B6,

    /// <summary>B7, <c>plugin-hedged</c>: the smaller of its plugin part's error, its hedge's error and B1.</summary>
    B7,

    /// <summary>
    /// B8, certified, every schedule: E KL ≤ min over X ∈ {TC, DTC, min(TC, DTC), TC + DTC} of C_X·X/K, with C_X the
    /// exact sup of K·E KL/X over every distribution (<see cref="Theory.WorstCase"/>); <c>minimax</c>'s own.
    /// </summary>
    B8,

    /// <summary>
    /// B9, the exact minimax designs (<c>minimax-min</c>, <c>minimax-tc</c>, <c>minimax-dtc</c>): E KL ≤ V·X/K, with V
    /// the value of the game on the measure X, certified both ways (<see cref="Design.ExactDesign"/>).
    /// </summary>
    B9,
}

/// <summary>The printed names of the bounds.</summary>
public static class BoundKinds
{
    /// <summary>"B0" … "B9", with B1′ written <c>B1'</c>.</summary>
    public static string Label(this BoundKind bound) => bound == BoundKind.B1Prime ? "B1'" : bound.ToString();

    /// <summary>The bound whose <see cref="Label"/> is <paramref name="label"/>.</summary>
    public static BoundKind Parse(string label)
    {
        foreach (var bound in Enum.GetValues<BoundKind>())
            if (bound.Label() == label)
                return bound;
        throw new ArgumentException($"unknown bound '{label}'; known: B0, B1, B1', B2 … B9.", nameof(label));
    }
}

/// <summary>Writes a bound as its label (<c>"B1'"</c>), as the reports and the baseline always have.</summary>
public sealed class BoundKindJsonConverter : JsonConverter<BoundKind>
{
    /// <inheritdoc/>
    public override BoundKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BoundKinds.Parse(reader.GetString() ?? "");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, BoundKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Label());
}
