/// Text end to end: `dlm train --text`, `dlm predict --text`, `dlm sample --model` decoding, `dlm calibrate --text`,
/// `dlm study words` on a tiny corpus, and the exit-2 cases.
module Dlm.IntegrationTests.Cli.TextCommandTests

open System
open System.IO
open Dlm.IntegrationTests.Cli.CliTests
open global.Xunit

/// 64 three-letter lines over "abcdgiotu": enough for the study's held-out halves (7 lines held out).
let private words =
    [
        for a in "bcdt" do
            for v in "aiou" do
                for e in "bgtd" -> String [| a; v; e |]
    ]

let private corpus () =
    let directory = Directory.CreateTempSubdirectory("dlm-cli-text-").FullName
    let path = Path.Combine(directory, "words.txt")
    File.WriteAllLines(path, words)
    directory, path

[<Fact>]
let ``a text model stores its characters, and predict, sample and calibrate speak text`` () =
    let directory, path = corpus ()
    let model = Path.Combine(directory, "model")

    let code, _, error =
        dlm $"train --text {path} --out {model} --train-steps 20 --device cpu"

    Assert.True((code = 0), error)
    let config = json (File.ReadAllText(Path.Combine(model, "config.json")))
    let symbols = config.GetProperty("Text").GetProperty("Symbols")
    Assert.Equal("abcdgiotu", String.Join("", symbols.EnumerateArray() |> Seq.map (fun s -> s.GetString())))
    // L = the longest line + 1 end symbol; q = 9 characters + the end symbol.
    Assert.Equal(4, config.GetProperty("Model").GetProperty("Length").GetInt32())
    Assert.Equal(10, config.GetProperty("Model").GetProperty("Alphabet").GetInt32())
    // Text takes the text MLP's width, learning rate and weight decay, not those of a distribution of the same shape.
    Assert.Equal(
        Dlm.Training.TrainingDefaults.TextMlpWidth,
        config.GetProperty("Model").GetProperty("DModel").GetInt32()
    )

    let options = config.GetProperty("Options")
    Assert.Equal(Dlm.Training.TrainingDefaults.TextLearningRate, options.GetProperty("LearningRate").GetDouble())
    Assert.Equal(Dlm.Training.TrainingDefaults.TextWeightDecay, options.GetProperty("WeightDecay").GetDouble())

    let code, out, error = dlm $"predict --model {model} --text c_t --device cpu"
    Assert.True((code = 0), error)
    Assert.Contains("input c _ t <end>", out)

    let code, out, error =
        dlm $"sample --model {model} --schedule fixed --steps 4 --count 3 --device cpu"

    Assert.True((code = 0), error)
    let first = json (out.Split('\n')[0])
    Assert.Equal(4, first.GetProperty("tokens").GetArrayLength())
    Assert.True(first.GetProperty("text").GetString().Length <= 4 + 4 * "<end>".Length)

    let held = Path.Combine(directory, "held.txt")
    File.WriteAllLines(held, [ "cat"; "dug"; "tub" ])
    let profile = Path.Combine(directory, "profile.json")

    let code, out, error =
        dlm $"calibrate --model {model} --text {held} --out {profile} --device cpu"

    Assert.True((code = 0), error)
    Assert.Contains("Δ̂_CE(m)", out)
    Assert.Equal("cross-entropy", (json (File.ReadAllText profile)).GetProperty("estimator").GetString())

[<Fact>]
let ``bad text input exits with 2 and names the line`` () =
    let directory, path = corpus ()
    let empty = Path.Combine(directory, "empty.txt")
    File.WriteAllText(empty, "")
    let first = Path.Combine(directory, "a")

    let code, _, error =
        dlm $"train --text {empty} --out {first} --train-steps 1 --device cpu"

    Assert.Equal(2, code)
    Assert.Contains("empty.txt", error)

    let second = Path.Combine(directory, "b")

    let code, _, error =
        dlm $"train --text {path} --length 2 --out {second} --train-steps 1 --device cpu"

    Assert.Equal(2, code)
    Assert.Contains("line 1", error)

    let model = Path.Combine(directory, "model")
    dlm $"train --text {path} --out {model} --train-steps 1 --device cpu" |> ignore
    let code, _, error = dlm $"predict --model {model} --text c#t --device cpu"
    Assert.Equal(2, code)
    Assert.Contains("'#'", error)

    let held = Path.Combine(directory, "held.txt")
    File.WriteAllLines(held, [ "cat"; "cxt" ])
    let code, _, error = dlm $"calibrate --model {model} --text {held} --device cpu"
    Assert.Equal(2, code)
    Assert.Contains("line 2", error)

[<Fact>]
let ``the words study runs end to end on a tiny corpus in seconds`` () =
    let directory, path = corpus ()
    let out = Path.Combine(directory, "study")

    let code, stdout, error =
        dlm $"study words --text {path} --train-steps 30 --samples 50 --steps 2,3 --out {out} --device cpu"

    Assert.True((code = 0), error)
    Assert.Contains("cells", stdout)
    let rows = File.ReadAllLines(Path.Combine(out, "study.csv"))
    Assert.Equal("schedule,K,nll_nats_per_word,nll_bits_per_char,nll_lower,nll_upper,valid_rate,novel_rate", rows[0])
    // K = 2: every schedule but adaptive-both (K ≥ 3); K = 3: all thirteen.
    Assert.Equal(1 + 12 + 13, rows.Length)

    for plot in [ "profile.png"; "nll-vs-K.png"; "valid-vs-K.png"; "report.md" ] do
        Assert.True(File.Exists(Path.Combine(out, plot)), plot)

    // The words study bounds its sampler's own law, and pools the network with Kneser–Ney 6-grams, by default.
    let report = File.ReadAllText(Path.Combine(out, "report.md"))
    Assert.Contains("its own law (mean probability over 32 orders)", report)
    Assert.Contains("pooled with Kneser–Ney 6-grams of the training lines", report)
    Assert.Contains("for the network alone", report)

    // Reusing the trained model gives the same study.
    let again = Path.Combine(directory, "again")

    let model = Path.Combine(out, "model")

    let code, _, error =
        dlm $"study words --text {path} --model {model} --samples 50 --steps 2,3 --out {again} --device cpu"

    Assert.True((code = 0), error)
    Assert.Equal<string>(rows, File.ReadAllLines(Path.Combine(again, "study.csv")))

    Assert.Equal<string>(
        File.ReadAllLines(Path.Combine(out, "decoders.csv")),
        File.ReadAllLines(Path.Combine(again, "decoders.csv"))
    )

    // The default decoders, one row each, and the ones asked for.
    let decoders = File.ReadAllLines(Path.Combine(out, "decoders.csv"))
    Assert.StartsWith("decoder,nll_nats_per_sequence,nll_bits_per_char,", decoders[0])
    Assert.Equal(9, decoders.Length)
    let chosen = Path.Combine(directory, "chosen")

    let code, _, error =
        dlm (
            $"study words --text {path} --model {model} --samples 20 --steps 2 --out {chosen} --device cpu "
            + "--decoder entropy-sum,threshold --gamma 0,0.5 --tau 0.9"
        )

    Assert.True((code = 0), error)

    let names =
        File.ReadAllLines(Path.Combine(chosen, "decoders.csv"))
        |> Array.skip 1
        |> Array.map (fun row -> row.Split(',')[0])

    Assert.Equal<string>([| "entropy-sum(γ=0)"; "entropy-sum(γ=0.5)"; "threshold(τ=0.9)" |], names)
    Assert.Contains("## Decoders: NLL against expected steps", File.ReadAllText(Path.Combine(chosen, "report.md")))
    let none = Path.Combine(directory, "none")

    let code, _, error =
        dlm (
            $"study words --text {path} --model {model} --samples 20 --steps 2 --out {none} --device cpu "
            + "--decoder none --pool 0"
        )

    Assert.True((code = 0), error)
    Assert.False(File.Exists(Path.Combine(none, "decoders.csv")))
    Assert.DoesNotContain("pooled with", File.ReadAllText(Path.Combine(none, "report.md")))

[<Fact>]
let ``a study's decoder options are checked: --gamma without a decoder that takes it, and unknown names, exit 2`` () =
    let directory, path = corpus ()

    for arguments, expected in
        [
            "--gamma 0.1", "--gamma and --tau need --decoder"
            "--decoder threshold --gamma 0.1", "--gamma is the entropy decoders'"
            "--decoder entropy-bound --tau 0.5", "--tau is the threshold decoder's"
            "--decoder greedy", "unknown decoder 'greedy'"
            "--decoder threshold --tau 1.5", "[0, 1]"
            "--decoder entropy-sum --gamma x", "--gamma entry 'x'"
            "--orders -1", "--orders must be ≥ 0"
            "--pool -1", "--pool must be ≥ 0"
        ] do
        let code, _, error =
            dlm $"study words --text {path} --train-steps 5 --out {directory}/o --device cpu {arguments}"

        Assert.Equal(2, code)
        Assert.Contains(expected, error)
