using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dlm.Training;

/// <summary>
/// An any-order MLP mask predictor for short sequences, the whole model in one file. The input is the one-hot code
/// of every (position, symbol-or-mask) pair; its first layer is an embedding of those L·(q + 1) pairs summed over the
/// positions, so any table over the revealed symbols is reachable by width alone. Then pre-norm residual MLP blocks,
/// and one head that writes q logits for each of the L positions. tokens (B, L) int64 → logits (B, L, q).
/// </summary>
public sealed class AnyOrderMlp : MaskNetwork
{
    // Field names are the state-dict keys, so they read like PyTorch's.
    private readonly Embedding pairs;
    private readonly Parameter bias;
    private readonly ModuleList<ResidualBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;
    private readonly long[] _offsets;

    /// <summary>A freshly initialised model, its weights drawn from <paramref name="seed"/>.</summary>
    public AnyOrderMlp(ModelConfig config, long seed)
        : base("any_order_mlp", config, seed)
    {
        pairs = Embedding(config.Length * (config.Alphabet + 1), config.DModel);
        // An embedding's own N(0, 1) draw, then the scale of a linear layer over L one-hot inputs, so that the first
        // activations are O(1). Both draws stay, so that a seed keeps the weights it has always given.
        Initialise(pairs.weight!);
        Initialise(pairs.weight!, std: 1 / Math.Sqrt(config.Length));
        bias = Parameter(zeros(config.DModel));
        blocks = ModuleList(
            Enumerable.Range(0, config.Layers).Select(_ => new ResidualBlock(config, Initialise, Dropout)).ToArray()
        );
        norm = LayerNorm(config.DModel);
        head = Linear(config.DModel, config.Length * config.Alphabet);
        Initialise(head);
        _offsets = Enumerable.Range(0, config.Length).Select(i => (long)i * (config.Alphabet + 1)).ToArray();
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        // The pair index i·(q + 1) + x_i, offsets from a managed array; sums with a kept Scalar (KeptScalars).
        var h = pairs
            .forward(input.add(tensor(_offsets, device: input.device), KeptScalars.One))
            .sum(1)
            .add(bias, KeptScalars.One);
        foreach (var block in blocks)
            h = block.forward(h);
        return head.forward(norm.forward(h)).view(input.shape[0], input.shape[1], Config.Alphabet);
    }

    /// <summary>h + W₂·GELU(W₁·LN(h)).</summary>
    private sealed class ResidualBlock : Module<Tensor, Tensor>
    {
        private readonly LayerNorm ln;
        private readonly Linear fc;
        private readonly Linear fc_out;
        private readonly Func<Tensor, Tensor> _dropout;

        /// <summary>A block whose layers <paramref name="initialise"/> fills in order, and whose dropout is the
        /// network's.</summary>
        public ResidualBlock(ModelConfig config, Action<Linear> initialise, Func<Tensor, Tensor> dropout)
            : base("block")
        {
            _dropout = dropout;
            ln = LayerNorm(config.DModel);
            fc = Linear(config.DModel, config.MlpRatio * config.DModel);
            fc_out = Linear(config.MlpRatio * config.DModel, config.DModel);
            initialise(fc);
            initialise(fc_out);
            RegisterComponents();
        }

        public override Tensor forward(Tensor h) =>
            h.add(_dropout(fc_out.forward(functional.gelu(fc.forward(ln.forward(h))))), KeptScalars.One);
    }
}
