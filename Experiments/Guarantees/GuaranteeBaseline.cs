using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dlm.Experiments.Guarantees;

/// <summary>
/// The committed record of every case's exact error and every certified constant. Exact computations are
/// deterministic, so any rise beyond 1e-9 relative is a real change of behaviour, and a missing id is a lost check.
/// </summary>
public static class GuaranteeBaseline
{
    /// <summary>A case whose error moved.</summary>
    /// <param name="Id">The case id.</param>
    /// <param name="Baseline">The committed E KL.</param>
    /// <param name="Current">This run's E KL.</param>
    public sealed record Change(string Id, double Baseline, double Current)
    {
        /// <summary>(current − baseline) / baseline, or the absolute change where the baseline is 0.</summary>
        public double Relative => Baseline != 0 ? (Current - Baseline) / Math.Abs(Baseline) : Current - Baseline;
    }

    /// <summary>The comparison of a run with the baseline.</summary>
    /// <param name="Regressions">Cases whose error rose beyond 1e-9 relative (+1e-12).</param>
    /// <param name="Improvements">Cases whose error fell as much.</param>
    /// <param name="Missing">Baseline cases the run no longer produces.</param>
    /// <param name="Added">Cases the baseline lacks.</param>
    public sealed record Comparison(
        IReadOnlyList<Change> Regressions,
        IReadOnlyList<Change> Improvements,
        IReadOnlyList<string> Missing,
        IReadOnlyList<string> Added
    )
    {
        /// <summary>Whether the run fails the baseline: a regression or a missing case.</summary>
        public bool Fails => Regressions.Count > 0 || Missing.Count > 0;
    }

    /// <summary>
    /// The baseline text: every case's E KL, then every certified constant, one per line in a fixed order, so that a
    /// reviewer can read its diff.
    /// </summary>
    public static string Serialize(
        GuaranteeSettings settings,
        IEnumerable<GuaranteeCase> cases,
        IEnumerable<CertifiedRow> certified
    )
    {
        var text = new StringBuilder("{\n");
        text.Append($"  \"panel_seed\": {settings.Seed},\n");
        Section(text, "expected_kl", cases.Select(c => new KeyValuePair<string, double>(c.Id, c.ExpectedKl)));
        text.Append(",\n");
        Section(text, "certified", certified.SelectMany(r => r.Values));
        text.Append("\n}\n");
        return text.ToString();
    }

    private static void Section(StringBuilder text, string name, IEnumerable<KeyValuePair<string, double>> values)
    {
        text.Append($"  \"{name}\": {{\n");
        text.Append(
            string.Join(
                ",\n",
                values.Select(v =>
                    $"    {JsonSerializer.Serialize(v.Key)}: {v.Value.ToString("R", CultureInfo.InvariantCulture)}"
                )
            )
        );
        text.Append("\n  }");
    }

    /// <summary>What a run is compared on: each case's E KL and each certified constant, by id.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Values(
        IEnumerable<GuaranteeCase> cases,
        IEnumerable<CertifiedRow> certified
    ) =>
        [
            .. cases.Select(c => new KeyValuePair<string, double>(c.Id, c.ExpectedKl)),
            .. certified.SelectMany(r => r.Values),
        ];

    /// <summary>Reads a baseline written by <see cref="Serialize"/>.</summary>
    public static IReadOnlyDictionary<string, double> Load(string path)
    {
        if (!File.Exists(path))
            throw new ArgumentException(
                $"baseline '{path}' does not exist; create it with --update-baseline.",
                nameof(path)
            );
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document
                .RootElement.GetProperty("expected_kl")
                .EnumerateObject()
                .Concat(
                    document.RootElement.TryGetProperty("certified", out var certified)
                        ? certified.EnumerateObject()
                        : []
                )
                .ToDictionary(p => p.Name, p => p.Value.GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArgumentException($"baseline '{path}' is malformed: {e.Message}", nameof(path), e);
        }
    }

    /// <summary>
    /// Regressions (current &gt; baseline·(1 + 1e-9) + 1e-12), improvements, missing and added ids, over the values of
    /// <see cref="Values"/>.
    /// </summary>
    public static Comparison Compare(
        IReadOnlyDictionary<string, double> baseline,
        IReadOnlyList<KeyValuePair<string, double>> values
    )
    {
        var current = values.ToDictionary(v => v.Key, v => v.Value);
        var changes = values
            .Where(v => baseline.ContainsKey(v.Key))
            .Select(v => new Change(v.Key, baseline[v.Key], v.Value))
            .ToList();
        return new Comparison(
            changes.Where(c => c.Current > c.Baseline * (1 + 1e-9) + BoundCheck.Rounding).ToList(),
            changes.Where(c => c.Current < c.Baseline * (1 - 1e-9) - BoundCheck.Rounding).ToList(),
            baseline.Keys.Where(id => !current.ContainsKey(id)).ToList(),
            values.Where(v => !baseline.ContainsKey(v.Key)).Select(v => v.Key).ToList()
        );
    }
}
