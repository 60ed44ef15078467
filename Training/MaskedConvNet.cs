using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dlm.Training;

/// <summary>
/// A dilated convolutional mask predictor, the whole model in one file: token embeddings over q symbols plus the mask
/// id, learned positions, pre-norm residual blocks x + W·GELU(Conv(LN(x))) whose kernel-3 convolutions double their
/// dilation block by block (1, 2, 4, …, wrapping once 2^b reaches L, so that a stack of ⌈log₂ L⌉ blocks sees the whole
/// sequence), and a head of q logits. A convolution shares its weights across positions, as an n-gram shares its
/// counts, so a pattern learned at one offset of a word serves at every other. tokens (B, L) int64 → logits (B, L, q).
/// </summary>
public sealed class MaskedConvNet : MaskNetwork
{
    /// <summary>The width of every convolution kernel.</summary>
    public const int KernelSize = 3;

    // Field names are the state-dict keys, so they read like PyTorch's.
    private readonly Embedding tokens;
    private readonly Parameter positions;
    private readonly ModuleList<ConvBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;

    /// <summary>A freshly initialised model, its weights drawn from <paramref name="seed"/>.</summary>
    public MaskedConvNet(ModelConfig config, long seed)
        : base("masked_conv_net", config, seed)
    {
        tokens = Embedding(config.Alphabet + 1, config.DModel);
        Initialise(tokens.weight!);
        positions = Parameter(empty(config.Length, config.DModel));
        Initialise(positions);
        blocks = ModuleList(
            Enumerable
                .Range(0, config.Layers)
                .Select(b => new ConvBlock(config, Dilation(b, config.Length), Initialise, Initialise, Dropout))
                .ToArray()
        );
        norm = LayerNorm(config.DModel);
        head = Linear(config.DModel, config.Alphabet);
        Initialise(head);
        RegisterComponents();
    }

    /// <summary>
    /// The dilation of block <paramref name="block"/>: 2^(b mod D), D = ⌈log₂ L⌉ (at least 1), so that the blocks
    /// 0..D−1 reach 2^D − 1 ≥ L − 1 positions to either side.
    /// </summary>
    public static int Dilation(int block, int length)
    {
        var cycle = Math.Max(1, (int)Math.Ceiling(Math.Log2(length)));
        return 1 << (block % cycle);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var x = tokens.forward(input).add(positions, KeptScalars.One);
        foreach (var block in blocks)
            x = block.forward(x);
        return head.forward(norm.forward(x));
    }

    /// <summary>x + W·GELU(Conv_d(LN(x))), the convolution over positions with dilation d and zero padding.</summary>
    private sealed class ConvBlock : Module<Tensor, Tensor>
    {
        private readonly LayerNorm ln;
        private readonly Conv1d conv;
        private readonly Linear fc_out;
        private readonly Func<Tensor, Tensor> _dropout;

        /// <summary>A block whose layers the two initialisers fill in order, and whose dropout is the
        /// network's.</summary>
        public ConvBlock(
            ModelConfig config,
            int dilation,
            Action<Conv1d> initialiseConvolution,
            Action<Linear> initialiseLinear,
            Func<Tensor, Tensor> dropout
        )
            : base("block")
        {
            _dropout = dropout;
            ln = LayerNorm(config.DModel);
            conv = Conv1d(
                config.DModel,
                config.MlpRatio * config.DModel,
                KernelSize,
                padding: dilation * (KernelSize - 1) / 2,
                dilation: dilation
            );
            fc_out = Linear(config.MlpRatio * config.DModel, config.DModel);
            initialiseConvolution(conv);
            initialiseLinear(fc_out);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            // Conv1d wants (B, channels, L); the rest of the block works on (B, L, channels).
            var mixed = conv.forward(ln.forward(x).transpose(1, 2)).transpose(1, 2);
            return x.add(_dropout(fc_out.forward(functional.gelu(mixed))), KeptScalars.One);
        }
    }
}
