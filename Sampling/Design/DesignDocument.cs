using System.Text.Json;
using System.Text.Json.Serialization;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Sampling.Design;

/// <summary>A schedule's name with its certified constants, sup K·E KL/X for each measure X, as written.</summary>
public sealed record ScheduleCertificate(string Name, IReadOnlyDictionary<Measure, double> Certified)
{
    /// <summary>
    /// The constants of <paramref name="certified"/> by measure, in the order of <see cref="Measures.All"/>.
    /// </summary>
    public static IReadOnlyDictionary<Measure, double> Constants(WorstCase.Certified certified) =>
        Measures.All.ToDictionary(m => m, m => certified[m].Constant);
}

/// <summary>
/// One member of a design as written: its weight and its law (one of grid, sizes, compositions or block).
/// </summary>
/// <param name="Name">The member's name.</param>
/// <param name="Weight">w_i.</param>
/// <param name="Grid">The reveal grid of an i.i.d. member.</param>
/// <param name="Sizes">The sizes of a deterministic member.</param>
/// <param name="Block">The block of an offset-blocks member, as files before compositions wrote it.</param>
/// <param name="Compositions">The law over compositions of a mixture member (offset blocks).</param>
public sealed record DesignMemberLaw(
    string Name,
    double Weight,
    double[]? Grid = null,
    int[]? Sizes = null,
    int? Block = null,
    IReadOnlyList<WeightedComposition>? Compositions = null
);

/// <summary>The mixture of a design as written.</summary>
public sealed record MinimaxLaw(
    DesignObjective Objective,
    IReadOnlyList<DesignMemberLaw> Members,
    IReadOnlyDictionary<Measure, double> Certified,
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
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// The schedules a design document certifies at (L, K): every agnostic catalogue schedule and twin but the designed
    /// ones.
    /// </summary>
    public static IEnumerable<ISizeSchedule> CertifiedSchedules(int length, int steps) =>
        ScheduleCatalog
            .Variants(length, steps)
            .Where(v => v.Entry.IsAgnostic && v.Entry.Law is null)
            .Select(v => v.Create(length, steps));

    /// <summary>The document of <paramref name="design"/>, with every agnostic catalogue schedule and twin.</summary>
    public static DesignDocument Of(MinimaxDesign design) =>
        new(
            design.Length,
            design.Steps,
            CertifiedSchedules(design.Length, design.Steps)
                .Select(s => new ScheduleCertificate(
                    s.Name,
                    ScheduleCertificate.Constants(WorstCase.Certify(design.Steps, s.AtomErrors()))
                ))
                .ToList(),
            new MinimaxLaw(
                design.Objective,
                design.Members.Select(m => LawOf(m.Schedule, m.Weight)).ToList(),
                ScheduleCertificate.Constants(design.Certified),
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
        try
        {
            return MinimaxDesign.Of(
                length,
                steps,
                document.Minimax.Objective,
                members.Select(m => new WeightedSchedule(ScheduleOf(m, length, steps), m.Weight)).ToList()
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
            CompositionMixture mixture => new(mixture.Name, weight, Compositions: mixture.Members),
            _ => throw new ArgumentException($"a design cannot hold {schedule.Name}.", nameof(schedule)),
        };

    private static ISizeSchedule ScheduleOf(DesignMemberLaw law, int length, int steps) =>
        law switch
        {
            { Grid: { } grid, Sizes: null, Block: null, Compositions: null } => new IidRevealSchedule(
                law.Name,
                length,
                grid,
                p => new(BoundKind.B0, p.Tc)
            ),
            { Sizes: { } sizes, Grid: null, Block: null, Compositions: null } when sizes.Sum() == length =>
                new DeterministicSchedule(law.Name, sizes),
            { Block: { } block, Grid: null, Sizes: null, Compositions: null } => OffsetBlockSchedule.Create(
                length,
                steps,
                block
            ),
            { Compositions: { } compositions, Grid: null, Sizes: null, Block: null } => new CompositionMixture(
                law.Name,
                compositions,
                steps
            ),
            _ => throw new ArgumentException(
                $"member '{law.Name}' needs exactly one of grid, sizes (summing to L = {length}), compositions or "
                    + "block."
            ),
        };
}
