using Dlm.Theory;

namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// The uniform distribution on a Reed–Solomon code, with its exact oracle and closed forms. The oracle: with
/// fewer than k revealed symbols every masked position is uniform; with k or more that fit a codeword, each
/// masked position is that codeword's symbol; with revealed symbols that fit no codeword (a context of
/// probability zero) every masked position is uniform.
/// </summary>
public sealed class ReedSolomonDistribution : IDiscreteDistribution
{
    /// <summary>The longest code whose completion buffer goes on the stack.</summary>
    private const int StackLimit = 4096;

    private readonly Lazy<JointDistribution?> _joint;
    private readonly CompletionMemo _completions;
    private readonly int[] _everyPosition;
    private readonly double[] _uniformSums;

    /// <summary>The uniform distribution on <paramref name="code"/>.</summary>
    public ReedSolomonDistribution(ReedSolomonCode code)
    {
        Code = code;
        Spec = $"rs:q={code.Field.Order},n={code.Length},k={code.Dimension}";
        Profile = MdsCode.Profile(code.Length, code.Dimension, code.Field.Order);
        _joint = new Lazy<JointDistribution?>(BuildJoint);
        _completions = new CompletionMemo(code.Dimension);
        _everyPosition = Enumerable.Range(0, code.Length).ToArray();
        var uniform = new double[Alphabet];
        Array.Fill(uniform, 1.0 / Alphabet);
        _uniformSums = CategoricalInversion.Cumulative(uniform);
    }

    /// <summary>The code.</summary>
    public ReedSolomonCode Code { get; }

    /// <inheritdoc/>
    public string Spec { get; }

    /// <inheritdoc/>
    public int Length => Code.Length;

    /// <inheritdoc/>
    public int Alphabet => Code.Field.Order;

    /// <inheritdoc/>
    public EntropyProfile Profile { get; }

    /// <summary>The dense table of the codebook, for q^n ≤ 2^22; null above that.</summary>
    public JointDistribution? Joint => _joint.Value;

    /// <inheritdoc/>
    public void Sample(Random rng, Span<int> sequence) => Code.SampleCodeword(rng, sequence);

    /// <inheritdoc/>
    public void Conditionals(ReadOnlySpan<int> partial, Span<double> probabilities)
    {
        var q = Alphabet;
        Span<int> codeword = stackalloc int[Length];
        var determined = Code.TryComplete(partial, codeword);
        probabilities[..(Length * q)].Fill(determined ? 0.0 : 1.0 / q);
        for (var i = 0; i < Length; i++)
        {
            var symbol =
                partial[i] < q ? partial[i]
                : determined ? codeword[i]
                : -1;
            if (symbol < 0)
                continue;
            probabilities.Slice(i * q, q).Clear();
            probabilities[i * q + symbol] = 1;
        }
    }

    /// <inheritdoc/>
    public void ConditionalsAt(ReadOnlySpan<int> partial, ReadOnlySpan<int> positions, Span<double> probabilities)
    {
        var q = Alphabet;
        var codeword = Complete(partial);
        for (var r = 0; r < positions.Length; r++)
        {
            var row = probabilities.Slice(r * q, q);
            var symbol =
                partial[positions[r]] < q ? partial[positions[r]]
                : codeword is not null ? codeword[positions[r]]
                : -1;
            if (symbol < 0)
                row.Fill(1.0 / q);
            else
            {
                row.Clear();
                row[symbol] = 1;
            }
        }
    }

    /// <summary>
    /// The symbols <see cref="ConditionalsAt"/>'s rows give by inversion, without writing them: the completion's
    /// symbol (a point mass draws it for every u), else the uniform law's, by bisection of its running sums.
    /// </summary>
    public void DrawAt(
        ReadOnlySpan<int> partial,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<double> uniforms,
        Span<int> symbols
    )
    {
        var codeword = Complete(partial);
        for (var r = 0; r < positions.Length; r++)
        {
            var i = positions[r];
            symbols[r] =
                partial[i] < Alphabet ? partial[i]
                : codeword is not null ? codeword[i]
                : CategoricalInversion.Search(_uniformSums, uniforms[r]);
        }
    }

    /// <summary>
    /// The codeword that <paramref name="partial"/> determines, or null (fewer than k revealed, or no codeword fits).
    /// A recent completion that agrees with every revealed symbol is recalled, and a recent contradiction that the
    /// revealed symbols contain answers null; otherwise the word is interpolated and checked, and the outcome
    /// remembered.
    /// </summary>
    private int[]? Complete(ReadOnlySpan<int> partial)
    {
        if (partial.Length - partial.Count(Alphabet) < Code.Dimension)
            return null;
        if (_completions.Recall(partial, Alphabet) is { } recalled)
            return recalled;
        if (_completions.Contradicts(partial))
            return null;
        Span<int> codeword = Length <= StackLimit ? stackalloc int[Length] : new int[Length];
        if (!Code.TryValues(partial, _everyPosition, codeword, out var contradiction))
        {
            if (contradiction >= 0)
                _completions.RememberContradiction(Witness(partial, contradiction), partial);
            return null;
        }
        var completed = codeword.ToArray();
        _completions.Remember(completed);
        return completed;
    }

    /// <summary>The first k revealed positions of <paramref name="partial"/>, and the one contradicting them.</summary>
    private int[] Witness(ReadOnlySpan<int> partial, int contradiction)
    {
        var witness = new int[Code.Dimension + 1];
        for (int j = 0, used = 0; used < Code.Dimension; j++)
        {
            if (partial[j] < Alphabet)
                witness[used++] = j;
        }
        witness[^1] = contradiction;
        return witness;
    }

    /// <inheritdoc/>
    public bool InSupport(ReadOnlySpan<int> sequence) => Code.IsCodeword(sequence);

    /// <inheritdoc/>
    public double? MixtureKl(IRevealKernel kernel) => MdsCode.MixtureKl(Length, Code.Dimension, Alphabet, kernel);

    private JointDistribution? BuildJoint()
    {
        if (Math.Pow(Alphabet, Length) > IDiscreteDistribution.MaxCrossCheckEntries)
            return null;
        var size = (int)Math.Pow(Alphabet, Length);
        var p = new double[size];
        var codewords = (int)Math.Pow(Alphabet, Code.Dimension);
        var message = new int[Code.Dimension];
        for (var index = 0; index < codewords; index++)
        {
            for (int i = 0, rest = index; i < Code.Dimension; i++, rest /= Alphabet)
                message[i] = rest % Alphabet;
            var word = Code.Encode(message);
            p[word.Aggregate(0, (acc, v) => acc * Alphabet + v)] = 1.0 / codewords;
        }
        return JointDistribution.Create(Length, Alphabet, p);
    }
}
