using Dlm.Sampling.Decoders;

namespace Dlm.Experiments.Studies;

/// <summary>
/// The settings of a schedule study: the step budgets K, the free-running samples per (schedule, K) cell, the seed,
/// the intervals' confidence, and the number of m at which Δ̂ is measured (null: every m).
/// </summary>
public sealed record StudySettings(
    IReadOnlyList<int> Steps,
    int Samples = 2000,
    ulong Seed = 0,
    double Confidence = 0.95,
    int? Grid = null
)
{
    /// <summary>
    /// The decoders of every study unless told otherwise: EB at γ = 0.01, 0.1 (diffusers' default) and 1; entropy-sum
    /// at γ = 0.1 and 1; threshold at τ = 0.5, 0.8 and 0.95 (diffusers' default).
    /// </summary>
    public static IReadOnlyList<IAdaptiveSizeRule> DefaultDecoders { get; } =
    [
        new EntropyBoundDecoder(0.01),
        new EntropyBoundDecoder(0.1),
        new EntropyBoundDecoder(1),
        new EntropySumDecoder(0.1),
        new EntropySumDecoder(1),
        new ThresholdDecoder(0.5),
        new ThresholdDecoder(0.8),
        new ThresholdDecoder(0.95),
    ];

    // After the decoders: static initialisers run in order, and the default's decoders are theirs.
    /// <summary>K ∈ {2, 3, 4, 6, 8, 12}, 2,000 samples per cell, seed 0, 95% intervals, every m.</summary>
    public static StudySettings Default { get; } = new([2, 3, 4, 6, 8, 12]);

    /// <summary>
    /// The decoders scored beside the schedules (<see cref="DefaultDecoders"/> unless set; empty: none).
    /// </summary>
    public IReadOnlyList<IAdaptiveSizeRule> Decoders { get; init; } = DefaultDecoders;

    /// <summary>
    /// N, the uniform orders per scoring sequence whose mean probability bounds the NLL of the K = L sampler's own law
    /// (<see cref="Sampling.Estimators.SamplerLawNll"/>); 0, the default, measures none. It costs N·L predictor calls
    /// per sequence, N times the any-order NLL.
    /// </summary>
    public int Orders { get; init; }

    /// <summary>Fails with the parameter named unless every field is in range.</summary>
    public StudySettings Validate()
    {
        if (Steps.Count == 0 || Steps.Any(k => k < 1))
            throw new ArgumentOutOfRangeException(nameof(Steps), string.Join(",", Steps), "every K must be ≥ 1.");
        if (Samples < 0)
            throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "samples per cell must be ≥ 0.");
        if (!(Confidence > 0 && Confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "confidence must lie in (0, 1).");
        if (Grid is < 2)
            throw new ArgumentOutOfRangeException(nameof(Grid), Grid, "--m-grid must be ≥ 2.");
        if (Orders < 0)
            throw new ArgumentOutOfRangeException(nameof(Orders), Orders, "--orders must be ≥ 0.");
        return this;
    }
}
