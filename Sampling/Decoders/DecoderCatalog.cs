namespace Dlm.Sampling.Decoders;

/// <summary>
/// The decoders by name, as <c>--decoder</c> takes them: <c>entropy-bound</c> and <c>entropy-sum</c> (γ), and
/// <c>threshold</c> (τ).
/// </summary>
public static class DecoderCatalog
{
    /// <summary>Every decoder name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["entropy-bound", "entropy-sum", "threshold"];

    /// <summary>Whether decoder <paramref name="name"/> takes γ (else τ).</summary>
    public static bool TakesGamma(string name) => name != "threshold";

    /// <summary>
    /// The decoder <paramref name="name"/> with its parameter (γ for the entropy rules, τ for threshold; null takes
    /// the default, 0.1 or diffusers' 0.95); a parameter given to the other kind of decoder is refused.
    /// </summary>
    public static IAdaptiveSizeRule Create(string name, double? gamma = null, double? tau = null)
    {
        if (!Names.Contains(name))
            throw new ArgumentException(
                $"unknown decoder '{name}'; the decoders are {string.Join(", ", Names)}.",
                nameof(name)
            );
        if (TakesGamma(name) && tau is not null)
            throw new ArgumentException($"--tau is the threshold decoder's; {name} takes --gamma.", nameof(tau));
        if (!TakesGamma(name) && gamma is not null)
            throw new ArgumentException("--gamma is the entropy decoders'; threshold takes --tau.", nameof(gamma));
        return name switch
        {
            "entropy-bound" => new EntropyBoundDecoder(gamma ?? EntropyBoundDecoder.DefaultGamma),
            "entropy-sum" => new EntropySumDecoder(gamma ?? EntropySumDecoder.DefaultGamma),
            _ => new ThresholdDecoder(tau ?? ThresholdDecoder.DefaultTau),
        };
    }
}
