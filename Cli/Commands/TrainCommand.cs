using System.CommandLine;
using Dlm.Cli.Options;
using Dlm.Experiments.Training;
using Dlm.Training;
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
        var output = CommonOptions.Out("Checkpoint directory.");
        var budget = new TrainingBudgetOptions(
            "A step budget (deterministic). With --minutes, whichever ends first. Neither: 1000 steps.",
            acceptOldSpelling: true
        );
        var device = CommonOptions.Device();
        var resume = new Option<bool>("--resume")
        {
            Description =
                "Continue the run in --out with its saved settings; --train-steps and --minutes may extend it.",
        };
        var seed = CommonOptions.Seed();
        var objective = new ChoiceOption<MaskingObjective>(
            "--objective",
            "count: uniform reveal counts (the default); mdlm: continuous time."
        );
        var arch = new ChoiceOption<NetworkArchitecture>("--arch", "The network (default: chosen from L and q).");
        var batch = new Option<int?>("--batch") { Description = "Sequences per step (default: chosen from L and q)." };
        var rate = new Option<double?>("--lr") { Description = "Peak learning rate (default: chosen from L and q)." };
        var width = new Option<int?>("--d-model") { Description = "Model width." };
        var layers = new Option<int?>("--layers")
        {
            Description = "Encoder or residual blocks (default: chosen from L and q; convolution: ⌈log₂ L⌉).",
        };
        var heads = new Option<int?>("--heads") { Description = "Attention heads (transformer)." };
        var mlp = new Option<int?>("--mlp-ratio")
        {
            Description = "Hidden width of a block, as a multiple of d_model.",
        };
        var dropout = new Option<double?>("--dropout") { Description = "Dropout (default 0)." };
        var decay = new Option<double?>("--weight-decay")
        {
            Description = "AdamW decay of linear weights (default: 0.01; 0.1 for the text MLP).",
        };
        var every = new Option<int?>("--checkpoint-every") { Description = "Steps between checkpoints (100)." };
        var seconds = new Option<double?>("--checkpoint-seconds")
        {
            Description = "Seconds of wall time between checkpoints and validations, instead of --checkpoint-every.",
        };
        var draws = new Option<int?>("--mask-draws")
        {
            Description = "Masks drawn per sequence in a batch: the batch holds batch/draws distinct sequences (1).",
        };
        var command = new Command(
            "train",
            "Train a mask predictor from scratch: an any-order MLP, a transformer or a dilated convolutional network."
        )
        {
            dist,
            data,
            alphabet,
            text,
            length,
            output,
            device,
            resume,
            seed,
            objective.Option,
            arch.Option,
            batch,
            rate,
            width,
            layers,
            heads,
            mlp,
            dropout,
            decay,
            every,
            seconds,
            draws,
        };
        foreach (var option in budget.All)
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var directory = parsed.GetValue(output)!;
            var request = new TrainingRequest
            {
                Steps = budget.Steps(parsed, console),
                Minutes = budget.Minutes(parsed),
                Device = parsed.GetValue(device)!,
                Seed = parsed.GetValue(seed),
                Architecture = arch.Get(parsed),
                DModel = parsed.GetValue(width),
                Layers = parsed.GetValue(layers),
                Heads = parsed.GetValue(heads),
                MlpRatio = parsed.GetValue(mlp),
                Dropout = parsed.GetValue(dropout),
                BatchSize = parsed.GetValue(batch),
                LearningRate = parsed.GetValue(rate),
                WeightDecay = parsed.GetValue(decay),
                Objective = objective.Get(parsed),
                CheckpointEvery = parsed.GetValue(every),
                CheckpointSeconds = parsed.GetValue(seconds),
                MaskDraws = parsed.GetValue(draws),
            };
            var source = new TrainingData(
                parsed.GetValue(dist),
                parsed.GetValue(data),
                parsed.GetValue(alphabet),
                parsed.GetValue(text),
                parsed.GetValue(length)
            );
            var result = ProgressDisplay.Run(
                console,
                display =>
                    TrainingRun.Run(
                        source,
                        request,
                        directory,
                        parsed.GetValue(resume),
                        display.Logger,
                        display.Training(),
                        display.Cancel
                    )
            );
            console.Output.WriteLine(
                result.AlreadyFinished
                    ? $"the run in {directory} had already spent its budget at step {result.Step} "
                        + $"({result.Elapsed.TotalMinutes:F1} min); nothing to do. Pass a larger --train-steps or "
                        + "--minutes with --resume to continue it."
                : result.Losses.Count == 0 ? $"stopped before the first step; {directory} is unchanged."
                : $"trained to step {result.Step} in {result.Elapsed.TotalMinutes:F1} min; last loss "
                    + $"{result.Losses[^1]:F4} nats per token; checkpoint and curve.png in {directory}"
            );
            return 0;
        });
        return command;
    }
}
