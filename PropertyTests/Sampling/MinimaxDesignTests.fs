[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 40)>]
module Dlm.PropertyTests.Sampling.MinimaxDesignTests

open System
open System.IO
open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Design
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit
open MathNet.Numerics.Distributions

let private budgets =
    gen {
        let! length = Gen.choose (2, 24)
        let! steps = Gen.choose (1, 16)

        let! objective =
            Gen.elements [ DesignObjective.CertifiedMin; DesignObjective.RatioToBest ]

        return length, steps, objective
    }
    |> Arb.fromGen

/// What the objective scores for a law with these atom errors, computed from the pool directly.
let private score (pool: PoolMember list) length steps objective (errors: float[]) =
    match objective with
    | DesignObjective.CertifiedMin -> (WorstCase.certify steps errors).Min.Constant
    | _ ->
        let reference =
            match pool |> List.filter (fun m -> m.Randomised) with
            | [] -> pool
            | randomised -> randomised

        [
            for k in 1 .. length - 1 do
                let best = reference |> List.map (fun m -> m.AtomErrors[k - 1]) |> List.min

                if best > 0.0 then
                    yield errors[k - 1] / best
                elif errors[k - 1] > 1e-12 then
                    yield infinity
        ]
        |> List.fold max 1.0

let private mixed (pool: PoolMember list) (weights: float[]) =
    let length = pool.Head.AtomErrors.Length

    Array.init length (fun k ->
        List.fold2 (fun sum (m: PoolMember) w -> sum + w * m.AtomErrors[k]) 0.0 pool (List.ofArray weights))

[<Property>]
let ``the design scores no worse than every pool member and than random mixtures`` () =
    Prop.forAll budgets (fun (length, steps, objective) ->
        let pool = List.ofSeq (SizeLawPool.For(length, steps))
        let design = MinimaxDesign.Solve(length, steps, objective)
        let achieved = score pool length steps objective (design.Schedule().AtomErrors())
        let rng = RandomStreams(uint64 (length * 1000 + steps)).Stream("weights")
        let dirichlet = Dirichlet(Array.create pool.Length 0.5, rng)

        [
            for m in pool ->
                atMost achieved (score pool length steps objective m.AtomErrors * (1.0 + 1e-6))
                |> Prop.label $"{m.Schedule.Name}"
            for i in 1..20 ->
                atMost
                    achieved
                    (score pool length steps objective (mixed pool (dirichlet.Sample()))
                     * (1.0 + 1e-6))
                |> Prop.label $"random mixture {i}"
        ]
        |> List.reduce (.&.)
        |> Prop.classify (objective = DesignObjective.CertifiedMin) "min"
        |> Prop.classify (steps >= length) "K ≥ L")

[<Property>]
let ``the design's reported constants and ratio are those of its mixture`` () =
    Prop.forAll budgets (fun (length, steps, objective) ->
        let design = MinimaxDesign.Solve(length, steps, objective)
        let pool = List.ofSeq (SizeLawPool.For(length, steps))
        let errors = design.Schedule().AtomErrors()
        let certified = WorstCase.certify steps errors

        (close design.Certified.Min.Constant certified.Min.Constant
         && close design.Certified.Tc.Constant certified.Tc.Constant
         && close design.Ratio (score pool length steps DesignObjective.RatioToBest errors)
         && abs (Seq.sumBy (fun (m: WeightedSchedule) -> m.Weight) design.Members - 1.0) < 1e-12)
        |> Prop.classify (objective = DesignObjective.CertifiedMin) "min")

[<Property>]
let ``a design file rebuilds the same law`` () =
    Prop.forAll budgets (fun (length, steps, objective) ->
        let design = MinimaxDesign.Solve(length, steps, objective)
        let path = Path.GetTempFileName()

        try
            File.WriteAllText(path, (DesignDocument.Of design).ToJson())
            let loaded = DesignDocument.Load(path, length, steps)

            (design.Schedule().AtomErrors() = loaded.Schedule().AtomErrors()
             && loaded.Objective = objective)
            |> Prop.classify (objective = DesignObjective.CertifiedMin) "min"
        finally
            File.Delete path)

[<Fact>]
let ``a design file for another L or K, or with a malformed member, is refused naming the file`` () =
    let path = Path.GetTempFileName()

    try
        File.WriteAllText(path, (DesignDocument.Of(MinimaxDesign.Solve(8, 3, DesignObjective.RatioToBest))).ToJson())

        let other =
            Assert.Throws<ArgumentException>(fun () -> DesignDocument.Load(path, 8, 4) |> ignore)

        Assert.Contains("is for L = 8, K = 3", other.Message)

        File.WriteAllText(
            path,
            ("""{"length":8,"steps":3,"schedules":[],"minimax":{"objective":"ratio","members":"""
             + """[{"name":"x","weight":1,"sizes":[1,2]}],"certified":{"tc":0,"dtc":0,"min":0,"sum":0},"ratio":1}}""")
        )

        let malformed =
            Assert.Throws<ArgumentException>(fun () -> DesignDocument.Load(path, 8, 3) |> ignore)

        Assert.Contains(path, malformed.Message)
        Assert.Contains("summing to L = 8", malformed.Message)
    finally
        File.Delete path

[<Fact>]
let ``the mixture's kernel has the weighted error: Identity B on the marginal law equals Σ w_i E_i`` () =
    let profile = EntropyProfile.Of(DenseFamilies.Dirichlet(6, 3, 0.3, 7UL))

    for steps in 2..7 do
        let members =
            [
                WeightedSchedule(ScheduleCatalog.Create("adaptive-dtc", 6, steps), 0.5)
                WeightedSchedule(ScheduleCatalog.Create("cosine", 6, min steps 6), 0.2)
                WeightedSchedule(OffsetBlockSchedule.Create(6, steps, OffsetBlockSchedule.LeastBlock(6, steps)), 0.3)
            ]

        let mixture = MixtureSchedule("m", members)

        let weighted =
            members
            |> List.sumBy (fun m -> m.Weight * (m.Schedule.Error profile).ExpectedKl)

        let viaKernel = (ExpectedKl.markov profile mixture.Kernel).ExpectedKl
        Assert.True(close weighted viaKernel, $"K={steps}: {weighted:R} vs {viaKernel:R}")
        Assert.True(close (mixture.Error profile).ExpectedKl viaKernel)
