[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 25)>]
module Dlm.PropertyTests.Sampling.SamplerTests

open System
open System.Collections.Generic
open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Schedules
open Dlm.Sampling.Sampler
open Dlm.Sampling.Estimators
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

let private rules =
    [
        PositionRule.Random
        PositionRule.Confidence
        PositionRule.Margin
        PositionRule.Entropy
        PositionRule.LeftToRight
    ]

/// A joint, a schedule valid for it, a position rule and a temperature.
let private setups =
    gen {
        let! case = tinyJoint.Generator
        let l = case.Joint.Length
        let! steps = Gen.choose (1, l + 1)

        let! name =
            Gen.elements exactScheduleNames
            |> Gen.where (fun n -> ScheduleCatalog.Supports(n, l, steps))

        let! twin = Gen.elements [ false; true ]
        let! rule = Gen.elements rules
        let! temperature = Gen.elements [ 1.0; 1.0; 0.5; 0.0 ]
        let distribution = DenseDistribution(case.Kind, case.Joint)
        return case, distribution, ScheduleCatalog.Create(name, l, steps, twin, distribution.Profile), rule, temperature
    }
    |> Arb.fromGen

/// An oracle that records every batch it is shown.
type private Spy(inner: IMaskPredictor) =
    member val Seen = List<int[]>()

    interface IMaskPredictor with
        member _.Length = inner.Length
        member _.Alphabet = inner.Alphabet

        member this.Predict(tokens, batch, probabilities) =
            for b in 0 .. batch - 1 do
                this.Seen.Add(tokens.Slice(b * inner.Length, inner.Length).ToArray())

            inner.Predict(tokens, batch, probabilities)

[<Property(MaxTest = 30)>]
let ``teacher forcing with the oracle covers the exact expected KL (99.9% interval)`` () =
    Prop.forAll setups (fun (case, distribution, schedule, _, _) ->
        let exact = (schedule.Error distribution.Profile).ExpectedKl

        let estimate =
            TeacherForcedKl.Estimate(
                distribution,
                OraclePredictor distribution,
                schedule,
                1500,
                RandomStreams 11UL,
                0.999
            )
        // The interval is widened by float64 rounding of the exact value, which matters only when the error is 0.
        let rounding = 1e-12 * max 1.0 (abs exact)

        (estimate.Total.Lower - rounding <= exact
         && exact <= estimate.Total.Upper + rounding
         && abs estimate.Predictor.Mean < 1e-12)
        |> Prop.label
            $"{schedule.Name} K={schedule.Steps}: [{estimate.Total.Lower}, {estimate.Total.Upper}] vs {exact}"
        |> Prop.classify true schedule.Name)

[<Property>]
let ``with random positions the enumerated sampler law equals the harness's mixture law`` () =
    Prop.forAll setups (fun (case, distribution, schedule, _, _) ->
        let sampler =
            ExactSamplerLaw.Compute(OraclePredictor distribution, schedule, PositionRule.Random)

        let harness = MixtureKl.outputLaw case.Joint schedule.Kernel
        let mixture = EmpiricalLaw.Kl(case.Joint, sampler)

        (Array.forall2 close sampler harness
         && atMost mixture (schedule.Error distribution.Profile).ExpectedKl)
        |> classified case)

[<Property>]
let ``free-running frequencies agree with the exact sampler law (TV within its 99.9% bound)`` () =
    Prop.forAll setups (fun (case, distribution, schedule, rule, temperature) ->
        let options = SamplerOptions(schedule, rule, temperature)

        let sampled =
            UnmaskingSampler(OraclePredictor distribution, options).Sample(3000, RandomStreams 23UL)

        let exact =
            ExactSamplerLaw.Compute(OraclePredictor distribution, schedule, rule, temperature)

        let check = EmpiricalLaw.Check(sampled.Sequences, exact, case.Joint.Alphabet)

        check.Passes
        |> Prop.label $"TV {check.TotalVariation} > {check.Bound}"
        |> Prop.classify true $"{rule}"
        |> Prop.classify (temperature <> 1.0) "tempered")

[<Property>]
let ``invariants: no mask in the output, committed tokens never change, scheduled sizes, NFE ≤ K`` () =
    Prop.forAll setups (fun (case, distribution, schedule, rule, temperature) ->
        let q = case.Joint.Alphabet
        let spy = Spy(OraclePredictor distribution)
        let seed = RandomStreams 5UL

        let sampled =
            UnmaskingSampler(spy, SamplerOptions(schedule, rule, temperature, 1, true)).Sample(20, seed)

        let perSequence i =
            let x = sampled.Sequences[i]
            let trace = sampled.RevealSteps[i]
            let sizes = seed.Split(uint64 i).Stream("sizes")
            let mutable revealed = 0

            let scheduled =
                [|
                    for k in 1 .. schedule.Steps do
                        let s = schedule.Next(k, revealed, sizes)
                        revealed <- revealed + s
                        yield s
                |]

            let counted =
                Array.init schedule.Steps (fun k -> trace |> Array.filter (fun t -> t = k + 1) |> Array.length)

            x |> Array.forall (fun v -> v >= 0 && v < q)
            && counted = scheduled
            && sampled.Nfe[i] = (scheduled |> Array.filter (fun s -> s > 0) |> Array.length)
            && sampled.Nfe[i] <= schedule.Steps
        // Batch size 1: the spy's calls come sequence by sequence, each with its committed tokens so far.
        let committedKept =
            let mutable call = 0

            [
                for i in 0..19 do
                    for _ in 1 .. sampled.Nfe[i] do
                        let seen = spy.Seen[call]
                        call <- call + 1
                        yield Array.forall2 (fun s x -> s = q || s = x) seen sampled.Sequences[i]
            ]
            |> List.forall id

        (List.forall perSequence [ 0..19 ] && committedKept)
        |> Prop.classify true $"{rule}")

[<Property>]
let ``the same seed gives the same output, whatever the batch size`` () =
    Prop.forAll setups (fun (_, distribution, schedule, rule, temperature) ->
        let run batch =
            UnmaskingSampler(OraclePredictor distribution, SamplerOptions(schedule, rule, temperature, batch))
                .Sample(12, RandomStreams 9UL)

        let a, b, c = run 1, run 5, run 12

        (a.Sequences = b.Sequences && b.Sequences = c.Sequences && a.Nfe = c.Nfe)
        |> Prop.classify true $"{rule}")

[<Property>]
let ``the same seed gives the same output on 1 and on 2 threads`` () =
    Prop.forAll setups (fun (_, distribution, schedule, rule, temperature) ->
        let run threads =
            UnmaskingSampler(
                OraclePredictor distribution,
                SamplerOptions(schedule, rule, temperature, 3, Threads = Nullable threads)
            )
                .Sample(20, RandomStreams 5UL)

        let one, two = run 1, run 2

        (one.Sequences = two.Sequences && one.Nfe = two.Nfe)
        |> Prop.classify true $"{rule}")

/// A family, a step budget and a seed, for the sampler with the random rule at T = 1.
let private oracleRuns =
    gen {
        let! spec =
            Gen.elements
                [
                    "rs:q=17,n=16,k=5"
                    "rs:q=256,n=255,k=100"
                    "markov:L=16,q=4,stay=0.8"
                    "dirichlet:L=6,q=3,alpha=0.3,seed=4"
                ]

        let! steps = Gen.choose (1, 20)
        let! seed = Gen.choose (0, Int32.MaxValue)
        return spec, steps, seed
    }
    |> Arb.fromGen

[<Property(MaxTest = 20)>]
let ``an oracle's own draws sample what the interface's defaults sample from its written laws`` () =
    Prop.forAll oracleRuns (fun (spec, steps, seed) ->
        let distribution = DistributionSpec.Parse spec

        let schedule =
            ScheduleCatalog.Create("linear", distribution.Length, min steps distribution.Length)

        let run predictor =
            UnmaskingSampler(predictor, SamplerOptions(schedule)).Sample(24, RandomStreams(uint64 seed))

        let own, written =
            run (OraclePredictor distribution), run (Spy(OraclePredictor distribution))

        (own.Sequences = written.Sequences && own.Nfe = written.Nfe)
        |> Prop.classify true spec)

[<Fact>]
let ``temperature 0 with an oracle reproduces a deterministic distribution`` () =
    let repetition = DistributionSpec.Parse "repetition:L=6,q=3"

    let rs =
        DistributionSpec.Parse "rs:q=16,n=12,k=4" :?> Dlm.Datasets.ReedSolomon.ReedSolomonDistribution

    for name in [ "fixed"; "linear"; "cosine" ] do
        let x =
            UnmaskingSampler(
                OraclePredictor repetition,
                SamplerOptions(ScheduleCatalog.Create(name, 6, 3), Temperature = 0.0)
            )
                .Sample(10, RandomStreams 1UL)

        Assert.All(x.Sequences, fun s -> Assert.True(Array.forall ((=) s[0]) s))
    // Reveal exactly k tokens first; after them the codeword is determined and argmax follows it.
    let y =
        UnmaskingSampler(
            OraclePredictor rs,
            SamplerOptions(DeterministicSchedule("k-first", [| 4; 4; 4 |]), Temperature = 0.0)
        )
            .Sample(10, RandomStreams 1UL)

    Assert.All(y.Sequences, fun s -> Assert.True(rs.Code.IsCodeword(ReadOnlySpan s)))
