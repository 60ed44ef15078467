using Dlm.Sampling.Calibration;
using Dlm.Sampling.Estimators;

namespace Dlm.Experiments.Studies;

/// <summary>One (schedule, K) cell of a schedule study.</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Steps">K.</param>
/// <param name="Nll">The held-out teacher-forced NLL, nats per sequence, with its interval.</param>
/// <param name="AccountedNll">Σ_k E[s_k·Δ̂_CE(m_{k−1})] from the schedule's exact kernel and the calibration half's
/// Δ̂_CE: the NLL the cross-entropy profile predicts, nats per sequence.</param>
/// <param name="ValidRate">The share of free-running samples that are sequences of the data (NaN without samples).
/// </param>
/// <param name="NovelRate">The share that are sequences of the data but not of its training split (NaN without a
/// training split).</param>
/// <param name="Examples">The first few samples, as the report shows them.</param>
/// <param name="ExactKl">KL(p ‖ q) of the sampler driven by the model, by enumeration, where the data's distribution
/// p is known and small enough; else null.</param>
public sealed record StudyCell(
    string Schedule,
    int Steps,
    MonteCarloEstimate Nll,
    double AccountedNll,
    double ValidRate,
    double NovelRate,
    IReadOnlyList<string> Examples,
    double? ExactKl = null
);

/// <summary>
/// The paper's promise on data, at one K: the paired difference NLL(plugin) − NLL(best agnostic) per unit, and
/// plugin-hedged's NLL relative to plugin's.
/// </summary>
/// <param name="Steps">K.</param>
/// <param name="BestAgnostic">The agnostic schedule with the least mean NLL at this K.</param>
/// <param name="PluginMinusBest">The paired difference in bits per unit, with its interval.</param>
/// <param name="HedgedOverPlugin">NLL(plugin-hedged) / NLL(plugin).</param>
public sealed record StudyGoal(
    int Steps,
    string BestAgnostic,
    MonteCarloEstimate PluginMinusBest,
    double HedgedOverPlugin
)
{
    /// <summary>plugin at or below the best agnostic schedule within the interval: its lower end ≤ 0.</summary>
    public bool PluginHolds => PluginMinusBest.Lower <= 0;

    /// <summary>plugin-hedged within 5% of plugin.</summary>
    public bool HedgedHolds => HedgedOverPlugin <= 1.05;
}

/// <summary>
/// The recommendation at one K: the schedule with the least held-out NLL, and what it saves against <c>fixed</c>,
/// the usual default (LLaDA's equal sizes), as a paired difference.
/// </summary>
/// <param name="Steps">K.</param>
/// <param name="Schedule">The schedule with the least mean NLL.</param>
/// <param name="Nll">Its NLL, nats per sequence.</param>
/// <param name="FixedMinusBest">NLL(fixed) − NLL(recommended), bits per unit, with its interval; null where
/// <c>fixed</c> does not run at this K.</param>
public sealed record StudyRecommendation(
    int Steps,
    string Schedule,
    MonteCarloEstimate Nll,
    MonteCarloEstimate? FixedMinusBest
);

/// <summary>A count model's held-out NLL, nats per sequence.</summary>
/// <param name="Name">The model, e.g. <c>left-to-right bigram</c>.</param>
/// <param name="Nll">Its NLL on the scoring sequences, with its interval.</param>
public sealed record StudyBaseline(string Name, MonteCarloEstimate Nll);

/// <summary>
/// The model against the best count baseline, paired on the scoring sequences: NLL(model) − NLL(baseline) in bits per
/// unit, for the model's any-order NLL (K = L, uniform order), its left-to-right NLL (the only order an n-gram has),
/// and the NLL of its K = L sampler's own law.
/// </summary>
/// <param name="Baseline">The baseline of least mean NLL.</param>
/// <param name="AnyOrderMinusBaseline">Any-order NLL − baseline, bits per unit, with its interval.</param>
/// <param name="LeftToRightMinusBaseline">Left-to-right NLL − baseline, bits per unit, with its interval.</param>
/// <param name="SamplerLawMinusBaseline">The sampler's law's NLL − baseline, bits per unit, with its interval; null
/// where it was not measured.</param>
public sealed record StudyBaselineComparison(
    string Baseline,
    MonteCarloEstimate AnyOrderMinusBaseline,
    MonteCarloEstimate LeftToRightMinusBaseline,
    MonteCarloEstimate? SamplerLawMinusBaseline
);

/// <summary>Everything a schedule study measured.</summary>
/// <param name="Source">The data.</param>
/// <param name="Length">L.</param>
/// <param name="Alphabet">q.</param>
/// <param name="TrainLines">Sequences in the training split (0 when the model was trained elsewhere).</param>
/// <param name="CalibrationLines">Held-out sequences that calibrate Δ̂.</param>
/// <param name="EvaluationLines">Held-out sequences that score the schedules.</param>
/// <param name="Notes">How the data was read.</param>
/// <param name="Unit">What a rate is per: character or token.</param>
/// <param name="UnitsPerSequence">Mean units per scoring sequence.</param>
/// <param name="Grid">The m at which Δ̂ was measured, or null for every m.</param>
/// <param name="CrossEntropy">Δ̂_CE on the calibration half.</param>
/// <param name="Entropy">Δ̂ from the predictor's entropies on the same states.</param>
/// <param name="Baselines">Count models fitted on the training split, scored on the scoring half (none without a
/// training split).</param>
/// <param name="AnyOrder">The model's any-order NLL on the scoring half: <c>fixed</c> at K = L, uniform orders.</param>
/// <param name="LeftToRight">Its left-to-right NLL: Σ_i −ln p̂(x_i | x_{&lt;i}).</param>
/// <param name="SamplerLaw">The NLL of the law its K = L sampler outputs, −ln E_σ p̂_σ(x) over uniform orders σ,
/// estimated by −ln of the mean over <paramref name="Orders"/> orders (<see cref="SamplerLawNll"/>): an upper bound in
/// expectation, and in expectation at most <paramref name="AnyOrder"/>'s E_σ[−ln p̂_σ(x)]; null where
/// <see cref="StudySettings.Orders"/> was 0.</param>
/// <param name="Orders">The orders per sequence of <paramref name="SamplerLaw"/>.</param>
/// <param name="VersusBest">Both against the best baseline, paired; null without baselines.</param>
/// <param name="Cells">Every (schedule, K) cell, K-major.</param>
/// <param name="Decoders">Every decoder scored, in the settings' order.</param>
/// <param name="Goals">The promise at each K.</param>
/// <param name="Recommendations">The schedule to use at each K.</param>
public sealed record StudyResult(
    string Source,
    int Length,
    int Alphabet,
    int TrainLines,
    int CalibrationLines,
    int EvaluationLines,
    string Notes,
    string Unit,
    double UnitsPerSequence,
    IReadOnlyList<int>? Grid,
    ProfileEstimate CrossEntropy,
    ProfileEstimate Entropy,
    IReadOnlyList<StudyBaseline> Baselines,
    MonteCarloEstimate AnyOrder,
    MonteCarloEstimate LeftToRight,
    MonteCarloEstimate? SamplerLaw,
    int Orders,
    StudyBaselineComparison? VersusBest,
    IReadOnlyList<StudyCell> Cells,
    IReadOnlyList<StudyDecoderCell> Decoders,
    IReadOnlyList<StudyGoal> Goals,
    IReadOnlyList<StudyRecommendation> Recommendations
)
{
    /// <summary>Nats per sequence as bits per unit: x · <see cref="BitsPerUnitScale"/>.</summary>
    public double BitsPerUnit(double natsPerSequence) => natsPerSequence * BitsPerUnitScale(UnitsPerSequence);

    /// <summary>The factor 1 / (ln 2 · u) from nats per sequence to bits per unit, for u units per sequence.</summary>
    public static double BitsPerUnitScale(double unitsPerSequence) => 1 / Math.Log(2) / unitsPerSequence;
}
