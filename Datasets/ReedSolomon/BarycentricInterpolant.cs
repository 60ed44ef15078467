namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// The polynomial of degree &lt; k through k points (x_j, y_j) of GF(q), in barycentric form:
/// P(x) = ℓ(x)·Σ_j w_j y_j/(x − x_j) with ℓ(x) = Π_j (x − x_j) and w_j = 1/Π_{i≠j}(x_j − x_i). Building it costs
/// O(k²) field operations and each evaluation O(k), all in the log domain (an addition of logarithms per product).
/// </summary>
public sealed class BarycentricInterpolant
{
    private readonly GaloisField _field;
    private readonly int[] _x;
    private readonly int[] _y;
    private readonly int[] _logWeightedY;

    /// <summary>
    /// The interpolant through (<paramref name="x"/>[j], <paramref name="y"/>[j]); the x must be distinct.
    /// </summary>
    public BarycentricInterpolant(GaloisField field, ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        if (x.Length != y.Length || x.Length == 0)
            throw new ArgumentException("the interpolant needs as many values as points, at least one.", nameof(y));
        _field = field;
        _x = x.ToArray();
        _y = y.ToArray();
        var order = field.Order - 1;
        var logs = field.LogTable;
        _logWeightedY = new int[_x.Length];
        for (var j = 0; j < _x.Length; j++)
        {
            if (_y[j] == 0)
            {
                _logWeightedY[j] = -1;
                continue;
            }
            // log(w_j·y_j) = log y_j − Σ_{i≠j} log(x_j − x_i), reduced mod q − 1.
            var log = 0;
            for (var i = 0; i < _x.Length; i++)
                if (i != j)
                    log += logs[field.Subtract(_x[j], _x[i])];
            _logWeightedY[j] = Modulo(logs[_y[j]] - log, order);
        }
    }

    /// <summary>P(<paramref name="point"/>).</summary>
    public int Evaluate(int point)
    {
        var order = _field.Order - 1;
        var logs = _field.LogTable;
        var powers = _field.ExpTable;
        var logProduct = 0;
        var sum = 0;
        for (var j = 0; j < _x.Length; j++)
        {
            var difference = _field.Subtract(point, _x[j]);
            if (difference == 0)
                return _y[j];
            var log = logs[difference];
            logProduct += log;
            if (_logWeightedY[j] >= 0)
                sum = _field.Add(sum, powers[_logWeightedY[j] - log + order]);
        }
        return sum == 0 ? 0 : powers[Modulo(logs[sum] + logProduct, order)];
    }

    private static int Modulo(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
