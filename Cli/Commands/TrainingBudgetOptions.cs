using System.CommandLine;

namespace Dlm.Cli.Commands;

/// <summary>
/// A training budget: <c>--train-steps</c> and <c>--minutes</c>, whichever ends first. In <c>dlm train</c>, the old
/// spelling <c>--steps</c> still works for one release, with a warning: <c>--steps</c> now always means K.
/// </summary>
internal sealed class TrainingBudgetOptions
{
    private readonly Option<int?> _steps;
    private readonly Option<int?>? _renamed;
    private readonly Option<double?> _minutes;

    /// <summary>The options; <paramref name="minutes"/> is the time budget when neither is given.</summary>
    public TrainingBudgetOptions(string stepsDescription, double? minutes = null, bool acceptOldSpelling = false)
    {
        _steps = new Option<int?>("--train-steps") { Description = stepsDescription };
        _renamed = acceptOldSpelling
            ? new Option<int?>("--steps") { Description = "The old spelling of --train-steps.", Hidden = true }
            : null;
        _minutes = new Option<double?>("--minutes")
        {
            Description = "A time budget: train this long, the learning-rate schedule following the clock.",
        };
        if (minutes is { } fallback)
            _minutes.DefaultValueFactory = _ => fallback;
    }

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => _renamed is null ? [_steps, _minutes] : [_steps, _renamed, _minutes];

    /// <summary>The step budget; the old spelling is accepted with a warning on standard error.</summary>
    public int? Steps(ParseResult parsed, CommandConsole console)
    {
        var steps = parsed.GetValue(_steps);
        if (_renamed is null || parsed.GetValue(_renamed) is not { } old)
            return steps;
        if (steps is not null)
            throw new ArgumentException("give --train-steps or its old spelling --steps, not both.", "steps");
        console.Error.WriteLine(
            $"dlm {parsed.CommandResult.Command.Name}: --steps is now --train-steps; the old spelling goes in the next "
                + "release."
        );
        return old;
    }

    /// <summary>The time budget in minutes.</summary>
    public double? Minutes(ParseResult parsed) => parsed.GetValue(_minutes);
}
