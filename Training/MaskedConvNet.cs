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
                .Select(b => new ConvBlock(config, Dilation(b, config.Length), Initialise, Dropout))
                .ToArray()
        );
        norm = LayerNorm(config.DModel);
        head = Linear(config.DModel, config.Alphabet);
        Initialise(head);
        RegisterComponents();
    }

    /// <summary>
    /// D = ⌈log₂ L⌉, at least 1: the fewest blocks that see the whole sequence, the depth of a convolutional network
    /// that <c>dlm train</c> builds when no depth is given.
    /// </summary>
    public static int FullReach(int length) => Math.Max(1, (int)Math.Ceiling(Math.Log2(length)));

    /// <summary>
    /// The dilation of block <paramref name="block"/>: 2^(b mod D), D = <see cref="FullReach"/>(L), so that the blocks
    /// 0..D−1 reach 2^D − 1 ≥ L − 1 positions to either side.
    /// </summary>
    public static int Dilation(int block, int length) => 1 << (block % FullReach(length));

    /// <summary>
    /// The three taps of a kernel-3 convolution with dilation d, side by side: (B, L, C) → (B, L, 3C) with
    /// out[b, i, 3c + k] = h[b, i + (k − 1)·d, c], zero outside 0..L−1. A linear layer over them is the convolution,
    /// its weight's column 3c + k being Conv1d's V[·, c, k], so a seed draws the same weights as Conv1d would.
    /// libtorch's conv1d tries NNPACK on every call on this CPU (it cannot initialise here), and one test host crashed
    /// amid such calls from parallel tests; a matmul has no such path.
    /// </summary>
    public static Tensor Taps(Tensor h, long dilation)
    {
        var length = h.shape[1];
        using var padded = functional.pad(h, [0, 0, dilation, dilation]);
        // The shifted views live in an array until stack has read them: made lazily inside the call, each was garbage
        // once its handle was taken, and a collection on another thread could free it before libtorch read it (a
        // test host crashed so, with no dispose scope around the forward pass).
        var shifted = new Tensor[KernelSize];
        try
        {
            for (var k = 0; k < KernelSize; k++)
                shifted[k] = padded.narrow(1, k * dilation, length);
            using var stacked = stack(shifted, dim: -1);
            return stacked.flatten(2);
        }
        finally
        {
            foreach (var view in shifted)
                view?.Dispose();
        }
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var x = tokens.forward(input).add(positions, KeptScalars.One);
        foreach (var block in blocks)
            x = block.forward(x);
        return head.forward(norm.forward(x));
    }

    /// <summary>
    /// x + W·GELU(Conv_d(LN(x))), the convolution over positions with dilation d and zero padding:
    /// Conv_d(h)_i = b + Σ_c Σ_k V[·, c, k] · h[i + (k − 1)·d, c], k ∈ {0, 1, 2}.
    /// </summary>
    private sealed class ConvBlock : Module<Tensor, Tensor>
    {
        private readonly LayerNorm ln;
        private readonly Linear conv;
        private readonly Linear fc_out;
        private readonly Func<Tensor, Tensor> _dropout;
        private readonly long _dilation;

        /// <summary>A block whose layers <paramref name="initialise"/> fills in order, and whose dropout is the
        /// network's.</summary>
        public ConvBlock(ModelConfig config, int dilation, Action<Linear> initialise, Func<Tensor, Tensor> dropout)
            : base("block")
        {
            (_dilation, _dropout) = (dilation, dropout);
            ln = LayerNorm(config.DModel);
            conv = Linear(KernelSize * config.DModel, config.MlpRatio * config.DModel);
            fc_out = Linear(config.MlpRatio * config.DModel, config.DModel);
            initialise(conv);
            initialise(fc_out);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var mixed = conv.forward(Taps(ln.forward(x), _dilation));
            return x.add(_dropout(fc_out.forward(functional.gelu(mixed))), KeptScalars.One);
        }
    }
}
