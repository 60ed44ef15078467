using Dlm.Datasets.ReedSolomon;

namespace Dlm.Datasets;

/// <summary>
/// The one parser for distribution specs, <c>family:key=value,…</c>:
/// <c>table:PATH</c>, <c>dirichlet:L=,q=,alpha=[,seed=]</c>, <c>product:L=,q=[,seed=]</c>,
/// <c>parity:L=,q=</c>, <c>repetition:L=,q=</c>, <c>markov:L=,q=,stay=</c>, <c>rs:q=,n=,k=</c>
/// (Reed–Solomon over GF(q), q prime or 2^m ≤ 65536, n ≤ q), and the mixtures of the guarantee panel,
/// <c>mix-low-dtc:L=,q=,w=[,seed=]</c> (w·repetition + (1 − w)·product) and <c>mix-low-tc:L=,q=,w=[,seed=]</c>
/// (w·parity + (1 − w)·product), the product law drawn from the seed.
/// </summary>
public static class DistributionSpec
{
    /// <summary>The family names this parser knows.</summary>
    public static IReadOnlyList<string> Families { get; } =
    ["table", "dirichlet", "product", "parity", "repetition", "markov", "rs", "mix-low-dtc", "mix-low-tc"];

    /// <summary>
    /// Builds the distribution that <paramref name="spec"/> names; fails with a message that names the bad part.
    /// </summary>
    public static IDiscreteDistribution Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':');
        var family = (colon < 0 ? spec : spec[..colon]).Trim();
        var rest = colon < 0 ? "" : spec[(colon + 1)..];
        if (family == "table")
        {
            if (rest.Length == 0)
                throw new ArgumentException("'table' needs a path: table:PATH.", nameof(spec));
            return new DenseDistribution(spec, TableFile.Load(rest));
        }
        var args = new SpecArguments(family, rest);
        IDiscreteDistribution distribution = family switch
        {
            "dirichlet" => Dense(
                DenseFamilies.Dirichlet(Length(args), Alphabet(args), args.Double("alpha", 1e-6, 1e6), args.Seed())
            ),
            "product" => Dense(DenseFamilies.Product(Length(args), Alphabet(args), args.Seed())),
            "parity" => Dense(DenseFamilies.Parity(Length(args, 2), Alphabet(args))),
            "repetition" => Dense(DenseFamilies.Repetition(Length(args), Alphabet(args))),
            "markov" => new MarkovChain(Length(args), Alphabet(args), args.Double("stay", 0, 1)),
            "rs" => ReedSolomonSpec(args),
            "mix-low-dtc" => Dense(Mixture(args, DenseFamilies.Repetition)),
            "mix-low-tc" => Dense(Mixture(args, DenseFamilies.Parity)),
            _ => throw new ArgumentException(
                $"unknown distribution family '{family}'; known: {string.Join(", ", Families)}.",
                nameof(spec)
            ),
        };
        args.RejectUnknown();
        return distribution;

        DenseDistribution Dense(Dlm.Theory.JointDistribution joint) => new(spec, joint);
    }

    private static ReedSolomonDistribution ReedSolomonSpec(SpecArguments args)
    {
        var field = GaloisField.Create(args.Int("q", 2, 65536));
        var length = args.Int("n", 1, field.Order);
        return new ReedSolomonDistribution(new ReedSolomonCode(field, length, args.Int("k", 1, length)));
    }

    private static Dlm.Theory.JointDistribution Mixture(
        SpecArguments args,
        Func<int, int, Dlm.Theory.JointDistribution> structured
    )
    {
        var (length, alphabet) = (Length(args, 2), Alphabet(args));
        var weight = args.Double("w", 0, 1);
        return DenseFamilies.Mixture(
            structured(length, alphabet),
            DenseFamilies.Product(length, alphabet, args.Seed()),
            weight
        );
    }

    private static int Length(SpecArguments args, int min = 1) => args.Int("L", min, 4096);

    private static int Alphabet(SpecArguments args) => args.Int("q", 2, 65536);
}
