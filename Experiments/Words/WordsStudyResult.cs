using Dlm.Sampling.Calibration;
using Dlm.Sampling.Estimators;

namespace Dlm.Experiments.Words;

/// <summary>One (schedule, K) cell of the words study.</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Steps">K.</param>
/// <param name="Nll">The held-out teacher-forced NLL, nats per word, with its interval.</param>
/// <param name="AccountedNll">Σ_k E[s_k·Δ̂_CE(m_{k−1})] from the schedule's exact kernel and the calibration half's
/// Δ̂_CE: the NLL the cross-entropy profile predicts, nats per word.</param>
/// <param name="ValidRate">The share of free-running samples that are lines of the corpus.</param>
/// <param name="NovelRate">The share that are lines of the corpus but not of its training split.</param>
/// <param name="Examples">The first few samples, decoded.</param>
public sealed record WordsStudyCell(
    string Schedule,
    int Steps,
    MonteCarloEstimate Nll,
    double AccountedNll,
    double ValidRate,
    double NovelRate,
    IReadOnlyList<string> Examples
);

/// <summary>
/// The paper's promise on data, at one K: the paired difference NLL(plugin) − NLL(best agnostic) per word, and
/// plugin-hedged's NLL relative to plugin's.
/// </summary>
/// <param name="Steps">K.</param>
/// <param name="BestAgnostic">The agnostic schedule with the least mean NLL at this K.</param>
/// <param name="PluginMinusBest">The paired difference in bits per character, with its interval.</param>
/// <param name="HedgedOverPlugin">NLL(plugin-hedged) / NLL(plugin).</param>
public sealed record WordsGoal(
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

/// <summary>Everything the words study measured.</summary>
/// <param name="Source">The corpus.</param>
/// <param name="Length">L.</param>
/// <param name="Alphabet">q, the characters and the end symbol.</param>
/// <param name="TrainLines">Lines in the training split.</param>
/// <param name="CalibrationLines">Held-out lines that calibrate Δ̂ (even positions of the held-out split).</param>
/// <param name="EvaluationLines">Held-out lines that score the schedules (odd positions).</param>
/// <param name="Dropped">Lines dropped for being longer than L.</param>
/// <param name="CharactersPerWord">Mean counted characters per scoring line (letters, first end symbol).</param>
/// <param name="CrossEntropy">Δ̂_CE on the calibration half.</param>
/// <param name="Entropy">Δ̂ from the predictor's entropies on the same states.</param>
/// <param name="Unigram">The position-wise unigram's NLL, nats per word, on the evaluation half.</param>
/// <param name="Bigram">The left-to-right bigram's NLL, nats per word, on the evaluation half.</param>
/// <param name="Cells">Every (schedule, K) cell, K-major.</param>
/// <param name="Goals">The promise at each K.</param>
public sealed record WordsStudyResult(
    string Source,
    int Length,
    int Alphabet,
    int TrainLines,
    int CalibrationLines,
    int EvaluationLines,
    int Dropped,
    double CharactersPerWord,
    ProfileEstimate CrossEntropy,
    ProfileEstimate Entropy,
    MonteCarloEstimate Unigram,
    MonteCarloEstimate Bigram,
    IReadOnlyList<WordsStudyCell> Cells,
    IReadOnlyList<WordsGoal> Goals
)
{
    /// <summary>Nats per word as bits per counted character: x · <see cref="BitsPerCharScale"/>.</summary>
    public double BitsPerChar(double natsPerWord) => natsPerWord * BitsPerCharScale(CharactersPerWord);

    /// <summary>
    /// The factor 1 / (ln 2 · c) from nats per word to bits per character, for c characters per word.
    /// </summary>
    public static double BitsPerCharScale(double charactersPerWord) => 1 / Math.Log(2) / charactersPerWord;
}
