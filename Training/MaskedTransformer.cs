using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dlm.Training;

/// <summary>
/// A bidirectional transformer mask predictor, the whole model in one file: token embeddings over q symbols
/// plus the mask id, learned positions, pre-norm encoder blocks, and a head of q logits (the mask id is
/// never an output). tokens (B, L) int64 → logits (B, L, q).
/// </summary>
public sealed class MaskedTransformer : MaskNetwork
{
    // Field names are the state-dict keys, so they read like PyTorch's.
    private readonly Embedding tokens;
    private readonly Parameter positions;
    private readonly ModuleList<EncoderBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;

    /// <summary>A freshly initialised model, its weights drawn from <paramref name="seed"/>.</summary>
    public MaskedTransformer(ModelConfig config, long seed)
        : base("masked_transformer", config, seed)
    {
        tokens = Embedding(config.Alphabet + 1, config.DModel);
        Initialise(tokens.weight!);
        positions = Parameter(empty(config.Length, config.DModel));
        Initialise(positions);
        blocks = ModuleList(
            Enumerable.Range(0, config.Layers).Select(_ => new EncoderBlock(config, Initialise, Dropout)).ToArray()
        );
        norm = LayerNorm(config.DModel);
        head = Linear(config.DModel, config.Alphabet);
        Initialise(head);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var x = tokens.forward(input).add(positions, KeptScalars.One);
        foreach (var block in blocks)
            x = block.forward(x);
        return head.forward(norm.forward(x));
    }

    /// <summary>x + Attention(LN(x)), then x + MLP(LN(x)).</summary>
    private sealed class EncoderBlock : Module<Tensor, Tensor>
    {
        private readonly LayerNorm ln1;
        private readonly LayerNorm ln2;
        private readonly Linear qkv;
        private readonly Linear proj;
        private readonly Linear fc;
        private readonly Linear fc_out;
        private readonly Func<Tensor, Tensor> _dropout;
        private readonly int _heads;
        private readonly bool _attentionDropout;

        /// <summary>A block whose layers <paramref name="initialise"/> fills in order, and whose dropout is the
        /// network's.</summary>
        public EncoderBlock(ModelConfig config, Action<Linear> initialise, Func<Tensor, Tensor> dropout)
            : base("block")
        {
            (_heads, _dropout, _attentionDropout) = (config.Heads, dropout, config.Dropout > 0);
            ln1 = LayerNorm(config.DModel);
            ln2 = LayerNorm(config.DModel);
            qkv = Linear(config.DModel, 3 * config.DModel);
            proj = Linear(config.DModel, config.DModel);
            fc = Linear(config.DModel, config.MlpRatio * config.DModel);
            fc_out = Linear(config.MlpRatio * config.DModel, config.DModel);
            foreach (var layer in new[] { qkv, proj, fc, fc_out })
                initialise(layer);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var (batch, length, width) = (x.shape[0], x.shape[1], x.shape[2]);
            var split = qkv.forward(ln1.forward(x))
                .view(batch, length, 3, _heads, width / _heads)
                .permute(2, 0, 3, 1, 4);
            var attended =
                training && _attentionDropout
                    ? Attention(split[0], split[1], split[2])
                    : functional.scaled_dot_product_attention(split[0], split[1], split[2]);
            x = x.add(_dropout(proj.forward(attended.transpose(1, 2).reshape(batch, length, width))), KeptScalars.One);
            return x.add(_dropout(fc_out.forward(functional.gelu(fc.forward(ln2.forward(x))))), KeptScalars.One);
        }

        /// <summary>softmax(QKᵀ/√d) V with dropout on the weights, written out so that the network's stream draws
        /// the mask (scaled_dot_product_attention would draw it from the global generator).</summary>
        private Tensor Attention(Tensor query, Tensor key, Tensor value)
        {
            using Scalar scale = 1 / Math.Sqrt(query.shape[^1]);
            return _dropout(functional.softmax(query.matmul(key.transpose(-2, -1)).mul(scale), -1)).matmul(value);
        }
    }
}
