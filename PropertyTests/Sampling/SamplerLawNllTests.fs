[<FsCheck.Xunit.Properties(Replay = "20261201,1000003", MaxTest = 40)>]
module Dlm.PropertyTests.Sampling.SamplerLawNllTests

open System
open Dlm.Datasets
open Dlm.Sampling.Estimators
open Dlm.Sampling.Sampler
open Dlm.Sampling.Schedules
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

[<Property>]
let ``with a consistent predictor at K = L, every order gives p(x): the estimate is −ln p(x) for any N`` () =
    Prop.forAll anyJoint (fun case ->
        let joint = case.Joint
        let l = joint.Length
        let oracle = OraclePredictor(DenseDistribution(case.Kind, joint))

        let support =
            [| 0 .. joint.Size - 1 |]
            |> Array.filter (fun index -> joint[index] > 0.0)
            |> Array.truncate 8
            |> Array.map joint.Decode

        [ 1; 3 ]
        |> List.forall (fun paths ->
            SamplerLawNll.PerSequence(
                oracle,
                support,
                ScheduleCatalog.Create("fixed", l, l),
                paths,
                RandomStreams 4UL
            )
            |> Array.forall2
                (fun (x: int[]) nll ->
                    let exact = -log joint[joint.Index x]
                    abs (nll - exact) <= 1e-9 * max 1.0 exact)
                support)
        |> classified case)

/// The inner predictor's laws squared and renormalised: conditionals that no one joint has, so orders disagree.
type private Sharpened(inner: IMaskPredictor) =
    interface IMaskPredictor with
        member _.Length = inner.Length
        member _.Alphabet = inner.Alphabet

        member _.Predict(tokens, batch, probabilities) =
            inner.Predict(tokens, batch, probabilities)
            let q = inner.Alphabet

            for row in 0 .. probabilities.Length / q - 1 do
                let law = probabilities.Slice(row * q, q)
                let mutable total = 0.0

                for v in 0 .. q - 1 do
                    law[v] <- law[v] * law[v]
                    total <- total + law[v]

                for v in 0 .. q - 1 do
                    law[v] <- law[v] / total

[<Fact>]
let ``the N-path estimate is −ln of the mean path probability, whose interval covers the enumerated sampler law`` () =
    let (l, paths) = (4, 3000)
    let data = DistributionSpec.Parse "dirichlet:L=4,q=3,alpha=0.5,seed=3"
    let oracle = OraclePredictor data
    let sequences = Array.init data.Joint.Size data.Joint.Decode
    // Every sequence's interval at once: 99.9% overall by Bonferroni.
    let confidence = 1.0 - 0.001 / float sequences.Length

    for name, model, schedule in
        [
            "sharpened oracle, fixed K = L", Sharpened oracle :> IMaskPredictor, ScheduleCatalog.Create("fixed", l, l)
            "oracle, cosine K = 2", oracle, ScheduleCatalog.Create("cosine", l, 2)
        ] do
        let seed = RandomStreams 8UL
        let exact = ExactSamplerLaw.Compute(model, schedule, PositionRule.Random)
        let estimate = SamplerLawNll.PerSequence(model, sequences, schedule, paths, seed)

        let draws =
            Array.init paths (fun n -> TeacherForcedNll.PerSequence(model, sequences, schedule, seed.Split(uint64 n)))

        for b, x in Array.indexed sequences do
            let probabilities = draws |> Array.map (fun nll -> exp -nll[b])
            let mean = MonteCarloEstimate.FromDraws(probabilities, confidence)
            let direct = -log(Array.average probabilities)

            Assert.True(
                abs (estimate[b] - direct) <= 1e-9 * direct,
                $"{name} [{String.Join(',', x)}]: estimate {estimate[b]}, −ln mean {direct}"
            )

            Assert.True(
                mean.Lower - 1e-15 <= exact[b] && exact[b] <= mean.Upper + 1e-15,
                $"{name} [{String.Join(',', x)}]: p̄ = {exact[b]} outside [{mean.Lower}, {mean.Upper}]"
            )

[<Fact>]
let ``N < 1 paths is refused, naming the parameter`` () =
    let oracle = OraclePredictor(DistributionSpec.Parse "markov:L=3,q=2,stay=0.8")

    let error =
        Assert.Throws<ArgumentOutOfRangeException>(fun () ->
            SamplerLawNll.PerSequence(
                oracle,
                [| [| 0; 1; 0 |] |],
                ScheduleCatalog.Create("fixed", 3, 3),
                0,
                RandomStreams 1UL
            )
            |> ignore)

    Assert.Equal("paths", error.ParamName)
