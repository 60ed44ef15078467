using System.CommandLine;
using Dlm.Datasets;
using Dlm.Models;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>--data</c>, <c>--length</c> and <c>--pad-id</c>: held-out token sequences for any model, shared by the commands
/// that measure a model on data (<c>calibrate</c>, <c>evaluate</c>, <c>study schedules</c>).
/// </summary>
internal sealed class DataOptions
{
    private readonly Option<string?> _data = new("--data")
    {
        Description = "Held-out token sequences: JSON lines, each [ids…] or {\"tokens\": [ids…]}.",
    };
    private readonly Option<int?> _length = new("--length")
    {
        Description =
            "L: crop longer sequences and pad shorter ones (with --pad-id); an ONNX model with a dynamic sequence "
            + "axis runs at this L.",
    };
    private readonly Option<int?> _pad = new("--pad-id")
    {
        Description = "The padding token: it pads sequences shorter than L and is never scored.",
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [_data, _length, _pad];

    /// <summary>The data file, when one is given.</summary>
    public string? File(ParseResult parsed) => parsed.GetValue(_data);

    /// <summary>L, when given.</summary>
    public int? Length(ParseResult parsed) => parsed.GetValue(_length);

    /// <summary>The padding token, when given.</summary>
    public int? PadId(ParseResult parsed) => parsed.GetValue(_pad);

    /// <summary>The sequences for <paramref name="model"/>, or null without <c>--data</c>.</summary>
    public TokenData? Read(ParseResult parsed, LoadedPredictor model) =>
        File(parsed) is { } file ? model.ReadTokens(file, Length(parsed), PadId(parsed)) : null;
}
