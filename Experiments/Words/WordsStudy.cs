using Dlm.Datasets;
using Dlm.Datasets.Text;
using Dlm.Experiments.Training;
using Dlm.Sampling.Calibration;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Training;
using Microsoft.Extensions.Logging;

namespace Dlm.Experiments.Words;

/// <summary>Where the study is: <paramref name="Done"/> of <paramref name="Total"/> units, and what runs now.</summary>
public readonly record struct WordsStudyProgress(int Done, int Total, string Stage);

/// <summary>A words study's result and the model it measured.</summary>
/// <param name="Result">What the study measured.</param>
/// <param name="Model">The model, described for the report.</param>
public sealed record WordsStudyOutcome(WordsStudyResult Result, string Model)
{
    /// <summary>
    /// Writes study.csv, report.md and the plots into <paramref name="directory"/>; returns the plots.
    /// </summary>
    public IReadOnlyList<string> Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var plots = WordsPlots.Write(directory, Result);
        AtomicFile.WriteAllText(Path.Combine(directory, "study.csv"), WordsReport.Csv(Result));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.md"), WordsReport.Markdown(Result, Model, plots));
        return plots;
    }
}

/// <summary>
/// Which schedule to sample a text model with, measured on held-out lines. The held-out split is halved: the even
/// lines calibrate Δ̂_CE (and Δ̂ from entropies), which <c>plugin</c> and <c>plugin-hedged</c> are built on; the odd
/// lines score every schedule by its teacher-forced NLL (<see cref="TeacherForcedNll"/>), so the self-calibrating
/// schedules are not scored on the lines they were fitted to. Every schedule sees the same orders, so their
/// differences are paired. Free-running samples give the valid and novel rates.
/// </summary>
public static class WordsStudy
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
    }

    /// <summary>The schedules of every study: the agnostic ones, then the two that calibrate on Δ̂_CE.</summary>
    public static IReadOnlyList<string> Schedules { get; } =
    [.. ScheduleCatalog.Agnostic.Select(e => e.Name), "plugin", "plugin-hedged"];

    /// <summary>
    /// The whole study: the corpus split (by the reused model's own seed and L, so that its training lines are not
    /// scored), the model reused or trained (continuing a run that a killed study left), and the measurements.
    /// </summary>
    public static WordsStudyOutcome Run(
        WordsStudyRequest request,
        ILogger logger,
        IProgress<TrainingProgress>? training = null,
        IProgress<WordsStudyProgress>? progress = null,
        CancellationToken cancel = default
    )
    {
        var settings = request.Settings.Validate();
        var reused = request.Model is { } path ? new CheckpointStore(path).LoadConfig() : null;
        if (reused is not null && reused.Text is null)
            throw new ArgumentException(
                $"--model '{request.Model}' was not trained on text (dlm train --text).",
                nameof(request)
            );
        var file = request.TextFile;
        var corpus = TextCorpus.Create(
            file ?? TextCorpus.WordsSource,
            file is null ? TextCorpus.Words() : TextCorpus.Read(file),
            reused?.Model.Length ?? request.Length ?? (file is null ? WordsStudyRequest.WordLength : null),
            reused?.Options.Seed ?? settings.Seed,
            dropLonger: true
        );
        if (reused is not null && !reused.Text!.Symbols.SequenceEqual(corpus.Vocabulary.Symbols))
            throw new ArgumentException(
                $"--model '{request.Model}' has the characters '{string.Concat(reused.Text.Symbols)}'; "
                    + $"{corpus.Source} has '{string.Concat(corpus.Vocabulary.Symbols)}'.",
                nameof(request)
            );
        var directory = request.ModelDirectory;
        if (reused is null)
            TrainingRun.Run(
                TokenSource.FromText(corpus),
                request.Training with
                {
                    Seed = settings.Seed,
                    Minutes = request.Training.Steps is null ? request.Training.Minutes : null,
                },
                directory,
                TrainingRun.Saved(directory, resume: true),
                logger,
                training,
                cancel
            );
        using var predictor = TorchPredictor.Load(directory, request.Training.Device);
        return new WordsStudyOutcome(
            Measure(predictor, corpus, settings, progress),
            Describe(directory, predictor.Config)
        );
    }

    /// <summary>Measures <paramref name="predictor"/> on <paramref name="corpus"/>.</summary>
    public static WordsStudyResult Measure(
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
            root.Split(Stream.Calibration),
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
            var nll = TeacherForcedNll.PerSequence(predictor, evaluation, schedule, root.Split(Stream.Scoring));
            perWord[(name, k)] = nll;
            Report($"{name}, K = {k}: sampling");
            var samples = new UnmaskingSampler(predictor, new SamplerOptions(schedule, BatchSize: 500))
                .Sample(settings.Samples, root.Split(Stream.Sampling))
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

    private static string Describe(string directory, RunConfig config) =>
        $"`{directory}`: {config.Model.Architecture} d {config.Model.DModel}, {config.Model.Layers} blocks, trained on "
        + $"{config.Data} with seed {config.Options.Seed}, budget "
        + (config.Options.Minutes is { } m ? $"{m} min" : $"{config.Options.Steps} steps");

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
