using System.Text.Json;
using Dlm.Theory;

namespace Dlm.Datasets;

/// <summary>
/// A joint table in a JSON file <c>{"L":5,"q":3,"p":[...]}</c>, where x has index Σ_i x_i·q^(L−i)
/// (x_1 most significant). The entries must already sum to 1 within 1e-9.
/// </summary>
public static class TableFile
{
    /// <summary>Reads and validates the table at <paramref name="path"/>.</summary>
    public static JointDistribution Load(string path)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"table file '{path}' does not exist.", nameof(path));
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var length = Required(root, "L").GetInt32();
            var alphabet = Required(root, "q").GetInt32();
            JointDistribution.CheckSize(length, alphabet, JointDistribution.DefaultMaxEntries);
            var p = Required(root, "p").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            return JointDistribution.Create(length, alphabet, p);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"table file '{path}' is malformed: {e.Message}", nameof(path), e);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"table file '{path}': {e.Message}", nameof(path), e);
        }
    }

    /// <summary>Writes <paramref name="joint"/> in the same format.</summary>
    public static void Save(string path, JointDistribution joint) =>
        AtomicFile.WriteAllText(
            path,
            JsonSerializer.Serialize(
                new
                {
                    L = joint.Length,
                    q = joint.Alphabet,
                    p = joint.ToArray(),
                }
            )
        );

    private static JsonElement Required(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"the key \"{name}\" is missing");
}
