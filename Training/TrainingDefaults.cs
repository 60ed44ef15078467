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

    /// <summary>The architecture and optimizer settings for sequences of length L over q symbols.</summary>
    /// <returns>The model, the batch size and the peak learning rate.</returns>
    public static (ModelConfig Model, int BatchSize, double LearningRate) For(int length, int alphabet) =>
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
