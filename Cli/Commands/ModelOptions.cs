using System.CommandLine;
using Dlm.Training;

namespace Dlm.Cli.Commands;

/// <summary><c>--model</c> and <c>--device</c>, shared by every command that runs a trained predictor.</summary>
internal sealed class ModelOptions
{
    private readonly Option<string?> _model;
    private readonly Option<string> _device = CommonOptions.Device();

    /// <summary>The options; <paramref name="description"/> says what the model is for in this command.</summary>
    public ModelOptions(string description, bool required = false) =>
        _model = new Option<string?>("--model") { Description = description, Required = required };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [_model, _device];

    /// <summary>The model directory, when one is given.</summary>
    public string? Directory(ParseResult parsed) => parsed.GetValue(_model);

    /// <summary>The device, as given.</summary>
    public string Device(ParseResult parsed) => parsed.GetValue(_device)!;

    /// <summary>The trained predictor on the chosen device, or null without <c>--model</c>.</summary>
    public TorchPredictor? Load(ParseResult parsed) =>
        Directory(parsed) is { } directory ? TorchPredictor.Load(directory, Device(parsed)) : null;
}
