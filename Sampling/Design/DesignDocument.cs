using System.Text.Json;
using System.Text.Json.Serialization;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Sampling.Design;

/// <summary>Certified constants as written: sup K·E KL over TC, DTC, min(TC, DTC) and TC + DTC.</summary>
public sealed record CertifiedConstants(double Tc, double Dtc, double Min, double Sum)
{
    /// <summary>The constants of <paramref name="certified"/>.</summary>
    public static CertifiedConstants Of(WorstCase.Certified certified) =>
        new(certified.Tc.Constant, certified.Dtc.Constant, certified.Min.Constant, certified.Sum.Constant);
}

/// <summary>A schedule's name with its certified constants.</summary>
public sealed record ScheduleCertificate(string Name, CertifiedConstants Certified);

/// <summary>One member of a design as written: its weight and its law (one of grid, sizes or block).</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Weight">w_i.</param>
/// <param name="Grid">The reveal grid of an i.i.d. member.</param>
/// <param name="Sizes">The sizes of a deterministic member.</param>
/// <param name="Block">The block of an offset-blocks member.</param>
public sealed record DesignMemberLaw(
    string Name,
    double Weight,
    double[]? Grid = null,
    int[]? Sizes = null,
    int? Block = null
);

/// <summary>The mixture of a design as written.</summary>
public sealed record MinimaxLaw(
    string Objective,
    IReadOnlyList<DesignMemberLaw> Members,
    CertifiedConstants Certified,
    double Ratio
);

/// <summary>
/// What <c>dlm design</c> writes: the certified constants of every catalogue schedule at (L, K) and the
/// <c>minimax</c> mixture with its members' laws, so that <c>--design FILE</c> rebuilds exactly this schedule.
/// </summary>
public sealed record DesignDocument(
    int Length,
    int Steps,
    IReadOnlyList<ScheduleCertificate> Schedules,
    MinimaxLaw Minimax
)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The document of <paramref name="design"/>, with every agnostic catalogue schedule and twin.</summary>
    public static DesignDocument Of(MinimaxDesign design) =>
        new(
            design.Length,
            design.Steps,
            ScheduleCatalog
                .Variants(design.Length, design.Steps)
                .Where(v => v.Entry.IsAgnostic && v.Entry.Law is null)
                .Select(v => v.Create(design.Length, design.Steps))
                .Select(s => new ScheduleCertificate(
                    s.Name,
                    CertifiedConstants.Of(WorstCase.Certify(design.Steps, s.AtomErrors()))
                ))
                .ToList(),
            new MinimaxLaw(
                design.Objective.ToString().ToLowerInvariant(),
                design.Members.Select(m => LawOf(m.Schedule, m.Weight)).ToList(),
                CertifiedConstants.Of(design.Certified),
                design.Ratio
            )
        );

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>
    /// The design in the file at <paramref name="path"/>, for L = <paramref name="length"/> and
    /// K = <paramref name="steps"/>; a file for another (L, K) or with a malformed member is refused.
    /// </summary>
    public static MinimaxDesign Load(string path, int length, int steps)
    {
        if (!File.Exists(path))
            throw new ArgumentException(
                $"design '{path}' does not exist; write one with dlm design --out.",
                nameof(path)
            );
        DesignDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<DesignDocument>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"design '{path}' is not a design file: {e.Message}", nameof(path), e);
        }
        if (document?.Minimax?.Members is not { Count: > 0 } members)
            throw new ArgumentException($"design '{path}' has no minimax members.", nameof(path));
        if (document.Length != length || document.Steps != steps)
            throw new ArgumentException(
                $"design '{path}' is for L = {document.Length}, K = {document.Steps}; this run has L = {length}, "
                    + $"K = {steps}.",
                nameof(path)
            );
        if (!Enum.TryParse<DesignObjective>(document.Minimax.Objective, ignoreCase: true, out var objective))
            throw new ArgumentException(
                $"design '{path}': objective '{document.Minimax.Objective}' is not min or ratio.",
                nameof(path)
            );
        try
        {
            return MinimaxDesign.Of(
                length,
                steps,
                objective,
                members.Select(m => new DesignMember(ScheduleOf(m, length, steps), m.Weight)).ToList()
            );
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"design '{path}': {e.Message}", nameof(path), e);
        }
    }

    private static DesignMemberLaw LawOf(ISizeSchedule schedule, double weight) =>
        schedule switch
        {
            IidRevealSchedule iid => new(iid.Name, weight, Grid: iid.Grid.ToArray()),
            DeterministicSchedule fixedSizes => new(fixedSizes.Name, weight, Sizes: fixedSizes.Sizes.ToArray()),
            OffsetBlockSchedule blocks => new(blocks.Name, weight, Block: blocks.Block),
            _ => throw new ArgumentException($"a design cannot hold {schedule.Name}.", nameof(schedule)),
        };

    private static ISizeSchedule ScheduleOf(DesignMemberLaw law, int length, int steps) =>
        law switch
        {
            { Grid: { } grid, Sizes: null, Block: null } => new IidRevealSchedule(
                law.Name,
                length,
                grid,
                p => new(BoundKind.B0, p.Tc)
            ),
            { Sizes: { } sizes, Grid: null, Block: null } when sizes.Sum() == length => new DeterministicSchedule(
                law.Name,
                sizes
            ),
            { Block: { } block, Grid: null, Sizes: null } => new OffsetBlockSchedule(length, steps, block),
            _ => throw new ArgumentException(
                $"member '{law.Name}' needs exactly one of grid, sizes (summing to L = {length}) or block."
            ),
        };
}
