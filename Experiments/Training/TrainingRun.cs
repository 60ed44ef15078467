using Dlm.Training;
using Microsoft.Extensions.Logging;

namespace Dlm.Experiments.Training;

/// <summary>
/// A training run end to end: the data opened, the request merged with a saved run (<see cref="TrainingRequest"/>),
/// checkpoints, and <c>curve.png</c> redrawn at every checkpoint (<see cref="LearningCurve"/>).
/// </summary>
public static class TrainingRun
{
    /// <summary>
    /// Trains in <paramref name="directory"/> on <paramref name="data"/>; with <paramref name="resume"/>, continues the
    /// run saved there (a directory without a checkpoint starts a new one).
    /// </summary>
    public static TrainingResult Run(
        TrainingData data,
        TrainingRequest request,
        string directory,
        bool resume,
        ILogger logger,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancel = default
    )
    {
        var saved = Saved(directory, resume);
        return Run(data.Open(request.Seed, saved), request, directory, saved, logger, progress, cancel);
    }

    /// <summary>Trains on <paramref name="source"/>, continuing <paramref name="saved"/> when it is given.</summary>
    public static TrainingResult Run(
        TokenSource source,
        TrainingRequest request,
        string directory,
        RunConfig? saved,
        ILogger logger,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancel = default
    )
    {
        var (model, options) = request.Resolve(source.Length, source.Alphabet, saved, text: source.Text is not null);
        var trainer = new Trainer(source, model, options, directory, logger)
        {
            Checkpointed = () => LearningCurve.Write(directory, source.Entropy),
        };
        return trainer.Run(saved is not null, cancel, progress);
    }

    /// <summary>
    /// The saved run in <paramref name="directory"/> when one is to be resumed and exists, else null.
    /// </summary>
    public static RunConfig? Saved(string directory, bool resume)
    {
        var store = new CheckpointStore(directory);
        return resume && store.Exists ? store.LoadConfig() : null;
    }
}
