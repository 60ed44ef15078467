/// `dlm train` budgets and defaults, `dlm predict`, and `dlm evaluate`'s curve by revealed count.
module Dlm.IntegrationTests.Cli.TrainCommandTests

open System
open System.IO
open System.Text.Json
open Dlm.Training
open Dlm.IntegrationTests.Cli.CliTests
open global.Xunit

let private freshDirectory () =
    Directory.CreateTempSubdirectory("dlm-cli-train-").FullName

let private savedConfig directory =
    JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "config.json"))).RootElement

let private lastStep directory =
    File.ReadLines(Path.Combine(directory, "metrics.csv"))
    |> Seq.last
    |> fun l -> int (l.Split(',')[0])

[<Fact>]
let ``--minutes alone is a time budget, --resume of a spent run says so, and a larger budget continues it`` () =
    let directory = freshDirectory ()
    let spec = "rs:q=5,n=4,k=2"

    let code, out, error =
        dlm $"train --dist {spec} --out {directory} --minutes 0.05 --device cpu --checkpoint-every 50"

    Assert.True((code = 0), error)
    Assert.Contains("trained to step", out)
    let options = (savedConfig directory).GetProperty "Options"
    Assert.Equal(JsonValueKind.Null, options.GetProperty("Steps").ValueKind)
    Assert.Equal(0.05, options.GetProperty("Minutes").GetDouble())
    let first = lastStep directory
    Assert.True(first > 0)
    Assert.True(File.Exists(Path.Combine(directory, "curve.png")))

    let code, out, _ =
        dlm $"train --dist {spec} --out {directory} --resume --device cpu"

    Assert.Equal(0, code)
    Assert.Contains("already spent its budget", out)
    Assert.Equal(first, lastStep directory)

    let code, _, _ =
        dlm $"train --dist {spec} --out {directory} --resume --minutes 0.1 --device cpu"

    Assert.Equal(0, code)
    Assert.True(lastStep directory > first)

[<Fact>]
let ``with both budgets the first to end stops the run; neither means 1000 steps`` () =
    let directory = freshDirectory ()

    let code, _, _ =
        dlm $"train --dist rs:q=5,n=4,k=2 --out {directory} --train-steps 30 --minutes 10 --device cpu"

    Assert.Equal(0, code)
    Assert.Equal(30, lastStep directory)
    let options = (savedConfig directory).GetProperty "Options"
    Assert.Equal(30, options.GetProperty("Steps").GetInt32())
    let plain = freshDirectory ()

    dlm $"train --dist rs:q=5,n=4,k=2 --out {plain} --train-steps 1 --device cpu"
    |> ignore

    Assert.Equal(1, lastStep plain)

[<Fact>]
let ``the defaults chosen from L and q are recorded in config.json and restored on resume`` () =
    let directory = freshDirectory ()

    dlm $"train --dist rs:q=7,n=6,k=3 --out {directory} --train-steps 3 --device cpu"
    |> ignore

    let struct (chosen, batch, rate, decay) = TrainingDefaults.For(6, 7)
    let saved = savedConfig directory
    let model = saved.GetProperty "Model"
    Assert.Equal(string chosen.Architecture, model.GetProperty("Architecture").GetString())
    Assert.Equal(chosen.DModel, model.GetProperty("DModel").GetInt32())
    Assert.Equal(chosen.Layers, model.GetProperty("Layers").GetInt32())
    Assert.Equal(batch, saved.GetProperty("Options").GetProperty("BatchSize").GetInt32())
    Assert.Equal(rate, saved.GetProperty("Options").GetProperty("LearningRate").GetDouble())
    Assert.Equal(decay, saved.GetProperty("Options").GetProperty("WeightDecay").GetDouble())
    // A resume without model flags continues the same network, and keeps every setting but the budget.
    let code, _, error =
        dlm $"train --dist rs:q=7,n=6,k=3 --out {directory} --resume --train-steps 6 --device cpu"

    Assert.True((code = 0), error)
    let resumed = savedConfig directory
    Assert.Equal(model.GetRawText(), resumed.GetProperty("Model").GetRawText())
    Assert.Equal(6, resumed.GetProperty("Options").GetProperty("Steps").GetInt32())
    Assert.Equal(6, lastStep directory)

[<Fact>]
let ``predict prints the predictor's own batched output at each masked position`` () =
    let directory = freshDirectory ()

    dlm $"train --dist markov:L=4,q=3,stay=0.8 --out {directory} --train-steps 20 --device cpu"
    |> ignore

    let code, out, error =
        dlm $"predict --model {directory} --tokens 1,_,2,_ --json --device cpu"

    Assert.True((code = 0), error)
    let masked = JsonDocument.Parse(out).RootElement.GetProperty("masked")
    Assert.Equal(2, masked.GetArrayLength())
    use predictor = TorchPredictor.Load(directory, "cpu")
    // The same input as the middle row of a batch of three.
    let batch = [| 0; 0; 0; 0; 1; 3; 2; 3; 2; 2; 2; 2 |]
    let law = Array.zeroCreate (3 * 4 * 3)
    predictor.Predict(ReadOnlySpan batch, 3, Span law)

    for entry in masked.EnumerateArray() do
        let position = entry.GetProperty("position").GetInt32()

        let printed =
            [|
                for p in entry.GetProperty("probabilities").EnumerateArray() -> p.GetDouble()
            |]

        let own = law[(4 + position) * 3 .. (4 + position) * 3 + 2]
        // float32 network arithmetic: a batch of 1 and a batch of 3 may round differently in the last bits. The
        // tolerance is absolute: rounding both to 6 places would fail on a 1e-8 gap that straddles a rounding edge.
        Array.iter2 (fun (a: float) (b: float) -> Assert.Equal(a, b, tolerance = 1e-6)) own printed

[<Theory>]
[<InlineData("9,_,_,_", "entry 1, '9', is neither _ nor a symbol in [0, q = 3)")>]
[<InlineData("1,_,_", "--tokens has 3 entries; the model's L = 4")>]
[<InlineData("1,x,_,_", "entry 2, 'x'")>]
[<InlineData("1,-1,_,_", "entry 2, '-1'")>]
let ``predict refuses a bad token list with exit code 2 and one line`` (tokens: string, expected: string) =
    let directory = freshDirectory ()

    dlm $"train --dist markov:L=4,q=3,stay=0.8 --out {directory} --train-steps 2 --device cpu"
    |> ignore

    let code, _, error = dlm $"predict --model {directory} --tokens {tokens}"
    Assert.Equal(2, code)
    Assert.Contains(expected, error)
    Assert.Equal(1, error.Trim().Split('\n').Length)

[<Fact>]
let ``evaluate reports the predictor KL at every revealed count and draws it with --out`` () =
    let directory = freshDirectory ()

    dlm $"train --dist markov:L=4,q=3,stay=0.8 --out {directory} --train-steps 20 --device cpu"
    |> ignore

    let plots = freshDirectory ()

    let spec = "markov:L=4,q=3,stay=0.8"

    let code, out, error =
        dlm $"evaluate --model {directory} --dist {spec} --draws 200 --samples 0 --json --out {plots} --device cpu"

    Assert.True((code = 0), error)

    let byRevealed =
        JsonDocument.Parse(out).RootElement.GetProperty("predictor_kl_by_revealed")

    Assert.Equal(4, byRevealed.GetArrayLength())

    for e in byRevealed.EnumerateArray() do
        Assert.True(e.GetProperty("lower").GetDouble() <= e.GetProperty("mean").GetDouble())

    Assert.True(File.Exists(Path.Combine(plots, "predictor-kl-by-m.png")))

[<Fact>]
let ``--train-steps is the budget; the old spelling --steps still works, with a warning that names the new one`` () =
    let renamed = freshDirectory ()

    let code, _, error =
        dlm $"train --dist rs:q=5,n=4,k=2 --out {renamed} --train-steps 3 --device cpu"

    Assert.True((code = 0), error)
    Assert.Equal(3, lastStep renamed)
    Assert.DoesNotContain("--train-steps", error)
    let old = freshDirectory ()

    let code, _, error =
        dlm $"train --dist rs:q=5,n=4,k=2 --out {old} --steps 3 --device cpu"

    Assert.Equal(0, code)
    Assert.Equal(3, lastStep old)
    Assert.Contains("--steps is now --train-steps", error)

    Assert.Equal<string>(
        File.ReadAllText(Path.Combine(renamed, "config.json")),
        File.ReadAllText(Path.Combine(old, "config.json"))
    )

    let both, _, error =
        dlm $"train --dist rs:q=5,n=4,k=2 --out {freshDirectory ()} --steps 3 --train-steps 3 --device cpu"

    Assert.Equal(2, both)
    Assert.Contains("not both", error)
