[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 60)>]
module Dlm.PropertyTests.Theory.MixtureKlTests

open Dlm.Theory
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

[<Property>]
let ``the mixture KL is at most the expected KL, for fixed sizes and for i.i.d. reveal times`` () =
    Prop.forAll
        (Arb.fromGen (
            gen {
                let! case = tinyJoint.Generator
                let! sizes = sizesFor case.Joint.Length
                let! grid = grid 4
                return case, sizes, grid
            }
        ))
        (fun (case, sizes, grid) ->
            let profile = EntropyProfile.Of case.Joint
            let fixedKernel = RevealKernel.deterministic sizes
            let iidKernel = RevealKernel.binomial case.Joint.Length grid
            let mixtureFixed = MixtureKl.compute case.Joint fixedKernel
            let mixtureIid = MixtureKl.compute case.Joint iidKernel

            (mixtureFixed >= -1e-12
             && atMost mixtureFixed (ExpectedKl.deterministic profile sizes).ExpectedKl
             && mixtureIid >= -1e-12
             && atMost mixtureIid (ExpectedKl.iidReveal profile grid).ExpectedKl)
            |> classified case)

[<Property>]
let ``one step outputs the product of marginals (mixture KL = TC); single-token steps are exact`` () =
    Prop.forAll tinyJoint (fun case ->
        let l = case.Joint.Length
        let tc = DirectCorrelation.totalCorrelation case.Joint

        (close (MixtureKl.compute case.Joint (RevealKernel.deterministic [| l |])) tc
         && abs (MixtureKl.compute case.Joint (RevealKernel.deterministic (Array.create l 1))) < 1e-12)
        |> classified case)

[<Fact>]
let ``the output law is a probability distribution`` () =
    let joint = Dlm.Datasets.DenseFamilies.Markov(4, 3, 0.8)
    let law = MixtureKl.outputLaw joint (RevealKernel.deterministic [| 2; 2 |])
    Assert.True(close (Array.sum law) 1.0)

[<Fact>]
let ``the enumeration refuses sizes it cannot afford, naming the limits`` () =
    let joint = Dlm.Datasets.DenseFamilies.Repetition(7, 4)

    let error =
        Assert.Throws<System.ArgumentException>(fun () ->
            MixtureKl.compute joint (RevealKernel.deterministic [| 7 |]) |> ignore)

    Assert.Contains("(q+1)^L ≤ 16384", error.Message)
