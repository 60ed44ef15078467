/// The sampler's output for fixed seeds, recorded before the sparse oracle queries: any change of draw order or of
/// an oracle's numbers changes these bytes.
module Dlm.IntegrationTests.Cli.GoldenSampleTests

open System

open System.IO
open Dlm.IntegrationTests.Cli.CliTests
open global.Xunit

let private golden =
    [
        "rs-linear", "--dist rs:q=17,n=16,k=5 --schedule linear -K 4 --count 40 --seed 11"
        "rs256-adaptive-tc", "--dist rs:q=256,n=255,k=100 --schedule adaptive-tc -K 16 --count 8 --seed 12"
        "markov-cosine", "--dist markov:L=16,q=4,stay=0.8 --schedule cosine -K 5 --count 40 --seed 13"
        "dirichlet-hedged", "--dist dirichlet:L=6,q=3,alpha=0.5,seed=2 --schedule hedged -K 6 --count 40 --seed 14"
        "dirichlet-confidence",
        "--dist dirichlet:L=6,q=3,alpha=0.5,seed=2 --schedule linear -K 3 --positions confidence --count 40 --seed 15"
        "rs-minimax", "--dist rs:q=17,n=16,k=8 --schedule minimax -K 6 --count 40 --seed 16"
    ]

[<Fact>]
let ``dlm sample reproduces the recorded golden files byte for byte`` () =
    let directory = Directory.CreateTempSubdirectory().FullName

    for name, args in golden do
        let path = Path.Combine(directory, $"{name}.jsonl")
        let code, _, err = dlm $"sample {args} --out {path}"
        Assert.True((code = 0), err)

        let expected =
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", $"{name}.jsonl"))

        Assert.True((expected = File.ReadAllBytes path), $"{name} differs from its golden file")
