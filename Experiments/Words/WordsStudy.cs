using Dlm.Datasets;
using Dlm.Datasets.Text;
using Dlm.Experiments.Studies;
using Dlm.Experiments.Training;
using Dlm.Models;
using Dlm.Sampling.Estimators;
using Dlm.Sampling.Sampler;
using Dlm.Sampling.Schedules;
using Dlm.Training;
using Microsoft.Extensions.Logging;

namespace Dlm.Experiments.Words;

/// <summary>
/// The schedule study on English words (<c>dlm study words</c>): the bundled word list, or any text, split by a seed;
/// a text model reused, or trained here; then <see cref="ScheduleStudy"/> on the held-out lines.
/// </summary>
public static class WordsStudy
{
    /// <summary>
    /// The whole study: the corpus split (by the reused model's own seed and L, so that its training lines are not
    /// scored), the model reused or trained (continuing a run that a killed study left), and the measurements.
    /// </summary>
    public static StudyOutcome Run(
        WordsStudyRequest request,
        ILogger logger,
        IProgress<TrainingProgress>? training = null,
        IProgress<StudyProgress>? progress = null,
        CancellationToken cancel = default
    )
    {
        var settings = request.Settings.Validate();
        if (request.Pool < 0)
            throw new ArgumentOutOfRangeException(
                nameof(request),
                request.Pool,
                "--pool must be ≥ 0 (0: the network alone)."
            );
        using var reused = request.Model is { } path ? LoadedPredictor.Load(path, request.Load) : null;
        if (reused is not null && reused.Text is null)
            throw new ArgumentException(
                $"--model '{request.Model}' is not a text model (dlm train --text, or its ONNX export).",
                nameof(request)
            );
        var corpus = Corpus(request, reused?.Predictor.Length, reused?.TrainingSeed ?? settings.Seed);
        if (reused?.Text is { } text && !text.Symbols.SequenceEqual(corpus.Vocabulary.Symbols))
            throw new ArgumentException(
                $"--model '{request.Model}' has the characters '{string.Concat(text.Symbols)}'; "
                    + $"{corpus.Source} has '{string.Concat(corpus.Vocabulary.Symbols)}'.",
                nameof(request)
            );
        if (reused is not null)
            return Measure(reused, corpus, settings, request.Pool, progress);
        var directory = request.ModelDirectory;
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
        using var trained = LoadedPredictor.Load(directory, request.Load);
        return Measure(trained, corpus, settings, request.Pool, progress);
    }

    /// <summary>
    /// The study of the model, pooled with n-grams of order <paramref name="pool"/> where it is not 0: the pool's
    /// weights are fitted on the calibration half, and the report sets the pooled model's any-order NLL beside the
    /// network's alone, on the same orders.
    /// </summary>
    private static StudyOutcome Measure(
        LoadedPredictor model,
        TextCorpus corpus,
        StudySettings settings,
        int pool,
        IProgress<StudyProgress>? progress
    )
    {
        var data = StudyData.FromCorpus(corpus);
        if (pool == 0)
            return new(ScheduleStudy.Measure(model.Predictor, data, settings, progress), model.Description);
        progress?.Report(new StudyProgress(0, 1, $"fitting the pool with Kneser–Ney {pool}-grams"));
        var root = new RandomStreams(settings.Seed);
        var pooled = new PooledPredictor(
            model.Predictor,
            NgramPool.Fit(model.Predictor, data.Training, data.Calibration, root.Split(ScheduleStudy.Stream.Pool), pool)
        );
        var result = ScheduleStudy.Measure(pooled, data, settings, progress);
        var oneAtATime = ScheduleCatalog.Create("fixed", pooled.Length, pooled.Length);
        double[] AnyOrder(IMaskPredictor predictor) =>
            TeacherForcedNll.PerSequence(
                predictor,
                data.Scoring,
                oneAtATime,
                root.Split(ScheduleStudy.Stream.Scoring),
                data.PadId
            );
        var (alone, both) = (AnyOrder(model.Predictor), AnyOrder(pooled));
        string Bits(MonteCarloEstimate e) =>
            StudyReport.Interval(
                result.BitsPerUnit(e.Mean),
                result.BitsPerUnit(e.Lower),
                result.BitsPerUnit(e.Upper),
                "F4"
            );
        var difference = MonteCarloEstimate.FromDraws([.. both.Zip(alone, (p, n) => p - n)], settings.Confidence);
        return new(
            result,
            $"{model.Description}, pooled with Kneser–Ney {pool}-grams of the training lines, read left to right and "
                + $"right to left, by {pooled.Pool.Weights.Count} weights fitted on the calibration half "
                + $"({nameof(NgramPool)}). Any-order NLL (K = L, the same orders) in bits per {data.Unit}: "
                + $"{Bits(MonteCarloEstimate.FromDraws(both, settings.Confidence))} pooled, "
                + $"{Bits(MonteCarloEstimate.FromDraws(alone, settings.Confidence))} for the network alone; "
                + $"the pool's gain, paired: {Bits(difference)}"
        );
    }

    /// <summary>
    /// The corpus: the bundled word list (L = 12) or the request's text file, split by the reused model's seed and L
    /// where they are known, else by the study's.
    /// </summary>
    private static TextCorpus Corpus(WordsStudyRequest request, int? length, ulong seed)
    {
        var file = request.TextFile;
        return TextCorpus.Create(
            file ?? TextCorpus.WordsSource,
            file is null ? TextCorpus.Words() : TextCorpus.Read(file),
            length ?? request.Length ?? (file is null ? WordsStudyRequest.WordLength : null),
            seed,
            dropLonger: true
        );
    }
}
