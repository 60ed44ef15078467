namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// The polynomial of degree &lt; k through the codeword symbols y_j at k code positions J, in barycentric form:
/// P(x) = ℓ(x)·Σ_j w_j y_j/(x − x_j) with ℓ(x) = Π_j (x − x_j) and w_j = 1/Π_{i≠j}(x_j − x_i). Every product is a sum
/// of logarithms read from the field's log table (q entries, so it stays in cache), so building it costs k² additions
/// and each evaluation at a code position O(k).
/// </summary>
public sealed class BarycentricInterpolant
{
    private readonly GaloisField _field;
    private readonly IReadOnlyList<int> _points;
    private readonly int[] _abscissas;
    private readonly int[] _values;
    private readonly int[] _logWeightedValues;
    private readonly int[] _member;

    /// <summary>
    /// The interpolant through <paramref name="values"/> at the distinct code <paramref name="positions"/>, where code
    /// position a is the field element <paramref name="points"/>[a].
    /// </summary>
    public BarycentricInterpolant(
        GaloisField field,
        IReadOnlyList<int> points,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<int> values
    )
    {
        if (positions.Length != values.Length || positions.Length == 0)
            throw new ArgumentException(
                "the interpolant needs as many values as positions, at least one.",
                nameof(values)
            );
        (_field, _points) = (field, points);
        _values = values.ToArray();
        _abscissas = new int[positions.Length];
        _member = new int[points.Count];
        Array.Fill(_member, -1);
        for (var j = 0; j < positions.Length; j++)
        {
            _abscissas[j] = points[positions[j]];
            _member[positions[j]] = j;
        }
        var order = field.Order - 1;
        var logs = field.LogTable;
        _logWeightedValues = new int[positions.Length];
        for (var j = 0; j < positions.Length; j++)
        {
            if (_values[j] == 0)
            {
                _logWeightedValues[j] = -1;
                continue;
            }
            // log(w_j·y_j) = log y_j − Σ_{i≠j} log(x_j − x_i), reduced mod q − 1.
            var log = 0;
            for (var i = 0; i < positions.Length; i++)
            {
                if (i != j)
                    log += logs[field.Subtract(_abscissas[j], _abscissas[i])];
            }
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
        var logs = _field.LogTable;
        var x = _points[position];
        var logProduct = 0;
        var sum = 0;
        for (var j = 0; j < _abscissas.Length; j++)
        {
            var log = logs[_field.Subtract(x, _abscissas[j])];
            logProduct += log;
            if (_logWeightedValues[j] >= 0)
                sum = _field.Add(sum, powers[_logWeightedValues[j] - log + order]);
        }
        return sum == 0 ? 0 : powers[Modulo(logs[sum] + logProduct, order)];
    }

    private static int Modulo(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
