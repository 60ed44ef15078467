using Dlm.Theory;
using MathNet.Numerics.Distributions;

namespace Dlm.Datasets;

/// <summary>The dense families: small joints with known structure, built as tables over [q]^L.</summary>
public static class DenseFamilies
{
    /// <summary>p ~ Dirichlet(α, …, α) over all q^L sequences: sparse for small α, near uniform for large α.</summary>
    public static JointDistribution Dirichlet(int length, int alphabet, double alpha, ulong seed)
    {
        var size = JointDistribution.TableSize(length, alphabet);
        if (!(alpha > 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be finite and > 0.");
        var rng = new RandomStreams(seed).Stream("dirichlet");
        var gamma = new Gamma(alpha, 1.0, rng);
        var weights = new double[size];
        for (var i = 0; i < size; i++)
            weights[i] = gamma.Sample();
        // A tiny α can underflow every draw; the largest then takes all the mass.
        if (weights.Sum() == 0)
            weights[rng.Next(size)] = 1;
        return JointDistribution.Normalize(length, alphabet, weights);
    }

    /// <summary>Independent coordinates with Dirichlet(1) marginals: TC = DTC = 0.</summary>
    public static JointDistribution Product(int length, int alphabet, ulong seed)
    {
        var size = JointDistribution.TableSize(length, alphabet);
        var rng = new RandomStreams(seed).Stream("product");
        var marginals = Enumerable
            .Range(0, length)
            .Select(_ =>
                MathNet.Numerics.Distributions.Dirichlet.Sample(rng, Enumerable.Repeat(1.0, alphabet).ToArray())
            )
            .ToArray();
        return Tabulate(
            length,
            alphabet,
            size,
            x =>
            {
                var p = 1.0;
                for (var i = 0; i < length; i++)
                    p *= marginals[i][x[i]];
                return p;
            }
        );
    }

    /// <summary>Uniform x_1..x_{L−1}; x_L makes the sum 0 mod q.</summary>
    public static JointDistribution Parity(int length, int alphabet)
    {
        if (length < 2)
            throw new ArgumentOutOfRangeException(nameof(length), length, "parity needs L ≥ 2.");
        var size = JointDistribution.TableSize(length, alphabet);
        return Tabulate(length, alphabet, size, x => x.Sum() % alphabet == 0 ? 1 : 0);
    }

    /// <summary>L copies of one uniform symbol.</summary>
    public static JointDistribution Repetition(int length, int alphabet)
    {
        var size = JointDistribution.TableSize(length, alphabet);
        return Tabulate(length, alphabet, size, x => x.All(v => v == x[0]) ? 1 : 0);
    }

    /// <summary>
    /// A uniform first symbol; then each symbol is kept with probability <paramref name="stay"/>, and
    /// otherwise moves to one of the other q − 1 symbols uniformly.
    /// </summary>
    public static JointDistribution Markov(int length, int alphabet, double stay)
    {
        if (!(stay >= 0 && stay <= 1))
            throw new ArgumentOutOfRangeException(nameof(stay), stay, "stay must lie in [0, 1].");
        var size = JointDistribution.TableSize(length, alphabet);
        var move = (1 - stay) / (alphabet - 1);
        return Tabulate(
            length,
            alphabet,
            size,
            x =>
            {
                var p = 1.0 / alphabet;
                for (var i = 1; i < length; i++)
                    p *= x[i] == x[i - 1] ? stay : move;
                return p;
            }
        );
    }

    /// <summary>
    /// w·p_a + (1 − w)·p_b, entrywise over [q]^L. With a repetition code and a product law it has strong but simple
    /// dependence (low DTC); with a parity code and a product law, dependence only at the top order (low TC).
    /// </summary>
    public static JointDistribution Mixture(JointDistribution first, JointDistribution second, double weight)
    {
        if (first.Length != second.Length || first.Alphabet != second.Alphabet)
            throw new ArgumentException(
                $"the mixture's parts must share L and q; they have (L, q) = ({first.Length}, {first.Alphabet}) and "
                    + $"({second.Length}, {second.Alphabet}).",
                nameof(second)
            );
        if (!(weight >= 0 && weight <= 1))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "the weight w must lie in [0, 1].");
        var mixed = first.ToArray().Zip(second.ToArray(), (a, b) => weight * a + (1 - weight) * b).ToArray();
        return JointDistribution.Normalize(first.Length, first.Alphabet, mixed);
    }

    private static JointDistribution Tabulate(int length, int alphabet, int size, Func<int[], double> weight)
    {
        var weights = new double[size];
        var x = new int[length];
        for (var index = 0; index < size; index++)
        {
            var rest = index;
            for (var i = length - 1; i >= 0; i--, rest /= alphabet)
                x[i] = rest % alphabet;
            weights[index] = weight(x);
        }
        return JointDistribution.Normalize(length, alphabet, weights);
    }
}
