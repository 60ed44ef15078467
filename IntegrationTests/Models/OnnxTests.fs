/// Other people's models: ONNX exports through ONNX Runtime, against PyTorch's and TorchSharp's laws on the same
/// weights, and the commands that take any model. The fixtures come from scripts/make_fixtures.sh.
module Dlm.IntegrationTests.Models.OnnxTests

open System
open System.IO
open System.Text.Json
open Dlm.Datasets
open Dlm.Models
open Dlm.Sampling.Sampler
open Dlm.Training
open Dlm.IntegrationTests.Cli.CliTests
open global.Xunit

let private fixture name =
    Path.Combine(AppContext.BaseDirectory, "Fixtures", name)

let private networks = [ "markov-mlp"; "markov-transformer" ]

let private onnx name =
    OnnxPredictor.Load(fixture $"{name}.onnx", OnnxOptions(Device = "cpu"))

/// The largest absolute difference between two predictors' laws at every position of the given states.
let private gap (a: IMaskPredictor) (b: IMaskPredictor) (states: int[]) =
    let count = states.Length / a.Length

    let x, y =
        Array.zeroCreate (states.Length * a.Alphabet), Array.zeroCreate (states.Length * a.Alphabet)

    a.Predict(ReadOnlySpan states, count, Span x)
    b.Predict(ReadOnlySpan states, count, Span y)
    Array.map2 (fun u v -> abs (u - v)) x y |> Array.max

/// Uniformly random masked states of L = 8 over q = 3: a uniform number of masks at uniform positions.
let private randomStates count seed =
    let rng = RandomStreams(seed).Stream("states")

    [|
        for _ in 1..count do
            let row = Array.init 8 (fun _ -> rng.Next 3)
            let order = Array.init 8 id
            rng.Shuffle order

            for j in 0 .. rng.Next(1, 9) - 1 do
                row[order[j]] <- 3

            yield! row
    |]

[<Fact>]
let ``the fixtures' signature: input_ids [batch, 8] to logits [batch, 8, 4], mask id 3 from the metadata`` () =
    for name in networks do
        use predictor = onnx name
        Assert.Equal(8, predictor.Length)
        Assert.Equal(4, predictor.Vocabulary)
        Assert.Equal(3, predictor.MaskId)
        Assert.Equal(3, (predictor :> IMaskPredictor).Alphabet)

[<Fact>]
let ``ONNX Runtime and TorchSharp give PyTorch's laws on the committed inputs, to 1e-5`` () =
    for name in networks do
        use document = JsonDocument.Parse(File.ReadAllText(fixture $"{name}.expected.json"))
        let root = document.RootElement

        let inputs =
            [|
                for row in root.GetProperty("inputs").EnumerateArray() do
                    for t in row.EnumerateArray() -> t.GetInt32()
            |]

        let expected =
            [|
                for row in root.GetProperty("laws").EnumerateArray() do
                    for position in row.EnumerateArray() do
                        for p in position.EnumerateArray() -> p.GetDouble()
            |]

        use ort = onnx name
        use torch = TorchPredictor.Load(fixture name, "cpu")

        for predictor in [ ort :> IMaskPredictor; torch ] do
            let laws = Array.zeroCreate expected.Length
            predictor.Predict(ReadOnlySpan inputs, inputs.Length / 8, Span laws)
            let worst = Array.map2 (fun a b -> abs (a - b)) laws expected |> Array.max
            Assert.True(worst < 1e-5, $"{name}, {predictor.GetType().Name}: {worst}")

[<Fact>]
let ``ONNX Runtime and TorchSharp agree on the same weights at random masked states, to 1e-5`` () =
    for name in networks do
        use ort = onnx name
        use torch = TorchPredictor.Load(fixture name, "cpu")
        let worst = gap ort torch (randomStates 300 7UL)
        Assert.True(worst < 1e-5, $"{name}: {worst}")

[<Fact>]
let ``a mask id inside the vocabulary (LLaDA's kind): the mask is sent as that id, which gets probability 0`` () =
    use plain = onnx "markov-mlp"

    use inside =
        OnnxPredictor.Load(fixture "markov-mlp.onnx", OnnxOptions(MaskId = Nullable 1, Device = "cpu"))

    Assert.Equal(4, (inside :> IMaskPredictor).Alphabet)
    // The model sees id 1 at the masked positions either way: written 1 for the plain predictor, q = 4 for the other.
    let seen = [| 0; 1; 2; 1; 1; 0; 2; 1 |]
    let written = seen |> Array.map (fun t -> if t = 1 then 4 else t)
    let a, b = Array.zeroCreate (8 * 3), Array.zeroCreate (8 * 4)
    (plain :> IMaskPredictor).Predict(ReadOnlySpan seen, 1, Span a)
    (inside :> IMaskPredictor).Predict(ReadOnlySpan written, 1, Span b)

    for i in 0..7 do
        Assert.Equal(0.0, b[i * 4 + 1])
        Assert.Equal(0.0, b[i * 4 + 3])
        Assert.Equal(a[i * 3] / (a[i * 3] + a[i * 3 + 2]), b[i * 4], 12)
        Assert.Equal(1.0, b[i * 4] + b[i * 4 + 2], 12)

[<Fact>]
let ``PredictAt softmaxes the asked positions only, and equals the rows of Predict`` () =
    use ort = onnx "markov-transformer"
    let predictor = ort :> IMaskPredictor
    let states = randomStates 5 3UL
    let all = Array.zeroCreate (states.Length * 3)
    predictor.Predict(ReadOnlySpan states, 5, Span all)

    let positions =
        [|
            for b in 0..4 do
                for i in 0..7 do
                    if states[b * 8 + i] = 3 then
                        yield i
        |]

    let offsets =
        Array.scan
            (fun acc b -> acc + (Array.sub states (b * 8) 8 |> Array.filter ((=) 3) |> Array.length))
            0
            [| 0..4 |]

    let asked = Array.zeroCreate (positions.Length * 3)
    predictor.PredictAt(ReadOnlySpan states, 5, ReadOnlySpan positions, ReadOnlySpan offsets, Span asked)

    for b in 0..4 do
        for r in offsets[b] .. offsets[b + 1] - 1 do
            for a in 0..2 do
                Assert.Equal(all[(b * 8 + positions[r]) * 3 + a], asked[r * 3 + a], 15)

[<Fact>]
let ``calibrate gives the same profile from the ONNX export and from the checkpoint, to 1e-5`` () =
    let dir = Directory.CreateTempSubdirectory("dlm-onnx-").FullName

    let profile (model: string) file =
        let path = Path.Combine(dir, file)

        let code, _, error =
            dlm $"calibrate --model {model} --dist markov:L=8,q=3,stay=0.8 --samples 64 --seed 4 --out {path}"

        Assert.True((code = 0), error)
        use document = JsonDocument.Parse(File.ReadAllText path)

        [|
            for d in document.RootElement.GetProperty("delta").EnumerateArray() -> d.GetDouble()
        |]

    for name in networks do
        let a = profile (fixture $"{name}.onnx") $"{name}-onnx.json"
        let b = profile (fixture name) $"{name}-torch.json"
        Assert.Equal(8, a.Length)

        for m in 0..7 do
            Assert.True(abs (a[m] - b[m]) < 1e-5, $"{name}, m = {m}: {a[m]} against {b[m]}")

let private samples count =
    let file =
        Path.Combine(Directory.CreateTempSubdirectory("dlm-onnx-data-").FullName, "held-out.jsonl")

    dlm $"sample --dist markov:L=8,q=3,stay=0.8 --schedule fixed --steps 8 --count {count} --seed 2 --out {file}"
    |> ignore

    file

[<Fact>]
let ``study schedules runs end to end on the ONNX fixture and recommends a schedule per K`` () =
    let data = samples 60
    let out = Directory.CreateTempSubdirectory("dlm-study-").FullName

    let model = fixture "markov-mlp.onnx"

    let code, stdout, error =
        dlm $"study schedules --model {model} --data {data} --steps 2,4 --samples 20 --out {out} --device cpu"

    Assert.True((code = 0), error)
    Assert.Contains("Least NLL: K = 2", stdout)
    let report = File.ReadAllText(Path.Combine(out, "report.md"))
    Assert.Contains("## The recommendation", report)
    Assert.Contains("ONNX, L = 8, V = 4, mask id 3", report)
    let rows = File.ReadAllLines(Path.Combine(out, "study.csv"))
    Assert.StartsWith("schedule,K,nll_nats_per_sequence,nll_bits_per_token", rows[0])

[<Fact>]
let ``evaluate --data scores any model: the KL a schedule adds is ≥ 0 within its interval at K = L`` () =
    let data = samples 40

    let model = fixture "markov-transformer.onnx"

    let code, out, error =
        dlm $"evaluate --model {model} --data {data} --schedule fixed --steps 8 --json"

    Assert.True((code = 0), error)
    let root = json out
    // One token a step in the same random orders as the any-order NLL: the two are the same numbers.
    Assert.Equal(0.0, root.GetProperty("schedule_kl").GetProperty("mean").GetDouble(), 12)
    Assert.True(root.GetProperty("any_order_nll").GetProperty("mean").GetDouble() > 0.0)

[<Theory>]
[<InlineData("predict --model /nonexistent.onnx --tokens 1,_,_,_,_,_,_,_", "does not exist")>]
[<InlineData("predict --model {notonnx} --tokens 1,_,_,_,_,_,_,_", "is not an ONNX model")>]
[<InlineData("predict --model {mlp} --onnx-input ids --tokens 1,_,_,_,_,_,_,_", "its inputs are 'input_ids'")>]
[<InlineData("predict --model {mlp} --onnx-output out --tokens 1,_,_,_,_,_,_,_", "its outputs are 'logits'")>]
[<InlineData("predict --model {rank} --mask-id 0 --tokens 1,_", "rank 1; dlm needs rank 2")>]
[<InlineData("predict --model {mlp} --mask-id 9 --tokens 1,_,_,_,_,_,_,_", "lies outside the vocabulary [0, V = 4)")>]
[<InlineData("evaluate --model {mlp} --data {short}", "has L = 6; the model has L = 8")>]
[<InlineData("evaluate --model {mlp} --data {token}", "token 5; tokens must lie in [0, q = 3)")>]
[<InlineData("evaluate --model {mlp} --mask-id 1 --data {mask}", "token 1 is the model's mask id")>]
[<InlineData("evaluate --model {mlp} --data {ragged}", "line 2: 7 tokens, but L = 8")>]
let ``bad models and bad data exit 2 with one line that names the problem`` (template: string, expected: string) =
    let dir = Directory.CreateTempSubdirectory("dlm-onnx-bad-").FullName

    let write name (text: string) =
        let path = Path.Combine(dir, name)
        File.WriteAllText(path, text)
        path

    let args =
        template
            .Replace("{notonnx}", write "model.onnx" "not a model")
            .Replace("{mlp}", fixture "markov-mlp.onnx")
            .Replace("{rank}", fixture "wrong-rank.onnx")
            .Replace("{short}", write "short.jsonl" "[0,1,2,0,1,2]\n[0,1,2,0,1,2]\n")
            .Replace("{token}", write "token.jsonl" "[0,1,2,0,1,2,0,1]\n[0,1,2,0,1,2,0,5]\n")
            .Replace("{mask}", write "mask.jsonl" "[0,2,2,0,3,2,0,0]\n[0,1,2,0,1,2,0,1]\n")
            .Replace("{ragged}", write "ragged.jsonl" "[0,1,2,0,1,2,0,1]\n[0,1,2,0,1,2,0]\n")

    let code, _, error = dlm args
    Assert.Equal(2, code)
    Assert.Contains(expected, error)
    Assert.Equal(1, error.Trim().Split('\n').Length)
