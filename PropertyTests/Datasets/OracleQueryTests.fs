[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Datasets.OracleQueryTests

open System
open Dlm.Datasets
open FsCheck.FSharp
open FsCheck.Xunit

let private families =
    [
        "dirichlet:L=6,q=3,alpha=0.3,seed=4"
        "mix-low-tc:L=5,q=3,w=0.5,seed=2"
        "markov:L=16,q=4,stay=0.8"
        "markov:L=9,q=3,stay=1"
        "rs:q=7,n=6,k=3"
        "rs:q=17,n=16,k=5"
        "rs:q=256,n=255,k=100"
    ]

/// A random state of a family: a true sample, or uniform symbols (often a context of probability zero), with a
/// random subset revealed, and a random list of positions to ask (revealed ones included).
let private states =
    gen {
        let! spec = Gen.elements families
        let! seed = Gen.choose (0, Int32.MaxValue)
        let! truthful = Gen.elements [ true; false ]
        let! share = Gen.choose (0, 10) |> Gen.map (fun v -> float v / 10.0)
        return spec, seed, truthful, share
    }
    |> Arb.fromGen

[<Property>]
let ``sparse and dense queries give identical probabilities for every oracle`` () =
    Prop.forAll states (fun (spec, seed, truthful, share) ->
        let distribution = DistributionSpec.Parse spec
        let (l, q) = (distribution.Length, distribution.Alphabet)
        let rng = Random(seed)
        let x = Array.zeroCreate l

        if truthful then
            distribution.Sample(rng, Span x)
        else
            for i in 0 .. l - 1 do
                x[i] <- rng.Next q

        let partial = x |> Array.map (fun v -> if rng.NextDouble() < share then v else q)
        let asked = Array.init (1 + rng.Next l) (fun _ -> rng.Next l)
        let dense = Array.zeroCreate (l * q)
        distribution.Conditionals(ReadOnlySpan partial, Span dense)
        let sparse = Array.zeroCreate (asked.Length * q)
        distribution.ConditionalsAt(ReadOnlySpan partial, ReadOnlySpan asked, Span sparse)

        asked
        |> Array.mapi (fun r i -> sparse[r * q .. r * q + q - 1] = dense[i * q .. i * q + q - 1])
        |> Array.forall id
        |> Prop.classify true spec
        |> Prop.classify truthful "a true sample"
        |> Prop.classify (not truthful) "uniform symbols")
