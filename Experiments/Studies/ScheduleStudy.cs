using Dlm.Datasets;
using Dlm.Sampling.Calibration;
using Dlm.Sampling.Decoders;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Experiments.Studies;

/// <summary>Where a study is: <paramref name="Done"/> of <paramref name="Total"/> units, and what runs now.</summary>
public readonly record struct StudyProgress(int Done, int Total, string Stage);

/// <summary>
/// Which schedule to sample a model with, measured on its held-out data (<see cref="StudyData"/>): Δ̂_CE (and Δ̂ from
/// the predictor's entropies) on the calibration half, which <c>plugin</c> and <c>plugin-hedged</c> are built on;
/// every schedule scored on the other half by its teacher-forced NLL (<see cref="TeacherForcedNll"/>); free-running
/// samples for the valid and novel rates. Every schedule sees the same orders, so their differences are paired, and
/// the recommendation at each K is the schedule with the least NLL, with what it saves against <c>fixed</c>. The
/// decoders of <see cref="StudySettings.Decoders"/> are scored on the same half, with their steps, against the best
/// schedule that spends no more.
/// </summary>
public static class ScheduleStudy
{
    /// <summary>
    /// The sub-tasks of a study, each with its own streams; the values are the split indices of the seed.
    /// </summary>
    public enum Stream : ulong
    {
        /// <summary>The revealed sets of the calibration.</summary>
        Calibration = 1,

        /// <summary>The orders that score every schedule.</summary>
        Scoring = 3,

        /// <summary>The free-running samples.</summary>
        Sampling = 4,

        /// <summary>The held-out draws of a known distribution (<see cref="StudyData.FromDistribution"/>).</summary>
        HeldOut = 5,

        /// <summary>The orders whose mixture is the K = L sampler's law (<see cref="SamplerLawNll"/>).</summary>
        SamplerLaw = 6,

        /// <summary>The orders that fit an n-gram pool's weights (<see cref="NgramPool"/>).</summary>
        Pool = 7,
    }

    /// <summary>The schedules of every study: the agnostic ones, then the two that calibrate on Δ̂_CE.</summary>
    public static IReadOnlyList<string> Schedules { get; } =
    [.. ScheduleCatalog.Agnostic.Select(e => e.Name), "plugin", "plugin-hedged"];

    /// <summary>Measures <paramref name="predictor"/> on <paramref name="data"/>.</summary>
    public static StudyResult Measure(
        IMaskPredictor predictor,
        StudyData data,
        StudySettings settings,
        IProgress<StudyProgress>? progress = null
    )
    {
        settings.Validate();
        var (l, q) = (predictor.Length, predictor.Alphabet);
        if (data.HeldOut.Any(x => x.Length != l))
            throw new ArgumentException(
                $"the model has L = {l}; {data.Source} has sequences of another length.",
                nameof(data)
            );
        var (calibration, evaluation) = (data.Calibration, data.Scoring);
        if (calibration.Length < 2 || evaluation.Length < 2)
            throw new ArgumentException(
                $"{data.Source} holds out {data.HeldOut.Count} sequences; a study needs at least 4.",
                nameof(data)
            );
        var cells = (
            from k in settings.Steps
            from name in Schedules
            where ScheduleCatalog.Supports(name, l, k)
            select (Name: name, Steps: k)
        ).ToList();
        var total = 2 + 2 * (cells.Count + settings.Decoders.Count);
        var done = 0;
        void Report(string stage) => progress?.Report(new StudyProgress(done++, total, stage));

        var root = new RandomStreams(settings.Seed);
        Report("calibrating Δ̂_CE and Δ̂ from entropies");
        var (entropy, crossEntropy) = ProfileCalibration.EstimateBoth(
            predictor,
            calibration,
            data.Source,
            root.Split(Stream.Calibration),
            settings.Confidence,
            settings.Grid,
            data.PadId
        );
        var estimate = crossEntropy.ToProfile();
        var units = evaluation.Average(x => (double)data.Units(x));
        var known = data.Training.Concat(data.HeldOut).Select(Key).ToHashSet();
        var trained = data.Training.Select(Key).ToHashSet();

        (double Valid, double Novel) Rates(int[][] samples) =>
            samples.Length == 0
                ? (double.NaN, double.NaN)
                : (
                    (double)samples.Count(x => known.Contains(Key(x))) / samples.Length,
                    trained.Count > 0
                        ? (double)samples.Count(x => known.Contains(Key(x)) && !trained.Contains(Key(x)))
                            / samples.Length
                        : double.NaN
                );

        // With the data's law known and small, every sampler driven by the model is enumerated exactly.
        var truth = data.Truth?.Joint is { } joint && Theory.MixtureKl.IsFeasible(l, q) ? joint : null;
        var enumerated = truth is null ? null : new MemoizedPredictor(predictor);
        double? ExactKl(Func<IMaskPredictor, double[]> law) =>
            truth is null ? null : Math.Max(0, EmpiricalLaw.Kl(truth, law(enumerated!)));

        double[] Nll(ISizeSchedule schedule, PositionRule order) =>
            TeacherForcedNll.PerSequence(
                predictor,
                evaluation,
                schedule,
                root.Split(Stream.Scoring),
                data.PadId,
                order
            );

        var perSequence = new Dictionary<(string, int), double[]>();
        var results = new List<StudyCell>();
        foreach (var (name, k) in cells)
        {
            var schedule = ScheduleCatalog.Create(name, l, k, estimate: estimate);
            Report($"{name}, K = {k}: NLL");
            var nll = Nll(schedule, PositionRule.Random);
            perSequence[(name, k)] = nll;
            Report($"{name}, K = {k}: sampling");
            var samples = new UnmaskingSampler(predictor, new SamplerOptions(schedule, BatchSize: 500))
                .Sample(settings.Samples, root.Split(Stream.Sampling))
                .Sequences;
            var (valid, novel) = Rates(samples);
            results.Add(
                new StudyCell(
                    name,
                    k,
                    MonteCarloEstimate.FromDraws(nll, settings.Confidence),
                    schedule.Error(estimate).ExpectedKl + estimate.Entropy,
                    valid,
                    novel,
                    samples.Take(8).Select(data.Show).ToArray(),
                    ExactKl(p => ExactSamplerLaw.Compute(p, schedule, PositionRule.Random))
                )
            );
        }
        var scale = StudyResult.BitsPerUnitScale(units);
        Report("any-order, left-to-right and sampler-law NLL");
        var oneAtATime = ScheduleCatalog.Create("fixed", l, l);
        // The `fixed` cell at K = L, where the study has one, already scored the same orders.
        var anyOrder = perSequence.TryGetValue(("fixed", l), out var scored)
            ? scored
            : Nll(oneAtATime, PositionRule.Random);
        var leftToRight = Nll(oneAtATime, PositionRule.LeftToRight);
        var samplerLaw =
            settings.Orders == 0
                ? null
                : SamplerLawNll.PerSequence(
                    predictor,
                    evaluation,
                    oneAtATime,
                    settings.Orders,
                    root.Split(Stream.SamplerLaw),
                    data.PadId
                );
        var baselines = Baselines(data, evaluation, q);
        var best = baselines.Count == 0 ? default : baselines.MinBy(b => b.Nll.Average());
        var decoders = new List<StudyDecoderCell>();
        foreach (var decoder in settings.Decoders)
        {
            Report($"{decoder.Name}: NLL");
            var forced = TeacherForcedNll.PerSequence(predictor, evaluation, decoder, data.PadId);
            Report($"{decoder.Name}: sampling");
            var sampled = new UnmaskingSampler(predictor, SamplerOptions.Decoding(decoder, l, batchSize: 500)).Sample(
                settings.Samples,
                root.Split(Stream.Sampling)
            );
            var nfeSampled = sampled.Nfe.Length > 0 ? NfeLaw.FromSteps(sampled.Nfe, l) : null;
            var nfeMean = nfeSampled?.Mean ?? forced.Nfe.Average();
            var cheaper = results.Where(c => c.Steps <= nfeMean + 1e-9).MinBy(c => c.Nll.Mean);
            var (valid, novel) = Rates(sampled.Sequences);
            decoders.Add(
                new StudyDecoderCell(
                    decoder.Name,
                    MonteCarloEstimate.FromDraws(forced.Nll, settings.Confidence),
                    forced.Entropy.Average(),
                    MonteCarloEstimate.FromDraws(forced.Nfe.Select(n => (double)n).ToArray(), settings.Confidence),
                    nfeSampled,
                    cheaper is null
                        ? null
                        : new DecoderVersusSchedule(
                            cheaper.Schedule,
                            cheaper.Steps,
                            Paired(
                                forced.Nll,
                                perSequence[(cheaper.Schedule, cheaper.Steps)],
                                scale,
                                settings.Confidence
                            )
                        ),
                    valid,
                    novel,
                    sampled.Sequences.Take(8).Select(data.Show).ToArray(),
                    ExactKl(p => ExactSamplerLaw.Compute(p, decoder).Output)
                )
            );
        }
        Report("done");
        return new StudyResult(
            data.Source,
            l,
            q,
            data.Training.Count,
            calibration.Length,
            evaluation.Length,
            data.Notes,
            data.Unit,
            units,
            settings.Grid is null ? null : ProfileCalibration.Grid(l, settings.Grid),
            crossEntropy,
            entropy,
            [
                .. baselines.Select(b => new StudyBaseline(
                    b.Name,
                    MonteCarloEstimate.FromDraws(b.Nll, settings.Confidence)
                )),
            ],
            MonteCarloEstimate.FromDraws(anyOrder, settings.Confidence),
            MonteCarloEstimate.FromDraws(leftToRight, settings.Confidence),
            samplerLaw is null ? null : MonteCarloEstimate.FromDraws(samplerLaw, settings.Confidence),
            settings.Orders,
            best.Nll is null
                ? null
                : new StudyBaselineComparison(
                    best.Name,
                    Paired(anyOrder, best.Nll, scale, settings.Confidence),
                    Paired(leftToRight, best.Nll, scale, settings.Confidence),
                    samplerLaw is null ? null : Paired(samplerLaw, best.Nll, scale, settings.Confidence)
                ),
            results,
            decoders,
            Goals(results, perSequence, scale, settings.Confidence),
            Recommendations(results, perSequence, scale, settings.Confidence)
        );
    }

    /// <summary>
    /// The count baselines of a text corpus with a training split, with their per-sequence NLL on
    /// <paramref name="evaluation"/>; none otherwise.
    /// </summary>
    private static IReadOnlyList<(string Name, double[] Nll)> Baselines(
        StudyData data,
        int[][] evaluation,
        int alphabet
    ) =>
        data.Training.Count == 0 || data.Text is not { } text
            ? []
            :
            [
                ("position-wise unigram", CharacterBaselines.PositionUnigram(data.Training, evaluation, alphabet)),
                (
                    "left-to-right bigram (add-one)",
                    CharacterBaselines.LeftToRightBigram(data.Training, evaluation, alphabet, text.End)
                ),
                .. CharacterBaselines.KneserNeyOrders.Select(n =>
                    (
                        $"Kneser–Ney {n}-gram",
                        CharacterBaselines.KneserNeyNll(data.Training, evaluation, alphabet, text.End, n)
                    )
                ),
            ];

    private static List<StudyGoal> Goals(
        List<StudyCell> cells,
        Dictionary<(string, int), double[]> perSequence,
        double scale,
        double confidence
    )
    {
        var agnostic = ScheduleCatalog.Agnostic.Select(e => e.Name).ToHashSet();
        var goals = new List<StudyGoal>();
        foreach (var k in cells.Select(c => c.Steps).Distinct())
        {
            var atK = cells.Where(c => c.Steps == k).ToList();
            var best = atK.Where(c => agnostic.Contains(c.Schedule)).MinBy(c => c.Nll.Mean);
            var plugin = atK.FirstOrDefault(c => c.Schedule == "plugin");
            var hedged = atK.FirstOrDefault(c => c.Schedule == "plugin-hedged");
            if (best is null || plugin is null || hedged is null)
                continue;
            goals.Add(
                new StudyGoal(
                    k,
                    best.Schedule,
                    Paired(perSequence[("plugin", k)], perSequence[(best.Schedule, k)], scale, confidence),
                    hedged.Nll.Mean / plugin.Nll.Mean
                )
            );
        }
        return goals;
    }

    private static List<StudyRecommendation> Recommendations(
        List<StudyCell> cells,
        Dictionary<(string, int), double[]> perSequence,
        double scale,
        double confidence
    ) =>
        [
            .. cells
                .GroupBy(c => c.Steps)
                .Select(g =>
                {
                    var best = g.MinBy(c => c.Nll.Mean)!;
                    return new StudyRecommendation(
                        g.Key,
                        best.Schedule,
                        best.Nll,
                        perSequence.TryGetValue(("fixed", g.Key), out var equal)
                            ? Paired(equal, perSequence[(best.Schedule, g.Key)], scale, confidence)
                            : null
                    );
                }),
        ];

    /// <summary>The paired difference a − b per sequence, in bits per unit, with its interval.</summary>
    private static MonteCarloEstimate Paired(double[] a, double[] b, double scale, double confidence) =>
        MonteCarloEstimate.FromDraws(a.Zip(b, (x, y) => (x - y) * scale).ToArray(), confidence);

    private static string Key(int[] sequence) => string.Join(',', sequence);
}
