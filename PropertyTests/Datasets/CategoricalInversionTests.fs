[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Datasets.CategoricalInversionTests

open System
open Dlm.Datasets
open FsCheck.FSharp
open FsCheck.Xunit

/// A law on q symbols of one of the kinds (uniform, positive, with zero entries, a point mass), and a generator for
/// the uniforms.
let private lawsOf kinds =
    gen {
        let! q = Gen.elements [ 1; 2; 3; 17; 27; 256 ]
        let! kind = Gen.elements kinds
        let! seed = Gen.choose (0, Int32.MaxValue)
        let rng = Random seed

        let weights =
            match kind with
            | "uniform" -> Array.create q 1.0
            | "positive" -> Array.init q (fun _ -> 0.01 + rng.NextDouble())
            | "with zeros" ->
                Array.init q (fun a ->
                    if a = 0 || rng.Next 3 = 0 then
                        1.0 + rng.NextDouble()
                    else
                        0.0)
            | _ -> Array.init q (fun a -> if a = seed % q then 1.0 else 0.0)

        let total = Array.sum weights
        return kind, Array.map (fun w -> w / total) weights, rng
    }
    |> Arb.fromGen

/// Uniforms that probe every boundary: random ones, and each running sum with its two neighbouring doubles.
let private probes (law: float[]) (rng: Random) =
    let sums = CategoricalInversion.Cumulative(ReadOnlySpan law)

    [|
        yield 0.0
        yield Math.BitDecrement 1.0
        for _ in 1..50 -> rng.NextDouble()
        for c in sums do
            for u in [ Math.BitDecrement c; c; Math.BitIncrement c ] do
                if u >= 0.0 && u < 1.0 then
                    yield u
    |]

/// The definition, written out: the smallest a with p_a > 0 whose running sum exceeds u.
let private definition (law: float[]) u =
    let sums = Array.scan (+) 0.0 law |> Array.tail
    let positive = [| 0 .. law.Length - 1 |] |> Array.filter (fun a -> law[a] > 0.0)

    positive
    |> Array.tryFind (fun a -> u < sums[a])
    |> Option.defaultValue (Array.last positive)

[<Property>]
let ``Draw is the smallest positive symbol whose running sum exceeds u`` () =
    Prop.forAll (lawsOf [ "uniform"; "positive"; "with zeros"; "point mass" ]) (fun (kind, law, rng) ->
        probes law rng
        |> Array.forall (fun u -> CategoricalInversion.Draw(ReadOnlySpan law, u) = definition law u)
        |> Prop.classify true kind)

[<Property>]
let ``bisecting the running sums of a law without zeros draws Draw's symbol`` () =
    Prop.forAll (lawsOf [ "uniform"; "positive" ]) (fun (kind, law, rng) ->
        let sums = CategoricalInversion.Cumulative(ReadOnlySpan law)

        probes law rng
        |> Array.forall (fun u ->
            CategoricalInversion.Search(ReadOnlySpan sums, u) = CategoricalInversion.Draw(ReadOnlySpan law, u))
        |> Prop.classify true kind)

[<Property>]
let ``a point mass draws its symbol for every u`` () =
    Prop.forAll (lawsOf [ "point mass" ]) (fun (_, law, rng) ->
        let symbol = Array.findIndex (fun p -> p = 1.0) law

        probes law rng
        |> Array.forall (fun u -> CategoricalInversion.Draw(ReadOnlySpan law, u) = symbol)
        |> Prop.classify true $"q = {law.Length}")
