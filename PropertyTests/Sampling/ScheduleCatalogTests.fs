[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 60)>]
module Dlm.PropertyTests.Sampling.ScheduleCatalogTests

open System
open Dlm.Theory
open Dlm.Sampling.Calibration
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

let private profile l =
    EntropyProfile.FromValues [| for m in 0..l -> float (min m 2) |]

[<Fact>]
let ``the table lists the documented schedules, and the agnostic ones are the eleven that need nothing`` () =
    Assert.Equal<string list>(
        [
            "fixed"
            "cosine"
            "linear"
            "adaptive-tc"
            "adaptive-dtc"
            "adaptive-both"
            "hedged"
            "optimal"
            "plugin"
            "plugin-hedged"
            "minimax"
            "minimax-min"
            "minimax-tc"
            "minimax-dtc"
        ],
        List.ofSeq ScheduleCatalog.Names
    )

    Assert.Equal<string list>(
        [
            "fixed"
            "cosine"
            "linear"
            "adaptive-tc"
            "adaptive-dtc"
            "adaptive-both"
            "hedged"
            "minimax"
            "minimax-min"
            "minimax-tc"
            "minimax-dtc"
        ],
        [ for e in ScheduleCatalog.Agnostic -> e.Name ]
    )

    Assert.Equal<string list>(
        [ "linear"; "adaptive-tc"; "adaptive-dtc"; "adaptive-both"; "hedged" ],
        [
            for e in ScheduleCatalog.Entries do
                if e.HasTwin then
                    e.Name
        ]
    )

/// Why a schedule refuses (L, K), from the rules the docs state: K ≥ 1; adaptive-both needs K ≥ 3; fixed and cosine
/// reveal at least one token a step, so K ≤ L.
let private refusal name l steps =
    if steps < 1 then
        Some "K (steps) must be ≥ 1"
    elif name = "adaptive-both" && steps < 3 then
        Some "needs K (steps) ≥ 3"
    elif (name = "fixed" || name = "cosine") && steps > l then
        Some $"K (steps) must be ≤ L = {l}"
    else
        None

[<Fact>]
let ``Create succeeds exactly where the documented rules allow, and a refusal says which rule`` () =
    let estimate l = profile l

    for l in 1..6 do
        for steps in 0..9 do
            for name in ScheduleCatalog.Names do
                let create () =
                    ScheduleCatalog.Create(name, l, steps, false, profile l, estimate l) |> ignore

                match refusal name l steps with
                | None ->
                    create ()
                    Assert.True(ScheduleCatalog.Supports(name, l, steps), $"{name} L={l} K={steps}")
                | Some reason ->
                    let refused = Assert.ThrowsAny<ArgumentException>(create)
                    Assert.Contains(reason, refused.Message)
                    Assert.False(ScheduleCatalog.Supports(name, l, steps), $"{name} L={l} K={steps}")

[<Fact>]
let ``Variants lists, in table order, every schedule that needs at most f, each i.i.d. one then its twin for K ≥ 2``
    ()
    =
    let variants l steps =
        [ for v in ScheduleCatalog.Variants(l, steps) -> v.Name ]

    let iid =
        [
            "linear"
            "linear-twin"
            "adaptive-tc"
            "adaptive-tc-twin"
            "adaptive-dtc"
            "adaptive-dtc-twin"
        ]

    Assert.Equal<string list>(
        [
            "fixed"
            "cosine"
            "linear"
            "adaptive-tc"
            "adaptive-dtc"
            "hedged"
            "optimal"
            "minimax"
            "minimax-min"
            "minimax-tc"
            "minimax-dtc"
        ],
        variants 6 1
    )

    Assert.Equal<string list>(
        [ "fixed"; "cosine" ]
        @ iid
        @ [
            "hedged"
            "hedged-twin"
            "optimal"
            "minimax"
            "minimax-min"
            "minimax-tc"
            "minimax-dtc"
        ],
        variants 6 2
    )

    Assert.Equal<string list>(
        [ "fixed"; "cosine" ]
        @ iid
        @ [
            "adaptive-both"
            "adaptive-both-twin"
            "hedged"
            "hedged-twin"
            "optimal"
            "minimax"
            "minimax-min"
            "minimax-tc"
            "minimax-dtc"
        ],
        variants 6 3
    )

    Assert.Equal<string list>(
        iid
        @ [
            "adaptive-both"
            "adaptive-both-twin"
            "hedged"
            "hedged-twin"
            "optimal"
            "minimax"
            "minimax-min"
            "minimax-tc"
            "minimax-dtc"
        ],
        variants 4 6
    )

    for l in 1..6 do
        for steps in 1..9 do
            Assert.Equal<string list>(variants l steps, [ for s in ScheduleCatalog.All(l, steps, profile l) -> s.Name ])

[<Fact>]
let ``each schedule reports its entry's theorem: twins and K = 1 use B1, hedged below K = 6 uses B1'`` () =
    let l = 12

    for steps in 1..10 do
        for variant in ScheduleCatalog.Variants(l, steps) do
            let reported = (variant.Create(l, steps, profile l).Bound(profile l)).Bound

            let expected =
                if steps = 1 || variant.Twin then
                    BoundKind.B1
                elif variant.Entry.Name = "hedged" && steps < 6 then
                    BoundKind.B1Prime
                else
                    variant.Entry.Bound

            Assert.True((expected = reported), $"{variant.Name} K={steps}: {reported}")

[<Property>]
let ``B7 is the least of the plugin part's error, the hedge's error and B1, computed apart`` () =
    Prop.forAll (Arb.fromGen (FsCheck.FSharp.Gen.zip anyJoint.Generator anyJoint.Generator)) (fun (truth, wrong) ->
        let p = EntropyProfile.Of truth.Joint
        let l = p.Length

        let estimate =
            let other = EntropyProfile.Of wrong.Joint
            if other.Length = l then other else p

        [
            for steps in 2 .. 2 * l ->
                let schedule =
                    ScheduleCatalog.Create("plugin-hedged", l, steps, false, p, estimate) :?> DeterministicSchedule

                let hedge = PluginSizes.HedgeSteps steps

                let plugin =
                    (ExpectedKl.deterministic p (PluginSizes.Plugin(estimate, steps - hedge))).ExpectedKl

                let hedgeError =
                    if hedge = 0 then
                        infinity
                    else
                        (ExpectedKl.deterministic p (PluginSizes.HedgeTwin(l, hedge))).ExpectedKl

                let b1 = Bounds.deterministicSizes l (Seq.max schedule.Sizes) p.Tc p.Dtc
                let bound = schedule.Bound p

                (bound.Bound = BoundKind.B7
                 && close bound.Value (List.min [ plugin; hedgeError; b1 ]))
                |> Prop.label $"K={steps}: B7 = {bound.Value:R}; plugin {plugin:R}, hedge {hedgeError:R}, B1 {b1:R}"
        ]
        |> List.reduce (.&.)
        |> Prop.classify (estimate = p) "estimate is the truth"
        |> Prop.classify true truth.Kind)
