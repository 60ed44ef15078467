using Dlm.Datasets;
using Dlm.Datasets.ReedSolomon;
using Dlm.Sampling.Design;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Experiments.Reproduce;

/// <summary>Computes every cell of a panel: exact errors from the closed forms, and oracle samples.</summary>
public static class ReedSolomonPanel
{
    /// <summary>The confidence of the sampled validity intervals.</summary>
    public const double Confidence = 0.999;

    /// <summary>
    /// The schedules of a cell at K: the catalogue's <see cref="ScheduleCatalog.Variants"/>, the schedules first and
    /// the deterministic twins after them.
    /// </summary>
    public static IEnumerable<ScheduleVariant> Schedules(int length, int steps) =>
        ScheduleCatalog.Variants(length, steps).OrderBy(v => v.Twin);

    /// <summary>The cells of <paramref name="config"/>, in a fixed order.</summary>
    public static IReadOnlyList<(int Dimension, int Steps, ScheduleVariant Schedule)> Cells(PanelConfig config) =>
        [
            .. from k in config.Dimensions
            from steps in config.Steps
            from s in Schedules(config.Length, steps)
            select (k, steps, s),
        ];

    /// <summary>
    /// One cell; the samples use the streams of <paramref name="seed"/>. An exact <paramref name="design"/> of this
    /// (L, K) replaces the catalogue's row of its measure.
    /// </summary>
    public static PanelCell Compute(
        PanelConfig config,
        int dimension,
        int steps,
        ScheduleVariant variant,
        RandomStreams seed,
        ExactDesign? design = null
    )
    {
        var (q, n) = (config.Order, config.Length);
        var profile = MdsCode.Profile(n, dimension, q);
        var schedule =
            design is { } d && d.Length == n && d.Steps == steps && ExactDesigns.Name(d.Objective) == variant.Name
                ? d.Schedule(variant.Name)
                : variant.Create(n, steps, profile);
        var error = schedule.Error(profile);
        var window = Enumerable
            .Range(dimension - config.Window, 2 * config.Window + 1)
            .Where(k => k >= 1 && k <= n)
            .Average(k =>
            {
                var neighbour = MdsCode.Profile(n, k, q);
                // An agnostic schedule is the same law for every k: build it (and solve a design) once.
                var law = variant.Entry.IsAgnostic ? schedule : variant.Create(n, steps, neighbour);
                return law.Error(neighbour).ExpectedKl;
            });
        var mixture = MdsCode.MixtureKl(n, dimension, q, schedule.Kernel);
        var valid = 0;
        if (config.Samples > 0)
        {
            var code = new ReedSolomonDistribution(new ReedSolomonCode(GaloisField.Create(q), n, dimension));
            var sampled = new UnmaskingSampler(new OraclePredictor(code), new SamplerOptions(schedule)).Sample(
                config.Samples,
                seed
            );
            valid = sampled.Sequences.Count(x => code.InSupport(x));
        }
        return new PanelCell(
            config.Name,
            q,
            n,
            dimension,
            steps,
            schedule.Name,
            profile.Tc,
            profile.Dtc,
            error.ExpectedKl,
            window,
            mixture,
            schedule.Bound(profile),
            error.MeanNfe,
            RateEstimate.ClopperPearson(valid, config.Samples, Confidence)
        );
    }
}
