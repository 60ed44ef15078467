using Dlm.Datasets;
using Dlm.Models;
using Dlm.Sampling.Sampler;

namespace Dlm.Experiments.Studies;

/// <summary>
/// What <c>dlm study schedules</c> is asked: a model (a dlm checkpoint or an ONNX file) and its held-out data (token
/// sequences, text lines for a text model, or draws from a known distribution).
/// </summary>
/// <param name="Model">The model's path.</param>
/// <param name="Settings">The step budgets, samples per cell, seed, confidence and m-grid.</param>
public sealed record SchedulesStudyRequest(string Model, StudySettings Settings)
{
    /// <summary>How the model is opened: the device and the ONNX settings.</summary>
    public ModelLoadOptions Load { get; init; } = new();

    /// <summary>A JSON-lines file of token sequences.</summary>
    public string? DataFile { get; init; }

    /// <summary>A UTF-8 text file, one line per sequence, for a text model.</summary>
    public string? TextFile { get; init; }

    /// <summary>A distribution spec to draw the held-out sequences from: the study then knows p.</summary>
    public string? Distribution { get; init; }

    /// <summary>How many held-out sequences to draw from <see cref="Distribution"/>.</summary>
    public int HeldOutDraws { get; init; } = 4000;

    /// <summary>L: longer sequences are cropped, shorter ones padded with <see cref="PadId"/>.</summary>
    public int? Length { get; init; }

    /// <summary>The padding token, never scored.</summary>
    public int? PadId { get; init; }
}

/// <summary>The schedule study of any model on its own held-out data (<c>dlm study schedules</c>).</summary>
public static class SchedulesStudy
{
    /// <summary>Opens the model and the data, checks that they fit, and runs <see cref="ScheduleStudy"/>.</summary>
    public static StudyOutcome Run(SchedulesStudyRequest request, IProgress<StudyProgress>? progress = null)
    {
        var settings = request.Settings.Validate();
        using var model = LoadedPredictor.Load(
            request.Model,
            request.Load with
            {
                Onnx = (request.Load.Onnx ?? new OnnxOptions()) with { Length = request.Length },
            }
        );
        var data = Data(request, model);
        return new StudyOutcome(ScheduleStudy.Measure(model.Predictor, data, settings, progress), model.Description);
    }

    /// <summary>
    /// The held-out data in the model's symbols: tokens in [0, q), never the model's mask id, of the model's L.
    /// </summary>
    public static StudyData Data(SchedulesStudyRequest request, LoadedPredictor model) =>
        (request.DataFile, request.TextFile, request.Distribution) switch
        {
            ({ } file, null, null) => StudyData.FromTokens(model.ReadTokens(file, request.Length, request.PadId)),
            (null, null, { } spec) => FromDistribution(spec, request, model),
            (null, { } file, null) => StudyData.FromLines(
                file,
                model.Text
                    ?? throw new ArgumentException(
                        $"--text needs a text model; {model.Description} has no characters (give --data instead).",
                        nameof(request)
                    ),
                model.Predictor.Length
            ),
            _ => throw new ArgumentException("give exactly one of --data, --text and --dist.", nameof(request)),
        };

    private static StudyData FromDistribution(string spec, SchedulesStudyRequest request, LoadedPredictor model)
    {
        if (request.HeldOutDraws < 4)
            throw new ArgumentOutOfRangeException(
                nameof(request),
                request.HeldOutDraws,
                "--held-out must be ≥ 4 (half calibrate, half score)."
            );
        var distribution = DistributionSpec.Parse(spec);
        model.Predictor.EnsureMatches(distribution, "model");
        return StudyData.FromDistribution(
            distribution,
            request.HeldOutDraws,
            new RandomStreams(request.Settings.Seed).Split(ScheduleStudy.Stream.HeldOut)
        );
    }
}
