namespace Dlm.Training;

/// <summary>
/// The training loop's settings: AdamW with linear warm-up then cosine decay to 10% of the peak rate,
/// gradient clipping, and a checkpoint every <see cref="CheckpointEvery"/> steps and at the end.
/// </summary>
public sealed record TrainingOptions(
    int Steps = 1000,
    double? Minutes = null,
    int BatchSize = 64,
    double LearningRate = 3e-3,
    int WarmupSteps = 50,
    double WeightDecay = 0.01,
    double ClipNorm = 1.0,
    MaskingObjective Objective = MaskingObjective.Count,
    string Device = "auto",
    ulong Seed = 0,
    int CheckpointEvery = 100,
    int LogEvery = 50
)
{
    /// <summary>Fails with the parameter named unless every field is in range.</summary>
    public TrainingOptions Validate()
    {
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
        if (Device is not ("auto" or "cpu" or "cuda"))
            throw new ArgumentException($"device '{Device}' is not auto, cpu or cuda.", nameof(Device));
        return this;
    }

    /// <summary>
    /// The rate at a step (1-based): linear warm-up, then cosine from the peak to 10% of it at the last step.
    /// </summary>
    public double RateAt(int step)
    {
        if (step <= WarmupSteps)
            return LearningRate * step / Math.Max(1, WarmupSteps);
        var progress = (double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps);
        return LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress))));
    }
}
