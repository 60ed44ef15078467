namespace Dlm.Training;

/// <summary>
/// The defaults of <c>dlm train</c>, chosen from L and q alone (docs/training.md has the measurements behind them).
/// Short sequences get the <see cref="AnyOrderMlp"/>: its first layer sees every (position, symbol) pair, so it
/// learns high-order dependence (a Reed–Solomon code, a random table) without the plateau that a transformer sits on;
/// longer ones get the <see cref="MaskedTransformer"/>, whose size does not grow with L·q.
/// </summary>
public static class TrainingDefaults
{
    /// <summary>The most (position, symbol) pairs, L·(q + 1), for which the MLP is the default.</summary>
    public const int MlpPairLimit = 1024;

    /// <summary>
    /// The width of the text MLP: on the word list at equal wall time (5 minutes, docs/training.md), d 256 reached
    /// 2.79 bits per character where d 128 reached 2.85; d 512 and a third block took too few steps.
    /// </summary>
    public const int TextMlpWidth = 256;

    /// <summary>
    /// The text MLP's peak learning rate: with <see cref="TextWeightDecay"/>, 1.5e-3 reached 2.74 bits per character
    /// in 5 minutes on the word list, where 2e-3 reached 2.78 and 3e-3 and 1e-3 a worse held-out ELBO.
    /// </summary>
    public const double TextLearningRate = 1.5e-3;

    /// <summary>
    /// The text MLP's weight decay: a finite corpus is fitted well beyond what generalises (docs/training.md), and 0.1
    /// held out better than 0.01; 0.2 and 0.5 slowed the fit more than they closed the gap.
    /// </summary>
    public const double TextWeightDecay = 0.1;

    /// <summary>The weight decay of every other run.</summary>
    public const double WeightDecay = 0.01;

    /// <summary>
    /// The architecture and optimizer settings for sequences of length L over q symbols; text (finite data, one
    /// distribution: words) takes the wider, more strongly decayed MLP of <see cref="TextMlpWidth"/>,
    /// <see cref="TextLearningRate"/> and <see cref="TextWeightDecay"/>.
    /// </summary>
    /// <returns>The model, the batch size, the peak learning rate and AdamW's weight decay.</returns>
    public static (ModelConfig Model, int BatchSize, double LearningRate, double WeightDecay) For(
        int length,
        int alphabet,
        bool text = false
    )
    {
        var (model, batch, rate) = ByShape(length, alphabet);
        return text && model.Architecture == NetworkArchitecture.Mlp
            ? (model with { DModel = TextMlpWidth }, batch, TextLearningRate, TextWeightDecay)
            : (model, batch, rate, WeightDecay);
    }

    private static (ModelConfig Model, int BatchSize, double LearningRate) ByShape(int length, int alphabet) =>
        length * (alphabet + 1) <= MlpPairLimit
            ? (
                new ModelConfig(
                    length,
                    alphabet,
                    DModel: 128,
                    Layers: 2,
                    MlpRatio: 2,
                    Architecture: NetworkArchitecture.Mlp
                ),
                256,
                2e-3
            )
            : (new ModelConfig(length, alphabet, DModel: 64, Layers: 2, Heads: 4, MlpRatio: 4), 64, 3e-3);
}
