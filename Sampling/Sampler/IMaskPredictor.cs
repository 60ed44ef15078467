namespace Dlm.Sampling.Sampler;

/// <summary>
/// A mask predictor: for a batch of partially masked sequences (token ids 0..q−1, mask id q) it returns the
/// float64 conditional marginals over the q symbols at every position. The mask id is never an output.
/// </summary>
public interface IMaskPredictor
{
    /// <summary>L.</summary>
    int Length { get; }

    /// <summary>q; also the mask id.</summary>
    int Alphabet { get; }

    /// <summary>
    /// Fills <paramref name="probabilities"/> (batch × L × q, row-major) for <paramref name="tokens"/> (batch × L).
    /// </summary>
    void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities);
}
