[<FsCheck.Xunit.Properties(Replay = "20261201,1000003", MaxTest = 60)>]
module Dlm.PropertyTests.Sampling.ExactDesignTests

open System
open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Design
open Dlm.Sampling.Estimators
open Dlm.Sampling.Sampler
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Numerics
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

/// Every composition of L into at most K parts, each ≥ 1: the subsets of the L − 1 cut points with fewer than K cuts.
let private compositions length steps =
    [
        for cuts in 0 .. (1 <<< (length - 1)) - 1 do
            let ends =
                [
                    for c in 1 .. length - 1 do
                        if cuts &&& (1 <<< (c - 1)) <> 0 then
                            yield c
                ]
                @ [ length ]

            if ends.Length <= steps then
                yield
                    (ends
                     |> List.pairwise
                     |> List.map (fun (a, b) -> b - a)
                     |> List.append [ ends.Head ])
                    |> Array.ofList
    ]

/// The scaled row K·c(s, k)/X_k of a composition.
let private row length steps objective (sizes: int[]) =
    BestComposition.costs sizes
    |> Array.mapi (fun i c -> float steps * c / Measures.ofAtom objective length (i + 1))

/// V by the LP over all compositions at once, solved directly.
let private bruteValue length steps objective =
    use master = new MinimaxMaster(Array.create (length - 1) true)

    for sizes in compositions length steps do
        master.AddLaw(row length steps objective sizes) |> ignore

    master.Solve().Value

[<Fact>]
let ``compositions enumerates 2^(L−1) compositions, C(L−1, j−1) with j parts`` () =
    Assert.Equal(512, (compositions 10 10).Length)
    Assert.Equal(1 + 9 + 36, (compositions 10 3).Length)
    Assert.All(compositions 7 7, (fun s -> Assert.Equal(7, Array.sum s)))

[<Property>]
let ``the DP's best response equals brute force over every composition, L ≤ 14`` () =
    let case =
        gen {
            let! length = Gen.choose (2, 14)
            let! steps = Gen.choose (1, length)
            let! sparse = Gen.elements [ false; true ]

            let! weights =
                Gen.arrayOfLength
                    (length - 1)
                    (Gen.map2
                        (fun u z -> if sparse && z then 0.0 else u)
                        (Gen.choose (0, 1000) |> Gen.map (fun x -> float x / 100.0))
                        (Gen.elements [ false; true ]))

            return length, steps, weights, sparse
        }

    Prop.forAll (Arb.fromGen case) (fun (length, steps, weights, sparse) ->
        let best = BestComposition.solve weights steps

        let brute =
            compositions length steps |> List.map (BestComposition.cost weights) |> List.min

        (best.Sizes.Length <= steps
         && Array.sum best.Sizes = length
         && close best.Cost brute)
        |> Prop.label $"L={length} K={steps}: DP {best.Cost:R} {best.Sizes}, brute force {brute:R}"
        |> Prop.classify sparse "some weights 0"
        |> Prop.classify (steps = length) "K = L"
        |> Prop.classify (length >= 10) "L ≥ 10")

[<Fact>]
let ``V equals the LP over all compositions for every L ≤ 12 and K ≤ L, certified within 1e-9`` () =
    for length in 2..12 do
        for steps in 1..length do
            for objective in
                (if length <= 9 then
                     [ Measure.Min; Measure.Tc; Measure.Dtc ]
                 else
                     [ Measure.Min ]) do
                let design = ExactDesign.Solve(length, steps, objective)
                let brute = bruteValue length steps objective

                let label =
                    $"L={length} K={steps} {objective}: V {design.Value:R}, LP {brute:R}, LB {design.Lower:R}"

                Assert.True(close design.Value brute, label)
                Assert.True(design.Gap <= ExactDesign.Tolerance, label)
                Assert.True(design.Lower <= design.Value * (1.0 + 1e-12) + 1e-15, label)

/// A law of at most K steps is one of at most K + 1, so the least worst E KL/X, V/K, cannot rise with K. V itself can:
/// at L = 16 on TC, V = 1 at K = 1 (one block costs exactly TC) and 1.397 at K = 2.
[<Fact>]
let ``V/K, the least worst E KL per unit of X, is non-increasing in K, and V = 0 from K = L on`` () =
    for objective in [ Measure.Min; Measure.Tc; Measure.Dtc ] do
        let values =
            [ for steps in 1..18 -> (ExactDesign.Solve(16, steps, objective)).Value ]

        for k in 1 .. values.Length - 1 do
            let before, after = values[k - 1] / float k, values[k] / float (k + 1)
            Assert.True(atMost after before, $"{objective}: V/K at K = {k + 1} is {after}, above {before} at K = {k}")

        Assert.Equal(0.0, values[15])
        Assert.Equal(0.0, values[17])

[<Fact>]
let ``no catalogue schedule nor pool design certifies a constant below V`` () =
    for length, steps in [ (16, 4); (20, 5); (32, 8); (12, 7) ] do
        for objective in [ Measure.Min; Measure.Tc; Measure.Dtc ] do
            let v = (ExactDesign.Solve(length, steps, objective)).Value

            let others =
                [
                    for variant in ScheduleCatalog.Variants(length, steps) do
                        if variant.Entry.IsAgnostic then
                            yield variant.Name, variant.Create(length, steps).AtomErrors()
                    for goal in [ DesignObjective.CertifiedMin; DesignObjective.RatioToBest ] do
                        yield $"pool {goal}", (MinimaxDesign.Solve(length, steps, goal).Schedule()).AtomErrors()
                ]

            for name, errors in others do
                let constant = (WorstCase.certify steps errors).[objective].Constant

                Assert.True(
                    constant >= v * (1.0 - 1e-9),
                    $"L={length} K={steps} {objective}: {name} {constant} < V {v}"
                )

[<Fact>]
let ``the design as a schedule: its exact error is the weighted one, and its atoms give V back`` () =
    let design = ExactDesign.Solve(14, 4, Measure.Min)
    let schedule = design.Schedule "minimax-min"
    let profile = MdsCode.profile 14 5 7

    let weighted =
        design.Compositions
        |> Seq.sumBy (fun c -> c.Weight * (ExpectedKl.deterministic profile c.Sizes).ExpectedKl)

    Assert.True(close (schedule.Error profile).ExpectedKl weighted)
    Assert.True(close (ExpectedKl.markov profile schedule.Kernel).ExpectedKl weighted)
    Assert.True(close (WorstCase.certify 4 (schedule.AtomErrors())).Min.Constant design.Value)
    let bound = schedule.Bound profile
    Assert.Equal(BoundKind.B9, bound.Bound)
    Assert.True(close bound.Value (design.Value * min profile.Tc profile.Dtc / 4.0))

[<Fact>]
let ``sampled minimax-min: the teacher-forced interval and the codeword rate cover the exact values on RS codes`` () =
    for k in [ 3; 8 ] do
        let code = DistributionSpec.Parse $"rs:q=16,n=12,k={k}"
        let schedule = (ExactDesign.Solve(12, 4, Measure.Min)).Schedule "minimax-min"
        let exact = (schedule.Error code.Profile).ExpectedKl

        let estimate =
            TeacherForcedKl.Estimate(code, OraclePredictor code, schedule, 4000, RandomStreams 11UL).Total

        Assert.True(estimate.Covers exact, $"k={k}: {exact} outside [{estimate.Lower}, {estimate.Upper}]")

        let sampled =
            UnmaskingSampler(OraclePredictor code, SamplerOptions(schedule)).Sample(3000, RandomStreams 12UL)

        let valid =
            sampled.Sequences
            |> Array.filter (fun x -> code.InSupport(ReadOnlySpan x))
            |> Array.length

        let rate = RateEstimate.ClopperPearson(valid, 3000, 0.999)
        let exactRate = exp -(code.MixtureKl(schedule.Kernel).Value)

        Assert.True(
            rate.Lower <= exactRate && exactRate <= rate.Upper,
            $"k={k}: {exactRate} outside [{rate.Lower}, {rate.Upper}]"
        )

[<Fact>]
let ``ExactSamplerLaw of minimax-min on a dense joint gives the mixture KL of the kernel`` () =
    let p = DistributionSpec.Parse "dirichlet:L=5,q=2,alpha=0.5,seed=3"
    let schedule = (ExactDesign.Solve(5, 3, Measure.Min)).Schedule "minimax-min"
    let law = ExactSamplerLaw.Compute(OraclePredictor p, schedule, PositionRule.Random)
    Assert.True(close (Array.sum law) 1.0)
    Assert.True(close (EmpiricalLaw.Kl(p.Joint, law)) (p.MixtureKl(schedule.Kernel).Value))
