[<FsCheck.Xunit.Properties(Replay = "20261130,1000003", MaxTest = 40)>]
module Dlm.PropertyTests.Sampling.CrossEntropyTests

open System
open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Calibration
open Dlm.Sampling.Estimators
open Dlm.Sampling.Sampler
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open Dlm.PropertyTests.UniformPredictor
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

[<Fact>]
let ``with the oracle, every Δ̂_CE(m) interval covers Δ(m), and the TC and DTC intervals cover TC and DTC`` () =
    for spec in
        [
            "markov:L=6,q=3,stay=0.8"
            "dirichlet:L=5,q=3,alpha=0.5,seed=4"
            "rs:q=5,n=4,k=2"
        ] do
        let p = DistributionSpec.Parse spec
        let data = ProfileCalibration.FromData(p, 3000, RandomStreams 5UL)

        let estimate =
            ProfileCalibration.Estimate(
                OraclePredictor p,
                data,
                "oracle",
                RandomStreams 6UL,
                ProfileEstimator.CrossEntropy,
                0.999
            )

        let covers (lower: float) value (upper: float) =
            lower - 1e-12 <= value && value <= upper + 1e-12

        for m in 0 .. p.Length - 1 do
            let delta = p.Profile.Delta m

            Assert.True(
                covers estimate.DeltaLower[m] delta estimate.DeltaUpper[m],
                $"{spec} m={m}: Δ = {delta} outside [{estimate.DeltaLower[m]}, {estimate.DeltaUpper[m]}]"
            )

        Assert.True(covers estimate.TcLower p.Profile.Tc estimate.TcUpper, $"{spec}: TC = {p.Profile.Tc}")
        Assert.True(covers estimate.DtcLower p.Profile.Dtc estimate.DtcUpper, $"{spec}: DTC = {p.Profile.Dtc}")
        // Its profile sums the raw estimates, so that the DP prices exactly the estimated NLL.
        let total, last = Array.sum estimate.Delta, estimate.Profile[p.Length]
        Assert.True(close total last, $"{spec}: Σ Δ̂ = {total:R}, f̂(L) = {last:R}")

/// Δ_CE(m) over a fixed list of sequences by brute force: every S of size m and every i ∉ S.
let private exactCrossEntropy (predictor: IMaskPredictor) (sequences: int[][]) =
    let (l, q) = (predictor.Length, predictor.Alphabet)
    let sums = Array.zeroCreate l
    let counts = Array.zeroCreate l
    let law = Array.zeroCreate (l * q)

    for x in sequences do
        for mask in 0 .. (1 <<< l) - 1 do
            let partial = Array.init l (fun i -> if mask &&& (1 <<< i) <> 0 then x[i] else q)
            let m = Numerics.BitOperations.PopCount(uint32 mask)

            if m < l then
                predictor.Predict(ReadOnlySpan partial, 1, Span law)

                for i in 0 .. l - 1 do
                    if mask &&& (1 <<< i) = 0 then
                        sums[m] <- sums[m] - log law[i * q + x[i]] / float (l - m)

                counts[m] <- counts[m] + 1.0

    Array.map2 (/) sums counts

[<Fact>]
let ``the teacher-forced NLL of a schedule equals the s·Δ_CE accounting of its kernel, for a miscalibrated model`` () =
    // The "model" is the oracle of another distribution: fixed, and wrong about the data.
    let data = DistributionSpec.Parse "dirichlet:L=5,q=3,alpha=0.5,seed=1"

    let model =
        OraclePredictor(DistributionSpec.Parse "dirichlet:L=5,q=3,alpha=1,seed=2")

    let held = ProfileCalibration.FromData(data, 24, RandomStreams 1UL)
    let delta = exactCrossEntropy model held
    let profile = EntropyProfile.FromValues(Array.scan (+) 0.0 delta)
    let replicated = Array.init (24 * 400) (fun i -> held[i % 24])

    for name, steps in
        [
            "fixed", 2
            "cosine", 3
            "linear", 2
            "adaptive-tc", 4
            "hedged", 3
            "plugin", 2
        ] do
        let schedule = ScheduleCatalog.Create(name, 5, steps, estimate = profile)
        let accounted = (schedule.Error profile).ExpectedKl + profile.Entropy

        let measured =
            MonteCarloEstimate.FromDraws(
                TeacherForcedNll.PerSequence(model, replicated, schedule, RandomStreams 9UL),
                0.999
            )

        Assert.True(
            measured.Covers accounted,
            $"{name} K={steps}: accounted {accounted} outside [{measured.Lower}, {measured.Upper}]"
        )

[<Property>]
let ``with the uniform predictor every schedule's NLL is L·ln q for every sequence`` () =
    Prop.forAll anyJoint (fun case ->
        let (l, q) = (case.Joint.Length, case.Joint.Alphabet)
        let held = Array.init 8 (fun i -> Array.init l (fun j -> (i + j) % q))

        [
            for name in exactScheduleNames |> List.filter (fun n -> n <> "optimal") do
                for steps in [ 1; 2; l ] do
                    if ScheduleCatalog.Supports(name, l, steps) then
                        let schedule = ScheduleCatalog.Create(name, l, steps)

                        TeacherForcedNll.PerSequence(Uniform(l, q), held, schedule, RandomStreams 3UL)
                        |> Array.forall (fun v -> Dlm.PropertyTests.Numerics.close v (float l * log (float q)))
        ]
        |> List.forall id
        |> classified case)

[<Property>]
let ``with the uniform predictor the left-to-right NLL is L·ln q for every sequence`` () =
    Prop.forAll anyJoint (fun case ->
        let (l, q) = (case.Joint.Length, case.Joint.Alphabet)
        let held = Array.init 8 (fun i -> Array.init l (fun j -> (i * j + j) % q))

        TeacherForcedNll.PerSequence(
            Uniform(l, q),
            held,
            ScheduleCatalog.Create("fixed", l, l),
            RandomStreams 3UL,
            order = PositionRule.LeftToRight
        )
        |> Array.forall (fun v -> abs (v - float l * log (float q)) <= 1e-9 * float l * log (float q))
        |> classified case)

[<Fact>]
let ``left to right, teacher forcing is the chain rule of the model, and the rule's exact law is that product`` () =
    // A model wrong about everything: the oracle of another distribution. Every sequence of [3]^5.
    let model =
        OraclePredictor(DistributionSpec.Parse "dirichlet:L=5,q=3,alpha=1,seed=2")

    let (l, q) = (5, 3)

    let sequences =
        Array.init (pown q l) (fun index -> Array.init l (fun i -> index / pown q (l - 1 - i) % q))

    let chain (x: int[]) =
        let law = Array.zeroCreate (l * q)

        List.sum
            [
                for i in 0 .. l - 1 do
                    let partial = Array.init l (fun j -> if j < i then x[j] else q)
                    (model :> IMaskPredictor).Predict(ReadOnlySpan partial, 1, Span law)
                    -log law[i * q + x[i]]
            ]

    let fixedL = ScheduleCatalog.Create("fixed", l, l)

    let forced =
        TeacherForcedNll.PerSequence(model, sequences, fixedL, RandomStreams 1UL, order = PositionRule.LeftToRight)

    let exact = ExactSamplerLaw.Compute(model, fixedL, PositionRule.LeftToRight)

    for x, nll, p in Array.zip3 sequences forced exact do
        let direct = chain x
        Assert.True(abs (nll - direct) <= 1e-9 * direct, $"{x}: teacher-forced {nll}, chain {direct}")
        Assert.True(abs (p - exp -direct) <= 1e-12 + 1e-9 * p, $"{x}: exact law {p}, chain {exp -direct}")

    // A rule that reads the laws is not an order for teacher forcing.
    Assert.Throws<ArgumentException>(fun () ->
        TeacherForcedNll.PerSequence(model, sequences, fixedL, RandomStreams 1UL, order = PositionRule.Entropy)
        |> ignore)
    |> ignore
