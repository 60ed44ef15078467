using Dlm.Theory;

namespace Dlm.Datasets;

/// <summary>
/// A distribution p over [q]^L that can be sampled and that answers the exact oracle
/// p(x_i = a | x_S). In partial sequences the symbol q marks a masked position.
/// </summary>
public interface IDiscreteDistribution
{
    /// <summary>
    /// The largest <see cref="Joint"/> that a family with a closed form tabulates for cross-checks: q^L ≤ 2^22 entries.
    /// </summary>
    const long MaxCrossCheckEntries = 1L << 22;

    /// <summary>The spec string that rebuilds this distribution, e.g. <c>markov:L=8,q=3,stay=0.9</c>.</summary>
    string Spec { get; }

    /// <summary>L, the sequence length.</summary>
    int Length { get; }

    /// <summary>q, the alphabet size; it is also the mask id.</summary>
    int Alphabet { get; }

    /// <summary>The exact entropy profile f(0..L), from the dense table or a closed form.</summary>
    EntropyProfile Profile { get; }

    /// <summary>The dense table, where the family builds one (small q^L); otherwise null.</summary>
    JointDistribution? Joint { get; }

    /// <summary>Draws x ~ p into <paramref name="sequence"/> (length L).</summary>
    void Sample(Random rng, Span<int> sequence);

    /// <summary>
    /// Writes p(x_i = a | x_S) at [i·q + a] for every position i (row-major, L×q). Revealed positions get a
    /// point mass on their symbol; a context of probability zero gives masked positions the uniform law.
    /// </summary>
    void Conditionals(ReadOnlySpan<int> partial, Span<double> probabilities);

    /// <summary>
    /// The rows of <see cref="Conditionals"/> at <paramref name="positions"/> only: p(x_i = a | x_S) at [r·q + a] for
    /// the r-th asked position i. The same numbers as the dense call; families with structure compute only what is
    /// asked.
    /// </summary>
    void ConditionalsAt(ReadOnlySpan<int> partial, ReadOnlySpan<int> positions, Span<double> probabilities);

    /// <summary>
    /// Draws x_i ~ p(· | x_S) at each of <paramref name="positions"/> by inversion with its own uniform:
    /// symbols[r] = <see cref="CategoricalInversion.Draw"/>(row r of <see cref="ConditionalsAt"/>, uniforms[r]). The
    /// default writes the rows; a family whose laws are point masses or uniform returns the same symbols without them.
    /// </summary>
    void DrawAt(
        ReadOnlySpan<int> partial,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<double> uniforms,
        Span<int> symbols
    )
    {
        var size = positions.Length * Alphabet;
        // A sampler step asks a few positions: their rows fit on the stack.
        var rows = size <= 1024 ? stackalloc double[size] : new double[size];
        ConditionalsAt(partial, positions, rows);
        for (var r = 0; r < positions.Length; r++)
            symbols[r] = CategoricalInversion.Draw(rows.Slice(r * Alphabet, Alphabet), uniforms[r]);
    }

    /// <summary>Whether p(x) &gt; 0 (for a code: whether x is a codeword).</summary>
    bool InSupport(ReadOnlySpan<int> sequence);

    /// <summary>
    /// The exact KL(p ‖ E_π q_π) of the uniform-position oracle sampler with this size kernel, where it can be
    /// had (a closed form, or enumeration for L ≤ 7, q ≤ 3); otherwise null.
    /// </summary>
    double? MixtureKl(IRevealKernel kernel);
}
