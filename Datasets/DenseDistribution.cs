using Dlm.Theory;

namespace Dlm.Datasets;

/// <summary>A distribution given by its dense table; sampling by inverse CDF, the oracle by summation.</summary>
public sealed class DenseDistribution : IDiscreteDistribution
{
    private readonly double[] _cumulative;
    private readonly Lazy<EntropyProfile> _profile;

    /// <summary>Wraps <paramref name="joint"/>; <paramref name="spec"/> names it.</summary>
    public DenseDistribution(string spec, JointDistribution joint)
    {
        Spec = spec;
        Joint = joint;
        _cumulative = new double[joint.Size];
        var total = 0.0;
        for (var i = 0; i < joint.Size; i++)
        {
            total += joint[i];
            _cumulative[i] = total;
        }
        _profile = new Lazy<EntropyProfile>(() => EntropyProfile.Of(joint));
    }

    /// <inheritdoc/>
    public string Spec { get; }

    /// <inheritdoc/>
    public JointDistribution Joint { get; }

    JointDistribution? IDiscreteDistribution.Joint => Joint;

    /// <inheritdoc/>
    public int Length => Joint.Length;

    /// <inheritdoc/>
    public int Alphabet => Joint.Alphabet;

    /// <inheritdoc/>
    public EntropyProfile Profile => _profile.Value;

    /// <inheritdoc/>
    public void Sample(Random rng, Span<int> sequence)
    {
        // The first index whose cumulative mass exceeds u: always an entry of positive probability.
        var u = rng.NextDouble() * _cumulative[^1];
        Joint.Decode(CategoricalInversion.Search(_cumulative, u)).CopyTo(sequence);
    }

    /// <inheritdoc/>
    public bool InSupport(ReadOnlySpan<int> sequence) => Joint[Joint.Index(sequence.ToArray())] > 0;

    /// <inheritdoc/>
    public double? MixtureKl(IRevealKernel kernel) =>
        Theory.MixtureKl.IsFeasible(Length, Alphabet) ? Theory.MixtureKl.Compute(Joint, kernel) : null;

    /// <inheritdoc/>
    public void Conditionals(ReadOnlySpan<int> partial, Span<double> probabilities) =>
        Joint.Conditionals(partial, probabilities);

    /// <inheritdoc/>
    public void ConditionalsAt(ReadOnlySpan<int> partial, ReadOnlySpan<int> positions, Span<double> probabilities) =>
        Joint.ConditionalsAt(partial, positions, probabilities);
}
