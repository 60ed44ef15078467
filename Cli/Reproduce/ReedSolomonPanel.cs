using Dlm.Datasets;
using Dlm.Datasets.ReedSolomon;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Theory;
using MathNet.Numerics.Distributions;

namespace Dlm.Cli.Reproduce;

/// <summary>Computes every cell of a panel: exact errors from the closed forms, and oracle samples.</summary>
internal static class ReedSolomonPanel
{
    /// <summary>Every schedule of the experiment, with the deterministic twins of the i.i.d. ones.</summary>
    public static IReadOnlyList<(string Name, bool Twin)> Schedules { get; } =
        [.. ScheduleCatalog.Names.Select(n => (n, false)), .. ScheduleCatalog.IidNames.Select(n => (n, true))];

    /// <summary>The cells of <paramref name="config"/>, in a fixed order.</summary>
    public static IReadOnlyList<(int Dimension, int Steps, string Name, bool Twin)> Cells(PanelConfig config) =>
        [.. from k in config.Dimensions from steps in config.Steps from s in Schedules
            where ScheduleCatalog.Supports(s.Name, config.Length, steps)
            select (k, steps, s.Name, s.Twin)];

    /// <summary>One cell; the samples use the streams of <paramref name="seed"/>.</summary>
    public static PanelCell Compute(PanelConfig config, int dimension, int steps, string name, bool twin, RandomStreams seed)
    {
        var (q, n) = (config.Order, config.Length);
        var profile = MdsCode.Profile(n, dimension, q);
        var schedule = ScheduleCatalog.Create(name, n, steps, twin, profile);
        var error = schedule.Error(profile);
        var bound = schedule.Bound(profile);
        var window = Enumerable.Range(dimension - config.Window, 2 * config.Window + 1).Where(k => k >= 1 && k <= n)
            .Average(k =>
            {
                var neighbour = MdsCode.Profile(n, k, q);
                return ScheduleCatalog.Create(name, n, steps, twin, neighbour).Error(neighbour).ExpectedKl;
            });
        var mixture = MdsCode.MixtureKl(n, dimension, q, schedule.Kernel);
        var valid = 0;
        if (config.Samples > 0)
        {
            var code = new ReedSolomonDistribution(new ReedSolomonCode(GaloisField.Create(q), n, dimension));
            var sampled = new UnmaskingSampler(new OraclePredictor(code), new SamplerOptions(schedule)).Sample(config.Samples, seed);
            valid = sampled.Sequences.Count(x => code.InSupport(x));
        }
        var (lower, upper) = ClopperPearson(valid, config.Samples, 0.999);
        return new PanelCell(config.Name, q, n, dimension, steps, schedule.Name, profile.Tc, profile.Dtc, error.ExpectedKl, window,
            mixture, bound.Value, bound.Name, error.MeanNfe, config.Samples, valid, lower, upper);
    }

    /// <summary>The Clopper–Pearson (exact binomial) interval for a rate at the given confidence.</summary>
    public static (double Lower, double Upper) ClopperPearson(int successes, int trials, double confidence)
    {
        if (trials == 0) return (0, 1);
        var alpha = 1 - confidence;
        var lower = successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, alpha / 2);
        var upper = successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - alpha / 2);
        return (lower, upper);
    }
}
