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
    /// Runs <c>dlm</c> with <paramref name="args"/>, writing to the given streams; returns the exit code.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CommandConsole(output, error);
        var root = new RootCommand(
            "Exact errors, bounds and samplers for unmasking schedules of masked diffusion LMs (Cai & Zhao, arXiv "
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
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
                error.WriteLine($"dlm: {e.Message}");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(
                new InvocationConfiguration
                {
                    Output = output,
                    Error = error,
                    EnableDefaultExceptionHandler = false,
                }
            );
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"dlm: {OneLine(e)}");
            return BadInput;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Corrupt or unreadable files (a damaged checkpoint, a full disk) are bad input too.
            error.WriteLine($"dlm: {e.Message}");
            return BadInput;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"dlm: {e.Message}");
            return Failed;
        }
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
