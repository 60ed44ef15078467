[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Theory.ExpectedKlTests

open Dlm.Theory
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit

let private withSizes =
    gen {
        let! case = anyJoint.Generator
        let! sizes = sizesFor case.Joint.Length
        return case, sizes
    }

let private withGrid maxSteps =
    gen {
        let! case = anyJoint.Generator
        let! grid = grid maxSteps
        return case, grid
    }

[<Property>]
let ``Identity A equals the average over all L! reveal orders`` () =
    Prop.forAll (Arb.fromGen withSizes) (fun (case, sizes) ->
        let exact =
            (ExpectedKl.deterministic (EntropyProfile.Of case.Joint) sizes).ExpectedKl

        closeLabelled "A vs orders" exact (OrderEnumeration.expectedKlOverOrders case.Joint sizes)
        |> Prop.classify true case.Kind
        |> Prop.classify (sizes.Length = 1) "K = 1")

[<Property>]
let ``Identity B with binomial kernels equals Identity C`` () =
    Prop.forAll (Arb.fromGen (withGrid 12)) (fun (case, grid) ->
        let profile = EntropyProfile.Of case.Joint
        let b = ExpectedKl.markov profile (RevealKernel.binomial case.Joint.Length grid)
        let c = ExpectedKl.iidReveal profile grid

        (closeLabelled "E KL" b.ExpectedKl c.ExpectedKl
         .&. closeLabelled "E NFE" b.MeanNfe c.MeanNfe)
        |> Prop.classify true case.Kind)

[<Property(MaxTest = 40)>]
let ``Identity B equals exact recursion over reveal sets from the joint`` () =
    Prop.forAll (Arb.fromGen (withGrid 5)) (fun (case, grid) ->
        let kernel = RevealKernel.binomial case.Joint.Length grid
        let exact = (ExpectedKl.markov (EntropyProfile.Of case.Joint) kernel).ExpectedKl

        closeLabelled "B vs reveal sets" exact (OrderEnumeration.expectedKlOverRevealSets case.Joint kernel)
        |> Prop.classify true case.Kind)

[<Property>]
let ``0 ≤ E KL ≤ TC, one step gives TC, single-token steps give 0`` () =
    Prop.forAll (Arb.fromGen withSizes) (fun (case, sizes) ->
        let profile = EntropyProfile.Of case.Joint
        let l = case.Joint.Length
        let error = (ExpectedKl.deterministic profile sizes).ExpectedKl

        (error >= -1e-12
         && atMost error profile.Tc
         && close (ExpectedKl.deterministic profile [| l |]).ExpectedKl profile.Tc
         && abs (ExpectedKl.deterministic profile (Array.create l 1)).ExpectedKl < 1e-12)
        |> classified case)

[<Property>]
let ``splitting a block never raises the error`` () =
    Prop.forAll (Arb.fromGen withSizes) (fun (case, sizes) ->
        let profile = EntropyProfile.Of case.Joint

        match sizes |> Array.tryFindIndex (fun s -> s >= 2) with
        | None -> true |> Prop.classify true "nothing to split"
        | Some i ->
            let refined =
                Array.concat [ sizes[.. i - 1]; [| 1; sizes[i] - 1 |]; sizes[i + 1 ..] ]

            atMost
                (ExpectedKl.deterministic profile refined).ExpectedKl
                (ExpectedKl.deterministic profile sizes).ExpectedKl
            |> classified case)

[<Property>]
let ``inserting a grid point never raises the i.i.d. error`` () =
    Prop.forAll
        (Arb.fromGen (
            gen {
                let! case, grid = withGrid 10
                let! point = Gen.choose (1, 999) |> Gen.map (fun v -> float v / 1000.0)
                return case, grid, point
            }
        ))
        (fun (case, grid, point) ->
            let profile = EntropyProfile.Of case.Joint
            let refined = Array.append grid [| point |] |> Array.sort

            atMost (ExpectedKl.iidReveal profile refined).ExpectedKl (ExpectedKl.iidReveal profile grid).ExpectedKl
            |> classified case)

[<Property>]
let ``the NFE law sums to 1, has the mean reported, and never exceeds K`` () =
    Prop.forAll (Arb.fromGen (withGrid 8)) (fun (case, grid) ->
        let result = ExpectedKl.iidReveal (EntropyProfile.Of case.Joint) grid
        let law = result.NfeLaw.Value
        let mean = law |> Array.mapi (fun j w -> float j * w) |> Array.sum

        (law.Length = grid.Length
         && close (Array.sum law) 1.0
         && close mean result.MeanNfe)
        |> classified case)
