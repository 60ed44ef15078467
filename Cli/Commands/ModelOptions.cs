using System.CommandLine;
using Dlm.Models;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>--model</c> (a dlm checkpoint directory or an ONNX file) with <c>--device</c>, <c>--batch</c> and the ONNX
/// settings, shared by every command that runs a predictor; they all load it through <see cref="LoadedPredictor"/>.
/// </summary>
internal sealed class ModelOptions
{
    private readonly Option<string?> _model;
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<int> _batch = new("--batch")
    {
        Description = "Sequences per predictor call (the output does not depend on it).",
        DefaultValueFactory = _ => 64,
    };
    private readonly Option<int?> _maskId = new("--mask-id")
    {
        Description = "An ONNX model's mask id (default: its metadata dlm.mask_id; LLaDA's is 126336).",
    };
    private readonly Option<string> _input = new("--onnx-input")
    {
        Description = "An ONNX model's token input, int64 [batch, L].",
        DefaultValueFactory = _ => "input_ids",
    };
    private readonly Option<string> _output = new("--onnx-output")
    {
        Description = "An ONNX model's output, float [batch, L, V].",
        DefaultValueFactory = _ => "logits",
    };

    /// <summary>The options; <paramref name="description"/> says what the model is for in this command.</summary>
    public ModelOptions(string description, bool required = false) =>
        _model = new Option<string?>("--model")
        {
            Description = $"{description} A dlm checkpoint directory or an ONNX file.",
            Required = required,
        };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [_model, _device, _batch, _maskId, _input, _output];

    /// <summary>The model path, when one is given.</summary>
    public string? Path(ParseResult parsed) => parsed.GetValue(_model);

    /// <summary>The device, as given.</summary>
    public string Device(ParseResult parsed) => parsed.GetValue(_device)!;

    /// <summary>Sequences per predictor call.</summary>
    public int Batch(ParseResult parsed)
    {
        var batch = parsed.GetValue(_batch);
        return batch >= 1 ? batch : throw new ArgumentOutOfRangeException(nameof(batch), batch, "--batch must be ≥ 1.");
    }

    /// <summary>
    /// How the model is opened; <paramref name="length"/> is L for an ONNX model with a dynamic axis.
    /// </summary>
    public ModelLoadOptions LoadOptions(ParseResult parsed, int? length = null) =>
        new(
            Device(parsed),
            new OnnxOptions(
                parsed.GetValue(_input)!,
                parsed.GetValue(_output)!,
                parsed.GetValue(_maskId),
                Batch(parsed),
                Device(parsed),
                length
            )
        );

    /// <summary>The predictor, or null without <c>--model</c>.</summary>
    public LoadedPredictor? Load(ParseResult parsed, int? length = null) =>
        Path(parsed) is { } path ? LoadedPredictor.Load(path, LoadOptions(parsed, length)) : null;
}
