using System.Text.Json.Serialization;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Sampling.Design;

/// <summary>
/// What a <c>minimax</c> design minimises over the atoms a_k, k = 1..L−1; written <c>min</c> and <c>ratio</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DesignObjective>))]
public enum DesignObjective
{
    /// <summary>
    /// The certified constant on min(TC, DTC), sup K·E KL / min(TC, DTC): the worst case over every distribution.
    /// </summary>
    [JsonStringEnumMemberName("min")]
    CertifiedMin,

    /// <summary>
    /// The ratio to the best randomised pool member, max_k E KL(a_k) / min over the randomised pool of E KL(a_k): the
    /// certified R with E KL ≤ R × the best randomised pool member, on every distribution.
    /// </summary>
    [JsonStringEnumMemberName("ratio")]
    RatioToBest,
}

/// <summary>The names of the objectives, as <c>dlm design --objective</c> and design files write them.</summary>
public static class DesignObjectives
{
    /// <summary><c>min</c> or <c>ratio</c>.</summary>
    public static string Name(this DesignObjective objective) =>
        objective == DesignObjective.CertifiedMin ? "min" : "ratio";
}

/// <summary>
/// A randomised mixture over the size laws of <see cref="SizeLawPool"/> whose weights solve a linear program over
/// the atoms: minimise t subject to Σ_i w_i·a_ik ≤ t for every atom k, Σ_i w_i = 1, w ≥ 0, with
/// a_ik = K·E_i(a_k)/min(k, L−k) for <see cref="DesignObjective.CertifiedMin"/> and E_i(a_k)/B_k, B_k the least E(a_k)
/// of a randomised member, for <see cref="DesignObjective.RatioToBest"/> (Σ_i w_i·E_i(a_k) ≤ 0 where B_k = 0). E KL is
/// linear in the atom weights of the profile, so both are certified on every distribution.
/// </summary>
/// <param name="Length">L.</param>
/// <param name="Steps">K.</param>
/// <param name="Objective">What the weights minimise.</param>
/// <param name="Members">The members with positive weight, in pool order.</param>
/// <param name="Certified">The mixture's certified constants, computed from its weighted atom errors.</param>
/// <param name="Ratio">
/// max_k E(a_k)/B_k of the mixture, over the atoms with B_k &gt; 0 (1 where there are none).
/// </param>
public sealed record MinimaxDesign(
    int Length,
    int Steps,
    DesignObjective Objective,
    IReadOnlyList<WeightedSchedule> Members,
    WorstCase.Certified Certified,
    double Ratio
)
{
    /// <summary>Weights below this are solver noise: they are dropped and the rest renormalised.</summary>
    private const double NegligibleWeight = 1e-9;

    /// <summary>The design at L = <paramref name="length"/> and K = <paramref name="steps"/>.</summary>
    public static MinimaxDesign Solve(int length, int steps, DesignObjective objective)
    {
        var pool = SizeLawPool.For(length, steps);
        var best = BestRandomised(pool, length);
        var weights = length == 1 ? [1.0] : SolveWeights(pool, Coefficients(pool, best, length, steps, objective));
        var total = weights.Where(w => w > NegligibleWeight).Sum();
        var members = pool.Zip(weights)
            .Where(p => p.Second > NegligibleWeight)
            .Select(p => new WeightedSchedule(p.First.Schedule, p.Second / total))
            .ToList();
        return Of(length, steps, objective, members, best);
    }

    /// <summary>
    /// The design with the given members and weights (a design file), its constants and ratio recomputed exactly.
    /// </summary>
    public static MinimaxDesign Of(
        int length,
        int steps,
        DesignObjective objective,
        IReadOnlyList<WeightedSchedule> members
    )
    {
        if (members.Any(m => m.Schedule.Length != length || m.Schedule.Steps > steps))
            throw new ArgumentException(
                $"every member must have L = {length} and at most K = {steps} steps.",
                nameof(members)
            );
        return Of(length, steps, objective, members, BestRandomised(SizeLawPool.For(length, steps), length));
    }

    private static MinimaxDesign Of(
        int length,
        int steps,
        DesignObjective objective,
        IReadOnlyList<WeightedSchedule> members,
        double[] best
    )
    {
        var errors = new MixtureSchedule("minimax", members).AtomErrors();
        var ratios = errors.Zip(best).Where(p => p.Second > 0).Select(p => p.First / p.Second).ToList();
        return new MinimaxDesign(
            length,
            steps,
            objective,
            members,
            WorstCase.Certify(steps, errors),
            ratios.Count == 0 ? 1 : ratios.Max()
        );
    }

    /// <summary>The design as a schedule: the mixture of its members, run by its one-step marginals.</summary>
    public ISizeSchedule Schedule(string name = "minimax") => new MixtureSchedule(name, Members);

    /// <summary>
    /// B_k = min over randomised members of E(a_k); over every member at K = 1, where none is random.
    /// </summary>
    private static double[] BestRandomised(IReadOnlyList<PoolMember> pool, int length)
    {
        var randomised = pool.Where(m => m.Randomised).ToList();
        var reference = randomised.Count > 0 ? randomised : pool;
        return Enumerable.Range(0, length - 1).Select(k => reference.Min(m => m.AtomErrors[k])).ToArray();
    }

    /// <summary>a_ik, and whether row k bounds t (false: the row must be ≤ 0).</summary>
    private static (double[][] Rows, bool[] Bounded) Coefficients(
        IReadOnlyList<PoolMember> pool,
        double[] best,
        int length,
        int steps,
        DesignObjective objective
    )
    {
        var rows = new double[length - 1][];
        var bounded = new bool[length - 1];
        for (var k = 1; k < length; k++)
        {
            var scale = objective switch
            {
                DesignObjective.CertifiedMin => (double)steps / Math.Min(k, length - k),
                _ => best[k - 1] > 0 ? 1 / best[k - 1] : 1,
            };
            rows[k - 1] = pool.Select(m => m.AtomErrors[k - 1] * scale).ToArray();
            bounded[k - 1] = objective == DesignObjective.CertifiedMin || best[k - 1] > 0;
        }
        return (rows, bounded);
    }

    private static double[] SolveWeights(IReadOnlyList<PoolMember> pool, (double[][] Rows, bool[] Bounded) program)
    {
        using var master = new MinimaxMaster(program.Bounded);
        for (var i = 0; i < pool.Count; i++)
            master.AddLaw(program.Rows.Select(row => row[i]).ToArray());
        return master.Solve().Columns;
    }
}
