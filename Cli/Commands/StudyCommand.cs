using System.CommandLine;
using System.Globalization;
using Dlm.Datasets;
using Dlm.Datasets.Text;
using Dlm.Experiments.Words;
using Dlm.Training;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm study words</c>: train a predictor on English words (or any text), calibrate Δ̂_CE on held-out lines, and
/// measure every schedule's held-out NLL and free-running quality at each K.
/// </summary>
internal static class StudyCommand
{
    /// <summary>L for the bundled word list: words of up to 12 letters, 95% of them.</summary>
    private const int WordLength = 12;

    public static Command Create(CommandConsole console)
    {
        var minutes = new Option<double>("--minutes")
        {
            Description = "Training time when the study trains its own model.",
            DefaultValueFactory = _ => 7,
        };
        var trainSteps = new Option<int?>("--train-steps")
        {
            Description = "A step budget for training instead (deterministic; with --minutes, whichever ends first).",
        };
        var output = new Option<string>("--out")
        {
            Description = "Directory for study.csv, report.md, the plots, and model/ when the study trains.",
            DefaultValueFactory = _ => Path.Combine("out", "words"),
        };
        var seed = CommonOptions.Seed();
        var text = new Option<string?>("--text")
        {
            Description = "Study this UTF-8 file, one sequence per line, instead of the bundled word list.",
        };
        var length = new Option<int?>("--length")
        {
            Description =
                $"L; longer lines are dropped (default: {WordLength} for the word list, else the longest line + 1).",
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
            minutes,
            trainSteps,
            output,
            seed,
            text,
            length,
            samples,
            steps,
        };
        foreach (var option in model.All)
            words.Options.Add(option);
        words.SetAction(parsed =>
        {
            var directory = parsed.GetValue(output)!;
            var settings = new WordsStudySettings(
                ParseSteps(parsed.GetValue(steps)!),
                parsed.GetValue(samples),
                parsed.GetValue(seed)
            ).Validate();
            var reused = model.Directory(parsed) is { } path ? new CheckpointStore(path).LoadConfig() : null;
            if (reused is not null && reused.Text is null)
                throw new ArgumentException(
                    $"--model '{model.Directory(parsed)}' was not trained on text (dlm train --text).",
                    nameof(model)
                );
            var file = parsed.GetValue(text);
            // A reused model's split comes from its own seed, so that its training lines are not scored.
            var corpus = TextCorpus.Create(
                file ?? TextCorpus.WordsSource,
                file is null ? TextCorpus.Words() : TextCorpus.Read(file),
                reused?.Model.Length ?? parsed.GetValue(length) ?? (file is null ? WordLength : null),
                reused?.Options.Seed ?? settings.Seed,
                dropLonger: true
            );
            if (reused is not null && !reused.Text!.Symbols.SequenceEqual(corpus.Vocabulary.Symbols))
                throw new ArgumentException(
                    $"--model '{model.Directory(parsed)}' has the characters '{string.Concat(reused.Text.Symbols)}'; "
                        + $"{corpus.Source} has '{string.Concat(corpus.Vocabulary.Symbols)}'.",
                    nameof(model)
                );
            var modelDirectory = model.Directory(parsed) ?? Path.Combine(directory, "model");
            if (reused is null)
                TrainOwn(
                    console,
                    corpus,
                    modelDirectory,
                    parsed.GetValue(minutes),
                    parsed.GetValue(trainSteps),
                    settings.Seed,
                    model.Device(parsed)
                );
            using var predictor = TorchPredictor.Load(modelDirectory, model.Device(parsed));
            var result = Run(console, predictor, corpus, settings);
            Directory.CreateDirectory(directory);
            var plots = WordsPlots.Write(directory, result);
            AtomicFile.WriteAllText(Path.Combine(directory, "study.csv"), WordsReport.Csv(result));
            AtomicFile.WriteAllText(
                Path.Combine(directory, "report.md"),
                WordsReport.Markdown(result, Describe(modelDirectory, predictor.Config), plots)
            );
            var any = result.Cells.FirstOrDefault(c => c.Schedule == "fixed" && c.Steps == corpus.Length);
            console.Output.WriteLine(
                $"{result.Cells.Count} cells on {result.EvaluationLines} held-out lines of {corpus.Source}; bigram "
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

    private static IReadOnlyList<int> ParseSteps(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries)
            .Select(part =>
                int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1
                    ? k
                    : throw new ArgumentException($"--steps entry '{part}' is not an integer K ≥ 1.", nameof(text))
            )
            .ToArray();

    /// <summary>
    /// Trains the defaults of <see cref="TrainingDefaults"/> in <paramref name="directory"/>, continuing a run that a
    /// killed study left there.
    /// </summary>
    private static void TrainOwn(
        CommandConsole console,
        TextCorpus corpus,
        string directory,
        double minutes,
        int? steps,
        ulong seed,
        string device
    )
    {
        var (network, batch, rate) = TrainingDefaults.For(corpus.Length, corpus.Vocabulary.Alphabet);
        var options = new TrainingOptions(
            Steps: steps,
            Minutes: steps is null ? minutes : null,
            BatchSize: batch,
            LearningRate: rate,
            Device: device,
            Seed: seed
        );
        var resume = new CheckpointStore(directory).Exists;
        TrainCommand.Train(console, TokenSource.FromText(corpus), network, options, directory, resume);
    }

    private static WordsStudyResult Run(
        CommandConsole console,
        TorchPredictor predictor,
        TextCorpus corpus,
        WordsStudySettings settings
    )
    {
        WordsStudyResult result = null!;
        console
            .Progress(new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("study", maxValue: 1);
                var progress = new Progress<WordsStudyProgress>(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Done;
                    task.Description = Markup.Escape(p.Stage);
                });
                result = WordsStudy.Run(predictor, corpus, settings, progress);
            });
        return result;
    }

    private static string Describe(string directory, RunConfig config) =>
        $"`{directory}`: {config.Model.Architecture} d {config.Model.DModel}, {config.Model.Layers} blocks, trained on "
        + $"{config.Data} with seed {config.Options.Seed}, budget "
        + (config.Options.Minutes is { } m ? $"{m} min" : $"{config.Options.Steps} steps");
}
