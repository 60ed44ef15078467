using System.CommandLine;
using Dlm.Datasets;
using Dlm.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary><c>dlm train</c>: a masked predictor from scratch, with checkpoints, resume and a metrics CSV.</summary>
internal static class TrainCommand
{
    public static Command Create(CommandConsole console)
    {
        var dist = new Option<string?>("--dist")
        {
            Description = "Train on an endless stream from this distribution spec.",
        };
        var data = new Option<string?>("--data")
        {
            Description = "Train on a JSON-lines file of token sequences (10% held out); needs --alphabet.",
        };
        var alphabet = new Option<int?>("--alphabet") { Description = "q for --data." };
        var output = new Option<string>("--out") { Description = "Checkpoint directory.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Training steps.", DefaultValueFactory = _ => 1000 };
        var minutes = new Option<double?>("--minutes")
        {
            Description = "Stop after this many minutes (checkpointing first).",
        };
        var device = new Option<string>("--device")
        {
            Description = "auto (CUDA when available), cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        var resume = new Option<bool>("--resume") { Description = "Continue the checkpoint in --out." };
        var seed = CommonOptions.Seed();
        var objective = new Option<string>("--objective")
        {
            Description = "count (uniform reveal counts) or mdlm (continuous time).",
            DefaultValueFactory = _ => "count",
        };
        var batch = new Option<int>("--batch") { Description = "Sequences per step.", DefaultValueFactory = _ => 64 };
        var rate = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 3e-3 };
        var width = new Option<int>("--d-model") { Description = "Model width.", DefaultValueFactory = _ => 64 };
        var layers = new Option<int>("--layers") { Description = "Encoder blocks.", DefaultValueFactory = _ => 2 };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => 4 };
        var mlp = new Option<int>("--mlp-ratio")
        {
            Description = "MLP width as a multiple of d_model.",
            DefaultValueFactory = _ => 4,
        };
        var dropout = new Option<double>("--dropout") { Description = "Dropout.", DefaultValueFactory = _ => 0.0 };
        var every = new Option<int>("--checkpoint-every")
        {
            Description = "Steps between checkpoints.",
            DefaultValueFactory = _ => 100,
        };
        var command = new Command("train", "Train a bidirectional transformer mask predictor from scratch.")
        {
            dist,
            data,
            alphabet,
            output,
            steps,
            minutes,
            device,
            resume,
            seed,
            objective,
            batch,
            rate,
            width,
            layers,
            heads,
            mlp,
            dropout,
            every,
        };
        command.SetAction(parsed =>
        {
            var source = (parsed.GetValue(dist), parsed.GetValue(data)) switch
            {
                ({ } spec, null) => TokenSource.FromDistribution(DistributionSpec.Parse(spec)),
                (null, { } file) => TokenSource.FromFile(
                    file,
                    parsed.GetValue(alphabet)
                        ?? throw new ArgumentException("--data needs --alphabet q.", nameof(alphabet))
                ),
                _ => throw new ArgumentException("give exactly one of --dist and --data.", nameof(dist)),
            };
            var model = new ModelConfig(
                source.Length,
                source.Alphabet,
                parsed.GetValue(width),
                parsed.GetValue(layers),
                parsed.GetValue(heads),
                parsed.GetValue(mlp),
                parsed.GetValue(dropout)
            );
            var options = new TrainingOptions(
                Steps: parsed.GetValue(steps),
                Minutes: parsed.GetValue(minutes),
                BatchSize: parsed.GetValue(batch),
                LearningRate: parsed.GetValue(rate),
                Objective: parsed.GetValue(objective) switch
                {
                    "count" => MaskingObjective.Count,
                    "mdlm" => MaskingObjective.Mdlm,
                    var other => throw new ArgumentException(
                        $"objective '{other}' is not count or mdlm.",
                        nameof(objective)
                    ),
                },
                Device: parsed.GetValue(device)!,
                Seed: parsed.GetValue(seed),
                CheckpointEvery: parsed.GetValue(every)
            );
            using var loggers = LoggerFactory.Create(b =>
                b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
            );
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler stop = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += stop;
            try
            {
                var trainer = new Trainer(
                    source,
                    model,
                    options,
                    parsed.GetValue(output)!,
                    loggers.CreateLogger<Trainer>()
                );
                var progressConsole = AnsiConsole.Create(
                    new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) }
                );
                TrainingResult result = null!;
                progressConsole
                    .Progress()
                    .Columns(
                        new TaskDescriptionColumn(),
                        new ProgressBarColumn(),
                        new PercentageColumn(),
                        new RemainingTimeColumn()
                    )
                    .Start(context =>
                    {
                        var task = context.AddTask("training", maxValue: options.Steps);
                        var progress = new Progress<TrainingProgress>(p =>
                        {
                            task.Value = p.Step;
                            task.Description = $"step {p.Step}: loss {p.Loss:F4}, {p.TokensPerSecond:F0} tokens/s";
                        });
                        result = trainer.Run(parsed.GetValue(resume), cancel.Token, progress);
                    });
                console.Output.WriteLine(
                    $"trained to step {result.Step}; last loss "
                        + $"{(result.Losses.Count > 0 ? result.Losses[^1] : double.NaN):F4} (nats per token); "
                        + $"checkpoint in {parsed.GetValue(output)}"
                );
            }
            finally
            {
                Console.CancelKeyPress -= stop;
            }
            return 0;
        });
        return command;
    }
}
