namespace Dlm.Experiments.Words;

/// <summary>
/// The settings of the words study: the step budgets K, the free-running samples per (schedule, K) cell, the seed
/// and the intervals' confidence.
/// </summary>
public sealed record WordsStudySettings(
    IReadOnlyList<int> Steps,
    int Samples = 2000,
    ulong Seed = 0,
    double Confidence = 0.95
)
{
    /// <summary>K ∈ {2, 3, 4, 6, 8, 12}, 2,000 samples per cell, seed 0, 95% intervals.</summary>
    public static WordsStudySettings Default { get; } = new([2, 3, 4, 6, 8, 12]);

    /// <summary>Fails with the parameter named unless every field is in range.</summary>
    public WordsStudySettings Validate()
    {
        if (Steps.Count == 0 || Steps.Any(k => k < 1))
            throw new ArgumentOutOfRangeException(nameof(Steps), string.Join(",", Steps), "every K must be ≥ 1.");
        if (Samples < 1)
            throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "samples per cell must be ≥ 1.");
        if (!(Confidence > 0 && Confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "confidence must lie in (0, 1).");
        return this;
    }
}
