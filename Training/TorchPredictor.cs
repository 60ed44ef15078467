using Dlm.Sampling.Sampler;
using TorchSharp;
using static TorchSharp.torch;

namespace Dlm.Training;

/// <summary>
/// A trained network (<see cref="ModelConfig.Create"/>) as a mask predictor: batched, in eval mode, without gradients,
/// with the softmax taken in float64.
/// </summary>
public sealed class TorchPredictor : IMaskPredictor, IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Device _device;

    private TorchPredictor(nn.Module<Tensor, Tensor> model, Device device)
    {
        _model = model;
        _device = device;
        _model.to(device);
        _model.eval();
    }

    /// <summary>The run's configuration.</summary>
    public required RunConfig Config { get; init; }

    /// <inheritdoc/>
    public int Length => Config.Model.Length;

    /// <inheritdoc/>
    public int Alphabet => Config.Model.Alphabet;

    /// <summary>Loads the latest checkpoint of <paramref name="directory"/>.</summary>
    public static TorchPredictor Load(string directory, string device = "auto")
    {
        var store = new CheckpointStore(directory);
        var config = store.LoadConfig();
        // The checkpoint replaces the initial weights, so the seed of the start is immaterial.
        var model = config.Model.Create(seed: 0);
        store.Load(model, null);
        return new TorchPredictor(model, TorchDevice.Resolve(device)) { Config = config };
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities)
    {
        var (l, q) = (Length, Alphabet);
        if (tokens.Length != batch * l)
            throw new ArgumentException($"{tokens.Length} tokens for a batch of {batch} × L = {l}.", nameof(tokens));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = new long[batch * l];
        for (var i = 0; i < input.Length; i++)
            input[i] = tokens[i];
        var logits = _model.forward(tensor(input, [batch, l], device: _device)).to(ScalarType.Float64);
        var law = nn.functional.softmax(logits, -1).cpu().data<double>().ToArray();
        law.AsSpan(0, batch * l * q).CopyTo(probabilities);
    }

    /// <inheritdoc/>
    public void Dispose() => _model.Dispose();
}
