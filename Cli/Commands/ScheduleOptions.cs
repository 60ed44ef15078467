using System.CommandLine;
using Dlm.Sampling.Calibration;
using Dlm.Sampling.Design;
using Dlm.Sampling.Schedules;
using Dlm.Theory;

namespace Dlm.Cli.Commands;

/// <summary>
/// The options that choose a schedule (<c>--schedule</c>, <c>--steps</c>, <c>--deterministic</c>, <c>--profile</c>,
/// <c>--design</c>)
/// and the one way every command builds the schedule from them.
/// </summary>
internal sealed class ScheduleOptions
{
    private readonly Option<string> _schedule;
    private readonly Option<int?> _steps;
    private readonly Option<bool> _deterministic = new("--deterministic")
    {
        Description = "Use the deterministic twin of an i.i.d. schedule.",
    };
    private readonly Option<string?> _profile = new("--profile")
    {
        Description = "An estimated profile (dlm calibrate) for the plugin and plugin-hedged schedules.",
    };
    private readonly Option<string?> _design = new("--design")
    {
        Description =
            "A design file (dlm design --out) for --schedule minimax, or an exact one (dlm design --exact --out) for "
            + "its minimax-min, -tc or -dtc; without it, the committed design is read or one is solved.",
    };

    private ScheduleOptions(Option<string> schedule, Option<int?> steps)
    {
        _schedule = schedule;
        _steps = steps;
    }

    /// <summary><c>--schedule</c> and <c>--steps</c> both required.</summary>
    public static ScheduleOptions Required() =>
        new(
            new Option<string>("--schedule")
            {
                Description = $"{string.Join(", ", ScheduleCatalog.Names)}.",
                Required = true,
            },
            new Option<int?>("--steps", "-K") { Description = "K, the step budget (≥ 1).", Required = true }
        );

    /// <summary>
    /// <c>--schedule</c> and <c>--steps</c> required unless a decoder replaces them (checked by
    /// <see cref="EnsureGiven"/>).
    /// </summary>
    public static ScheduleOptions UnlessDecoding() =>
        new(
            new Option<string>("--schedule") { Description = $"{string.Join(", ", ScheduleCatalog.Names)}." },
            new Option<int?>("--steps", "-K") { Description = "K, the step budget (≥ 1)." }
        );

    /// <summary>Whether <c>--schedule</c> was given.</summary>
    public bool Given(ParseResult parsed) => parsed.GetValue(_schedule) is not null;

    /// <summary>Refuses a run with neither a schedule with its K nor a decoder.</summary>
    public void EnsureGiven(ParseResult parsed, bool decoding)
    {
        if (decoding)
            return;
        if (!Given(parsed))
            throw new ArgumentException("give --schedule with --steps, or --decoder.", nameof(parsed));
        if (parsed.GetValue(_steps) is null)
            throw new ArgumentException("--steps is required with --schedule.", nameof(parsed));
    }

    /// <summary>Defaults for a diagnostic: <c>linear</c> with K = L/2.</summary>
    public static ScheduleOptions WithDefaults() =>
        new(
            new Option<string>("--schedule") { Description = "The schedule.", DefaultValueFactory = _ => "linear" },
            new Option<int?>("--steps", "-K") { Description = "K (default L/2)." }
        );

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [_schedule, _steps, _deterministic, _profile, _design];

    /// <summary>K as given, or L/2 (at least 1).</summary>
    public int Steps(ParseResult parsed, int length) => parsed.GetValue(_steps) ?? Math.Max(1, length / 2);

    /// <summary>
    /// The schedule a design file holds: a pool design for <c>minimax</c>, an exact design for the row of its measure
    /// (<c>minimax-min</c> for a min design); a file for another (L, K) or another schedule is refused.
    /// </summary>
    private static ISizeSchedule Designed(string path, string name, int length, int steps)
    {
        if (!File.Exists(path))
            throw new ArgumentException(
                $"design '{path}' does not exist; write one with dlm design --out.",
                nameof(path)
            );
        if (!ExactDesignDocument.Holds(File.ReadAllText(path)))
            return name == "minimax"
                ? DesignDocument.Load(path, length, steps).Schedule()
                : throw new ArgumentException($"--design applies to --schedule minimax, not {name}.", nameof(path));
        var exact = ExactDesignDocument.Load(path, length, steps);
        var row = ExactDesigns.Name(exact.Objective);
        return name == row
            ? exact.Schedule(row)
            : throw new ArgumentException(
                $"design '{path}' is an exact design on {Measures.Name(exact.Objective)}: it applies to --schedule "
                    + $"{row}, not {name}.",
                nameof(path)
            );
    }

    /// <summary>
    /// The schedule for L = <paramref name="length"/>; <paramref name="profile"/> serves <c>optimal</c>.
    /// </summary>
    public ISizeSchedule Create(ParseResult parsed, int length, EntropyProfile? profile)
    {
        var name = parsed.GetValue(_schedule)!;
        var steps = Steps(parsed, length);
        if (parsed.GetValue(_design) is { } design)
            return Designed(design, name, length, steps);
        return ScheduleCatalog.Create(
            name,
            length,
            steps,
            parsed.GetValue(_deterministic),
            profile,
            parsed.GetValue(_profile) is { } path ? ProfileEstimate.Load(path).ToProfile() : null
        );
    }
}
