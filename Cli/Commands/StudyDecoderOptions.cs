using System.CommandLine;
using System.Globalization;
using Dlm.Experiments.Studies;
using Dlm.Sampling.Decoders;

namespace Dlm.Cli.Commands;

/// <summary>
/// A study's decoders: <c>--decoder</c> names them (comma-separated, or <c>none</c>), <c>--gamma</c> and <c>--tau</c>
/// list their parameters; without <c>--decoder</c>, <see cref="StudySettings.DefaultDecoders"/>.
/// </summary>
internal sealed class StudyDecoderOptions
{
    private readonly Option<string?> _decoder = new("--decoder")
    {
        Description =
            $"Decoders scored beside the schedules: any of {string.Join(", ", DecoderCatalog.Names)}, "
            + "comma-separated, or none (default: EB at γ = 0.01, 0.1, 1; entropy-sum at 0.1, 1; threshold at "
            + "τ = 0.5, 0.8, 0.95).",
    };
    private readonly Option<string?> _gamma = new("--gamma")
    {
        Description = "The entropy decoders' γ values, nats, comma-separated (default 0.1).",
    };
    private readonly Option<string?> _tau = new("--tau")
    {
        Description = "threshold's τ values, comma-separated (default 0.95).",
    };

    public IEnumerable<Option> All => [_decoder, _gamma, _tau];

    /// <summary>Every named decoder at every value of its parameter.</summary>
    public IReadOnlyList<IAdaptiveSizeRule> Create(ParseResult parsed)
    {
        var (gammas, taus) = (Values(parsed.GetValue(_gamma), "--gamma"), Values(parsed.GetValue(_tau), "--tau"));
        if (parsed.GetValue(_decoder) is not { } list)
            return gammas is null && taus is null
                ? StudySettings.DefaultDecoders
                : throw new ArgumentException("--gamma and --tau need --decoder.", nameof(parsed));
        if (list == "none")
            return gammas is null && taus is null
                ? []
                : throw new ArgumentException("--gamma and --tau need a decoder, not none.", nameof(parsed));
        var names = list.Split(',', StringSplitOptions.TrimEntries);
        if (gammas is not null && !names.Any(DecoderCatalog.TakesGamma))
            throw new ArgumentException("--gamma is the entropy decoders'; none is named.", nameof(parsed));
        if (taus is not null && names.All(DecoderCatalog.TakesGamma))
            throw new ArgumentException("--tau is the threshold decoder's; it is not named.", nameof(parsed));
        return
        [
            .. names.SelectMany(name =>
                DecoderCatalog.TakesGamma(name)
                    ? (gammas ?? [null]).Select(g => DecoderCatalog.Create(name, gamma: g))
                    : (taus ?? [null]).Select(t => DecoderCatalog.Create(name, tau: t))
            ),
        ];
    }

    private static double?[]? Values(string? text, string option) =>
        text
            ?.Split(',', StringSplitOptions.TrimEntries)
            .Select(part =>
                double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? (double?)v
                    : throw new ArgumentException($"{option} entry '{part}' is not a number.", option)
            )
            .ToArray();
}
