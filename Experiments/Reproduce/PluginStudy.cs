using System.Globalization;
using System.Text;
using Dlm.Datasets.ReedSolomon;
using Dlm.Experiments.Tables;
using Dlm.Sampling.Calibration;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Theory;
using static Dlm.Experiments.Tables.MarkdownColumn;

namespace Dlm.Experiments.Reproduce;

/// <summary>
/// The self-calibrating schedules on the Reed–Solomon panel: the profile is estimated from the oracle's own
/// entropies (<see cref="ProfileCalibration"/>), then <c>plugin</c> and <c>plugin-hedged</c> are scored by
/// their exact error on the true profile, next to <c>optimal</c> and the best agnostic schedule. A second
/// table feeds a deliberately wrong estimate (the profile of k + 24) and compares hedge budgets K/8, K/4, K/2.
/// </summary>
public static class PluginStudy
{
    private static readonly int[] Budgets = [2, 4, 8, 16, 32, 64, 128];

    /// <summary>One row: k, K and the exact errors on the true profile (nats).</summary>
    /// <param name="Dimension">k.</param>
    /// <param name="Steps">K.</param>
    /// <param name="Optimal">The <c>optimal</c> schedule's error.</param>
    /// <param name="Plugin"><c>plugin</c> on the estimate.</param>
    /// <param name="PluginHedged"><c>plugin-hedged</c> on the estimate.</param>
    /// <param name="BestAgnostic">The agnostic schedule with the least error, and that error.</param>
    /// <param name="Wrong">The same schedules fed a wrong estimate.</param>
    public sealed record Row(
        int Dimension,
        int Steps,
        double Optimal,
        double Plugin,
        double PluginHedged,
        (string Name, double Error) BestAgnostic,
        WrongEstimate Wrong
    );

    /// <summary>The exact errors when the estimate is the profile of k + 24 instead of k.</summary>
    /// <param name="Plugin"><c>plugin</c> alone.</param>
    /// <param name="HedgedEighth"><c>plugin-hedged</c> with hedge budget K/8.</param>
    /// <param name="HedgedQuarter">The same with K/4, the default.</param>
    /// <param name="HedgedHalf">The same with K/2.</param>
    public sealed record WrongEstimate(double Plugin, double HedgedEighth, double HedgedQuarter, double HedgedHalf);

    /// <summary>
    /// Computes every row for the panel's k, calibrating with <paramref name="samples"/> sequences per m.
    /// </summary>
    public static IReadOnlyList<Row> Run(PanelConfig panel, int samples, Dlm.Datasets.RandomStreams seed) =>
        panel
            .Dimensions.AsParallel()
            .AsOrdered()
            .SelectMany(k =>
            {
                var (q, n) = (panel.Order, panel.Length);
                var truth = MdsCode.Profile(n, k, q);
                var code = new ReedSolomonDistribution(new ReedSolomonCode(GaloisField.Create(q), n, k));
                var streams = seed.Split((ulong)k);
                var estimate = ProfileCalibration
                    .Estimate(
                        new OraclePredictor(code),
                        ProfileCalibration.FromData(code, samples, streams.Split(ProfileCalibration.Stream.Data)),
                        "oracle",
                        streams.Split(ProfileCalibration.Stream.States)
                    )
                    .ToProfile();
                var wrong = MdsCode.Profile(n, Math.Min(n - 1, k + 24), q);
                return Budgets.Select(steps =>
                {
                    double Exact(int[] sizes) => ExpectedKl.Deterministic(truth, sizes).ExpectedKl;
                    var agnostic = ScheduleCatalog
                        .Agnostic.Where(s => s.Supports(n, steps))
                        .Select(s => (s.Name, Error: ScheduleCatalog.Create(s.Name, n, steps).Error(truth).ExpectedKl))
                        .MinBy(a => a.Error);
                    return new Row(
                        k,
                        steps,
                        OptimalSchedule.Solve(truth, steps).ExpectedKl,
                        Exact(PluginSizes.Plugin(estimate, steps)),
                        Exact(PluginSizes.PluginHedged(estimate, steps)),
                        agnostic,
                        new WrongEstimate(
                            Exact(PluginSizes.Plugin(wrong, steps)),
                            Exact(PluginSizes.PluginHedged(wrong, steps, steps / 8)),
                            Exact(PluginSizes.PluginHedged(wrong, steps, steps / 4)),
                            Exact(PluginSizes.PluginHedged(wrong, steps, steps / 2))
                        )
                    );
                });
            })
            .ToList();

    /// <summary>The two markdown tables.</summary>
    public static string Markdown(PanelConfig panel, IReadOnlyList<Row> rows, int samples)
    {
        var md = new StringBuilder();
        md.AppendLine($"## Self-calibrating schedules on {panel.Name}");
        md.AppendLine();
        md.AppendLine(
            $"The profile is estimated from the oracle's predictive entropies ({samples} sequences per m), then each "
                + "schedule's exact"
        );
        md.AppendLine(
            "error is computed on the true profile. `optimal` knows the true profile; the agnostic column is the best "
                + "of the seven agnostic schedules."
        );
        md.AppendLine();
        var exact = new MarkdownTable(
            Number("k"),
            Number("K"),
            Number("optimal"),
            Number("plugin"),
            Number("plugin-hedged"),
            Text("best agnostic")
        );
        foreach (var r in rows)
            exact.Add(
                $"{r.Dimension}",
                $"{r.Steps}",
                G(r.Optimal),
                G(r.Plugin),
                G(r.PluginHedged),
                $"{G(r.BestAgnostic.Error)} ({r.BestAgnostic.Name})"
            );
        md.Append(exact).AppendLine();
        md.AppendLine(
            "With a wrong estimate (the profile of k + 24): `plugin` alone, and `plugin-hedged` with hedge budgets "
                + "K/8, K/4 (the default) and K/2:"
        );
        md.AppendLine();
        var wrong = new MarkdownTable(
            Number("k"),
            Number("K"),
            Number("plugin (wrong)"),
            Number("hedge K/8"),
            Number("hedge K/4"),
            Number("hedge K/2")
        );
        foreach (var r in rows.Where(r => r.Steps >= 8))
            wrong.Add(
                $"{r.Dimension}",
                $"{r.Steps}",
                G(r.Wrong.Plugin),
                G(r.Wrong.HedgedEighth),
                G(r.Wrong.HedgedQuarter),
                G(r.Wrong.HedgedHalf)
            );
        return md.Append(wrong).ToString();
    }

    /// <summary>One CSV row per (k, K).</summary>
    public static string Csv(IEnumerable<Row> rows) =>
        new CsvTable<Row>(
            ("k", r => r.Dimension),
            ("K", r => r.Steps),
            ("optimal", r => r.Optimal),
            ("plugin", r => r.Plugin),
            ("plugin_hedged", r => r.PluginHedged),
            ("best_agnostic", r => r.BestAgnostic.Error),
            ("best_agnostic_name", r => r.BestAgnostic.Name),
            ("wrong_plugin", r => r.Wrong.Plugin),
            ("wrong_hedge_eighth", r => r.Wrong.HedgedEighth),
            ("wrong_hedge_quarter", r => r.Wrong.HedgedQuarter),
            ("wrong_hedge_half", r => r.Wrong.HedgedHalf)
        ).Write(rows);

    private static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
