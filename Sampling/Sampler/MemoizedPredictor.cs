namespace Dlm.Sampling.Sampler;

/// <summary>
/// A predictor that asks <see cref="Inner"/> once per distinct partial sequence and remembers the laws, so that
/// enumerating many samplers over the same (q+1)^L states costs one forward pass per state. For small L and q only;
/// not thread-safe.
/// </summary>
public sealed class MemoizedPredictor(IMaskPredictor inner) : IMaskPredictor
{
    private readonly Dictionary<string, double[]> _laws = [];

    /// <summary>The predictor asked.</summary>
    public IMaskPredictor Inner { get; } = inner;

    /// <inheritdoc/>
    public int Length => Inner.Length;

    /// <inheritdoc/>
    public int Alphabet => Inner.Alphabet;

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities)
    {
        var (l, q) = (Length, Alphabet);
        for (var b = 0; b < batch; b++)
        {
            var row = tokens.Slice(b * l, l);
            var key = string.Join(',', row.ToArray());
            if (!_laws.TryGetValue(key, out var laws))
            {
                laws = new double[l * q];
                Inner.Predict(row, 1, laws);
                _laws[key] = laws;
            }
            laws.CopyTo(probabilities.Slice(b * l * q, l * q));
        }
    }
}
