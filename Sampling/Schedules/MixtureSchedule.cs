using System.Collections.Concurrent;
using Dlm.Theory;

namespace Dlm.Sampling.Schedules;

/// <summary>One member of a <see cref="MixtureSchedule"/>.</summary>
/// <param name="Schedule">The member's size law.</param>
/// <param name="Weight">Its weight w_i ≥ 0; the weights sum to 1.</param>
public sealed record WeightedSchedule(ISizeSchedule Schedule, double Weight);

/// <summary>
/// A randomised mixture Σ_i w_i π_i of size laws, run as the Markov size law with the same one-step marginals,
/// P̃(s | k, m) = Σ_i w_i P_i(m_{k−1} = m) P_i(s | k, m) / Σ_i w_i P_i(m_{k−1} = m). Identity B and the excess law
/// of an MDS code depend on the law of (m_{k−1}, s_k) only, so E KL, E[NFE], the atom errors and the certified
/// constants are exactly the weighted ones, Σ_i w_i E_i; and the kernel is the law the sampler draws, so every exact
/// tool (the output law, the codeword rate) stays exact for what is sampled.
/// </summary>
public sealed class MixtureSchedule : ISizeSchedule
{
    private readonly WeightedSchedule[] _members;
    private readonly Lazy<double[][]>[] _revealed;

    /// <summary>
    /// The mixture <paramref name="name"/> of <paramref name="members"/>, under its certified bound (B8).
    /// </summary>
    public MixtureSchedule(string name, IReadOnlyList<WeightedSchedule> members)
    {
        if (members.Count == 0)
            throw new ArgumentException("a mixture needs at least one member.", nameof(members));
        if (members.Any(m => !(m.Weight >= 0)) || Math.Abs(members.Sum(m => m.Weight) - 1) > 1e-9)
            throw new ArgumentException("member weights must be ≥ 0 and sum to 1 within 1e-9.", nameof(members));
        var length = members[0].Schedule.Length;
        if (members.Any(m => m.Schedule.Length != length))
            throw new ArgumentException("every member must have the same L.", nameof(members));
        Name = name;
        _members = members.ToArray();
        _revealed = _members
            .Select(m => new Lazy<double[][]>(() => RevealKernel.RevealedLaws(m.Schedule.Kernel)))
            .ToArray();
        Kernel = new MarginalKernel(this, length, _members.Max(m => m.Schedule.Steps));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The members and their weights.</summary>
    public IReadOnlyList<WeightedSchedule> Members => _members;

    /// <inheritdoc/>
    public int Length => Kernel.Length;

    /// <inheritdoc/>
    public int Steps => Kernel.Steps;

    /// <inheritdoc/>
    public IRevealKernel Kernel { get; }

    /// <inheritdoc/>
    public ExpectedKl.ScheduleError Error(EntropyProfile profile)
    {
        var errors = _members.Select(m => (m.Weight, Error: m.Schedule.Error(profile))).ToArray();
        return new ExpectedKl.ScheduleError(
            errors.Sum(e => e.Weight * e.Error.ExpectedKl),
            errors.Sum(e => e.Weight * e.Error.MeanNfe),
            new Lazy<double[]>(() => ExpectedKl.Markov(profile, Kernel).NfeLaw.Value)
        );
    }

    /// <inheritdoc/>
    public ProvenBound Bound(EntropyProfile profile) =>
        new(BoundKind.B8, WorstCase.Certify(Steps, AtomErrors()).Bound(Steps, profile.Tc, profile.Dtc));

    /// <inheritdoc/>
    public double[] AtomErrors()
    {
        var errors = new double[Length - 1];
        foreach (var member in _members)
        {
            var atoms = member.Schedule.AtomErrors();
            for (var k = 0; k < errors.Length; k++)
                errors[k] += member.Weight * atoms[k];
        }
        return errors;
    }

    /// <summary>P̃(· | k, m), built on first use: the members' laws weighted by w_i·P_i(m_{k−1} = m).</summary>
    private SizeWeight[] MarginalLaw(int step, int revealed)
    {
        var mass = new double[Length - revealed + 1];
        var total = 0.0;
        for (var i = 0; i < _members.Length; i++)
        {
            var member = _members[i].Schedule;
            var reach = _members[i].Weight * _revealed[i].Value[Math.Min(step - 1, member.Steps)][revealed];
            if (reach <= 0)
                continue;
            total += reach;
            if (step > member.Steps)
                mass[0] += reach;
            else
                foreach (var atom in member.Kernel.Law(step, revealed))
                    mass[atom.Size] += reach * atom.Weight;
        }
        // A state no member reaches is never queried by the sampler or the forward passes; any valid law will do.
        if (total <= 0)
            return [new SizeWeight(Length - revealed, 1.0)];
        return mass.Select((w, s) => new SizeWeight(s, w / total)).Where(a => a.Weight > 0).ToArray();
    }

    private sealed class MarginalKernel(MixtureSchedule mixture, int length, int steps) : IRevealKernel
    {
        private readonly ConcurrentDictionary<(int, int), SizeWeight[]> _laws = new();

        public int Length => length;

        public int Steps => steps;

        public SizeWeight[] Law(int step, int revealed) =>
            _laws.GetOrAdd((step, revealed), key => mixture.MarginalLaw(key.Item1, key.Item2));
    }
}
