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
public sealed class MaskedTransformer : Module<Tensor, Tensor>
{
    // Field names are the state-dict keys, so they read like PyTorch's.
    private readonly Embedding tokens;
    private readonly Parameter positions;
    private readonly ModuleList<EncoderBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;

    /// <summary>A freshly initialised model; call <c>torch.manual_seed</c> first for a reproducible start.</summary>
    public MaskedTransformer(ModelConfig config)
        : base("masked_transformer")
    {
        Config = config.Validate();
        tokens = Embedding(config.Alphabet + 1, config.DModel);
        positions = Parameter(randn(config.Length, config.DModel));
        blocks = ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new EncoderBlock(config)).ToArray());
        norm = LayerNorm(config.DModel);
        head = Linear(config.DModel, config.Alphabet);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public ModelConfig Config { get; }

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
        private readonly Dropout dropout;
        private readonly int heads;
        private readonly double attentionDropout;

        public EncoderBlock(ModelConfig config)
            : base("block")
        {
            heads = config.Heads;
            attentionDropout = config.Dropout;
            ln1 = LayerNorm(config.DModel);
            ln2 = LayerNorm(config.DModel);
            qkv = Linear(config.DModel, 3 * config.DModel);
            proj = Linear(config.DModel, config.DModel);
            fc = Linear(config.DModel, config.MlpRatio * config.DModel);
            fc_out = Linear(config.MlpRatio * config.DModel, config.DModel);
            dropout = Dropout(config.Dropout);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var (batch, length, width) = (x.shape[0], x.shape[1], x.shape[2]);
            var split = qkv.forward(ln1.forward(x)).view(batch, length, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
            var attended = functional.scaled_dot_product_attention(
                split[0],
                split[1],
                split[2],
                null,
                training ? attentionDropout : 0.0,
                false
            );
            x = x.add(
                dropout.forward(proj.forward(attended.transpose(1, 2).reshape(batch, length, width))),
                KeptScalars.One
            );
            return x.add(dropout.forward(fc_out.forward(functional.gelu(fc.forward(ln2.forward(x))))), KeptScalars.One);
        }
    }
}
