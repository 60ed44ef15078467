namespace Dlm.Cli.Reproduce;

/// <summary>The figures of one (k, K, schedule) cell of the experiment; KL values in nats.</summary>
internal sealed record PanelCell(
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
    double Bound,
    string BoundName,
    double MeanNfe,
    int Samples,
    int Valid,
    double ValidLower,
    double ValidUpper)
{
    /// <summary>P(the sampler outputs a codeword) = exp(−mixture KL), exactly.</summary>
    public double ExactValidRate => Math.Exp(-MixtureKl);

    /// <summary>Whether the exact validity rate lies in the samples' 99.9% interval (up to float64 rounding).</summary>
    public bool Agrees => Samples == 0 || (ExactValidRate >= ValidLower - 1e-12 && ExactValidRate <= ValidUpper + 1e-12);
}
