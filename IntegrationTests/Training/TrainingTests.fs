/// The libtorch tests run in parallel with the others: every Scalar on the hot paths is explicit and kept alive, every
/// tensor expression runs in a dispose scope (a temporary that only libtorch still reads could otherwise be finalized
/// under it; the garbage-collection stress test holds both in place), every run draws from its own generator, and the
/// host starts with one libtorch thread (IntegrationTests.runsettings).
module Dlm.IntegrationTests.Training.TrainingTests

open System
open System.IO
open System.Threading
open Dlm.Datasets
open Dlm.Sampling.Sampler
open Dlm.Sampling.Estimators
open Dlm.Training
open Microsoft.Extensions.Logging.Abstractions
open TorchSharp
open global.Xunit

let private tiny (distribution: IDiscreteDistribution) =
    ModelConfig(distribution.Length, distribution.Alphabet, 32, 1, 2, 2, 0.0)

let private options steps =
    TrainingOptions(
        Steps = Nullable(steps: int),
        BatchSize = 64,
        LearningRate = 1e-2,
        WarmupSteps = 10,
        CheckpointEvery = 7,
        Device = "cpu",
        Seed = 5UL
    )

let private train (distribution: IDiscreteDistribution) (settings: TrainingOptions) directory resume =
    Trainer(TokenSource.FromDistribution distribution, tiny distribution, settings, directory, NullLogger.Instance)
        .Run(resume)

/// Every network a mask predictor can be.
let private architectures =
    [
        NetworkArchitecture.Transformer
        NetworkArchitecture.Mlp
        NetworkArchitecture.Convolution
    ]

let private freshDirectory () =
    Directory.CreateTempSubdirectory("dlm-train-").FullName

/// The latest checkpoint's weights of two runs are equal, byte for byte.
let private assertSameWeights expected actual =
    let weights dir =
        Safetensors.Read(Path.Combine(dir, File.ReadAllText(Path.Combine(dir, "latest")), "weights.safetensors"))

    // The loaded tensors stay reachable until the scope ends (TrainingTests' header).
    use _ = torch.NewDisposeScope()
    let a, b = weights expected, weights actual

    for KeyValue(name, tensor) in a do
        Assert.Equal<float32[]>(tensor.data<float32>().ToArray(), b[name].data<float32>().ToArray())

[<Fact>]
let ``libtorch loads and computes inside the test host`` () =
    use _ = torch.NewDisposeScope()
    let ones = torch.ones (2L, 3L)
    Assert.Equal(6.0f, ones.sum().item<float32>())

/// IntegrationTests.runsettings starts the host with one libtorch thread: the thread count is process-global, and CPU
/// results differ in the last bits between thread counts, so no test may change it.
[<Fact>]
let ``the test host runs libtorch on one thread from the start`` () =
    Assert.Equal(1, torch.get_num_threads ())

[<Fact>]
let ``the ELBO routine with the oracle predictor returns H(X) within its interval`` () =
    for spec in
        [
            "markov:L=5,q=3,stay=0.8"
            "rs:q=5,n=4,k=2"
            "dirichlet:L=4,q=3,alpha=0.5,seed=3"
        ] do
        let p = DistributionSpec.Parse spec

        let estimate =
            AnyOrderElbo.Estimate(p, OraclePredictor p, 4000, RandomStreams 8UL, 0.999)

        Assert.True(
            estimate.Covers p.Profile.Entropy,
            $"{spec}: H = {p.Profile.Entropy} outside [{estimate.Lower}, {estimate.Upper}]"
        )

[<Fact>]
let ``the training objectives fed the oracle's log-probabilities estimate H(X)`` () =
    let p = DistributionSpec.Parse "markov:L=5,q=3,stay=0.8"
    let q = p.Alphabet

    for objective in [ MaskingObjective.Count; MaskingObjective.Mdlm ] do
        let values = ResizeArray()

        for round in 0..39 do
            use _ = torch.NewDisposeScope()
            let streams = RandomStreams(uint64 round)

            let batch =
                Objectives.Mask(
                    objective,
                    TokenSource.FromDistribution(p).Batch(100, streams.Stream("data")),
                    q,
                    streams.Stream("mask"),
                    torch.CPU
                )

            let inputs = batch.Inputs.data<int64>().ToArray() |> Array.map int
            let logits = Array.zeroCreate (100 * p.Length * q)
            let law = Array.zeroCreate (p.Length * q)

            for b in 0..99 do
                p.Conditionals(ReadOnlySpan(inputs, b * p.Length, p.Length), Span law)

                for j in 0 .. law.Length - 1 do
                    logits[b * law.Length + j] <- float32 (log (max law[j] 1e-30))

            let tensor = torch.tensor (logits, ReadOnlySpan [| 100L; int64 p.Length; int64 q |])

            values.AddRange(
                Objectives.SequenceElbo(tensor, batch).data<float32>().ToArray()
                |> Array.map float
            )

        let estimate = MonteCarloEstimate.FromDraws(values, 0.999)

        Assert.True(
            estimate.Covers p.Profile.Entropy,
            $"{objective}: H = {p.Profile.Entropy} outside [{estimate.Lower}, {estimate.Upper}]"
        )

[<Fact>]
let ``a tiny model overfits rs:q=5,n=4,k=2 to a per-token KL of at most 0.02 nats`` () =
    let p = DistributionSpec.Parse "rs:q=5,n=4,k=2"
    let directory = freshDirectory ()

    let settings =
        TrainingOptions(
            Steps = Nullable 600,
            BatchSize = 128,
            LearningRate = 3e-3,
            WarmupSteps = 50,
            CheckpointEvery = 600,
            Device = "cpu",
            Seed = 5UL
        )

    Trainer(
        TokenSource.FromDistribution p,
        ModelConfig(4, 5, 64, 2, 4, 4, 0.0),
        settings,
        directory,
        NullLogger.Instance
    )
        .Run(false)
    |> ignore

    use predictor = TorchPredictor.Load(directory, "cpu")
    let kl = PredictorDivergence.PerToken(p, predictor, 2000, RandomStreams 1UL)
    Assert.True(kl.Mean <= 0.02, $"per-token KL {kl.Mean} [{kl.Lower}, {kl.Upper}]")

[<Fact>]
let ``the loss decreases, and the same seed gives the same loss curve`` () =
    let p = DistributionSpec.Parse "markov:L=6,q=3,stay=0.9"
    let a = train p (options 60) (freshDirectory ()) false
    let b = train p (options 60) (freshDirectory ()) false
    Assert.Equal<float list>(List.ofSeq a.Losses, List.ofSeq b.Losses)
    Assert.True(Seq.average (Seq.take 10 a.Losses) > Seq.average (Seq.skip 50 a.Losses))

[<Fact>]
let ``a killed run resumes from its last checkpoint and ends where an uninterrupted run ends`` () =
    let p = DistributionSpec.Parse "markov:L=4,q=3,stay=0.7"
    let straight = freshDirectory ()
    train p (options 20) straight false |> ignore
    let killed = freshDirectory ()

    let trainer =
        Trainer(TokenSource.FromDistribution p, tiny p, options 20, killed, NullLogger.Instance)

    let kill =
        { new IProgress<TrainingProgress> with
            member _.Report r =
                if r.Step = 10 then
                    raise (OperationCanceledException "killed")
        }

    Assert.Throws<OperationCanceledException>(fun () -> trainer.Run(false, CancellationToken.None, kill) |> ignore)
    |> ignore

    Assert.Equal("step-00000007", File.ReadAllText(Path.Combine(killed, "latest")))
    let resumed = train p (options 20) killed true
    Assert.Equal(13, resumed.Losses.Count)

    assertSameWeights straight killed

/// Each run owns its generator: two runs with the same seed at once, beside a thread that draws from libtorch's global
/// generator all the while, end with the weights of a lone run. Dropout is on, so that every kind of draw is covered.
[<Fact>]
let ``runs with the same seed at once equal a lone run while another thread draws from torch's global generator`` () =
    let p = DistributionSpec.Parse "markov:L=6,q=3,stay=0.9"

    for architecture in architectures do
        let model = ModelConfig(6, 3, 16, 2, 2, 2, 0.1, architecture)

        let run directory =
            Trainer(TokenSource.FromDistribution p, model, options 30, directory, NullLogger.Instance).Run(false)
            |> ignore

        let lone = freshDirectory ()
        run lone
        use stop = new CancellationTokenSource()

        let noise =
            Thread(fun () ->
                while not stop.IsCancellationRequested do
                    use draws = torch.rand 64L
                    ())

        noise.Start()
        let together = [| freshDirectory (); freshDirectory () |]

        try
            together
            |> Array.map (fun dir -> Tasks.Task.Run(Action(fun () -> run dir)))
            |> Tasks.Task.WaitAll
        finally
            stop.Cancel()
            noise.Join()

        for directory in together do
            assertSameWeights lone directory

[<Fact>]
let ``a checkpoint round-trips with identical predictions`` () =
    let p = DistributionSpec.Parse "rs:q=5,n=4,k=2"
    let directory = freshDirectory ()
    train p (options 8) directory false |> ignore
    use first = TorchPredictor.Load(directory, "cpu")
    use second = TorchPredictor.Load(directory, "cpu")
    let tokens = [| 5; 1; 5; 5; 0; 5; 5; 3 |]
    let a, b = Array.zeroCreate 40, Array.zeroCreate 40
    (first :> IMaskPredictor).Predict(ReadOnlySpan tokens, 2, Span a)
    (second :> IMaskPredictor).Predict(ReadOnlySpan tokens, 2, Span b)
    Assert.Equal<float[]>(a, b)
    Assert.True(abs (Array.sum a[0..4] - 1.0) < 1e-12)

[<Fact>]
let ``mismatched or corrupt checkpoints give clear errors`` () =
    let p = DistributionSpec.Parse "rs:q=5,n=4,k=2"
    let directory = freshDirectory ()
    train p (options 7) directory false |> ignore

    let again =
        Assert.Throws<ArgumentException>(fun () -> train p (options 7) directory false |> ignore)

    Assert.Contains("already holds a checkpoint", again.Message)
    let other = DistributionSpec.Parse "rs:q=7,n=4,k=2"

    let mismatch =
        Assert.ThrowsAny<ArgumentException>(fun () -> train other (options 14) directory true |> ignore)

    Assert.Contains("differs", mismatch.Message)
    let weights = Path.Combine(directory, "step-00000007", "weights.safetensors")
    let bytes = File.ReadAllBytes weights
    bytes[bytes.Length - 1] <- bytes[bytes.Length - 1] ^^^ 0xFFuy
    File.WriteAllBytes(weights, bytes)

    let corrupt =
        Assert.Throws<InvalidDataException>(fun () -> TorchPredictor.Load(directory, "cpu") |> ignore)

    Assert.Contains("corrupt", corrupt.Message)

    let empty =
        Assert.Throws<ArgumentException>(fun () -> TorchPredictor.Load(freshDirectory (), "cpu") |> ignore)

    Assert.Contains("not a checkpoint directory", empty.Message)

[<Fact>]
let ``a step saved again goes to a new folder, so 'latest' always names a whole checkpoint`` () =
    let p = DistributionSpec.Parse "rs:q=5,n=4,k=2"
    let directory = freshDirectory ()
    train p (options 7) directory false |> ignore
    let store = CheckpointStore directory
    use network = (tiny p).Create 0L
    use optimizer = new AdamW(network, 0.0)
    let struct (step, elapsed) = store.Load(network, optimizer)
    store.Save(network, optimizer, step, elapsed)
    Assert.Equal("step-00000007-2", File.ReadAllText(Path.Combine(directory, "latest")))

    Assert.Equal<string[]>(
        [| "step-00000007-2" |],
        Directory.GetDirectories(directory, "step-*") |> Array.map Path.GetFileName
    )

    Assert.Equal(struct (step, elapsed), store.Load(network, optimizer))

[<Fact>]
let ``dlm reports a corrupt checkpoint in one line with exit code 2`` () =
    let p = DistributionSpec.Parse "rs:q=5,n=4,k=2"
    let directory = freshDirectory ()
    train p (options 7) directory false |> ignore
    File.WriteAllText(Path.Combine(directory, "step-00000007", "optimizer.safetensors"), "garbage")

    let code, _, error =
        Dlm.IntegrationTests.Cli.CliTests.dlm
            $"evaluate --model {directory} --dist rs:q=5,n=4,k=2 --device cpu --draws 10 --samples 0"

    Assert.Equal(2, code)
    Assert.Contains("corrupt", error)

[<Fact>]
let ``a file of sequences trains with a held-out split, and bad files name the line`` () =
    let dir = freshDirectory ()
    let file = Path.Combine(dir, "data.jsonl")

    Dlm.IntegrationTests.Cli.CliTests.dlm
        $"sample --dist markov:L=5,q=3,stay=0.8 --schedule linear --steps 5 --count 50 --out {file}"
    |> ignore

    let source = TokenSource.FromFile(file, 3)
    Assert.Equal(5, source.Validation.Count)
    Assert.StartsWith("file:", source.Spec)

    let run =
        Trainer(source, ModelConfig(5, 3, 32, 1, 2, 2, 0.0), options 7, Path.Combine(dir, "run"), NullLogger.Instance)
            .Run(false)

    Assert.Equal(7, run.Step)
    File.AppendAllText(file, "[1, 2]\n")

    Assert.Contains(
        "line 51",
        Assert.Throws<ArgumentException>(fun () -> TokenSource.FromFile(file, 3) |> ignore).Message
    )

    File.WriteAllText(file, "[0, 1, 7]\n[0, 1, 2]\n")

    Assert.Contains(
        "[0, q = 3)",
        Assert.Throws<ArgumentException>(fun () -> TokenSource.FromFile(file, 3) |> ignore).Message
    )

/// Runs `body` while another thread collects garbage and runs finalizers in a loop.
let private underGcPressure body =
    use stop = new CancellationTokenSource()

    let collector =
        Thread(fun () ->
            while not stop.IsCancellationRequested do
                GC.Collect()
                GC.WaitForPendingFinalizers())

    collector.Start()

    try
        body ()
    finally
        stop.Cancel()
        collector.Join()

/// With TorchSharp's AdamW and `a + b` in the networks this died within 9 s ("toFloat" from c10::Scalar). Checkpoints
/// come every 20 steps, and the predictor is loaded 50 times, so that saving and loading run under the pressure too.
[<Fact>]
let ``training, checkpoints and prediction survive a thread that collects garbage in a loop`` () =
    let p = DistributionSpec.Parse "markov:L=8,q=3,stay=0.8"

    for architecture in architectures do
        let directory = freshDirectory ()

        let settings =
            TrainingOptions(
                Steps = Nullable 2000,
                BatchSize = 8,
                LearningRate = 1e-3,
                CheckpointEvery = 20,
                Device = "cpu",
                Seed = 3UL
            )

        let model = ModelConfig(8, 3, 16, 1, 2, 2, 0.0, architecture)

        let result =
            underGcPressure (fun () ->
                Trainer(TokenSource.FromDistribution p, model, settings, directory, NullLogger.Instance).Run(false))

        Assert.Equal(2000, result.Step)

        underGcPressure (fun () ->
            for _ in 1..50 do
                TorchPredictor.Load(directory, "cpu").Dispose())

        use predictor = TorchPredictor.Load(directory, "cpu")
        let tokens = Array.create (64 * 8) 3
        let law = Array.zeroCreate (64 * 8 * 3)

        underGcPressure (fun () ->
            for _ in 1..1000 do
                predictor.Predict(ReadOnlySpan tokens, 64, Span law))

        Assert.All(law, (fun x -> Assert.InRange(x, 0.0, 1.0)))

[<Fact>]
let ``weight decay shrinks the weight matrices of linear layers only, never embeddings, norms or biases`` () =
    let decaying (config: ModelConfig) =
        use network = config.Create 0L
        use optimizer = new AdamW(network, 0.01)
        Set.ofSeq optimizer.Decaying

    let mlp = decaying (ModelConfig(4, 3, 8, 2, 2, 2, 0.0, NetworkArchitecture.Mlp))

    Assert.Equal<Set<string>>(
        set
            [
                "blocks.0.fc.weight"
                "blocks.0.fc_out.weight"
                "blocks.1.fc.weight"
                "blocks.1.fc_out.weight"
                "head.weight"
            ],
        mlp
    )

    let transformer = decaying (ModelConfig(4, 3, 8, 1, 2, 2, 0.0))

    Assert.Equal<Set<string>>(
        set
            [
                "blocks.0.qkv.weight"
                "blocks.0.proj.weight"
                "blocks.0.fc.weight"
                "blocks.0.fc_out.weight"
                "head.weight"
            ],
        transformer
    )

    let convolution =
        decaying (ModelConfig(4, 3, 8, 1, 2, 2, 0.0, NetworkArchitecture.Convolution))

    Assert.Equal<Set<string>>(set [ "blocks.0.conv.weight"; "blocks.0.fc_out.weight"; "head.weight" ], convolution)

[<Fact>]
let ``checkpoints come every N steps, or every S seconds of wall time, the cadence a time budget takes by default`` () =
    let bySteps = TrainingOptions(CheckpointEvery = 7)
    Assert.True(bySteps.CheckpointDue(14, TimeSpan.Zero))
    Assert.False(bySteps.CheckpointDue(15, TimeSpan.FromHours 1.0))
    let bySeconds = TrainingOptions(CheckpointSeconds = Nullable 30.0)
    Assert.False(bySeconds.CheckpointDue(7, TimeSpan.FromSeconds 29.9))
    Assert.True(bySeconds.CheckpointDue(8, TimeSpan.FromSeconds 30.0))

    let cadence (request: TrainingRequest) =
        let struct (_, resolved) = request.Resolve(12, 27, null)
        resolved.CheckpointSeconds

    Assert.Equal(Nullable 30.0, cadence (TrainingRequest(Minutes = Nullable 5.0)))
    Assert.Equal(Nullable(), cadence (TrainingRequest(Steps = Nullable 100)))
    Assert.Equal(Nullable(), cadence (TrainingRequest(Minutes = Nullable 5.0, CheckpointEvery = Nullable 50)))
    Assert.Equal(Nullable 2.0, cadence (TrainingRequest(Steps = Nullable 100, CheckpointSeconds = Nullable 2.0)))

    Assert.Contains(
        "checkpoint-seconds",
        (Assert.Throws<ArgumentOutOfRangeException>(fun () ->
            TrainingOptions(CheckpointSeconds = Nullable 0.0).Validate() |> ignore))
            .Message
    )

[<Fact>]
let ``a run whose time cadence never comes checkpoints and validates once, at its end, on the same weights`` () =
    let distribution = DistributionSpec.Parse "markov:L=6,q=3,stay=0.8"
    let every, once = freshDirectory (), freshDirectory ()
    train distribution (options 20) every false |> ignore

    let timed =
        TrainingOptions(
            Steps = Nullable 20,
            BatchSize = 64,
            LearningRate = 1e-2,
            WarmupSteps = 10,
            CheckpointEvery = 7,
            CheckpointSeconds = Nullable 1e6,
            Device = "cpu",
            Seed = 5UL
        )

    let result = train distribution timed once false

    Assert.Equal(20, result.Step)
    Assert.Equal(2, File.ReadAllLines(Path.Combine(once, "validation.csv")).Length)
    Assert.Equal(21, File.ReadAllLines(Path.Combine(once, "metrics.csv")).Length)
    // The cadence changes when the weights are saved, never what they are.
    assertSameWeights every once

[<Fact>]
let ``several mask draws per sequence repeat each drawn sequence in a row, cut to the batch`` () =
    let settings = TrainingOptions(BatchSize = 10, MaskDraws = 3)
    Assert.Equal(4, settings.DistinctPerBatch)
    let drawn = Array.init 4 (fun i -> [| i |])
    let batch = settings.Repeat drawn
    Assert.Equal<int[]>([| 0; 0; 0; 1; 1; 1; 2; 2; 2; 3 |], batch |> Array.map (fun x -> x[0]))
    Assert.Same(drawn, TrainingOptions(BatchSize = 10).Repeat drawn)

    Assert.Contains(
        "mask draws",
        (Assert.Throws<ArgumentOutOfRangeException>(fun () ->
            TrainingOptions(BatchSize = 4, MaskDraws = 5).Validate() |> ignore))
            .Message
    )
