namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// The polynomial of degree &lt; k through the codeword symbols y_j at k code positions J, in barycentric form:
/// P(x) = ℓ(x)·Σ_j w_j y_j/(x − x_j) with ℓ(x) = Π_j (x − x_j) and w_j = 1/Π_{i≠j}(x_j − x_i). Every product is a sum
/// of logarithms read from the code's table of log(α_a − α_b), so building it costs k² additions and each evaluation
/// at a code position O(k).
/// </summary>
public sealed class BarycentricInterpolant
{
    private readonly GaloisField _field;
    private readonly int _length;
    private readonly int[] _logDifferences;
    private readonly int[] _positions;
    private readonly int[] _values;
    private readonly int[] _logWeightedValues;
    private readonly int[] _member;

    /// <summary>
    /// The interpolant through <paramref name="values"/> at the distinct code <paramref name="positions"/>, with
    /// <paramref name="logDifferences"/>[a·n + b] = log(α_a − α_b) for a ≠ b.
    /// </summary>
    public BarycentricInterpolant(
        GaloisField field,
        int length,
        int[] logDifferences,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<int> values
    )
    {
        if (positions.Length != values.Length || positions.Length == 0)
            throw new ArgumentException(
                "the interpolant needs as many values as positions, at least one.",
                nameof(values)
            );
        (_field, _length, _logDifferences) = (field, length, logDifferences);
        _positions = positions.ToArray();
        _values = values.ToArray();
        _member = new int[length];
        Array.Fill(_member, -1);
        for (var j = 0; j < _positions.Length; j++)
            _member[_positions[j]] = j;
        var order = field.Order - 1;
        var logs = field.LogTable;
        _logWeightedValues = new int[_positions.Length];
        for (var j = 0; j < _positions.Length; j++)
        {
            if (_values[j] == 0)
            {
                _logWeightedValues[j] = -1;
                continue;
            }
            // log(w_j·y_j) = log y_j − Σ_{i≠j} log(x_j − x_i), reduced mod q − 1.
            var row = _positions[j] * length;
            var log = 0;
            for (var i = 0; i < _positions.Length; i++)
                if (i != j)
                    log += logDifferences[row + _positions[i]];
            _logWeightedValues[j] = Modulo(logs[_values[j]] - log, order);
        }
    }

    /// <summary>P(α_a) at code position <paramref name="position"/> a.</summary>
    public int Evaluate(int position)
    {
        if (_member[position] >= 0)
            return _values[_member[position]];
        var order = _field.Order - 1;
        var powers = _field.ExpTable;
        var row = position * _length;
        var logProduct = 0;
        var sum = 0;
        for (var j = 0; j < _positions.Length; j++)
        {
            var log = _logDifferences[row + _positions[j]];
            logProduct += log;
            if (_logWeightedValues[j] >= 0)
                sum = _field.Add(sum, powers[_logWeightedValues[j] - log + order]);
        }
        return sum == 0 ? 0 : powers[Modulo(_field.LogTable[sum] + logProduct, order)];
    }

    private static int Modulo(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
