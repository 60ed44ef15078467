using System.Globalization;

namespace Dlm.Datasets;

/// <summary>The <c>key=value,…</c> part of a spec, read with range checks that name the key.</summary>
public sealed class SpecArguments
{
    private readonly string _family;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Splits <paramref name="text"/> into keys and values.</summary>
    public SpecArguments(string family, string text)
    {
        _family = family;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0)
                throw new ArgumentException($"'{family}': '{part}' is not of the form key=value.", "spec");
            if (!_values.TryAdd(pair[0], pair[1]))
                throw new ArgumentException($"'{family}': the key '{pair[0]}' is given twice.", "spec");
        }
    }

    /// <summary>An integer in [min, max]; required unless a default is given.</summary>
    public int Int(string key, int min, int max, int? fallback = null) =>
        Read(
            key,
            fallback,
            v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) ? x : null,
            x => x >= min && x <= max,
            $"an integer in [{min}, {max}]"
        );

    /// <summary>A real number in [min, max]; required unless a default is given.</summary>
    public double Double(string key, double min, double max, double? fallback = null) =>
        Read(
            key,
            fallback,
            v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null,
            x => x >= min && x <= max,
            $"a number in [{min}, {max}]"
        );

    /// <summary>A seed, 0 by default.</summary>
    public ulong Seed(string key = "seed") =>
        Read<ulong>(
            key,
            0UL,
            v => ulong.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) ? x : null,
            _ => true,
            "a non-negative integer"
        );

    /// <summary>Fails on keys that no reader asked for.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"'{_family}' does not take {string.Join(", ", unknown)}; it takes {string.Join(", ", _read)}.",
                "spec"
            );
    }

    private T Read<T>(string key, T? fallback, Func<string, T?> parse, Func<T, bool> valid, string expected)
        where T : struct
    {
        _read.Add(key);
        if (!_values.TryGetValue(key, out var text))
            return fallback ?? throw new ArgumentException($"'{_family}' needs {key}=<{expected}>.", "spec");
        var value = parse(text);
        if (value is null || !valid(value.Value))
            throw new ArgumentException($"'{_family}': {key}={text} is invalid; {key} must be {expected}.", "spec");
        return value.Value;
    }
}
