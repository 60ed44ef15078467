namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// The [n, k] Reed–Solomon code over GF(q), n ≤ q: the evaluations (m(α_1), …, m(α_n)) of the polynomials
/// m of degree &lt; k at n distinct points. It is MDS: any k coordinates determine the codeword.
/// </summary>
public sealed class ReedSolomonCode
{
    private readonly int[] _points;
    private readonly Lazy<int[]> _dualWeights;

    /// <summary>
    /// The code over <paramref name="field"/> at the given distinct points (default: the elements 0..n−1).
    /// </summary>
    public ReedSolomonCode(GaloisField field, int length, int dimension, IReadOnlyList<int>? points = null)
    {
        if (length < 1 || length > field.Order)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"n must lie in [1, q = {field.Order}].");
        if (dimension < 1 || dimension > length)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"k must lie in [1, n = {length}].");
        _points = points?.ToArray() ?? Enumerable.Range(0, length).ToArray();
        if (
            _points.Length != length
            || _points.Distinct().Count() != length
            || _points.Any(a => a < 0 || a >= field.Order)
        )
            throw new ArgumentException(
                $"the code needs {length} distinct evaluation points in [0, {field.Order}).",
                nameof(points)
            );
        Field = field;
        Length = length;
        Dimension = dimension;
        _dualWeights = new Lazy<int[]>(DualWeights);
    }

    /// <summary>GF(q).</summary>
    public GaloisField Field { get; }

    /// <summary>n, the block length.</summary>
    public int Length { get; }

    /// <summary>k, the dimension.</summary>
    public int Dimension { get; }

    /// <summary>The evaluation points α_1..α_n.</summary>
    public IReadOnlyList<int> Points => _points;

    /// <summary>c_j = Σ_i m_i·α_j^i for a message m of k symbols.</summary>
    public int[] Encode(ReadOnlySpan<int> message)
    {
        if (message.Length != Dimension)
            throw new ArgumentException($"a message has k = {Dimension} symbols.", nameof(message));
        var codeword = new int[Length];
        for (var j = 0; j < Length; j++)
        {
            var value = 0;
            for (var i = Dimension - 1; i >= 0; i--)
                value = Field.Add(Field.Multiply(value, _points[j]), message[i]);
            codeword[j] = value;
        }
        return codeword;
    }

    /// <summary>A uniformly random codeword: a uniform message, encoded.</summary>
    public void SampleCodeword(Random rng, Span<int> codeword)
    {
        var message = new int[Dimension];
        for (var i = 0; i < Dimension; i++)
            message[i] = rng.Next(Field.Order);
        Encode(message).CopyTo(codeword);
    }

    /// <summary>
    /// Whether <paramref name="word"/> is a codeword, in O(n·min(k, n − k)): by the n − k parity checks of the dual
    /// code when they are fewer than k, else by interpolation through the first k symbols (<see cref="TryComplete"/>).
    /// </summary>
    public bool IsCodeword(ReadOnlySpan<int> word)
    {
        if (word.Length != Length)
            return false;
        foreach (var v in word)
            if (v < 0 || v >= Field.Order)
                return false;
        return Length - Dimension < Dimension ? SatisfiesParityChecks(word) : TryComplete(word, new int[Length]);
    }

    /// <summary>
    /// The dual of an RS code is a generalised RS code: x is a codeword iff Σ_j u_j·x_j·α_j^t = 0 for t = 0..n−k−1,
    /// with u_j = 1 / Π_{i≠j} (α_j − α_i). (For deg m &lt; k, Σ_j u_j·m(α_j)·α_j^t is the leading coefficient of a
    /// polynomial of degree ≤ n − 2 interpolated through n points, so it vanishes; the n − k checks are independent.)
    /// </summary>
    private bool SatisfiesParityChecks(ReadOnlySpan<int> word)
    {
        var weights = _dualWeights.Value;
        var terms = new int[Length];
        for (var j = 0; j < Length; j++)
            terms[j] = Field.Multiply(weights[j], word[j]);
        for (var t = 0; t < Length - Dimension; t++)
        {
            var syndrome = 0;
            for (var j = 0; j < Length; j++)
                syndrome = Field.Add(syndrome, terms[j]);
            if (syndrome != 0)
                return false;
            for (var j = 0; j < Length; j++)
                terms[j] = Field.Multiply(terms[j], _points[j]);
        }
        return true;
    }

    private int[] DualWeights()
    {
        var weights = new int[Length];
        for (var j = 0; j < Length; j++)
        {
            var product = 1;
            for (var i = 0; i < Length; i++)
                if (i != j)
                    product = Field.Multiply(product, Field.Subtract(_points[j], _points[i]));
            weights[j] = Field.Inverse(product);
        }
        return weights;
    }

    /// <summary>
    /// The symbols at <paramref name="positions"/> of the codeword a partial word (symbol q = masked) determines:
    /// interpolates through its first k revealed coordinates in barycentric form, checks every other revealed one and
    /// evaluates only the asked positions, O(k² + r·k) for r revealed. False when fewer than k are revealed or the
    /// revealed symbols fit no codeword; the same answer as <see cref="TryComplete"/>, at the asked positions.
    /// </summary>
    public bool TryValues(ReadOnlySpan<int> partial, ReadOnlySpan<int> positions, Span<int> values) =>
        TryValues(partial, positions, values, out _);

    /// <summary>
    /// <see cref="TryValues(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{int})"/>, and when the revealed symbols fit no
    /// codeword, the first revealed position after the first k that contradicts them (else −1): those k + 1 symbols
    /// already fit no codeword.
    /// </summary>
    internal bool TryValues(
        ReadOnlySpan<int> partial,
        ReadOnlySpan<int> positions,
        Span<int> values,
        out int contradiction
    )
    {
        contradiction = -1;
        Span<int> known = stackalloc int[Dimension];
        Span<int> symbols = stackalloc int[Dimension];
        var used = 0;
        var last = -1;
        for (var j = 0; j < Length && used < Dimension; j++)
            if (partial[j] < Field.Order)
            {
                known[used] = j;
                symbols[used++] = partial[j];
                last = j;
            }
        if (used < Dimension)
            return false;
        var interpolant = new BarycentricInterpolant(Field, _points, known, symbols);
        for (var j = last + 1; j < Length; j++)
        {
            if (partial[j] < Field.Order && interpolant.Evaluate(j) != partial[j])
            {
                contradiction = j;
                return false;
            }
        }
        for (var i = 0; i < positions.Length; i++)
            values[i] =
                partial[positions[i]] < Field.Order ? partial[positions[i]] : interpolant.Evaluate(positions[i]);
        return true;
    }

    /// <summary>
    /// Completes a partial word (symbol q = masked) to the codeword it determines: interpolates through the
    /// first k revealed coordinates (Newton's divided differences) and checks every other revealed one.
    /// False when fewer than k are revealed or the revealed symbols fit no codeword.
    /// </summary>
    public bool TryComplete(ReadOnlySpan<int> partial, Span<int> codeword)
    {
        var x = new int[Dimension];
        var c = new int[Dimension];
        var used = 0;
        for (var j = 0; j < Length && used < Dimension; j++)
            if (partial[j] < Field.Order)
            {
                x[used] = _points[j];
                c[used++] = partial[j];
            }
        if (used < Dimension)
            return false;
        for (var order = 1; order < Dimension; order++)
        {
            for (var i = Dimension - 1; i >= order; i--)
                c[i] = Field.Divide(Field.Subtract(c[i], c[i - 1]), Field.Subtract(x[i], x[i - order]));
        }
        for (var j = 0; j < Length; j++)
        {
            var value = c[Dimension - 1];
            for (var i = Dimension - 2; i >= 0; i--)
                value = Field.Add(Field.Multiply(value, Field.Subtract(_points[j], x[i])), c[i]);
            if (partial[j] < Field.Order && partial[j] != value)
                return false;
            codeword[j] = value;
        }
        return true;
    }
}
