[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 60)>]
module Dlm.PropertyTests.Theory.WorstCaseTests

open System
open Dlm.Theory
open Dlm.Sampling.Design
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit

/// Every agnostic law the library has at (L, K), taken from where the library lists them, so that a new family is
/// checked without a change here: the pool that minimax designs mix (the catalogue's agnostic variants, the geometric
/// grids, blocks behind a random offset) and the catalogue's designed laws.
let private lawsAt length steps =
    [
        for candidate in SizeLawPool.For(length, steps) do
            yield candidate.Schedule
        for variant in ScheduleCatalog.Variants(length, steps) do
            if variant.Entry.IsAgnostic && not (isNull variant.Entry.Law) then
                yield variant.Create(length, steps)
    ]

/// E KL(a_k) through the excess law of an MDS code of dimension k, a forward pass over the kernel, in units of ln q.
let private excessMean length (schedule: ISizeSchedule) dimension =
    MdsCode.expectedKl length dimension 2 schedule.Kernel / log 2.0

let private withSteps =
    gen {
        let! case = anyJoint.Generator
        let! steps = Gen.choose (1, case.Joint.Length + 2)
        return case, steps
    }
    |> Arb.fromGen

[<Property>]
let ``the atom weights are ≥ 0 and rebuild the profile`` () =
    Prop.forAll anyJoint (fun case ->
        let profile = EntropyProfile.Of case.Joint
        let weights = ProfileAtoms.weights profile
        let rebuilt = ProfileAtoms.rebuild weights

        (weights |> Array.forall (fun c -> c >= -1e-12)
         && Array.forall2 close profile.Values rebuilt.Values)
        |> classified case)

[<Property>]
let ``E KL(f) = Σ c_k E KL(a_k) for every agnostic law`` () =
    Prop.forAll withSteps (fun (case, steps) ->
        let profile = EntropyProfile.Of case.Joint
        let weights = ProfileAtoms.weights profile

        [
            for schedule in lawsAt profile.Length steps ->
                let viaAtoms =
                    Array.fold2 (fun sum c e -> sum + c * e) 0.0 weights[.. weights.Length - 2] (schedule.AtomErrors())

                closeLabelled $"{schedule.Name} K={steps}" (schedule.Error profile).ExpectedKl viaAtoms
        ]
        |> List.reduce (.&.)
        |> Prop.classify true case.Kind
        |> Prop.classify (steps > case.Joint.Length) "K > L")

[<Property>]
let ``the atom errors of every law equal the MDS excess through its kernel`` () =
    let cases =
        gen {
            let! length = Gen.choose (2, 40)
            let! steps = Gen.choose (1, 24)
            return length, steps
        }
        |> Arb.fromGen

    Prop.forAll cases (fun (length, steps) ->
        [
            for schedule in lawsAt length steps do
                let atoms = schedule.AtomErrors()

                for k in 1 .. length - 1 ->
                    closeLabelled $"{schedule.Name} k={k}" atoms[k - 1] (excessMean length schedule k)
        ]
        |> List.reduce (.&.)
        |> Prop.classify (steps >= length) "K ≥ L")

[<Property>]
let ``each certified constant is attained by its MDS code and bounds K·E/X on every joint`` () =
    Prop.forAll withSteps (fun (case, steps) ->
        let profile = EntropyProfile.Of case.Joint
        let length = profile.Length

        [
            for schedule in lawsAt length steps do
                let certified = WorstCase.certify steps (schedule.AtomErrors())
                let error = (schedule.Error profile).ExpectedKl

                for (name, sup: WorstCase.Supremum, measure: EntropyProfile -> float) in
                    [
                        "TC", certified.Tc, (fun (p: EntropyProfile) -> p.Tc)
                        "DTC", certified.Dtc, (fun (p: EntropyProfile) -> p.Dtc)
                        "min", certified.Min, (fun (p: EntropyProfile) -> min p.Tc p.Dtc)
                        "sum", certified.Sum, (fun (p: EntropyProfile) -> p.Tc + p.Dtc)
                    ] do
                    let code = MdsCode.profile length sup.Dimension 5
                    let onCode = float steps * (schedule.Error code).ExpectedKl / measure code
                    let seen = float steps * error

                    yield
                        close onCode sup.Constant
                        |> Prop.label $"{schedule.Name} {name}: code {onCode:R} vs sup {sup.Constant:R}"

                    yield
                        atMost seen (sup.Constant * measure profile)
                        |> Prop.label $"{schedule.Name} {name}: joint"
        ]
        |> List.reduce (.&.)
        |> Prop.classify true case.Kind)
