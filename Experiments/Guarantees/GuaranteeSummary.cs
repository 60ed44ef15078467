using System.Text;
using Dlm.Experiments.Tables;
using Dlm.Sampling.Design;
using Dlm.Sampling.Schedules;
using Dlm.Theory;
using static Dlm.Experiments.Tables.MarkdownColumn;

namespace Dlm.Experiments.Guarantees;

/// <summary>The markdown summary of a <c>dlm bounds</c> run.</summary>
public static class GuaranteeSummary
{
    /// <summary>
    /// Worst ratio per bound, decay slopes on the large codes, violations and changes against the baseline.
    /// </summary>
    public static string Markdown(
        IReadOnlyList<GuaranteeCase> cases,
        GuaranteeBaseline.Comparison? comparison,
        IReadOnlyList<CertifiedRow>? certified = null,
        IReadOnlyList<DesignCertificate>? designs = null
    )
    {
        var md = new StringBuilder();
        md.AppendLine(
            $"## dlm bounds: {cases.Count} cases on {cases.Select(c => c.Distribution).Distinct().Count()} "
                + "distributions"
        );
        md.AppendLine();
        var bounds = new MarkdownTable(Text("bound"), Number("checks"), Number("worst ratio"), Text("worst case"));
        foreach (
            var group in cases
                .SelectMany(c => c.Checks.Select(check => (Case: c, Check: check)))
                .GroupBy(x => x.Check.Bound)
                .OrderBy(g => g.Key)
        )
        {
            var worst = group.MaxBy(x => x.Check.Ratio);
            bounds.Add(group.Key.Label(), $"{group.Count()}", $"{worst.Check.Ratio:F4}", $"`{worst.Case.Id}`");
        }
        md.Append(bounds).AppendLine();
        md.AppendLine(
            "Log-log slope of E KL against K over K ≥ 8 on GF(256), n = 255 (low DTC: k ≤ 16; low TC: k ≥ 240; mean "
                + "over the k of the regime):"
        );
        md.AppendLine();
        var slopes = new MarkdownTable(Text("schedule"), Number("low DTC"), Number("low TC"));
        foreach (
            var schedule in cases
                .Where(c => c.Distribution.StartsWith("rs:q=256", StringComparison.Ordinal))
                .Select(c => c.Schedule)
                .Distinct()
        )
            slopes.Add(
                schedule,
                LogLogSlope.Format(Slope(cases, schedule, k => k <= 16)),
                LogLogSlope.Format(Slope(cases, schedule, k => k >= 240))
            );
        md.Append(slopes).AppendLine();
        if (certified is not null)
            md.Append(Certified(cases, certified));
        if (designs is { Count: > 0 })
            md.Append(Designs(designs));
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

    /// <summary>
    /// At L = 255, for every agnostic schedule and K of the large codes: the certified constant on the measure of the
    /// schedule's own theorem, the proven constant, and the worst K·E KL/X the panel's codes reach.
    /// </summary>
    private static string Certified(IReadOnlyList<GuaranteeCase> cases, IReadOnlyList<CertifiedRow> certified)
    {
        const int length = 255;
        var budgets = certified.Where(r => r.Length == length).Select(r => r.Steps).Distinct().ToList();
        var md = new StringBuilder();
        md.AppendLine(
            $"Certified constants at L = {length}: C = sup K·E KL/X over every distribution, on the measure X of the "
                + "schedule's theorem; in brackets the proven constant (– where the theorem at that K is on another "
                + "measure) and the worst K·E KL/X "
                + "of the panel's GF(256) codes (NaN: not in the panel):"
        );
        md.AppendLine();
        var table = new MarkdownTable([Text("schedule"), Text("X"), .. budgets.Select(k => Number($"K = {k}"))]);
        foreach (var name in certified.Where(r => r.Length == length).Select(r => r.Schedule).Distinct())
        {
            var variant = ScheduleCatalog.Variants(length, budgets[^1]).FirstOrDefault(v => v.Name == name);
            var measure = (variant?.Twin ?? false) ? Measure.Sum : MeasureOf(variant?.Entry.Bound ?? BoundKind.B8);
            var cells = budgets.Select(steps =>
            {
                var row = certified.First(r => r.Length == length && r.Steps == steps && r.Schedule == name);
                var schedule = variant is { Entry.Law: null } ? variant.Create(length, steps) : null;
                // The theorem the schedule reports at this K (hedged falls back to B1' below K = 6).
                var proven = schedule is null
                    ? null
                    : CertifiedTable.Proven(schedule, schedule.Bound(ProfileAtoms.Atom(length, 1)).Bound, steps);
                var seen = cases
                    .Where(c => c.Schedule == name && c.Steps == steps && c.Distribution.StartsWith("rs:q=256,n=255"))
                    .Select(c => steps * c.ExpectedKl / Measures.Of(measure, c.Tc, c.Dtc))
                    .DefaultIfEmpty(double.NaN)
                    .Max();
                var bracket = proven is { } p && p.Measure == measure ? $"{p.Constant:F2}; {seen:F2}" : $"–; {seen:F2}";
                return $"{row.Certified[measure].Constant:F2} ({bracket})";
            });
            table.Add([name, Measures.Name(measure), .. cells]);
        }
        md.Append(table).AppendLine();
        return md.ToString();
    }

    /// <summary>
    /// The committed exact designs: V and LB recomputed, and the schedules that fall below LB, if any.
    /// </summary>
    private static string Designs(IReadOnlyList<DesignCertificate> designs)
    {
        var md = new StringBuilder();
        var worst = designs.MaxBy(d => Math.Abs(d.Gap))!;
        md.AppendLine(
            $"Exact designs: {designs.Count} committed certificates checked without a solve. The largest relative gap "
                + $"between V (recomputed from the compositions) and LB (one best response to y) is {worst.Gap:G3} "
                + $"(`{worst.File}`; at most {ExactDesign.Tolerance:G0} passes)."
        );
        foreach (var failed in designs.Where(d => d.Fails))
            md.AppendLine(
                $"* **`{failed.File}` fails**: V = {failed.Value:R}, LB = {failed.Lower:R}"
                    + (failed.Below.Count > 0 ? $"; below LB: {string.Join(", ", failed.Below)}" : "")
            );
        md.AppendLine();
        return md.ToString();
    }

    private static Measure MeasureOf(BoundKind bound) =>
        bound switch
        {
            BoundKind.B1 or BoundKind.B1Prime => Measure.Sum,
            BoundKind.B2 => Measure.Tc,
            BoundKind.B3 => Measure.Dtc,
            _ => Measure.Min,
        };

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
