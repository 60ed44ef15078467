using Dlm.Sampling.Estimators;

namespace Dlm.Experiments.Reproduce;

/// <summary>The figures of one (k, K, schedule) cell of the experiment; KL values in nats.</summary>
/// <param name="Panel">The panel's label.</param>
/// <param name="Order">q, the field size.</param>
/// <param name="Length">n, the block length.</param>
/// <param name="Dimension">k, the code's dimension.</param>
/// <param name="Steps">K, the step budget.</param>
/// <param name="Schedule">The schedule's name (twins end in <c>-twin</c>).</param>
/// <param name="Tc">TC = (n − k)·ln q.</param>
/// <param name="Dtc">DTC = k·ln q (0 at k = n).</param>
/// <param name="ExpectedKl">E_π KL(p ‖ q_π), exact.</param>
/// <param name="ExpectedKlWindow">E KL averaged over the dimensions k ± w.</param>
/// <param name="MixtureKl">KL(p ‖ E_π q_π) = −ln P(the sampler outputs a codeword), exact.</param>
/// <param name="Bound">The schedule's own bound: its theorem and value.</param>
/// <param name="MeanNfe">E[NFE], the mean count of non-empty steps.</param>
/// <param name="Validity">How many free-running oracle samples were codewords, with a 99.9% interval.</param>
public sealed record PanelCell(
    string Panel,
    int Order,
    int Length,
    int Dimension,
    int Steps,
    string Schedule,
    double Tc,
    double Dtc,
    double ExpectedKl,
    double ExpectedKlWindow,
    double MixtureKl,
    Sampling.Schedules.ProvenBound Bound,
    double MeanNfe,
    RateEstimate Validity
)
{
    /// <summary>P(the sampler outputs a codeword) = exp(−mixture KL), exactly.</summary>
    public double ExactValidRate => Math.Exp(-MixtureKl);

    /// <summary>Whether the exact validity rate lies in the samples' interval (always, without samples).</summary>
    public bool Agrees => Validity.Covers(ExactValidRate);
}
