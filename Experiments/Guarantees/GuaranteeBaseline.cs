using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dlm.Experiments.Guarantees;

/// <summary>
/// The committed record of every case's exact error. Exact computations are deterministic, so any rise
/// beyond 1e-9 relative is a real change of behaviour, and a missing case is a lost check.
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

    /// <summary>The baseline text: one case per line, in panel order, so a reviewer can read its diff.</summary>
    public static string Serialize(GuaranteeSettings settings, IEnumerable<GuaranteeCase> cases)
    {
        var text = new StringBuilder("{\n");
        text.Append($"  \"panel_seed\": {settings.Seed},\n  \"expected_kl\": {{\n");
        text.Append(
            string.Join(
                ",\n",
                cases.Select(c =>
                    $"    {JsonSerializer.Serialize(c.Id)}: {c.ExpectedKl.ToString("R", CultureInfo.InvariantCulture)}"
                )
            )
        );
        text.Append("\n  }\n}\n");
        return text.ToString();
    }

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
                .ToDictionary(p => p.Name, p => p.Value.GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArgumentException($"baseline '{path}' is malformed: {e.Message}", nameof(path), e);
        }
    }

    /// <summary>
    /// Regressions (current &gt; baseline·(1 + 1e-9) + 1e-12), improvements, missing and added cases.
    /// </summary>
    public static Comparison Compare(IReadOnlyDictionary<string, double> baseline, IReadOnlyList<GuaranteeCase> cases)
    {
        var current = cases.ToDictionary(c => c.Id, c => c.ExpectedKl);
        var changes = cases
            .Where(c => baseline.ContainsKey(c.Id))
            .Select(c => new Change(c.Id, baseline[c.Id], c.ExpectedKl))
            .ToList();
        return new Comparison(
            changes.Where(c => c.Current > c.Baseline * (1 + 1e-9) + BoundCheck.Rounding).ToList(),
            changes.Where(c => c.Current < c.Baseline * (1 - 1e-9) - BoundCheck.Rounding).ToList(),
            baseline.Keys.Where(id => !current.ContainsKey(id)).ToList(),
            cases.Where(c => !baseline.ContainsKey(c.Id)).Select(c => c.Id).ToList()
        );
    }
}
