using Dlm.Datasets;
using Dlm.Datasets.Text;
using Dlm.Sampling.Calibration;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;

namespace Dlm.Experiments.Words;

/// <summary>Where the study is: <paramref name="Done"/> of <paramref name="Total"/> units, and what runs now.</summary>
public readonly record struct WordsStudyProgress(int Done, int Total, string Stage);

/// <summary>
/// Which schedule to sample a text model with, measured on held-out lines. The held-out split is halved: the even
/// lines calibrate Δ̂_CE (and Δ̂ from entropies), which <c>plugin</c> and <c>plugin-hedged</c> are built on; the odd
/// lines score every schedule by its teacher-forced NLL (<see cref="TeacherForcedNll"/>), so the self-calibrating
/// schedules are not scored on the lines they were fitted to. Every schedule sees the same orders, so their
/// differences are paired. Free-running samples give the valid and novel rates.
/// </summary>
public static class WordsStudy
{
    /// <summary>The schedules of every study: the agnostic ones, then the two that calibrate on Δ̂_CE.</summary>
    public static IReadOnlyList<string> Schedules { get; } =
    [.. ScheduleCatalog.Agnostic.Select(e => e.Name), "plugin", "plugin-hedged"];

    /// <summary>Runs the study of <paramref name="predictor"/> on <paramref name="corpus"/>.</summary>
    public static WordsStudyResult Run(
        IMaskPredictor predictor,
        TextCorpus corpus,
        WordsStudySettings settings,
        IProgress<WordsStudyProgress>? progress = null
    )
    {
        settings.Validate();
        var (l, q) = (corpus.Length, corpus.Vocabulary.Alphabet);
        if (predictor.Length != l || predictor.Alphabet != q)
            throw new ArgumentException(
                $"the model has L = {predictor.Length}, q = {predictor.Alphabet}; the corpus has L = {l}, q = {q}.",
                nameof(predictor)
            );
        var heldOut = corpus.Encode(corpus.HeldOut);
        var calibration = heldOut.Where((_, i) => i % 2 == 0).ToArray();
        var evaluation = heldOut.Where((_, i) => i % 2 == 1).ToArray();
        if (calibration.Length < 2 || evaluation.Length < 2)
            throw new ArgumentException(
                $"{corpus.Source} holds out {heldOut.Length} lines; the study needs at least 4.",
                nameof(corpus)
            );
        var cells = (
            from k in settings.Steps
            from name in Schedules
            where ScheduleCatalog.Supports(name, l, k)
            select (Name: name, Steps: k)
        ).ToList();
        var total = 1 + 2 * cells.Count;
        var done = 0;
        void Report(string stage) => progress?.Report(new WordsStudyProgress(done++, total, stage));

        var root = new RandomStreams(settings.Seed);
        Report("calibrating Δ̂_CE and Δ̂ from entropies");
        var (entropy, crossEntropy) = ProfileCalibration.EstimateBoth(
            predictor,
            calibration,
            corpus.Source,
            root.Split(1),
            settings.Confidence
        );
        var estimate = crossEntropy.ToProfile();
        var train = corpus.Encode(corpus.Train);
        var characters = evaluation.Average(x => (double)corpus.Vocabulary.CountedCharacters(x));
        var lines = corpus.Train.Concat(corpus.HeldOut).ToHashSet();
        var trainLines = corpus.Train.ToHashSet();

        var perWord = new Dictionary<(string, int), double[]>();
        var results = new List<WordsStudyCell>();
        foreach (var (name, k) in cells)
        {
            var schedule = ScheduleCatalog.Create(name, l, k, estimate: estimate);
            Report($"{name}, K = {k}: NLL");
            var nll = TeacherForcedNll.PerSequence(predictor, evaluation, schedule, root.Split(3));
            perWord[(name, k)] = nll;
            Report($"{name}, K = {k}: sampling");
            var samples = new UnmaskingSampler(predictor, new SamplerOptions(schedule, BatchSize: 500))
                .Sample(settings.Samples, root.Split(4))
                .Sequences;
            var decoded = samples
                .Select(x => corpus.Vocabulary.IsLine(x) ? corpus.Vocabulary.Decode(x) : null)
                .ToList();
            var valid = decoded.Count(w => w is not null && lines.Contains(w));
            var novel = decoded.Count(w => w is not null && lines.Contains(w) && !trainLines.Contains(w));
            var mean = MonteCarloEstimate.FromDraws(nll, settings.Confidence);
            results.Add(
                new WordsStudyCell(
                    name,
                    k,
                    mean,
                    schedule.Error(estimate).ExpectedKl + estimate.Entropy,
                    (double)valid / samples.Length,
                    (double)novel / samples.Length,
                    samples.Take(8).Select(x => corpus.Vocabulary.Decode(x)).ToArray()
                )
            );
        }
        Report("done");
        return new WordsStudyResult(
            corpus.Source,
            l,
            q,
            corpus.Train.Count,
            calibration.Length,
            evaluation.Length,
            corpus.Dropped,
            characters,
            crossEntropy,
            entropy,
            MonteCarloEstimate.FromDraws(CharacterBaselines.PositionUnigram(train, evaluation, q), settings.Confidence),
            MonteCarloEstimate.FromDraws(
                CharacterBaselines.LeftToRightBigram(train, evaluation, q, corpus.Vocabulary.End),
                settings.Confidence
            ),
            results,
            Goals(results, perWord, characters, settings.Confidence)
        );
    }

    private static List<WordsGoal> Goals(
        List<WordsStudyCell> cells,
        Dictionary<(string, int), double[]> perWord,
        double characters,
        double confidence
    )
    {
        var agnostic = ScheduleCatalog.Agnostic.Select(e => e.Name).ToHashSet();
        var goals = new List<WordsGoal>();
        foreach (var k in cells.Select(c => c.Steps).Distinct())
        {
            var atK = cells.Where(c => c.Steps == k).ToList();
            var best = atK.Where(c => agnostic.Contains(c.Schedule)).MinBy(c => c.Nll.Mean);
            var plugin = atK.FirstOrDefault(c => c.Schedule == "plugin");
            var hedged = atK.FirstOrDefault(c => c.Schedule == "plugin-hedged");
            if (best is null || plugin is null || hedged is null)
                continue;
            var scale = WordsStudyResult.BitsPerCharScale(characters);
            var difference = perWord[("plugin", k)]
                .Zip(perWord[(best.Schedule, k)], (p, b) => (p - b) * scale)
                .ToArray();
            goals.Add(
                new WordsGoal(
                    k,
                    best.Schedule,
                    MonteCarloEstimate.FromDraws(difference, confidence),
                    hedged.Nll.Mean / plugin.Nll.Mean
                )
            );
        }
        return goals;
    }
}
