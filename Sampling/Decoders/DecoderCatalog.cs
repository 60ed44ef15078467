namespace Dlm.Sampling.Decoders;

/// <summary>
/// The decoders by name, as <c>--decoder</c> takes them: <c>entropy-bound</c> (γ) and <c>threshold</c> (τ).
/// </summary>
public static class DecoderCatalog
{
    /// <summary>Every decoder name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["entropy-bound", "threshold"];

    /// <summary>
    /// The decoder <paramref name="name"/> with its parameter (γ for entropy-bound, τ for threshold; null takes
    /// diffusers' default, 0.1 or 0.95); a parameter given to the other decoder is refused.
    /// </summary>
    public static IAdaptiveSizeRule Create(string name, double? gamma = null, double? tau = null) =>
        name switch
        {
            "entropy-bound" when tau is null => new EntropyBoundDecoder(gamma ?? EntropyBoundDecoder.DefaultGamma),
            "threshold" when gamma is null => new ThresholdDecoder(tau ?? ThresholdDecoder.DefaultTau),
            "entropy-bound" => throw new ArgumentException(
                "--tau is the threshold decoder's; entropy-bound takes --gamma.",
                nameof(tau)
            ),
            "threshold" => throw new ArgumentException(
                "--gamma is the entropy-bound decoder's; threshold takes --tau.",
                nameof(gamma)
            ),
            _ => throw new ArgumentException(
                $"unknown decoder '{name}'; the decoders are {string.Join(", ", Names)}.",
                nameof(name)
            ),
        };
}
