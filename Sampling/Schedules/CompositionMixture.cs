using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>One composition of a <see cref="CompositionMixture"/> and its weight.</summary>
/// <param name="Sizes">s_1..s_J, each ≥ 1, summing to L.</param>
/// <param name="Weight">w ≥ 0; the weights sum to 1.</param>
public sealed record WeightedComposition(int[] Sizes, double Weight);

/// <summary>
/// An agnostic law given by its law over compositions: with probability w_j the sizes are s_j = (s_j1..s_jJ), drawn
/// once, before sampling. It runs as the Markov law with the same one-step marginals,
/// P(s | k, m) = Σ_{j: M_j(k−1) = m} w_j·1{s_jk = s} / Σ_{j: M_j(k−1) = m} w_j, M_j the prefix sums (size 0 after a
/// composition's last part). Identity A and the atom errors depend on the law of (m_{k−1}, s_k) only, so E KL, E[NFE]
/// and E KL(a_k) are exactly the weighted ones, and every exact tool (the output law, the codeword rate) stays exact
/// for what is sampled.
/// </summary>
public sealed class CompositionMixture : ISizeSchedule
{
    private readonly WeightedComposition[] _members;
    private readonly Dictionary<(int Step, int Revealed), SizeWeight[]> _laws;
    private readonly Func<EntropyProfile, ProvenBound>? _bound;

    /// <summary>
    /// The mixture <paramref name="name"/> of <paramref name="members"/>, each of at most <paramref name="steps"/>
    /// parts; its bound is <paramref name="bound"/>, or else its certified B8.
    /// </summary>
    public CompositionMixture(
        string name,
        IReadOnlyList<WeightedComposition> members,
        int steps,
        Func<EntropyProfile, ProvenBound>? bound = null
    )
    {
        if (members.Count == 0)
            throw new ArgumentException("a mixture needs at least one composition.", nameof(members));
        var length = members[0].Sizes.Sum();
        foreach (var member in members)
        {
            if (member.Sizes.Length == 0 || member.Sizes.Any(s => s < 1) || member.Sizes.Sum() != length)
                throw new ArgumentException(
                    $"composition [{string.Join(", ", member.Sizes)}] must have parts ≥ 1 summing to L = {length}.",
                    nameof(members)
                );
            if (member.Sizes.Length > steps)
                throw new ArgumentException(
                    $"composition [{string.Join(", ", member.Sizes)}] has more than K = {steps} parts.",
                    nameof(members)
                );
        }
        if (members.Any(m => !(m.Weight >= 0)) || Math.Abs(members.Sum(m => m.Weight) - 1) > 1e-9)
            throw new ArgumentException("composition weights must be ≥ 0 and sum to 1 within 1e-9.", nameof(members));
        Name = name;
        _members = members.ToArray();
        _bound = bound;
        _laws = Marginals(_members, length, steps);
        Kernel = new MarginalKernel(_laws, length, steps);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The compositions and their weights.</summary>
    public IReadOnlyList<WeightedComposition> Members => _members;

    /// <inheritdoc/>
    public int Length => Kernel.Length;

    /// <inheritdoc/>
    public int Steps => Kernel.Steps;

    /// <inheritdoc/>
    public IRevealKernel Kernel { get; }

    /// <inheritdoc/>
    public ExpectedKl.ScheduleError Error(EntropyProfile profile)
    {
        var errors = _members.Select(m => (m.Weight, Error: ExpectedKl.Deterministic(profile, m.Sizes))).ToArray();
        return new ExpectedKl.ScheduleError(
            errors.Sum(e => e.Weight * e.Error.ExpectedKl),
            errors.Sum(e => e.Weight * e.Error.MeanNfe),
            new Lazy<double[]>(() => ExpectedKl.Markov(profile, Kernel).NfeLaw.Value)
        );
    }

    /// <inheritdoc/>
    public ProvenBound Bound(EntropyProfile profile) =>
        _bound?.Invoke(profile)
        ?? new(BoundKind.B8, WorstCase.Certify(Steps, AtomErrors()).Bound(Steps, profile.Tc, profile.Dtc));

    /// <inheritdoc/>
    public double[] AtomErrors()
    {
        var errors = new double[Length - 1];
        foreach (var member in _members)
        {
            var atoms = Theory.AtomErrors.OfSizes(member.Sizes);
            for (var k = 0; k < errors.Length; k++)
                errors[k] += member.Weight * atoms[k];
        }
        return errors;
    }

    /// <summary>P(· | k, m) at every state some composition reaches with positive weight.</summary>
    private static Dictionary<(int, int), SizeWeight[]> Marginals(WeightedComposition[] members, int length, int steps)
    {
        var mass = new Dictionary<(int, int), Dictionary<int, double>>();
        foreach (var member in members.Where(m => m.Weight > 0))
        {
            var revealed = 0;
            for (var k = 1; k <= steps; k++)
            {
                var size = k <= member.Sizes.Length ? member.Sizes[k - 1] : 0;
                if (!mass.TryGetValue((k, revealed), out var sizes))
                    mass[(k, revealed)] = sizes = [];
                sizes[size] = sizes.GetValueOrDefault(size) + member.Weight;
                revealed += size;
            }
        }
        return mass.ToDictionary(
            e => e.Key,
            e =>
            {
                var total = e.Value.Values.Sum();
                return e.Value.OrderBy(p => p.Key).Select(p => new SizeWeight(p.Key, p.Value / total)).ToArray();
            }
        );
    }

    private sealed class MarginalKernel(Dictionary<(int, int), SizeWeight[]> laws, int length, int steps)
        : IRevealKernel
    {
        public int Length => length;

        public int Steps => steps;

        // A state no composition reaches is never queried by the sampler or the forward passes; any valid law will do.
        public SizeWeight[] Law(int step, int revealed) =>
            laws.TryGetValue((step, revealed), out var law) ? law : [new SizeWeight(length - revealed, 1.0)];
    }
}
