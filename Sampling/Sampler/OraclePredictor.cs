using Dlm.Datasets;

namespace Dlm.Sampling.Sampler;

/// <summary>The exact conditionals p(x_i | x_S) of a distribution, as a mask predictor (the theory's oracle).</summary>
public sealed class OraclePredictor(IDiscreteDistribution distribution) : IMaskPredictor
{
    /// <summary>The distribution whose conditionals this predictor returns.</summary>
    public IDiscreteDistribution Distribution => distribution;

    /// <inheritdoc/>
    public int Length => distribution.Length;

    /// <inheritdoc/>
    public int Alphabet => distribution.Alphabet;

    /// <summary>Oracles are pure functions of the context.</summary>
    public bool IsThreadSafe => true;

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities)
    {
        var (l, q) = (Length, Alphabet);
        for (var b = 0; b < batch; b++)
            distribution.Conditionals(tokens.Slice(b * l, l), probabilities.Slice(b * l * q, l * q));
    }

    /// <inheritdoc/>
    public void PredictAt(
        ReadOnlySpan<int> tokens,
        int batch,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<int> offsets,
        Span<double> probabilities
    )
    {
        var (l, q) = (Length, Alphabet);
        for (var b = 0; b < batch; b++)
        {
            var asked = positions[offsets[b]..offsets[b + 1]];
            distribution.ConditionalsAt(
                tokens.Slice(b * l, l),
                asked,
                probabilities.Slice(offsets[b] * q, asked.Length * q)
            );
        }
    }

    /// <inheritdoc/>
    public void DrawAt(
        ReadOnlySpan<int> tokens,
        int batch,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<double> uniforms,
        Span<int> symbols
    )
    {
        var l = Length;
        for (var b = 0; b < batch; b++)
        {
            var (from, to) = (offsets[b], offsets[b + 1]);
            distribution.DrawAt(tokens.Slice(b * l, l), positions[from..to], uniforms[from..to], symbols[from..to]);
        }
    }
}
