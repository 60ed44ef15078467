[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 60)>]
module Dlm.PropertyTests.Sampling.CalibrationTests

open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Calibration
open Dlm.Sampling.Sampler
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

let private calibrate spec samples seed =
    let p = DistributionSpec.Parse spec

    p,
    ProfileCalibration.Estimate(
        OraclePredictor p,
        ProfileCalibration.FromData(p, samples, RandomStreams seed),
        "oracle",
        RandomStreams(seed + 1UL),
        ProfileEstimator.Entropy,
        0.999
    )

[<Fact>]
let ``with the oracle, every Δ̂(m) interval covers Δ(m)`` () =
    for spec in
        [
            "markov:L=6,q=3,stay=0.8"
            "dirichlet:L=5,q=3,alpha=0.5,seed=4"
            "rs:q=5,n=4,k=2"
        ] do
        let p, estimate = calibrate spec 2000 3UL

        for m in 0 .. p.Length - 1 do
            let delta = p.Profile.Delta m

            Assert.True(
                estimate.DeltaLower[m] - 1e-12 <= delta
                && delta <= estimate.DeltaUpper[m] + 1e-12,
                $"{spec} m={m}: Δ = {delta} outside [{estimate.DeltaLower[m]}, {estimate.DeltaUpper[m]}]"
            )

[<Fact>]
let ``calibration is deterministic for a given seed`` () =
    let _, a = calibrate "markov:L=5,q=2,stay=0.9" 50 7UL
    let _, b = calibrate "markov:L=5,q=2,stay=0.9" 50 7UL
    Assert.Equal<float[]>(a.Delta, b.Delta)
    Assert.Equal<float[]>(a.Profile, b.Profile)

[<Property>]
let ``plugin on the exact profile is optimal`` () =
    Prop.forAll anyJoint (fun case ->
        let profile = EntropyProfile.Of case.Joint

        [
            for steps in 1 .. profile.Length + 1 ->
                let plugin =
                    ScheduleCatalog.Create("plugin", profile.Length, steps, false, profile, profile)

                close (plugin.Error profile).ExpectedKl (OptimalSchedule.solve profile steps).ExpectedKl
        ]
        |> List.forall id
        |> classified case)

/// A true joint and a deliberately wrong profile: another random joint's, of the same L.
let private wrongProfiles =
    gen {
        let! truth = anyJoint.Generator

        let! other =
            anyJoint.Generator |> Gen.where (fun c -> c.Joint.Length = truth.Joint.Length)

        return truth, other
    }
    |> Arb.fromGen

[<Property>]
let ``plugin-hedged never exceeds its bound, even on a wrong profile`` () =
    Prop.forAll wrongProfiles (fun (truth, wrong) ->
        let profile = EntropyProfile.Of truth.Joint
        let estimate = EntropyProfile.Of wrong.Joint
        let l = profile.Length

        [
            for steps in 1 .. 2 * l ->
                let schedule =
                    ScheduleCatalog.Create("plugin-hedged", l, steps, false, profile, estimate)
                    :?> DeterministicSchedule

                let error = (schedule.Error profile).ExpectedKl
                let hedge = PluginSizes.HedgeSteps steps

                let hedgeError =
                    if hedge = 0 then
                        infinity
                    else
                        (ExpectedKl.deterministic profile (PluginSizes.HedgeTwin(l, hedge))).ExpectedKl

                let pluginError =
                    (ExpectedKl.deterministic profile (PluginSizes.Plugin(estimate, steps - hedge))).ExpectedKl

                (schedule.Steps <= steps
                 && atMost error (schedule.Bound profile).Value
                 && atMost error hedgeError
                 && atMost error pluginError)
                |> Prop.label $"K={steps}: {error:R} vs hedge {hedgeError:R}, plugin {pluginError:R}"
        ]
        |> List.reduce (.&.)
        |> Prop.classify true truth.Kind)
