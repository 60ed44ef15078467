namespace Dlm.Training;

/// <summary>
/// The training loop's settings: a budget of steps, of minutes or both (whichever ends first), AdamW with linear
/// warm-up then cosine decay to 10% of the peak rate over the budget, gradient clipping, and a checkpoint every
/// <see cref="CheckpointEvery"/> steps and at the end. A step budget alone is deterministic; a time budget makes the
/// schedule follow the elapsed time. With <see cref="CheckpointSeconds"/> the checkpoints (and validations) come on a
/// cadence of wall time instead, so that a time budget spends the same share on them whatever the step rate.
/// </summary>
public sealed record TrainingOptions(
    int? Steps = 1000,
    double? Minutes = null,
    int BatchSize = 64,
    double LearningRate = 3e-3,
    int WarmupSteps = 50,
    double WeightDecay = TrainingDefaults.WeightDecay,
    double ClipNorm = 1.0,
    MaskingObjective Objective = MaskingObjective.Count,
    string Device = "auto",
    ulong Seed = 0,
    int CheckpointEvery = 100,
    int LogEvery = 50,
    double? CheckpointSeconds = null,
    int MaskDraws = 1
)
{
    /// <summary>The distinct sequences a step draws: ⌈batch size / <see cref="MaskDraws"/>⌉.</summary>
    public int DistinctPerBatch => (BatchSize + MaskDraws - 1) / MaskDraws;

    /// <summary>
    /// The batch: each of the <see cref="DistinctPerBatch"/> drawn sequences <see cref="MaskDraws"/> times in a row,
    /// cut to the batch size; each copy gets its own mask.
    /// </summary>
    public int[][] Repeat(int[][] drawn) =>
        MaskDraws == 1 ? drawn : [.. drawn.SelectMany(x => Enumerable.Repeat(x, MaskDraws)).Take(BatchSize)];

    /// <summary>
    /// Whether step <paramref name="step"/> ends with a checkpoint, <paramref name="sinceLast"/> after the last: every
    /// <see cref="CheckpointSeconds"/> of wall time where set, else every <see cref="CheckpointEvery"/> steps.
    /// </summary>
    public bool CheckpointDue(int step, TimeSpan sinceLast) =>
        CheckpointSeconds is { } seconds ? sinceLast.TotalSeconds >= seconds : step % CheckpointEvery == 0;

    /// <summary>Fails with the parameter named unless every field is in range.</summary>
    public TrainingOptions Validate()
    {
        if (Steps is null && Minutes is null)
            throw new ArgumentException("give a budget: steps, minutes or both.", nameof(Steps));
        if (Steps < 1)
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "steps must be ≥ 1.");
        if (Minutes is <= 0)
            throw new ArgumentOutOfRangeException(nameof(Minutes), Minutes, "minutes must be > 0.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "the batch size must be ≥ 1.");
        if (!(LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be > 0.");
        if (WarmupSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "warm-up steps must be ≥ 0.");
        if (CheckpointEvery < 1)
            throw new ArgumentOutOfRangeException(
                nameof(CheckpointEvery),
                CheckpointEvery,
                "checkpoint-every must be ≥ 1."
            );
        if (CheckpointSeconds is not null && !(CheckpointSeconds > 0))
            throw new ArgumentOutOfRangeException(
                nameof(CheckpointSeconds),
                CheckpointSeconds,
                "checkpoint-seconds must be > 0."
            );
        if (MaskDraws < 1 || MaskDraws > BatchSize)
            throw new ArgumentOutOfRangeException(
                nameof(MaskDraws),
                MaskDraws,
                $"mask draws per sequence must be in 1..the batch size ({BatchSize})."
            );
        if (Device is not ("auto" or "cpu" or "cuda"))
            throw new ArgumentException($"device '{Device}' is not auto, cpu or cuda.", nameof(Device));
        return this;
    }

    /// <summary>
    /// How much of the budget is spent after <paramref name="step"/> steps and <paramref name="elapsed"/> time, in
    /// [0, 1]: the larger of the two fractions where both budgets are set. The run ends at 1.
    /// </summary>
    public double Spent(int step, TimeSpan elapsed) =>
        Math.Min(
            1,
            Math.Max(
                Steps is { } steps ? (double)step / steps : 0,
                Minutes is { } minutes ? elapsed.TotalMinutes / minutes : 0
            )
        );

    /// <summary>
    /// The rate at a step (1-based): linear warm-up over <see cref="WarmupSteps"/>, then cosine from the peak to
    /// 10% of it as the budget is spent (<see cref="Spent"/>).
    /// </summary>
    public double RateAt(int step, TimeSpan elapsed)
    {
        if (step <= WarmupSteps)
            return LearningRate * step / Math.Max(1, WarmupSteps);
        var progress = Spent(step, elapsed);
        return LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
