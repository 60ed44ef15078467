using Dlm.Theory;
using MathNet.Numerics;

namespace Dlm.Datasets;

/// <summary>
/// The symmetric Markov chain of <c>markov:L=,q=,stay=</c> without a table: a uniform first symbol, then each
/// symbol kept with probability s and otherwise moved to one of the other q − 1 uniformly. Its d-step kernel
/// has diagonal a_d = 1/q + (q−1)/q·λ^d and off-diagonal b_d = (1 − a_d)/(q − 1), λ = (q·s − 1)/(q − 1), and
/// every marginal is uniform. So the oracle depends only on the nearest revealed neighbours, and the
/// profile has a closed form: H(X_S) = ln q + Σ over consecutive members of S of h(gap), with
/// h(d) = −a_d ln a_d − (q−1)·b_d ln b_d, and Σ_{|S|=m} counts (L − d)·C(L − d − 1, m − 2) pairs at gap d.
/// </summary>
public sealed class MarkovChain : IDiscreteDistribution
{
    private readonly double _lambda;
    private readonly double[] _diagonal;
    private readonly bool _everyPairJoins;
    private readonly Lazy<JointDistribution?> _joint;

    /// <summary>The chain on [q]^L with stay probability <paramref name="stay"/>.</summary>
    public MarkovChain(int length, int alphabet, double stay)
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, "L must be ≥ 1.");
        if (alphabet < 2)
            throw new ArgumentOutOfRangeException(nameof(alphabet), alphabet, "q must be ≥ 2.");
        if (!(stay >= 0 && stay <= 1))
            throw new ArgumentOutOfRangeException(nameof(stay), stay, "stay must lie in [0, 1].");
        (Length, Alphabet, Stay) = (length, alphabet, stay);
        _lambda = (alphabet * stay - 1) / (alphabet - 1);
        _diagonal = Enumerable
            .Range(0, length)
            .Select(d => 1.0 / alphabet + (alphabet - 1.0) / alphabet * Math.Pow(_lambda, d))
            .ToArray();
        _everyPairJoins = Enumerable.Range(1, length - 1).All(d => Transition(d, 0, 0) > 0 && Transition(d, 0, 1) > 0);
        Spec = FormattableString.Invariant($"markov:L={length},q={alphabet},stay={stay}");
        Profile = EntropyProfile.FromValues(ProfileValues());
        _joint = new Lazy<JointDistribution?>(() =>
            Math.Pow(alphabet, length) <= IDiscreteDistribution.MaxCrossCheckEntries
                ? DenseFamilies.Markov(length, alphabet, stay)
                : null
        );
    }

    /// <inheritdoc/>
    public string Spec { get; }

    /// <inheritdoc/>
    public int Length { get; }

    /// <inheritdoc/>
    public int Alphabet { get; }

    /// <summary>s, the probability of keeping the symbol.</summary>
    public double Stay { get; }

    /// <inheritdoc/>
    public EntropyProfile Profile { get; }

    /// <summary>The dense table for q^L ≤ 2^22; null above that.</summary>
    public JointDistribution? Joint => _joint.Value;

    /// <summary>P^d[u, v], the chance of symbol v d steps after symbol u.</summary>
    public double Transition(int distance, int from, int to)
    {
        var diagonal =
            distance < Length
                ? _diagonal[distance]
                : 1.0 / Alphabet + (Alphabet - 1.0) / Alphabet * Math.Pow(_lambda, distance);
        return from == to ? diagonal : (1 - diagonal) / (Alphabet - 1);
    }

    /// <inheritdoc/>
    public void Sample(Random rng, Span<int> sequence)
    {
        sequence[0] = rng.Next(Alphabet);
        for (var i = 1; i < Length; i++)
        {
            var u = rng.NextDouble();
            if (u < Stay)
                sequence[i] = sequence[i - 1];
            else
            {
                var other = rng.Next(Alphabet - 1);
                sequence[i] = other >= sequence[i - 1] ? other + 1 : other;
            }
        }
    }

    /// <inheritdoc/>
    public void Conditionals(ReadOnlySpan<int> partial, Span<double> probabilities)
    {
        var consistent = Consistent(partial);
        var left = -1;
        for (var i = 0; i < Length; i++)
        {
            Row(partial, i, left, consistent, probabilities.Slice(i * Alphabet, Alphabet));
            if (partial[i] < Alphabet)
                left = i;
        }
    }

    /// <inheritdoc/>
    public void ConditionalsAt(ReadOnlySpan<int> partial, ReadOnlySpan<int> positions, Span<double> probabilities)
    {
        var consistent = Consistent(partial);
        for (var r = 0; r < positions.Length; r++)
        {
            var i = positions[r];
            var left = i - 1;
            while (left >= 0 && partial[left] == Alphabet)
                left--;
            Row(partial, i, left, consistent, probabilities.Slice(r * Alphabet, Alphabet));
        }
    }

    /// <summary>
    /// p(x_i | x_S) from the nearest revealed neighbours: <paramref name="left"/> (−1 for none) and the first revealed
    /// position after i.
    /// </summary>
    private void Row(ReadOnlySpan<int> partial, int i, int left, bool consistent, Span<double> row)
    {
        var q = Alphabet;
        if (partial[i] < q)
        {
            row.Clear();
            row[partial[i]] = 1;
            return;
        }
        var right = i + 1;
        while (right < Length && partial[right] == q)
            right++;
        var total = 0.0;
        for (var a = 0; a < q; a++)
        {
            var w =
                (left >= 0 ? Transition(i - left, partial[left], a) : 1.0)
                * (right < Length ? Transition(right - i, a, partial[right]) : 1.0);
            row[a] = w;
            total += w;
        }
        // A context of probability zero (two revealed symbols the chain cannot join) gets the uniform law.
        for (var a = 0; a < q; a++)
            row[a] = consistent && total > 0 ? row[a] / total : 1.0 / q;
    }

    /// <summary>
    /// Whether every pair of consecutive revealed symbols can be joined by the chain: always, when every d-step
    /// transition is positive.
    /// </summary>
    private bool Consistent(ReadOnlySpan<int> partial)
    {
        if (_everyPairJoins)
            return true;
        var previous = -1;
        for (var i = 0; i < Length; i++)
        {
            if (partial[i] >= Alphabet)
                continue;
            if (previous >= 0 && Transition(i - previous, partial[previous], partial[i]) <= 0)
                return false;
            previous = i;
        }
        return true;
    }

    /// <inheritdoc/>
    public bool InSupport(ReadOnlySpan<int> sequence)
    {
        for (var i = 1; i < Length; i++)
            if (Transition(1, sequence[i - 1], sequence[i]) == 0)
                return false;
        return true;
    }

    /// <inheritdoc/>
    public double? MixtureKl(IRevealKernel kernel) =>
        Joint is { } joint && Theory.MixtureKl.IsFeasible(Length, Alphabet)
            ? Theory.MixtureKl.Compute(joint, kernel)
            : null;

    private double[] ProfileValues()
    {
        var gap = new double[Length];
        for (var d = 1; d < Length; d++)
        {
            var a = Transition(d, 0, 0);
            var b = Transition(d, 0, 1);
            gap[d] = -Information.XLogX(a) - (Alphabet - 1) * Information.XLogX(b);
        }
        var f = new double[Length + 1];
        for (var m = 1; m <= Length; m++)
        {
            var sum = Math.Log(Alphabet);
            for (var d = 1; d < Length && m >= 2; d++)
                if (Length - d - 1 >= m - 2)
                    sum +=
                        (Length - d)
                        * Math.Exp(
                            SpecialFunctions.BinomialLn(Length - d - 1, m - 2) - SpecialFunctions.BinomialLn(Length, m)
                        )
                        * gap[d];
            f[m] = sum;
        }
        return f;
    }
}
