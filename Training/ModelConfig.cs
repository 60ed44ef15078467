namespace Dlm.Training;

/// <summary>The networks a mask predictor can be.</summary>
public enum NetworkArchitecture
{
    /// <summary>A bidirectional transformer (<see cref="MaskedTransformer"/>): any L.</summary>
    Transformer,

    /// <summary>
    /// An MLP over the one-hot (position, symbol) pairs (<see cref="AnyOrderMlp"/>): short sequences.
    /// </summary>
    Mlp,

    /// <summary>
    /// A dilated convolutional network (<see cref="MaskedConvNet"/>): any L, its weights shared across positions.
    /// </summary>
    Convolution,
}

/// <summary>
/// The architecture of a mask predictor: sequence length L, vocabulary q (plus one mask id, which is never an
/// output), the network, width, depth (encoder or residual blocks), heads (transformer only), MLP ratio and dropout.
/// </summary>
public sealed record ModelConfig(
    int Length,
    int Alphabet,
    int DModel = 64,
    int Layers = 2,
    int Heads = 4,
    int MlpRatio = 4,
    double Dropout = 0.0,
    NetworkArchitecture Architecture = NetworkArchitecture.Transformer
)
{
    /// <summary>
    /// A freshly initialised network of this architecture, its weights and dropout masks drawn from a stream of its
    /// own seeded with <paramref name="seed"/> (<see cref="MaskNetwork"/>).
    /// </summary>
    public MaskNetwork Create(long seed) =>
        Architecture switch
        {
            NetworkArchitecture.Mlp => new AnyOrderMlp(this, seed),
            NetworkArchitecture.Convolution => new MaskedConvNet(this, seed),
            _ => new MaskedTransformer(this, seed),
        };

    /// <summary>The mask id, q.</summary>
    public int MaskId => Alphabet;

    /// <summary>Fails with the parameter named unless every field is in range.</summary>
    public ModelConfig Validate()
    {
        Check(Length >= 1 && Length <= 65536, nameof(Length), Length, "L must lie in [1, 65536].");
        Check(Alphabet >= 2 && Alphabet <= 65536, nameof(Alphabet), Alphabet, "q must lie in [2, 65536].");
        Check(DModel >= 1, nameof(DModel), DModel, "d_model must be ≥ 1.");
        Check(Layers >= 1, nameof(Layers), Layers, "layers must be ≥ 1.");
        Check(
            Architecture != NetworkArchitecture.Transformer || (Heads >= 1 && DModel % Heads == 0),
            nameof(Heads),
            Heads,
            $"heads must be ≥ 1 and divide d_model = {DModel}."
        );
        Check(MlpRatio >= 1, nameof(MlpRatio), MlpRatio, "the MLP ratio must be ≥ 1.");
        Check(Dropout >= 0 && Dropout < 1, nameof(Dropout), Dropout, "dropout must lie in [0, 1).");
        return this;
    }

    private static void Check(bool ok, string name, object value, string message)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value, message);
    }
}
