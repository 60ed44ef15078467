using System.CommandLine;
using Dlm.Cli.Options;
using Dlm.Experiments.Studies;
using Dlm.Experiments.Words;
using Dlm.Training;

namespace Dlm.Cli.Commands;

/// <summary>
/// <c>dlm study</c>: which schedule to sample a model with, measured on its held-out data. <c>schedules</c> takes any
/// model (a checkpoint or an ONNX file) and its data; <c>words</c> is the same study on English words (or any text),
/// training its own model unless one is given.
/// </summary>
internal static class StudyCommand
{
    public static Command Create(CommandConsole console) =>
        new("study", "Which schedule to sample a model with, measured on held-out data.")
        {
            Schedules(console),
            Words(console),
        };

    private static Command Schedules(CommandConsole console)
    {
        var study = new StudyOptions(Path.Combine("out", "study"), orders: 0);
        var model = new ModelOptions("The model to study.", required: true);
        var data = new DataOptions();
        var text = new Option<string?>("--text")
        {
            Description = "Held-out lines for a text model (UTF-8, one per line), instead of --data.",
        };
        var dist = CommonOptions.Dist(required: false);
        dist.Description =
            "Draw the held-out sequences from this distribution instead: the exact KL of every sampler "
            + "follows where L and q are small.";
        var heldOut = new Option<int>("--held-out")
        {
            Description = "Held-out draws from --dist.",
            DefaultValueFactory = _ => 4000,
        };
        var command = new Command(
            "schedules",
            "Calibrate Δ̂_CE on half of a model's held-out data, score every schedule by teacher-forced NLL on the "
                + "other half, and recommend one per K."
        )
        {
            text,
            dist,
            heldOut,
        };
        foreach (var option in study.All.Concat(model.All).Concat(data.All))
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var request = new SchedulesStudyRequest(model.Path(parsed)!, study.Settings(parsed))
            {
                Load = model.LoadOptions(parsed, data.Length(parsed)),
                DataFile = data.File(parsed),
                TextFile = parsed.GetValue(text),
                Distribution = parsed.GetValue(dist),
                HeldOutDraws = parsed.GetValue(heldOut),
                Length = data.Length(parsed),
                PadId = data.PadId(parsed),
            };
            var outcome = ProgressDisplay.Run(console, display => SchedulesStudy.Run(request, display.Study()));
            study.Write(console, outcome, parsed);
            return 0;
        });
        return command;
    }

    private static Command Words(CommandConsole console)
    {
        var study = new StudyOptions(Path.Combine("out", "words"), WordsStudyRequest.SamplerLawOrders);
        var budget = new TrainingBudgetOptions(
            "A step budget for training instead (deterministic; with --minutes, whichever ends first).",
            minutes: WordsStudyRequest.TrainingMinutes
        );
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
        var model = new ModelOptions("Reuse this text model instead of training one in OUT/model.");
        var pool = new Option<int>("--pool")
        {
            Description =
                "Pool the network with Kneser–Ney n-grams of the training lines, of this order, read both ways, "
                + "weights fitted on the calibration half (0: the network alone).",
            DefaultValueFactory = _ => WordsStudyRequest.PoolOrder,
        };
        var words = new Command(
            "words",
            "English words end to end: train (or reuse --model), calibrate Δ̂_CE on held-out words, and measure every "
                + "schedule's NLL and valid rate at each K."
        )
        {
            text,
            length,
            pool,
        };
        foreach (var option in study.All.Concat(budget.All).Concat(model.All))
            words.Options.Add(option);
        words.SetAction(parsed =>
        {
            var request = new WordsStudyRequest(study.Settings(parsed), study.Directory(parsed))
            {
                TextFile = parsed.GetValue(text),
                Length = parsed.GetValue(length),
                Model = model.Path(parsed),
                Pool = parsed.GetValue(pool),
                Load = model.LoadOptions(parsed),
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
            study.Write(console, outcome, parsed);
            return 0;
        });
        return words;
    }

    /// <summary>
    /// The options every study shares: where it writes, the K, the samples, the seed, the m-grid and the orders of the
    /// sampler-law NLL (<paramref name="orders"/> by default).
    /// </summary>
    private sealed class StudyOptions(string directory, int orders)
    {
        private readonly Option<string> _output = CommonOptions.Out(
            "Directory for study.csv, report.md and the plots (and model/ when the words study trains).",
            directory
        );
        private readonly Option<ulong> _seed = CommonOptions.Seed();
        private readonly Option<int> _samples = new("--samples")
        {
            Description = "Free-running samples per (schedule, K) cell (0: none).",
            DefaultValueFactory = _ => StudySettings.Default.Samples,
        };
        private readonly Option<string> _steps = new("--steps")
        {
            Description = "The step budgets K, comma-separated.",
            DefaultValueFactory = _ => string.Join(',', StudySettings.Default.Steps),
        };
        private readonly Option<int?> _grid = new("--m-grid")
        {
            Description = "Measure Δ̂ at this many m, evenly spaced, and interpolate between them (long sequences).",
        };
        private readonly Option<int> _orders = new("--orders")
        {
            Description =
                "Uniform orders per held-out sequence whose mean probability bounds the NLL of the K = L "
                + "sampler's own law (0: none; it costs this many times the any-order NLL).",
            DefaultValueFactory = _ => orders,
        };
        private readonly StudyDecoderOptions _decoders = new();

        public IEnumerable<Option> All => [_output, _seed, _samples, _steps, _grid, _orders, .. _decoders.All];

        public string Directory(ParseResult parsed) => parsed.GetValue(_output)!;

        public StudySettings Settings(ParseResult parsed) =>
            new(
                IntegerList.Parse(parsed.GetValue(_steps)!, "--steps", 1),
                parsed.GetValue(_samples),
                parsed.GetValue(_seed),
                Grid: parsed.GetValue(_grid)
            )
            {
                Orders = parsed.GetValue(_orders),
                Decoders = _decoders.Create(parsed),
            };

        public void Write(CommandConsole console, StudyOutcome outcome, ParseResult parsed)
        {
            var directory = Directory(parsed);
            var plots = outcome.Write(directory);
            var r = outcome.Result;
            console.Output.WriteLine(
                $"{r.Cells.Count} cells on {r.EvaluationLines} held-out sequences of {r.Source}. Least NLL: "
                    + $"{outcome.Summary}."
            );
            console.Output.WriteLine(
                $"wrote {Path.Combine(directory, "report.md")}, study.csv"
                    + (r.Decoders.Count > 0 ? $", decoders.csv ({r.Decoders.Count} decoders)" : "")
                    + $" and {plots.Count} plots."
            );
        }
    }
}
