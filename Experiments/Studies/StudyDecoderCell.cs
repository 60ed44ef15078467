using Dlm.Sampling.Decoders;
using Dlm.Sampling.Estimators;

namespace Dlm.Experiments.Studies;

/// <summary>One decoder of a schedule study: its NLL, its steps, and how it compares with the schedules.</summary>
/// <param name="Decoder">The decoder's name with its parameter.</param>
/// <param name="Nll">The held-out teacher-forced NLL, nats per sequence, with its interval: −ln q(x) exactly, for
/// the decoder's output law q.</param>
/// <param name="Entropy">Σ H(p̂) over the revealed positions along the same paths, nats per sequence: what the decoder
/// believed it spent. Below the NLL, the model is overconfident at the positions the decoder chose.</param>
/// <param name="NfeOnData">The steps along the scoring sequences, with the interval of their mean.</param>
/// <param name="NfeSampled">The law of the steps of the free-running samples, or null without samples.</param>
/// <param name="Versus">The best schedule that spends no more steps, and the paired difference, or null where no
/// schedule of the study is that cheap.</param>
/// <param name="ValidRate">The share of free-running samples that are sequences of the data (NaN without samples).
/// </param>
/// <param name="NovelRate">The share that are sequences of the data but not of its training split.</param>
/// <param name="Examples">The first few samples.</param>
/// <param name="ExactKl">KL(p ‖ q) of the decoder driven by the model, by enumeration, where the data's distribution
/// p is known and small enough; else null.</param>
public sealed record StudyDecoderCell(
    string Decoder,
    MonteCarloEstimate Nll,
    double Entropy,
    MonteCarloEstimate NfeOnData,
    NfeLaw? NfeSampled,
    DecoderVersusSchedule? Versus,
    double ValidRate,
    double NovelRate,
    IReadOnlyList<string> Examples,
    double? ExactKl = null
)
{
    /// <summary>E[NFE] of the decoder as it would run: over its own samples where drawn, else along the data.</summary>
    public double MeanNfe => NfeSampled?.Mean ?? NfeOnData.Mean;
}

/// <summary>
/// A decoder against the schedule of least NLL among those with K ≤ the decoder's E[NFE]: NLL(decoder) − NLL(schedule)
/// per sequence, in bits per unit. An interval above 0 means the decoder spends at least as many steps for a worse
/// NLL: it reveals too much per step for this model.
/// </summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Steps">Its K.</param>
/// <param name="DecoderMinusSchedule">The paired difference, bits per unit, with its interval.</param>
public sealed record DecoderVersusSchedule(string Schedule, int Steps, MonteCarloEstimate DecoderMinusSchedule)
{
    /// <summary>The decoder is worse than a schedule that spends no more steps: the interval lies above 0.</summary>
    public bool Dominated => DecoderMinusSchedule.Lower > 0;
}
