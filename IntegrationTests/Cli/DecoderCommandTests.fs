module Dlm.IntegrationTests.Cli.DecoderCommandTests

open System
open Dlm.Sampling.Decoders
open Dlm.IntegrationTests.Cli.CliTests
open Dlm.PropertyTests.Numerics
open global.Xunit

[<Fact>]
let ``error --decoder prints the closed form on an RS code, and the sampled NFE agrees`` () =
    // γ = 2.5 reveals 2 of q = 7 a step: the first step crosses k = 1 and is a codeword with probability 1/7, after
    // which one step ends the run; otherwise two more: E[NFE] = 2/7 + 3·6/7.
    let code, out, err =
        dlm "error --dist rs:q=7,n=6,k=1 --decoder entropy-bound --gamma 2.5 --mc 4000 --json"

    Assert.True((code = 0), err)
    let root = json out
    let exact = root.GetProperty("exact")
    let closed = MdsDecoding.Compute(EntropyBoundDecoder 2.5, 6, 1, 7)
    Assert.True(close closed.Nfe.Mean (2.0 / 7.0 + 18.0 / 7.0))
    Assert.True(close (exact.GetProperty("kl").GetDouble()) closed.Kl)
    Assert.True(close (exact.GetProperty("nfe").GetProperty("mean").GetDouble()) closed.Nfe.Mean)
    let sampled = root.GetProperty("nfe_sampled")
    Assert.True(sampled.GetProperty("lower").GetDouble() <= closed.Nfe.Mean + 1e-9)
    Assert.True(closed.Nfe.Mean - 1e-9 <= sampled.GetProperty("upper").GetDouble())

[<Fact>]
let ``sample --decoder runs, and --decoder with --schedule, a bad τ or a stray --gamma exits 2 naming it`` () =
    let code, out, _ =
        dlm "sample --dist rs:q=7,n=6,k=2 --decoder threshold --tau 0.9 --count 4 --seed 3"

    Assert.Equal(0, code)
    Assert.Equal(4, out.Trim().Split('\n').Length)

    for arguments, needle in
        [
            "error --dist rs:q=7,n=6,k=2 --decoder threshold --schedule linear --steps 3", "--schedule"
            "error --dist rs:q=7,n=6,k=2 --decoder threshold --tau 1.5", "--tau"
            "sample --dist rs:q=7,n=6,k=2 --schedule linear --steps 3 --gamma 0.1", "--gamma"
            "sample --dist rs:q=7,n=6,k=2 --decoder threshold --gamma 0.1", "--gamma"
            "error --dist rs:q=7,n=6,k=2", "--schedule"
            "error --dist rs:q=7,n=6,k=2 --schedule linear", "--steps"
        ] do
        let code, _, err = dlm arguments
        Assert.True((code = 2), $"{arguments}: exit {code}")
        Assert.Contains(needle, err)

[<Fact>]
let ``sample anneals the temperature as diffusers' EB does, and refuses a negative final temperature`` () =
    let code, out, err =
        dlm (
            "sample --dist markov:L=5,q=3,stay=0.8 --decoder entropy-bound --temperature 0.8 "
            + "--final-temperature 0.4 --count 3"
        )

    Assert.True((code = 0), err)
    Assert.Equal(3, out.Trim().Split('\n').Length)
    Assert.Contains("T = 0.8 → 0.4", err)

    let code, _, err =
        dlm "sample --dist markov:L=5,q=3,stay=0.8 --decoder entropy-bound --final-temperature -1"

    Assert.Equal(2, code)
    Assert.Contains("temperature", err)

[<Fact>]
let ``study schedules on a known small distribution scores the decoders and gives every exact KL of the trained model``
    ()
    =
    let directory =
        System.IO.Directory.CreateTempSubdirectory("dlm-study-dist-").FullName

    let model = System.IO.Path.Combine(directory, "model")
    let spec = "markov:L=5,q=3,stay=0.8"

    let code, _, err =
        dlm $"train --dist {spec} --out {model} --train-steps 40 --device cpu"

    Assert.True((code = 0), err)
    let out = System.IO.Path.Combine(directory, "study")

    let code, stdout, err =
        dlm (
            $"study schedules --model {model} --dist {spec} --held-out 200 --steps 2,5 --samples 50 --out {out} "
            + "--decoder entropy-bound,threshold --gamma 0.5 --tau 0.9 --device cpu"
        )

    Assert.True((code = 0), err)
    Assert.Contains("decoders.csv (2 decoders)", stdout)
    let report = System.IO.File.ReadAllText(System.IO.Path.Combine(out, "report.md"))
    Assert.Contains("## Exact KL(p ‖ q) with this model", report)
    let rows = System.IO.File.ReadAllLines(System.IO.Path.Combine(out, "decoders.csv"))
    let header = rows[0].Split(',')
    let kl = Array.IndexOf(header, "exact_kl_nats")

    for row in rows |> Array.skip 1 do
        let value = float (row.Split(',')[kl])
        Assert.True(value > 0.0 && Double.IsFinite value, row)

    let code, _, err =
        dlm $"study schedules --model {model} --dist {spec} --data x.jsonl --out {out} --device cpu"

    Assert.Equal(2, code)
    Assert.Contains("exactly one of --data, --text and --dist", err)
