[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Theory.OptimalScheduleTests

open Dlm.Theory
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open Dlm.Sampling.Schedules
open FsCheck.FSharp
open FsCheck.Xunit

/// Every composition of L into positive parts.
let rec compositions l =
    if l = 0 then
        [ [] ]
    else
        [
            for first in 1..l do
                for rest in compositions (l - first) -> first :: rest
        ]

[<Property>]
let ``optimal equals the minimum over every composition with at most K parts`` () =
    Prop.forAll anyJoint (fun case ->
        let profile = EntropyProfile.Of case.Joint
        let all = compositions profile.Length |> List.map Array.ofList

        [
            for steps in 1 .. profile.Length ->
                let solution = OptimalSchedule.solve profile steps

                let brute =
                    all
                    |> List.filter (fun c -> c.Length <= steps)
                    |> List.map (fun c -> (ExpectedKl.deterministic profile c).ExpectedKl)
                    |> List.min

                closeLabelled $"K={steps}" solution.ExpectedKl brute
                .&. (solution.Sizes.Length <= steps
                     && Array.sum solution.Sizes = profile.Length
                     && close (ExpectedKl.deterministic profile solution.Sizes).ExpectedKl solution.ExpectedKl)
        ]
        |> List.reduce (.&.)
        |> Prop.classify true case.Kind)

[<Property>]
let ``B6: optimal is at most every schedule with the same budget, and non-increasing in K`` () =
    Prop.forAll anyJoint (fun case ->
        let profile = EntropyProfile.Of case.Joint

        let optimal =
            [|
                for steps in 1 .. profile.Length + 2 -> (OptimalSchedule.solve profile steps).ExpectedKl
            |]

        let monotone = optimal |> Array.pairwise |> Array.forall (fun (a, b) -> atMost b a)

        let envelope =
            [
                for steps in 1 .. profile.Length + 2 do
                    for schedule in ScheduleCatalog.All(profile.Length, steps, profile) ->
                        atMost optimal[steps - 1] (schedule.Error profile).ExpectedKl
            ]
            |> List.forall id

        (monotone && envelope) |> classified case)
