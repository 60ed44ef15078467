using Dlm.Sampling.Sampler;

namespace Dlm.Experiments.Studies;

/// <summary>
/// A masked predictor pooled with n-gram counts (<see cref="NgramPool"/>): its law at every masked position is the
/// pool's p̃; at a revealed position it is the predictor's own.
/// </summary>
public sealed class PooledPredictor : IMaskPredictor
{
    private readonly IMaskPredictor _predictor;

    /// <summary>Pools <paramref name="predictor"/> by <paramref name="pool"/>, fitted for the same L and q.</summary>
    public PooledPredictor(IMaskPredictor predictor, NgramPool pool)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(pool);
        if (predictor.Length != pool.Length || predictor.Alphabet != pool.Alphabet)
            throw new ArgumentException(
                $"the pool was fitted for L = {pool.Length}, q = {pool.Alphabet}; the predictor has "
                    + $"L = {predictor.Length}, q = {predictor.Alphabet}.",
                nameof(pool)
            );
        (_predictor, Pool) = (predictor, pool);
    }

    /// <summary>The pool.</summary>
    public NgramPool Pool { get; }

    /// <inheritdoc />
    public int Length => _predictor.Length;

    /// <inheritdoc />
    public int Alphabet => _predictor.Alphabet;

    /// <inheritdoc />
    public bool IsThreadSafe => _predictor.IsThreadSafe;

    /// <inheritdoc />
    public void Predict(ReadOnlySpan<int> tokens, int batch, Span<double> probabilities)
    {
        var (l, q) = (Length, Alphabet);
        _predictor.Predict(tokens, batch, probabilities);
        for (var r = 0; r < batch * l; r++)
        {
            if (tokens[r] == q)
                Pool.Pool(tokens.Slice(r / l * l, l), r % l, probabilities.Slice(r * q, q));
        }
    }

    /// <inheritdoc />
    public void PredictAt(
        ReadOnlySpan<int> tokens,
        int batch,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<int> offsets,
        Span<double> probabilities
    )
    {
        var (l, q) = (Length, Alphabet);
        _predictor.PredictAt(tokens, batch, positions, offsets, probabilities);
        for (var b = 0; b < batch; b++)
        {
            var state = tokens.Slice(b * l, l);
            for (var r = offsets[b]; r < offsets[b + 1]; r++)
            {
                if (state[positions[r]] == q)
                    Pool.Pool(state, positions[r], probabilities.Slice(r * q, q));
            }
        }
    }
}
