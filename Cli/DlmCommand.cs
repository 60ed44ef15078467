using System.CommandLine;
using Dlm.Cli.Commands;

namespace Dlm.Cli;

/// <summary>The <c>dlm</c> command: parses, dispatches, and turns bad input into exit code 2 with one line.</summary>
public static class DlmCommand
{
    /// <summary>Exit code for bad input (arguments, specs, files).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a run that could not finish (for example a diverged training run).</summary>
    public const int Failed = 1;

    /// <summary>
    /// Runs <c>dlm</c> with <paramref name="args"/>, writing to the given streams; returns the exit code. Without a
    /// command it prints the command list, as <c>--help</c> does, and exits 2.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CommandConsole(output, error);
        var root = new RootCommand(
            "Exact errors, bounds and samplers for unmasking schedules of masked diffusion LMs (Zhao & Cai, arXiv "
                + "2602.20126)."
        )
        {
            InfoCommand.Create(console),
            ErrorCommand.Create(console),
            SampleCommand.Create(console),
            ReproduceCommand.Create(console),
            MergeCommand.Create(console),
            BoundsCommand.Create(console),
            DesignCommand.Create(console),
            TrainCommand.Create(console),
            EvaluateCommand.Create(console),
            CalibrateCommand.Create(console),
            PredictCommand.Create(console),
            StudyCommand.Create(console),
        };
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        if (args.Length == 0)
        {
            root.Parse("--help").Invoke(configuration);
            return BadInput;
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
                error.WriteLine($"dlm: {e.Message}");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(configuration);
        }
        catch (Exception e)
        {
            var (code, line) = Failure(e);
            error.WriteLine(line);
            return code;
        }
    }

    /// <summary>
    /// The exit code and the one line that report an exception. Bad input (an <see cref="ArgumentException"/>, a
    /// corrupt or unreadable file) is <see cref="BadInput"/>; anything else is <see cref="Failed"/>. A parallel loop's
    /// <see cref="AggregateException"/> is reported as the exception inside it (the first, when there are several).
    /// </summary>
    public static (int Code, string Line) Failure(Exception exception)
    {
        var e = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : exception;
        var more =
            exception is AggregateException all && all.Flatten().InnerExceptions.Count > 1
                ? $" (and {all.Flatten().InnerExceptions.Count - 1} more)"
                : "";
        return e switch
        {
            ArgumentException argument => (BadInput, $"dlm: {OneLine(argument)}{more}"),
            // Corrupt or unreadable files (a damaged checkpoint, a full disk) are bad input too.
            InvalidDataException or IOException => (BadInput, $"dlm: {e.Message}{more}"),
            InvalidOperationException => (Failed, $"dlm: {e.Message}{more}"),
            _ => (Failed, $"dlm: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}{more}"),
        };
    }

    /// <summary>
    /// The exception's own sentence, without .NET's "Actual value was" and "(Parameter …)" additions.
    /// </summary>
    private static string OneLine(ArgumentException e)
    {
        var line = e.Message.Split('\n')[0].Trim();
        var suffix = $" (Parameter '{e.ParamName}')";
        return line.EndsWith(suffix, StringComparison.Ordinal) ? line[..^suffix.Length] : line;
    }
}
