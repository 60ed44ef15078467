using System.Diagnostics;
using System.Globalization;
using Dlm.Datasets;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace Dlm.Training;

/// <summary>One logged step of training.</summary>
public sealed record TrainingProgress(
    int Step,
    int Steps,
    double Loss,
    double Elbo,
    double LearningRate,
    double TokensPerSecond
);

/// <summary>The outcome of a run: the last step reached and the loss of every step run in this call.</summary>
public sealed record TrainingResult(int Step, IReadOnlyList<double> Losses);

/// <summary>
/// Trains a <see cref="MaskedTransformer"/> from scratch with AdamW, warm-up and cosine decay, gradient
/// clipping and one dispose scope per step. Step s draws its batch and masks from <c>seed.Split(s)</c> and
/// reseeds torch from it, so a resumed run repeats an uninterrupted one exactly (on the CPU).
/// </summary>
public sealed class Trainer(
    TokenSource data,
    ModelConfig model,
    TrainingOptions options,
    string directory,
    ILogger logger
)
{
    /// <summary>
    /// Trains until the step budget or the time limit; resumes from the directory's checkpoint if asked.
    /// </summary>
    public TrainingResult Run(
        bool resume,
        CancellationToken cancel = default,
        IProgress<TrainingProgress>? progress = null
    )
    {
        options.Validate();
        model.Validate();
        if (model.Length != data.Length || model.Alphabet != data.Alphabet)
            throw new ArgumentException(
                $"the model is for L = {model.Length}, q = {model.Alphabet}; the data has L = {data.Length}, q = "
                    + $"{data.Alphabet}.",
                nameof(model)
            );
        var store = new CheckpointStore(directory);
        var config = new RunConfig(model, data.Spec, options);
        if (store.Exists && !resume)
            throw new ArgumentException(
                $"'{directory}' already holds a checkpoint; pass --resume to continue it, or choose another --out.",
                nameof(directory)
            );
        if (resume && store.Exists)
            CheckCompatible(store.LoadConfig(), config);

        var device = TorchDevice.Resolve(options.Device);
        var seed = new RandomStreams(options.Seed);
        random.manual_seed((long)(options.Seed & 0x7FFFFFFFFFFFFFFF));
        using var network = new MaskedTransformer(model);
        network.to(device);
        using var optimizer = optim.AdamW(
            network.parameters(),
            options.LearningRate,
            weight_decay: options.WeightDecay
        );
        var start = resume && store.Exists ? store.Load(network, optimizer) : 0;
        Directory.CreateDirectory(directory);
        store.SaveConfig(config);
        using var metrics = Metrics(start);
        logger.LogInformation(
            "training {Data} on {Device} from step {Start} to {Steps} ({Parameters} parameters)",
            data.Spec,
            device.type,
            start,
            options.Steps,
            network.parameters().Sum(p => p.numel())
        );

        var losses = new List<double>();
        var clock = Stopwatch.StartNew();
        var step = start;
        while (
            step < options.Steps
            && !cancel.IsCancellationRequested
            && !(options.Minutes is { } m && clock.Elapsed.TotalMinutes >= m)
        )
        {
            step++;
            var stepClock = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            var streams = seed.Split((ulong)step);
            random.manual_seed(streams.Stream("torch").NextInt64());
            var rate = options.RateAt(step);
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = rate;
            network.train();
            var batch = Objectives.Mask(
                options.Objective,
                data.Batch(options.BatchSize, streams.Stream("data")),
                model.MaskId,
                streams.Stream("mask"),
                device
            );
            var elbo = Objectives.SequenceElbo(network.forward(batch.Inputs), batch).mean();
            var loss = elbo / model.Length;
            var (lossValue, elboValue) = (loss.item<float>(), elbo.item<float>());
            if (!float.IsFinite(lossValue))
                throw new InvalidOperationException(
                    $"training diverged at step {step}: the loss is not finite; lower --lr (now "
                        + $"{options.LearningRate}) and resume from the last checkpoint."
                );
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(network.parameters(), options.ClipNorm);
            optimizer.step();
            losses.Add(lossValue);
            var tokensPerSecond = options.BatchSize * model.Length / stepClock.Elapsed.TotalSeconds;
            metrics.WriteLine(string.Join(',', step, F(lossValue), F(elboValue), F(rate), F(tokensPerSecond)));
            var report = new TrainingProgress(step, options.Steps, lossValue, elboValue, rate, tokensPerSecond);
            progress?.Report(report);
            if (step % options.LogEvery == 0)
                logger.LogInformation(
                    "step {Step}: loss {Loss:F4}, ELBO {Elbo:F4} nats, lr {Rate:G3}, {Tokens:F0} tokens/s",
                    step,
                    lossValue,
                    elboValue,
                    rate,
                    tokensPerSecond
                );
            if (step % options.CheckpointEvery == 0)
            {
                metrics.Flush();
                store.Save(network, optimizer, step);
                LogValidation(network, device, seed, step);
            }
        }
        if (step > start && step % options.CheckpointEvery != 0)
            store.Save(network, optimizer, step);
        logger.LogInformation("stopped at step {Step}; checkpoint in {Directory}", step, directory);
        return new TrainingResult(step, losses);
    }

    /// <summary>The count-objective ELBO on the held-out sequences (at most 1024), when the data has any.</summary>
    private void LogValidation(MaskedTransformer network, Device device, RandomStreams seed, int step)
    {
        if (data.Validation.Count == 0)
            return;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        network.eval();
        var held = data.Validation.Take(1024).ToArray();
        var batch = Objectives.Mask(MaskingObjective.Count, held, model.MaskId, seed.Stream("validation"), device);
        var elbo = Objectives.SequenceElbo(network.forward(batch.Inputs), batch).mean().item<float>();
        network.train();
        logger.LogInformation(
            "step {Step}: validation ELBO {Elbo:F4} nats on {Count} held-out sequences",
            step,
            elbo,
            held.Length
        );
    }

    /// <summary>Opens metrics.csv for appending, keeping only the rows up to the resumed step.</summary>
    private StreamWriter Metrics(int start)
    {
        var path = Path.Combine(directory, "metrics.csv");
        var kept =
            File.Exists(path) && start > 0
                ? File.ReadLines(path)
                    .Skip(1)
                    .Where(l => int.TryParse(l.Split(',')[0], out var s) && s <= start)
                    .ToList()
                : [];
        AtomicFile.WriteAllText(
            path,
            string.Join("", new[] { "step,loss,elbo,lr,tokens_per_s" }.Concat(kept).Select(l => l + "\n"))
        );
        return new StreamWriter(path, append: true);
    }

    private static void CheckCompatible(RunConfig saved, RunConfig current)
    {
        if (saved.Model != current.Model)
            throw new ArgumentException(
                $"the checkpoint's model {saved.Model} differs from the requested {current.Model}.",
                "model"
            );
        if (saved.Data != current.Data)
            throw new ArgumentException($"the checkpoint was trained on '{saved.Data}', not '{current.Data}'.", "data");
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
