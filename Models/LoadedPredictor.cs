using System.Text.Json;
using Dlm.Datasets;
using Dlm.Datasets.Text;
using Dlm.Sampling.Sampler;
using Dlm.Training;

namespace Dlm.Models;

/// <summary>How a model path is opened: the device, and the ONNX settings where the path is an ONNX model.</summary>
/// <param name="Device">auto, cpu or cuda.</param>
/// <param name="Onnx">The input and output names, the mask id, the batch and L of an ONNX model.</param>
public sealed record ModelLoadOptions(string Device = "auto", OnnxOptions? Onnx = null);

/// <summary>
/// The one seam between a model path and everything that runs a predictor: a directory with <c>config.json</c> is a
/// dlm checkpoint (<see cref="TorchPredictor"/>); a file is an ONNX model (<see cref="OnnxPredictor"/>). It carries the
/// predictor, the characters of a text model (a checkpoint's, or an ONNX model's metadata <c>dlm.text</c>), and a
/// description for reports.
/// </summary>
public sealed class LoadedPredictor : IDisposable
{
    private readonly IDisposable _owner;

    private LoadedPredictor(IMaskPredictor predictor, IDisposable owner, string description, TextVocabulary? text)
    {
        Predictor = predictor;
        _owner = owner;
        Description = description;
        Text = text;
    }

    /// <summary>The predictor.</summary>
    public IMaskPredictor Predictor { get; }

    /// <summary>The characters of a text model, else null.</summary>
    public TextVocabulary? Text { get; }

    /// <summary>What the model is, in one line: its path, its kind and its shape.</summary>
    public string Description { get; }

    /// <summary>The run of a dlm checkpoint, else null.</summary>
    public RunConfig? Checkpoint { get; private init; }

    /// <summary>
    /// The seed that split the model's training data: a checkpoint's, or an ONNX model's metadata <c>dlm.seed</c>
    /// (which <c>scripts/export_onnx.py</c> writes); null where it is not known.
    /// </summary>
    public ulong? TrainingSeed =>
        Checkpoint?.Options.Seed
        ?? (
            Predictor is OnnxPredictor onnx
            && onnx.Metadata.TryGetValue("dlm.seed", out var text)
            && ulong.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seed)
                ? seed
                : null
        );

    /// <summary>
    /// A symbol id that data may not hold: an ONNX model's mask id where it lies inside the alphabet (LLaDA's), else
    /// null.
    /// </summary>
    public int? ReservedToken => Predictor is OnnxPredictor onnx && onnx.MaskId < onnx.Alphabet ? onnx.MaskId : null;

    /// <summary>
    /// Opens <paramref name="path"/>; a path that is neither a checkpoint nor a file fails and says so.
    /// </summary>
    public static LoadedPredictor Load(string path, ModelLoadOptions options)
    {
        if (Directory.Exists(path))
        {
            var torch = TorchPredictor.Load(path, options.Device);
            var c = torch.Config;
            return new LoadedPredictor(
                torch,
                torch,
                $"`{path}`: {c.Model.Architecture} d {c.Model.DModel}, {c.Model.Layers} blocks, trained on {c.Data} "
                    + $"with seed {c.Options.Seed}, budget "
                    + (c.Options.Minutes is { } m ? $"{m} min" : $"{c.Options.Steps} steps"),
                c.Text
            )
            {
                Checkpoint = c,
            };
        }
        if (!File.Exists(path))
            throw new ArgumentException(
                $"model '{path}' does not exist: give a dlm checkpoint directory or an ONNX file.",
                nameof(path)
            );
        var onnx = OnnxPredictor.Load(path, (options.Onnx ?? new OnnxOptions()) with { Device = options.Device });
        return new LoadedPredictor(
            onnx,
            onnx,
            $"`{path}`: ONNX, L = {onnx.Length}, V = {onnx.Vocabulary}, mask id {onnx.MaskId}",
            TextOf(onnx)
        );
    }

    /// <summary>
    /// A file of token sequences read for this model: tokens in [0, q), never a mask id inside the alphabet
    /// (<see cref="ReservedToken"/>), and of the model's L; a file of another L fails, unless
    /// <paramref name="length"/> crops or pads it (with <paramref name="padId"/>).
    /// </summary>
    public TokenData ReadTokens(string file, int? length, int? padId)
    {
        var data = TokenFile.Read(file, new TokenFileOptions(Predictor.Alphabet, ReservedToken, length, padId));
        if (data.Length != Predictor.Length)
            throw new ArgumentException(
                $"data file '{file}' has L = {data.Length}; the model has L = {Predictor.Length} (give --length "
                    + $"{Predictor.Length} to crop or pad it).",
                nameof(file)
            );
        return data;
    }

    /// <inheritdoc/>
    public void Dispose() => _owner.Dispose();

    private static TextVocabulary? TextOf(OnnxPredictor onnx) =>
        onnx.Metadata.TryGetValue("dlm.text", out var json)
            ? new TextVocabulary(
                JsonSerializer.Deserialize<string[]>(json)
                    ?? throw new ArgumentException("the model's dlm.text metadata is empty.", nameof(onnx))
            )
            : null;
}
