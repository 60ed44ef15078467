using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dlm.Training;

/// <summary>
/// A mask predictor network, tokens (B, L) int64 → logits (B, L, q), that owns its random stream: a
/// <see cref="Generator"/> seeded at construction draws the initial weights and, when training, every dropout mask.
/// No draw touches libtorch's process-global generator, so a run's weights do not depend on what other threads do
/// with torch. The initial laws are PyTorch's defaults, drawn in construction order, so a seed gives the same
/// weights that <c>torch.manual_seed(seed)</c> and the default constructors give.
/// </summary>
public abstract class MaskNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Generator _random;

    /// <summary>A network named <paramref name="name"/> whose draws come from a generator seeded with
    /// <paramref name="seed"/>.</summary>
    protected MaskNetwork(string name, ModelConfig config, long seed)
        : base(name)
    {
        Config = config.Validate();
        _random = new Generator((ulong)seed, CPU);
    }

    /// <summary>The architecture.</summary>
    public ModelConfig Config { get; }

    /// <summary>
    /// Restarts the network's stream at <paramref name="seed"/>: the trainer does so before every step, so that the
    /// dropout masks of step s depend on the seed and s alone (a resumed run repeats an uninterrupted one).
    /// </summary>
    public void Reseed(long seed) => _random.manual_seed(seed);

    /// <summary>
    /// PyTorch's default law for a linear layer: W, b ~ U(−1/√fan_in, 1/√fan_in), the bound of W by Kaiming's formula.
    /// </summary>
    protected void Initialise(Linear layer)
    {
        var fanIn = layer.weight!.shape[1];
        // kaiming_uniform_(a = √5) as libtorch computes it: gain √(2/(1 + a²)), bound √3·gain/√fan_in.
        var gain = Math.Sqrt(2.0 / (1 + Math.Pow(Math.Sqrt(5.0), 2)));
        var bound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
        using var _ = no_grad();
        layer.weight.uniform_(-bound, bound, _random);
        if (layer.bias is { } bias)
            bias.uniform_(-1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn), _random);
    }

    /// <summary>Fills <paramref name="weight"/> with draws of N(mean, std²).</summary>
    protected void Initialise(Tensor weight, double mean = 0, double std = 1)
    {
        using var _ = no_grad();
        weight.normal_(mean, std, _random);
    }

    /// <summary>
    /// Inverted dropout with rate <see cref="ModelConfig.Dropout"/> while training, the identity otherwise: each entry
    /// is kept with probability 1 − p and scaled by 1/(1 − p). The mask is drawn on the CPU from the network's stream,
    /// so it is the same on every device.
    /// </summary>
    protected Tensor Dropout(Tensor x)
    {
        if (!training || Config.Dropout == 0)
            return x;
        using Scalar keep = 1 - Config.Dropout;
        using Scalar scale = 1 / (1 - Config.Dropout);
        var mask = rand(x.shape, generator: _random).lt_(keep).to(x.dtype).to(x.device);
        return x.mul(mask).mul_(scale);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _random.Dispose();
        base.Dispose(disposing);
    }
}
