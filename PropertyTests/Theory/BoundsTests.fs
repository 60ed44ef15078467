[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Theory.BoundsTests

open System
open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

[<Property>]
let ``B0–B5 hold for every schedule and K on generated joints`` () =
    Prop.forAll anyJoint (fun case ->
        let profile = EntropyProfile.Of case.Joint

        [
            for steps in 1 .. profile.Length + 2 do
                for schedule in ScheduleCatalog.All(profile.Length, steps, profile) do
                    let error = (schedule.Error profile).ExpectedKl
                    let bound = schedule.Bound profile

                    let label =
                        $"{schedule.Name} K={steps}: {error:R} vs {bound.Name} = {bound.Value:R}, TC = {profile.Tc:R}"

                    yield (atMost error profile.Tc && atMost error bound.Value) |> Prop.label label
        ]
        |> List.reduce (.&.)
        |> Prop.classify true case.Kind)

[<Fact>]
let ``B1 is an equality for fixed sizes on the repetition code`` () =
    for l in 2..7 do
        let profile = EntropyProfile.Of(DenseFamilies.Repetition(l, 3))

        for steps in 1..l do
            let schedule = ScheduleCatalog.Create("fixed", l, steps)
            Assert.True(close (schedule.Error profile).ExpectedKl (schedule.Bound profile).Value, $"L={l} K={steps}")

[<Fact>]
let ``the constants are the documented ones`` () =
    Assert.Equal(Math.Pow(40.0, -1.0 / 3.0), Bounds.rho 10 4, 15)
    Assert.Equal(Math.Pow(39.0, 1.0), Bounds.oddsRatio 10 4, 12)
    Assert.Equal((Math.Pow(40.0, 1.0 / 3.0) - 1.0 + 0.25) * 2.0, Bounds.adaptiveTc 10 4 2.0, 12)
    Assert.Equal(min 1.0 ((Math.Pow(29.0, 2.0) - 1.0 + 2.0 / 3.0) * 1.0), Bounds.hedged 10 6 1.0 2.0, 12)

    Assert.Throws<ArgumentException>(fun () -> Bounds.oddsRatio 10 2 |> ignore)
    |> ignore
