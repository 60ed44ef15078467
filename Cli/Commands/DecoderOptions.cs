using System.CommandLine;
using Dlm.Sampling.Decoders;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>--decoder entropy-bound|entropy-sum|threshold</c> with <c>--gamma</c> or <c>--tau</c>: a size rule that reads
/// each step's laws, in place of <c>--schedule</c> and <c>--steps</c>.
/// </summary>
internal sealed class DecoderOptions
{
    private readonly Option<string?> _decoder = new("--decoder")
    {
        Description =
            $"A decoder instead of a schedule: {string.Join(", ", DecoderCatalog.Names)} (EB-Sampler, γ; "
            + "Σ H ≤ γ; confidence threshold, τ).",
    };
    private readonly Option<double?> _gamma = new("--gamma")
    {
        Description = $"The entropy decoders' γ ≥ 0, nats (default {EntropyBoundDecoder.DefaultGamma}).",
    };
    private readonly Option<double?> _tau = new("--tau")
    {
        Description = $"threshold's τ in [0, 1] (default {ThresholdDecoder.DefaultTau}).",
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [_decoder, _gamma, _tau];

    /// <summary>
    /// The decoder asked for, or null; refused together with <c>--schedule</c>, and <c>--gamma</c> or <c>--tau</c>
    /// without it.
    /// </summary>
    public IAdaptiveSizeRule? Create(ParseResult parsed, bool scheduled)
    {
        var (gamma, tau) = (parsed.GetValue(_gamma), parsed.GetValue(_tau));
        if (parsed.GetValue(_decoder) is not { } name)
            return gamma is null && tau is null
                ? null
                : throw new ArgumentException("--gamma and --tau need --decoder.", nameof(parsed));
        if (scheduled)
            throw new ArgumentException(
                "--decoder and --schedule exclude each other: a decoder chooses its own sizes.",
                nameof(parsed)
            );
        return DecoderCatalog.Create(name, gamma, tau);
    }
}
