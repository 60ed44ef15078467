using System.Text;
using Dlm.Sampling.Schedules;

namespace Dlm.Experiments.Guarantees;

/// <summary>The markdown summary of a <c>dlm bounds</c> run.</summary>
public static class GuaranteeSummary
{
    /// <summary>
    /// Worst ratio per bound, decay slopes on the large codes, violations and changes against the baseline.
    /// </summary>
    public static string Markdown(IReadOnlyList<GuaranteeCase> cases, GuaranteeBaseline.Comparison? comparison)
    {
        var md = new StringBuilder();
        md.AppendLine(
            $"## dlm bounds: {cases.Count} cases on {cases.Select(c => c.Distribution).Distinct().Count()} "
                + "distributions"
        );
        md.AppendLine();
        md.AppendLine("| bound | checks | worst ratio | worst case |");
        md.AppendLine("|---|---:|---:|---|");
        foreach (
            var group in cases
                .SelectMany(c => c.Checks.Select(check => (Case: c, Check: check)))
                .GroupBy(x => x.Check.Bound)
                .OrderBy(g => g.Key)
        )
        {
            var worst = group.MaxBy(x => x.Check.Ratio);
            md.AppendLine($"| {group.Key.Label()} | {group.Count()} | {worst.Check.Ratio:F4} | `{worst.Case.Id}` |");
        }
        md.AppendLine();
        md.AppendLine(
            "Log-log slope of E KL against K over K ≥ 8 on GF(256), n = 255 (low DTC: k ≤ 16; low TC: k ≥ 240; mean "
                + "over the k of the regime):"
        );
        md.AppendLine();
        md.AppendLine("| schedule | low DTC | low TC |");
        md.AppendLine("|---|---:|---:|");
        foreach (
            var schedule in cases
                .Where(c => c.Distribution.StartsWith("rs:q=256", StringComparison.Ordinal))
                .Select(c => c.Schedule)
                .Distinct()
        )
            md.AppendLine(
                $"| {schedule} | {LogLogSlope.Format(Slope(cases, schedule, k => k <= 16))} | "
                    + $"{LogLogSlope.Format(Slope(cases, schedule, k => k >= 240))} |"
            );
        md.AppendLine();
        var violations = cases.SelectMany(c => c.Violations.Select(v => (Case: c, Check: v))).ToList();
        md.AppendLine(violations.Count == 0 ? "No bound is violated." : $"**{violations.Count} bound violations:**");
        foreach (var (c, v) in violations.Take(20))
            md.AppendLine(
                $"* `{c.Id}`: E KL = {c.ExpectedKl:R} vs {v.Bound.Label()} = {v.Value:R} (ratio {v.Ratio:F6})"
            );
        if (comparison is null)
            return md.ToString();
        md.AppendLine();
        md.AppendLine(
            comparison.Fails || comparison.Improvements.Count > 0 || comparison.Added.Count > 0
                ? $"Against the baseline: {comparison.Regressions.Count} regressions, {comparison.Missing.Count} "
                    + $"missing cases, {comparison.Improvements.Count} improvements, "
                    + $"{comparison.Added.Count} new cases."
                : "Every case matches the baseline."
        );
        foreach (var r in comparison.Regressions.Take(20))
            md.AppendLine(
                $"* regression `{r.Id}`: {r.Baseline:R} → {r.Current:R} ({r.Relative:+0.###E+0;-0.###E+0} relative)"
            );
        foreach (var m in comparison.Missing.Take(20))
            md.AppendLine($"* missing `{m}`");
        foreach (var i in comparison.Improvements.Take(10))
            md.AppendLine($"* improvement `{i.Id}`: {i.Baseline:R} → {i.Current:R}");
        return md.ToString();
    }

    private static double Slope(IReadOnlyList<GuaranteeCase> cases, string schedule, Func<int, bool> regime)
    {
        var slopes = cases
            .Where(c =>
                c.Distribution.StartsWith("rs:q=256", StringComparison.Ordinal)
                && c.Schedule == schedule
                && c.Steps >= 8
                && regime(Dimension(c.Distribution))
            )
            .GroupBy(c => c.Distribution)
            .Select(g => LogLogSlope.Of(g.Select(c => ((double)c.Steps, c.ExpectedKl)).ToList()))
            .Where(slope => !double.IsNaN(slope))
            .ToList();
        return slopes.Count == 0 ? double.NaN : slopes.Average();
    }

    private static int Dimension(string spec) =>
        int.Parse(
            spec[(spec.LastIndexOf("k=", StringComparison.Ordinal) + 2)..],
            System.Globalization.CultureInfo.InvariantCulture
        );
}
