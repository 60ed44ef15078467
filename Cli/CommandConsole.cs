using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Dlm.Cli;

/// <summary>Where a command writes: a Spectre console for people, plain JSON for programs.</summary>
public sealed class CommandConsole(TextWriter output, TextWriter error)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Human-readable output.</summary>
    public IAnsiConsole Human { get; } =
        AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
            }
        );

    /// <summary>Standard output.</summary>
    public TextWriter Output => output;

    /// <summary>Standard error, for progress and warnings.</summary>
    public TextWriter Error => error;

    /// <summary>
    /// A progress display on standard error: the task's description, a bar, the percentage, and the time elapsed and
    /// remaining.
    /// </summary>
    public Progress Progress() =>
        AnsiConsole
            .Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) })
            .Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn()
            );

    /// <summary>Writes <paramref name="value"/> as JSON with snake_case keys.</summary>
    public void Json<T>(T value) => output.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Serialises with the same options, for files.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);
}
