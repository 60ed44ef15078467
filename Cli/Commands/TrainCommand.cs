using System.CommandLine;
using Dlm.Datasets;
using Dlm.Datasets.Text;
using Dlm.Experiments.Training;
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
        var text = new Option<string?>("--text")
        {
            Description =
                "Train on a UTF-8 text file, one sequence per line (.gz read as gzip); 10% of the distinct "
                + "lines held out by the seed.",
        };
        var length = new Option<int?>("--length")
        {
            Description = "L for --text (default: the longest line plus one end symbol).",
        };
        var output = new Option<string>("--out") { Description = "Checkpoint directory.", Required = true };
        var steps = new Option<int?>("--steps")
        {
            Description = "A step budget (deterministic). With --minutes, whichever ends first. Neither: 1000 steps.",
        };
        var minutes = new Option<double?>("--minutes")
        {
            Description = "A time budget: train this long, the learning-rate schedule following the clock.",
        };
        var device = new Option<string>("--device")
        {
            Description = "auto (CUDA when available), cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue the run in --out with its saved settings; --steps and --minutes may extend it.",
        };
        var seed = CommonOptions.Seed();
        var objective = new Option<string>("--objective")
        {
            Description = "count (uniform reveal counts) or mdlm (continuous time).",
            DefaultValueFactory = _ => "count",
        };
        var arch = new Option<string?>("--arch") { Description = "mlp or transformer (default: chosen from L and q)." };
        var batch = new Option<int?>("--batch") { Description = "Sequences per step (default: chosen from L and q)." };
        var rate = new Option<double?>("--lr") { Description = "Peak learning rate (default: chosen from L and q)." };
        var width = new Option<int?>("--d-model") { Description = "Model width." };
        var layers = new Option<int?>("--layers") { Description = "Encoder or residual blocks." };
        var heads = new Option<int?>("--heads") { Description = "Attention heads (transformer)." };
        var mlp = new Option<int?>("--mlp-ratio")
        {
            Description = "Hidden width of a block, as a multiple of d_model.",
        };
        var dropout = new Option<double?>("--dropout") { Description = "Dropout (default 0)." };
        var decay = new Option<double?>("--weight-decay") { Description = "AdamW decay of linear weights (0.01)." };
        var every = new Option<int>("--checkpoint-every")
        {
            Description = "Steps between checkpoints.",
            DefaultValueFactory = _ => 100,
        };
        var command = new Command("train", "Train a mask predictor from scratch: an any-order MLP or a transformer.")
        {
            dist,
            data,
            alphabet,
            text,
            length,
            output,
            steps,
            minutes,
            device,
            resume,
            seed,
            objective,
            arch,
            batch,
            rate,
            width,
            layers,
            heads,
            mlp,
            dropout,
            decay,
            every,
        };
        command.SetAction(parsed =>
        {
            var directory = parsed.GetValue(output)!;
            var store = new CheckpointStore(directory);
            var saved = parsed.GetValue(resume) && store.Exists ? store.LoadConfig() : null;
            var source = (parsed.GetValue(dist), parsed.GetValue(data), parsed.GetValue(text)) switch
            {
                ({ } spec, null, null) => TokenSource.FromDistribution(DistributionSpec.Parse(spec)),
                (null, { } file, null) => TokenSource.FromFile(
                    file,
                    parsed.GetValue(alphabet)
                        ?? throw new ArgumentException("--data needs --alphabet q.", nameof(alphabet))
                ),
                (null, null, { } file) => TokenSource.FromText(
                    // A resumed run splits with its own seed and L, so that its held-out lines stay held out.
                    TextCorpus.Create(
                        file,
                        TextCorpus.Read(file),
                        saved?.Model.Length ?? parsed.GetValue(length),
                        saved?.Options.Seed ?? parsed.GetValue(seed)
                    )
                ),
                _ => throw new ArgumentException("give exactly one of --dist, --data and --text.", nameof(dist)),
            };
            var (budgetSteps, budgetMinutes) = (parsed.GetValue(steps), parsed.GetValue(minutes));
            ModelConfig model;
            TrainingOptions options;
            if (saved is not null)
            {
                // A resumed run keeps its model and settings; the budget can move, and the device is this machine's.
                model = saved.Model;
                var budget =
                    budgetSteps is null && budgetMinutes is null
                        ? saved.Options
                        : saved.Options with
                        {
                            Steps = budgetSteps,
                            Minutes = budgetMinutes,
                        };
                options = budget with { Device = parsed.GetValue(device)! };
            }
            else
            {
                var chosen = TrainingDefaults.For(source.Length, source.Alphabet);
                var architecture = parsed.GetValue(arch) switch
                {
                    null => chosen.Model.Architecture,
                    "mlp" => NetworkArchitecture.Mlp,
                    "transformer" => NetworkArchitecture.Transformer,
                    var other => throw new ArgumentException(
                        $"--arch '{other}' is not mlp or transformer.",
                        nameof(arch)
                    ),
                };
                var basis =
                    architecture == chosen.Model.Architecture
                        ? chosen.Model
                        : new ModelConfig(source.Length, source.Alphabet, Architecture: architecture);
                model = basis with
                {
                    DModel = parsed.GetValue(width) ?? basis.DModel,
                    Layers = parsed.GetValue(layers) ?? basis.Layers,
                    Heads = parsed.GetValue(heads) ?? basis.Heads,
                    MlpRatio = parsed.GetValue(mlp) ?? basis.MlpRatio,
                    Dropout = parsed.GetValue(dropout) ?? basis.Dropout,
                };
                options = new TrainingOptions(
                    Steps: budgetMinutes is null ? budgetSteps ?? 1000 : budgetSteps,
                    Minutes: budgetMinutes,
                    BatchSize: parsed.GetValue(batch) ?? chosen.BatchSize,
                    LearningRate: parsed.GetValue(rate) ?? chosen.LearningRate,
                    WeightDecay: parsed.GetValue(decay) ?? 0.01,
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
            }
            var result = Train(console, source, model, options, directory, resume: saved is not null);
            console.Output.WriteLine(
                result.AlreadyFinished
                    ? $"the run in {directory} had already spent its budget at step {result.Step} "
                        + $"({result.Elapsed.TotalMinutes:F1} min); nothing to do. Pass a larger --steps or --minutes "
                        + "with --resume to continue it."
                : result.Losses.Count == 0 ? $"stopped before the first step; {directory} is unchanged."
                : $"trained to step {result.Step} in {result.Elapsed.TotalMinutes:F1} min; last loss "
                    + $"{result.Losses[^1]:F4} nats per token; checkpoint and curve.png in {directory}"
            );
            return 0;
        });
        return command;
    }

    /// <summary>Runs the trainer under a progress bar; Ctrl-C stops it at a checkpoint.</summary>
    internal static TrainingResult Train(
        CommandConsole console,
        TokenSource source,
        ModelConfig model,
        TrainingOptions options,
        string directory,
        bool resume
    )
    {
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
            var trainer = new Trainer(source, model, options, directory, loggers.CreateLogger<Trainer>())
            {
                Checkpointed = () => LearningCurve.Write(directory, source.Entropy),
            };
            TrainingResult result = null!;
            console
                .Progress(new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("training", maxValue: 1000);
                    var progress = new Progress<TrainingProgress>(p =>
                    {
                        task.Value = 1000 * p.Spent;
                        task.Description = $"step {p.Step}: loss {p.Loss:F4}, {p.TokensPerSecond:F0} tokens/s";
                    });
                    result = trainer.Run(resume, cancel.Token, progress);
                });
            return result;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }
}
