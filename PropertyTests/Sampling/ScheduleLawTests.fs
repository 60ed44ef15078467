[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Sampling.ScheduleLawTests

open System
open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit
open MathNet.Numerics.Distributions

let private profile l =
    EntropyProfile.Of(DenseFamilies.Markov(l, 2, 0.8))

let private cases =
    gen {
        let! l = Gen.choose (1, 14)
        let! steps = Gen.choose (1, 20)
        let! name = Gen.elements exactScheduleNames
        let! twin = Gen.elements [ false; true ]
        return l, steps, name, twin
    }
    |> Gen.where (fun (l, steps, name, _) -> ScheduleCatalog.Supports(name, l, steps))
    |> Arb.fromGen

/// The catalogue schedule of a generated case (L = 1 has no Markov profile; any valid one serves `optimal`).
let private scheduleOf (l, steps, name: string, twin) =
    let forOptimal =
        if l >= 2 then
            profile l
        else
            EntropyProfile.FromValues [| 0.0; 1.0 |]

    ScheduleCatalog.Create(name, l, steps, twin, forOptimal)

/// Runs Next through all K steps.
let private draw (schedule: ISizeSchedule) (rng: Random) =
    let mutable revealed = 0

    [|
        for k in 1 .. schedule.Steps do
            let s = schedule.Next(k, revealed, rng)
            revealed <- revealed + s
            yield s
    |]

[<Property>]
let ``drawn sizes sum to L with at most K non-empty steps, and every kernel law sums to 1`` () =
    Prop.forAll cases (fun (l, steps, name, twin) ->
        let schedule = scheduleOf (l, steps, name, twin)

        let rng = RandomStreams(uint64 (l * 100 + steps)).Stream("sizes")

        let sizesOk =
            [
                for _ in 1..20 ->
                    let sizes = draw schedule rng

                    Array.sum sizes = l
                    && (sizes |> Array.filter (fun s -> s > 0) |> Array.length)
                       <= min steps schedule.Steps
            ]
            |> List.forall id

        let lawsOk =
            // A deterministic kernel is only defined on its own path m_{k−1}; an i.i.d. one at every m.
            let reachable k =
                match schedule with
                | :? DeterministicSchedule as d -> [ Seq.sum (Seq.take (k - 1) d.Sizes) ]
                | _ -> [ 0..l ]

            [
                for k in 1 .. schedule.Steps do
                    for m in reachable k do
                        let law = schedule.Kernel.Law(k, m)

                        yield
                            close (law |> Array.sumBy (fun a -> a.Weight)) 1.0
                            && law |> Array.forall (fun a -> a.Size >= 0 && a.Size <= l - m)
            ]
            |> List.forall id

        (sizesOk && lawsOk && schedule.Steps <= steps)
        |> Prop.classify true name
        |> Prop.classify twin "twin")

/// 30 cases at level 1e-4 each keep the family-wise false-alarm rate below 0.3%.
[<Property(MaxTest = 30)>]
let ``Next follows the kernel (chi-square at 1e-4 per case, fixed seed)`` () =
    Prop.forAll cases (fun (l, steps, name, twin) ->
        let schedule = scheduleOf (l, steps, name, twin)

        let rng = RandomStreams(uint64 (l * 1000 + steps)).Stream("chi-square")
        let n = 4000
        let k = (schedule.Steps + 1) / 2
        let m = l / 3

        let law =
            schedule.Kernel.Law(k, m) |> Array.filter (fun a -> a.Weight * float n >= 5.0)

        let counts = Array.zeroCreate (l + 1)

        for _ in 1..n do
            let s = schedule.Next(k, m, rng)
            counts[s] <- counts[s] + 1

        let statistic =
            law
            |> Array.sumBy (fun a -> let e = float n * a.Weight in (float counts[a.Size] - e) ** 2.0 / e)

        let critical =
            if law.Length > 1 then
                ChiSquared.InvCDF(float (law.Length - 1), 0.9999)
            else
                0.0

        (schedule :? DeterministicSchedule || statistic <= critical)
        |> Prop.classify true name)

[<Fact>]
let ``the grids are the documented ones`` () =
    let l, steps = 10, 5
    let rho = Math.Pow(float (steps * l), -1.0 / float (steps - 1))

    Assert.Equal<float[]>(
        [| 0.0; 0.2; 0.4; 0.6; 0.8; 1.0 |],
        RevealGrids.Linear steps |> Array.map (fun w -> Math.Round(w, 12))
    )

    let tc = RevealGrids.AdaptiveTc(l, steps)

    Assert.True(
        close tc[1] (1.0 - rho)
        && close tc[steps - 1] (1.0 - 1.0 / 50.0)
        && tc[steps] = 1.0
    )

    let dtc = RevealGrids.AdaptiveDtc(l, steps)

    Assert.True(
        dtc[0] = 0.0
        && close dtc[1] (1.0 / 50.0)
        && close dtc[steps - 1] rho
        && dtc[steps] = 1.0
    )

    let both = RevealGrids.AdaptiveBoth(l, steps)

    Assert.True(
        close both[1] (1.0 / 50.0)
        && close both[steps - 1] (1.0 - 1.0 / 50.0)
        && close (both[2] / (1.0 - both[2])) (Math.Pow(49.0, -1.0 / 3.0))
    )

    let hedged = RevealGrids.Hedged(l, 8)

    let expected =
        Array.append (RevealGrids.Linear 4) (RevealGrids.AdaptiveBoth(l, 4))
        |> Array.distinct
        |> Array.sort

    Assert.Equal(expected.Length, hedged.Length)
    Assert.True(Array.forall2 close expected hedged)

[<Fact>]
let ``fixed, cosine and the twins have the documented sizes`` () =
    Assert.Equal<int[]>([| 4; 4; 3; 3 |], SizeSequences.Fixed(14, 4))
    Assert.Equal<int[]>([| 2; 3; 5 |], SizeSequences.Cosine(10, 3))
    Assert.Equal<int[]>([| 2; 3; 2; 3 |], RevealGrids.TwinSizes(10, [| 0.0; 0.2; 0.45; 0.7; 1.0 |]))
    Assert.Equal<int[]>([| 5; 5 |], RevealGrids.TwinSizes(10, [| 0.0; 0.01; 0.5; 1.0 |]))

[<Fact>]
let ``the catalog rejects what it cannot build, naming the parameter`` () =
    let error (f: unit -> ISizeSchedule) =
        Assert.ThrowsAny<ArgumentException>(fun () -> f () |> ignore)

    Assert.Contains("unknown schedule 'nope'", (error (fun () -> ScheduleCatalog.Create("nope", 5, 2))).Message)
    Assert.Equal("steps", (error (fun () -> ScheduleCatalog.Create("linear", 5, 0))).ParamName)
    Assert.Contains("K (steps) ≥ 3", (error (fun () -> ScheduleCatalog.Create("adaptive-both", 5, 2))).Message)
    Assert.Contains("≤ L = 5", (error (fun () -> ScheduleCatalog.Create("fixed", 5, 6))).Message)
    Assert.Contains("needs the entropy profile", (error (fun () -> ScheduleCatalog.Create("optimal", 5, 2))).Message)
