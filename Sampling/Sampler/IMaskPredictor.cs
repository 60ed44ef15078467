using Dlm.Datasets;

namespace Dlm.Sampling.Sampler;

/// <summary>
/// A mask predictor: for a batch of partially masked sequences (token ids 0..q−1, mask id q) it returns the
/// float64 conditional marginals over the q symbols at every position, or at the positions asked. The mask id is
/// never an output.
/// </summary>
public interface IMaskPredictor
{
    /// <summary>L.</summary>
    int Length { get; }

    /// <summary>q; also the mask id.</summary>
    int Alphabet { get; }

    /// <summary>Whether <see cref="Predict"/> and <see cref="PredictAt"/> may run on several threads at once.</summary>
    bool IsThreadSafe => false;

    /// <summary>
    /// Fills <paramref name="probabilities"/> (batch × L × q, row-major) for <paramref name="tokens"/> (batch × L).
    /// </summary>
    void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities);

    /// <summary>
    /// The laws at the asked positions only: sequence b asks positions[offsets[b]..offsets[b+1]), and row r of
    /// <paramref name="probabilities"/> (Σ asked × q) is the law at positions[r]. The default runs
    /// <see cref="Predict"/> on every position (one forward pass for a network) and copies the asked rows; an oracle
    /// computes only what is asked.
    /// </summary>
    void PredictAt(
        ReadOnlySpan<int> tokens,
        int batch,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<int> offsets,
        Span<double> probabilities
    )
    {
        var (l, q) = (Length, Alphabet);
        var all = new double[batch * l * q];
        Predict(tokens, batch, all);
        for (var b = 0; b < batch; b++)
        {
            for (var r = offsets[b]; r < offsets[b + 1]; r++)
                all.AsSpan((b * l + positions[r]) * q, q).CopyTo(probabilities.Slice(r * q, q));
        }
    }

    /// <summary>
    /// Draws a token at each asked position (laid out as in <see cref="PredictAt"/>) by inversion with its own
    /// uniform: symbols[r] = <see cref="CategoricalInversion.Draw"/>(law at positions[r], uniforms[r]). The default
    /// writes the laws with <see cref="PredictAt"/>; an oracle whose laws are point masses or uniform returns the same
    /// symbols without them.
    /// </summary>
    void DrawAt(
        ReadOnlySpan<int> tokens,
        int batch,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<double> uniforms,
        Span<int> symbols
    )
    {
        var q = Alphabet;
        var laws = new double[positions.Length * q];
        PredictAt(tokens, batch, positions, offsets, laws);
        for (var r = 0; r < positions.Length; r++)
            symbols[r] = CategoricalInversion.Draw(laws.AsSpan(r * q, q), uniforms[r]);
    }
}
