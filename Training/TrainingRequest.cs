namespace Dlm.Training;

/// <summary>
/// A training run as a user asks for it: a budget, a device and a seed, and any setting to override. A null setting
/// takes the default that <see cref="TrainingDefaults"/> chooses from L and q (or <see cref="TrainingOptions"/>'s own),
/// except on resume, where the run keeps every saved setting but the budget and the device.
/// </summary>
public sealed record TrainingRequest
{
    /// <summary>A step budget; with <see cref="Minutes"/>, whichever ends first; neither: 1000 steps.</summary>
    public int? Steps { get; init; }

    /// <summary>A time budget in minutes.</summary>
    public double? Minutes { get; init; }

    /// <summary>auto, cpu or cuda.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>The one seed behind every draw of the run.</summary>
    public ulong Seed { get; init; }

    /// <summary>The network; null: chosen from L and q.</summary>
    public NetworkArchitecture? Architecture { get; init; }

    /// <summary>The width.</summary>
    public int? DModel { get; init; }

    /// <summary>Encoder or residual blocks.</summary>
    public int? Layers { get; init; }

    /// <summary>Attention heads (transformer).</summary>
    public int? Heads { get; init; }

    /// <summary>The hidden width of a block, as a multiple of d_model.</summary>
    public int? MlpRatio { get; init; }

    /// <summary>The dropout rate.</summary>
    public double? Dropout { get; init; }

    /// <summary>Sequences per step.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The peak learning rate.</summary>
    public double? LearningRate { get; init; }

    /// <summary>AdamW's decay of linear weights.</summary>
    public double? WeightDecay { get; init; }

    /// <summary>How batches are masked.</summary>
    public MaskingObjective? Objective { get; init; }

    /// <summary>Steps between checkpoints.</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>
    /// Seconds of wall time between checkpoints, instead of <see cref="CheckpointEvery"/>; a run with a time budget
    /// and neither set takes <see cref="DefaultCheckpointSeconds"/>.
    /// </summary>
    public double? CheckpointSeconds { get; init; }

    /// <summary>The checkpoint cadence of a time-budgeted run, seconds.</summary>
    public const double DefaultCheckpointSeconds = 30;

    /// <summary>Masks drawn per sequence in a batch.</summary>
    public int? MaskDraws { get; init; }

    /// <summary>
    /// The model and options of the run on sequences of length <paramref name="length"/> over
    /// <paramref name="alphabet"/> symbols (<paramref name="text"/>: of a text corpus): a new run's from the defaults
    /// and the overrides, or a resumed run's
    /// (<paramref name="saved"/>) with this request's budget, if it gives one, and this request's device.
    /// </summary>
    public (ModelConfig Model, TrainingOptions Options) Resolve(
        int length,
        int alphabet,
        RunConfig? saved,
        bool text = false
    )
    {
        if (saved is not null)
        {
            var budget =
                Steps is null && Minutes is null
                    ? saved.Options
                    : saved.Options with
                    {
                        Steps = Steps,
                        Minutes = Minutes,
                    };
            return (saved.Model, budget with { Device = Device });
        }
        var chosen = TrainingDefaults.For(length, alphabet, text);
        var architecture = Architecture ?? chosen.Model.Architecture;
        var basis =
            architecture == chosen.Model.Architecture ? chosen.Model
            // A convolutional network is as deep as it takes to see the whole sequence.
            : architecture == NetworkArchitecture.Convolution
                ? new ModelConfig(length, alphabet, Layers: MaskedConvNet.FullReach(length), Architecture: architecture)
            : new ModelConfig(length, alphabet, Architecture: architecture);
        var model = basis with
        {
            DModel = DModel ?? basis.DModel,
            Layers = Layers ?? basis.Layers,
            Heads = Heads ?? basis.Heads,
            MlpRatio = MlpRatio ?? basis.MlpRatio,
            Dropout = Dropout ?? basis.Dropout,
        };
        var defaults = new TrainingOptions();
        var options = defaults with
        {
            Steps = Minutes is null ? Steps ?? defaults.Steps : Steps,
            Minutes = Minutes,
            BatchSize = BatchSize ?? chosen.BatchSize,
            LearningRate = LearningRate ?? chosen.LearningRate,
            WeightDecay = WeightDecay ?? chosen.WeightDecay,
            Objective = Objective ?? defaults.Objective,
            Device = Device,
            Seed = Seed,
            CheckpointEvery = CheckpointEvery ?? defaults.CheckpointEvery,
            // A time budget checkpoints on a cadence of time, so that the share it spends there does not grow with
            // the step rate (at every 100 steps it was 13% of a 5-minute words run).
            CheckpointSeconds =
                CheckpointSeconds ?? (Minutes is not null && CheckpointEvery is null ? DefaultCheckpointSeconds : null),
            MaskDraws = MaskDraws ?? defaults.MaskDraws,
        };
        return (model, options);
    }
}
