using System.CommandLine;
using System.Globalization;
using Dlm.Experiments.Words;
using Dlm.Training;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm study words</c>: train a predictor on English words (or any text), calibrate Δ̂_CE on held-out lines, and
/// measure every schedule's held-out NLL and free-running quality at each K.
/// </summary>
internal static class StudyCommand
{
    public static Command Create(CommandConsole console)
    {
        var budget = new TrainingBudgetOptions(
            "A step budget for training instead (deterministic; with --minutes, whichever ends first).",
            minutes: 7
        );
        var output = CommonOptions.Out(
            "Directory for study.csv, report.md, the plots, and model/ when the study trains.",
            Path.Combine("out", "words")
        );
        var seed = CommonOptions.Seed();
        var text = new Option<string?>("--text")
        {
            Description = "Study this UTF-8 file, one sequence per line, instead of the bundled word list.",
        };
        var length = new Option<int?>("--length")
        {
            Description =
                $"L; longer lines are dropped (default: {WordsStudyRequest.WordLength} for the word list, else the "
                + "longest line + 1).",
        };
        var samples = new Option<int>("--samples")
        {
            Description = "Free-running samples per (schedule, K) cell.",
            DefaultValueFactory = _ => WordsStudySettings.Default.Samples,
        };
        var steps = new Option<string>("--steps")
        {
            Description = "The step budgets K, comma-separated.",
            DefaultValueFactory = _ => string.Join(',', WordsStudySettings.Default.Steps),
        };
        var model = new ModelOptions("Reuse this trained text model (a dlm train directory) instead of training.");
        var words = new Command(
            "words",
            "English words end to end: train (or reuse --model), calibrate Δ̂_CE on held-out words, and measure every "
                + "schedule's NLL and valid rate at each K."
        )
        {
            output,
            seed,
            text,
            length,
            samples,
            steps,
        };
        foreach (var option in budget.All.Concat(model.All))
            words.Options.Add(option);
        words.SetAction(parsed =>
        {
            var directory = parsed.GetValue(output)!;
            var request = new WordsStudyRequest(
                new WordsStudySettings(
                    ParseSteps(parsed.GetValue(steps)!),
                    parsed.GetValue(samples),
                    parsed.GetValue(seed)
                ),
                directory
            )
            {
                TextFile = parsed.GetValue(text),
                Length = parsed.GetValue(length),
                Model = model.Directory(parsed),
                Training = new TrainingRequest
                {
                    Steps = budget.Steps(parsed, console),
                    Minutes = budget.Minutes(parsed),
                    Device = model.Device(parsed),
                },
            };
            var outcome = ProgressDisplay.Run(
                console,
                display => WordsStudy.Run(request, display.Logger, display.Training(), display.Study(), display.Cancel)
            );
            var plots = outcome.Write(directory);
            var result = outcome.Result;
            var any = result.Cells.FirstOrDefault(c => c.Schedule == "fixed" && c.Steps == result.Length);
            console.Output.WriteLine(
                $"{result.Cells.Count} cells on {result.EvaluationLines} held-out lines of {result.Source}; bigram "
                    + $"{result.BitsPerChar(result.Bigram.Mean):F3} bits/char"
                    + (any is null ? "" : $", the model at K = L {result.BitsPerChar(any.Nll.Mean):F3}")
                    + $"; plugin holds at {result.Goals.Count(g => g.PluginHolds)} of {result.Goals.Count} K."
            );
            console.Output.WriteLine(
                $"wrote {Path.Combine(directory, "report.md")}, study.csv and {plots.Count} plots."
            );
            return 0;
        });
        return new Command("study", "Studies on real data.") { words };
    }

    /// <summary>Reads a comma-separated list of K ≥ 1.</summary>
    internal static IReadOnlyList<int> ParseSteps(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries)
            .Select(part =>
                int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1
                    ? k
                    : throw new ArgumentException($"--steps entry '{part}' is not an integer K ≥ 1.", nameof(text))
            )
            .ToArray();
}
