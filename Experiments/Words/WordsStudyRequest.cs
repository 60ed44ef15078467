using Dlm.Experiments.Studies;
using Dlm.Models;
using Dlm.Training;

namespace Dlm.Experiments.Words;

/// <summary>
/// What <c>dlm study words</c> is asked: the corpus, the model (a trained text model to reuse, or a budget to train
/// one in <c>model/</c> of the output directory), and the study's settings.
/// </summary>
/// <param name="Settings">The step budgets, samples per cell, seed and confidence.</param>
/// <param name="Directory">Where the study writes, and where it trains its own model.</param>
public sealed record WordsStudyRequest(StudySettings Settings, string Directory)
{
    /// <summary>L for the bundled word list: words of up to 12 letters, 95% of them.</summary>
    public const int WordLength = 12;

    /// <summary>A UTF-8 file, one sequence per line, instead of the bundled word list.</summary>
    public string? TextFile { get; init; }

    /// <summary>L; longer lines are dropped (default: <see cref="WordLength"/> for the word list, else the longest
    /// line plus one).</summary>
    public int? Length { get; init; }

    /// <summary>A text model (a <c>dlm train</c> directory, or its ONNX export) to study instead of training one.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>How a model is opened.</summary>
    public ModelLoadOptions Load { get; init; } = new();

    /// <summary>The training budget when the study trains its own model: minutes, or steps where given.</summary>
    public TrainingRequest Training { get; init; } = new() { Minutes = TrainingMinutes };

    /// <summary>The default training budget: the whole study stays within 10 minutes on two cores.</summary>
    public const double TrainingMinutes = 6;

    /// <summary>
    /// The <see cref="StudySettings.Orders"/> that <c>dlm study words</c> passes unless told otherwise: the NLL of its
    /// sampler's own law, the figure to set beside the count baselines' (about 50 s of the study on two cores).
    /// </summary>
    public const int SamplerLawOrders = 32;

    /// <summary>
    /// n of the Kneser–Ney n-grams that the model is pooled with (<see cref="NgramPool"/>), or 0 for the network alone.
    /// </summary>
    public int Pool { get; init; } = PoolOrder;

    /// <summary>The default <see cref="Pool"/>: the best of the count baselines' orders on the words.</summary>
    public const int PoolOrder = 6;

    /// <summary>The model directory: the reused one, or <c>model/</c> of <see cref="Directory"/>.</summary>
    public string ModelDirectory => Model ?? Path.Combine(Directory, "model");
}
