using Dlm.Datasets.Text;
using Dlm.Experiments.Studies;
using Dlm.Experiments.Training;
using Dlm.Models;
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
            return Measure(reused, corpus, settings, progress);
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
        return Measure(trained, corpus, settings, progress);
    }

    private static StudyOutcome Measure(
        LoadedPredictor model,
        TextCorpus corpus,
        StudySettings settings,
        IProgress<StudyProgress>? progress
    ) =>
        new(
            ScheduleStudy.Measure(model.Predictor, StudyData.FromCorpus(corpus), settings, progress),
            model.Description
        );

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
