[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 200)>]
module Dlm.PropertyTests.Datasets.StreamRandomTests

open System
open Dlm.Datasets
open MathNet.Numerics.Distributions
open MathNet.Numerics.Random
open FsCheck.FSharp
open FsCheck.Xunit

/// One call of each kind the library makes on a stream, as a comparable number.
let private draw (rng: Random) call i =
    match call with
    | 0 -> int64 (rng.Next())
    | 1 -> int64 (rng.Next(1 + i % 300))
    | 2 -> int64 (rng.Next(-5, i - 4))
    | 3 -> BitConverter.DoubleToInt64Bits(rng.NextDouble())
    | 4 -> int64 (Binomial.Sample(rng, 0.3, 17))
    | _ -> BitConverter.DoubleToInt64Bits(Gamma.Sample(rng, 0.7, 1.0))

[<Property>]
let ``a stream draws what MathNet's Xoshiro256StarStar draws from the same seed`` () =
    let cases =
        gen {
            let! seed = Gen.choose (0, Int32.MaxValue)
            let! calls = Gen.listOfLength 80 (Gen.choose (0, 5))
            return seed, calls
        }
        |> Arb.fromGen

    Prop.forAll cases (fun (seed, calls) ->
        let mathNet = Xoshiro256StarStar(seed, false)
        let ours = StreamRandom seed

        calls
        |> List.mapi (fun i call -> draw mathNet call i = draw ours call i)
        |> List.forall id
        |> Prop.classify (List.contains 1 calls) "Next(n)"
        |> Prop.classify (List.contains 5 calls) "Gamma")
