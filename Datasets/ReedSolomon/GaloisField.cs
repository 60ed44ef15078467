namespace Dlm.Datasets.ReedSolomon;

/// <summary>
/// A finite field GF(q): a prime field GF(p), or a binary extension field GF(2^m) for m ≤ 16 built on an
/// irreducible polynomial. Elements are the integers 0..q−1 (for GF(2^m), bit i is the coefficient of x^i).
/// Multiplication goes through log/antilog tables of a generator of the multiplicative group.
/// </summary>
public sealed class GaloisField
{
    /// <summary>Default primitive polynomials for GF(2^m), m = 1..16 (bit i is the coefficient of x^i).</summary>
    private static readonly int[] DefaultPolynomials =
    [
        0,
        0x3,
        0x7,
        0xB,
        0x13,
        0x25,
        0x43,
        0x89,
        0x11D,
        0x211,
        0x409,
        0x805,
        0x1053,
        0x201B,
        0x4443,
        0x8003,
        0x1100B,
    ];

    private readonly int[] _exp;
    private readonly int[] _log;

    private GaloisField(int order, int characteristic, int polynomial)
    {
        Order = order;
        Characteristic = characteristic;
        Polynomial = polynomial;
        var generator = FindGenerator();
        _exp = new int[2 * (order - 1)];
        _log = new int[order];
        var x = 1;
        for (var i = 0; i < order - 1; i++)
        {
            _exp[i] = _exp[i + order - 1] = x;
            _log[x] = i;
            x = SlowMultiply(x, generator);
        }
    }

    /// <summary>q, the number of elements.</summary>
    public int Order { get; }

    /// <summary>p, the characteristic (2 for binary fields).</summary>
    public int Characteristic { get; }

    /// <summary>The modulus polynomial of GF(2^m); 0 for prime fields.</summary>
    public int Polynomial { get; }

    /// <summary>
    /// GF(q) for a prime q, or for q = 2^m with 1 ≤ m ≤ 16 (optionally with a given irreducible polynomial of degree
    /// m).
    /// </summary>
    public static GaloisField Create(int order, int? polynomial = null)
    {
        if (order < 2 || order > 65536)
            throw new ArgumentOutOfRangeException(
                nameof(order),
                order,
                "q must be a prime or a power of two in [2, 65536]."
            );
        if (IsPrime(order))
        {
            if (polynomial is not null)
                throw new ArgumentException(
                    $"GF({order}) is a prime field; it takes no polynomial.",
                    nameof(polynomial)
                );
            return new GaloisField(order, order, 0);
        }
        if ((order & (order - 1)) != 0)
            throw new ArgumentOutOfRangeException(
                nameof(order),
                order,
                "q must be a prime or a power of two in [2, 65536]."
            );
        var degree = System.Numerics.BitOperations.Log2((uint)order);
        var modulus = polynomial ?? DefaultPolynomials[degree];
        if (modulus >> degree != 1 || !IsIrreducible(modulus, degree))
            throw new ArgumentException(
                $"0x{modulus:X} is not an irreducible polynomial of degree {degree} over GF(2).",
                nameof(polynomial)
            );
        return new GaloisField(order, 2, modulus);
    }

    /// <summary>a + b.</summary>
    public int Add(int a, int b) => Characteristic == 2 ? a ^ b : (a + b) % Order;

    /// <summary>a − b.</summary>
    public int Subtract(int a, int b) => Characteristic == 2 ? a ^ b : (a - b + Order) % Order;

    /// <summary>a · b, through the log tables.</summary>
    public int Multiply(int a, int b) => a == 0 || b == 0 ? 0 : _exp[_log[a] + _log[b]];

    /// <summary>The discrete logarithm of a ≠ 0 to the field's generator, in [0, q − 1).</summary>
    public int Log(int a) =>
        a == 0 ? throw new ArgumentOutOfRangeException(nameof(a), a, "0 has no logarithm.") : _log[a];

    /// <summary>The generator to the power e, for e in [0, 2(q − 1)).</summary>
    public int Exp(int exponent) => _exp[exponent];

    /// <summary>The logarithm table (entry 0 unused), for loops that cannot afford a call per product.</summary>
    internal ReadOnlySpan<int> LogTable => _log;

    /// <summary>The power table over [0, 2(q − 1)).</summary>
    internal ReadOnlySpan<int> ExpTable => _exp;

    /// <summary>a^(−1) for a ≠ 0.</summary>
    public int Inverse(int a) =>
        a == 0
            ? throw new DivideByZeroException("0 has no inverse in a field.")
            : _exp[(Order - 1 - _log[a]) % (Order - 1)];

    /// <summary>a / b for b ≠ 0.</summary>
    public int Divide(int a, int b) => Multiply(a, Inverse(b));

    /// <summary>a^e for e ≥ 0.</summary>
    public int Power(int a, int exponent) =>
        exponent == 0 ? 1
        : a == 0 ? 0
        : _exp[(int)((long)_log[a] * exponent % (Order - 1))];

    /// <summary>The multiplicative order of a ≠ 0: the least e ≥ 1 with a^e = 1.</summary>
    public int MultiplicativeOrder(int a)
    {
        var e = 1;
        for (var x = a; x != 1; x = Multiply(x, a))
            e++;
        return e;
    }

    private int SlowMultiply(int a, int b)
    {
        if (Characteristic != 2)
            return (int)((long)a * b % Order);
        var product = 0;
        var degree = System.Numerics.BitOperations.Log2((uint)Order);
        for (; b != 0; b >>= 1)
        {
            if ((b & 1) != 0)
                product ^= a;
            a <<= 1;
            if ((a >> degree) != 0)
                a ^= Polynomial;
        }
        return product;
    }

    /// <summary>The smallest element whose powers reach all q − 1 non-zero elements.</summary>
    private int FindGenerator()
    {
        if (Order == 2)
            return 1;
        for (var g = 2; g < Order; g++)
        {
            var (x, period) = (g, 1);
            for (; x != 1; period++)
                x = SlowMultiply(x, g);
            if (period == Order - 1)
                return g;
        }
        throw new InvalidOperationException($"GF({Order}) has no generator; the modulus is not irreducible.");
    }

    private static bool IsPrime(int n)
    {
        if (n < 2)
            return false;
        for (var d = 2; d * d <= n; d++)
            if (n % d == 0)
                return false;
        return true;
    }

    /// <summary>Trial division by every polynomial of degree 1..m/2 over GF(2).</summary>
    private static bool IsIrreducible(int polynomial, int degree)
    {
        for (var divisor = 2; System.Numerics.BitOperations.Log2((uint)divisor) <= degree / 2; divisor++)
            if (Remainder(polynomial, divisor) == 0)
                return false;
        return true;
    }

    private static int Remainder(int a, int b)
    {
        var db = System.Numerics.BitOperations.Log2((uint)b);
        for (
            var da = System.Numerics.BitOperations.Log2((uint)a);
            a != 0 && da >= db;
            da = System.Numerics.BitOperations.Log2((uint)a)
        )
            a ^= b << (da - db);
        return a;
    }
}
