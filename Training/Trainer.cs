using System.Diagnostics;
using System.Globalization;
using Dlm.Datasets;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace Dlm.Training;

/// <summary>One logged step of training.</summary>
/// <param name="Step">The step just taken.</param>
/// <param name="Spent">The fraction of the budget spent, in [0, 1] (<see cref="TrainingOptions.Spent"/>).</param>
/// <param name="Elapsed">Training time so far, across resumes.</param>
/// <param name="Loss">The loss, nats per token.</param>
/// <param name="Elbo">The batch's ELBO estimate, nats per sequence.</param>
/// <param name="LearningRate">The rate of the step.</param>
/// <param name="TokensPerSecond">Training throughput of the step.</param>
public sealed record TrainingProgress(
    int Step,
    double Spent,
    TimeSpan Elapsed,
    double Loss,
    double Elbo,
    double LearningRate,
    double TokensPerSecond
);

/// <summary>The outcome of a run.</summary>
/// <param name="Step">The last step reached.</param>
/// <param name="Elapsed">Training time, across resumes.</param>
/// <param name="Losses">The loss of every step run in this call.</param>
/// <param name="AlreadyFinished">Whether this call found the budget already spent, and so took no step.</param>
/// <param name="Checkpointing">The time this call spent on checkpoints and validation.</param>
public sealed record TrainingResult(
    int Step,
    TimeSpan Elapsed,
    IReadOnlyList<double> Losses,
    bool AlreadyFinished,
    TimeSpan Checkpointing
);

/// <summary>
/// Trains a mask predictor (<see cref="ModelConfig.Create"/>) from scratch with <see cref="AdamW"/>, warm-up and
/// cosine decay over the budget, gradient clipping and one dispose scope per step. Step s draws its batch and masks
/// from <c>seed.Split(s)</c> and reseeds the network's own stream from it (never libtorch's global one), so a resumed
/// run repeats an uninterrupted one exactly, whatever else runs in the process (on the CPU, with a step budget).
/// </summary>
public sealed class Trainer(
    TokenSource data,
    ModelConfig model,
    TrainingOptions options,
    string directory,
    ILogger logger
)
{
    /// <summary>Called after every checkpoint is written (for example to redraw the learning curve).</summary>
    public Action? Checkpointed { get; init; }

    /// <summary>Trains until the budget is spent or <paramref name="cancel"/> fires; resumes if asked.</summary>
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
        var config = new RunConfig(model, data.Spec, options, data.Text);
        if (store.Exists && !resume)
            throw new ArgumentException(
                $"'{directory}' already holds a checkpoint; pass --resume to continue it, or choose another --out.",
                nameof(directory)
            );
        if (resume && store.Exists)
            CheckCompatible(store.LoadConfig(), config);

        var device = TorchDevice.Resolve(options.Device);
        var seed = new RandomStreams(options.Seed);
        using var network = model.Create((long)(options.Seed & 0x7FFFFFFFFFFFFFFF));
        network.to(device);
        using var optimizer = new AdamW(network, options.WeightDecay);
        var (start, before) = resume && store.Exists ? store.Load(network, optimizer) : (0, TimeSpan.Zero);
        Directory.CreateDirectory(directory);
        store.SaveConfig(config);
        using var metrics = Metrics(start);
        logger.LogInformation(
            "training {Data} on {Device} from step {Start}: {Parameters} parameters, {Steps} steps, {Minutes} min",
            data.Spec,
            device.type,
            start,
            network.parameters().Sum(p => p.numel()),
            options.Steps?.ToString(CultureInfo.InvariantCulture) ?? "unlimited",
            options.Minutes?.ToString(CultureInfo.InvariantCulture) ?? "unlimited"
        );

        var losses = new List<double>();
        var alreadyFinished = options.Spent(start, before) >= 1;
        var clock = Stopwatch.StartNew();
        TimeSpan Elapsed() => before + clock.Elapsed;
        using Scalar perToken = 1.0 / model.Length;
        var step = start;
        // The loop ends on the same time that the last checkpoint records, so a resumed run agrees that it is spent.
        var now = before;
        var checkpointed = start;
        var sinceCheckpoint = Stopwatch.StartNew();
        var checkpointing = new Stopwatch();
        void Checkpoint()
        {
            checkpointing.Start();
            metrics.Flush();
            Validate(network, device, seed, step);
            store.Save(network, optimizer, step, now);
            Checkpointed?.Invoke();
            checkpointed = step;
            checkpointing.Stop();
            sinceCheckpoint.Restart();
        }
        while (options.Spent(step, now) < 1 && !cancel.IsCancellationRequested)
        {
            step++;
            var stepClock = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            var streams = seed.Split((ulong)step);
            network.Reseed(streams.Stream("torch").NextInt64());
            var rate = options.RateAt(step, Elapsed());
            network.train();
            var batch = Objectives.Mask(
                options.Objective,
                options.Repeat(data.Batch(options.DistinctPerBatch, streams.Stream("data"))),
                model.MaskId,
                streams.Stream("mask"),
                device
            );
            var elbo = Objectives.SequenceElbo(network.forward(batch.Inputs), batch).mean();
            var loss = elbo.mul(perToken);
            var (lossValue, elboValue) = (loss.item<float>(), elbo.item<float>());
            if (!float.IsFinite(lossValue))
                throw new InvalidOperationException(
                    $"training diverged at step {step}: the loss is not finite; lower --lr (now "
                        + $"{options.LearningRate}) and resume from the last checkpoint."
                );
            optimizer.ZeroGrad();
            loss.backward();
            optimizer.ClipGradients(options.ClipNorm);
            optimizer.Step(rate);
            losses.Add(lossValue);
            var tokensPerSecond = options.BatchSize * model.Length / stepClock.Elapsed.TotalSeconds;
            metrics.WriteLine(string.Join(',', step, F(lossValue), F(elboValue), F(rate), F(tokensPerSecond)));
            var elapsed = Elapsed();
            progress?.Report(
                new(step, options.Spent(step, elapsed), elapsed, lossValue, elboValue, rate, tokensPerSecond)
            );
            if (step % options.LogEvery == 0)
                logger.LogInformation(
                    "step {Step}: loss {Loss:F4}, ELBO {Elbo:F4} nats, lr {Rate:G3}, {Tokens:F0} tokens/s",
                    step,
                    lossValue,
                    elboValue,
                    rate,
                    tokensPerSecond
                );
            now = Elapsed();
            if (options.CheckpointDue(step, sinceCheckpoint.Elapsed))
                Checkpoint();
        }
        if (step > checkpointed)
            Checkpoint();
        logger.LogInformation(
            "stopped at step {Step}; checkpoint in {Directory}; checkpoints and validation took {Checkpointing:F1} s "
                + "of {Run:F1} s",
            step,
            directory,
            checkpointing.Elapsed.TotalSeconds,
            clock.Elapsed.TotalSeconds
        );
        return new TrainingResult(step, Elapsed(), losses, alreadyFinished, checkpointing.Elapsed);
    }

    /// <summary>
    /// The count-objective ELBO on the held-out sequences (at most 1024), logged and appended to validation.csv.
    /// </summary>
    private void Validate(nn.Module<Tensor, Tensor> network, Device device, RandomStreams seed, int step)
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
        File.AppendAllText(Path.Combine(directory, "validation.csv"), $"{step},{F(elbo)}\n");
        logger.LogInformation(
            "step {Step}: validation ELBO {Elbo:F4} nats on {Count} held-out sequences",
            step,
            elbo,
            held.Length
        );
    }

    /// <summary>Opens metrics.csv for appending, after trimming it and validation.csv to the resumed step.</summary>
    private StreamWriter Metrics(int start)
    {
        var path = Path.Combine(directory, "metrics.csv");
        KeepRowsUpTo(path, "step,loss,elbo,lr,tokens_per_s", start);
        KeepRowsUpTo(Path.Combine(directory, "validation.csv"), "step,elbo", start);
        return new StreamWriter(path, append: true);
    }

    /// <summary>
    /// Rewrites a CSV keyed by step with the header and the rows of steps ≤ <paramref name="start"/>.
    /// </summary>
    private static void KeepRowsUpTo(string path, string header, int start)
    {
        var kept =
            File.Exists(path) && start > 0
                ? File.ReadLines(path)
                    .Skip(1)
                    .Where(l => int.TryParse(l.Split(',')[0], out var s) && s <= start)
                    .ToList()
                : [];
        AtomicFile.WriteAllText(path, string.Join("", new[] { header }.Concat(kept).Select(l => l + "\n")));
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
