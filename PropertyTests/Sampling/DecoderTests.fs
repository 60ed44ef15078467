[<FsCheck.Xunit.Properties(Replay = "20261201,1000007", MaxTest = 25)>]
module Dlm.PropertyTests.Sampling.DecoderTests

open System
open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Decoders
open Dlm.Sampling.Schedules
open Dlm.Sampling.Sampler
open Dlm.Sampling.Estimators
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

/// A decoder over a grid that reaches both ends: one token a step, everything at once, and the range between.
let private decoders =
    Gen.oneof
        [
            Gen.elements [ 0.0; 0.05; 0.1; 0.5; 1.0; 3.0; infinity ]
            |> Gen.map (fun g -> EntropyBoundDecoder g :> IAdaptiveSizeRule)
            Gen.elements [ 0.0; 0.3; 0.6; 0.9; 0.95; 1.0 ]
            |> Gen.map (fun t -> ThresholdDecoder t :> IAdaptiveSizeRule)
        ]

let private setups =
    gen {
        let! case = tinyJoint.Generator
        let! decoder = decoders
        return case, DenseDistribution(case.Kind, case.Joint), decoder
    }
    |> Arb.fromGen

/// The decoder's size for scores given in reveal order.
let private size (decoder: IAdaptiveSizeRule) (ranked: float[]) = decoder.Size(ReadOnlySpan ranked)

let private label (decoder: IAdaptiveSizeRule) =
    if decoder.Name.StartsWith "entropy" then
        "entropy-bound"
    else
        "threshold"

[<Fact>]
let ``EB reveals the largest block with Σ H − max H ≤ γ, at least one; threshold every top probability ≥ τ`` () =
    // Scores in reveal order: −H for EB (entropies 0, 0.2, 0.3, 0.5), the top probability for threshold.
    let entropies = [| -0.0; -0.2; -0.3; -0.5 |]
    Assert.Equal(1, size (EntropyBoundDecoder 0.0) [| -0.1; -0.2 |])
    Assert.Equal(2, size (EntropyBoundDecoder 0.0) entropies)
    Assert.Equal(3, size (EntropyBoundDecoder 0.2) entropies)
    Assert.Equal(3, size (EntropyBoundDecoder 0.49) entropies)
    Assert.Equal(4, size (EntropyBoundDecoder 0.5) entropies)
    Assert.Equal(4, size (EntropyBoundDecoder infinity) entropies)
    let tops = [| 0.99; 0.96; 0.9; 0.2 |]
    Assert.Equal(2, size (ThresholdDecoder 0.95) tops)
    Assert.Equal(1, size (ThresholdDecoder 1.0) tops)
    Assert.Equal(1, size (ThresholdDecoder 0.999) [| 0.5; 0.4 |])
    Assert.Equal(4, size (ThresholdDecoder 0.0) tops)

[<Fact>]
let ``bad γ or τ is refused, naming the option and its range`` () =
    Assert.Contains(
        "--gamma",
        (Assert.Throws<ArgumentOutOfRangeException>(fun () -> EntropyBoundDecoder(-0.1) |> ignore)).Message
    )

    Assert.Contains(
        "--gamma",
        (Assert.Throws<ArgumentOutOfRangeException>(fun () -> EntropyBoundDecoder(nan) |> ignore)).Message
    )

    Assert.Contains(
        "[0, 1]",
        (Assert.Throws<ArgumentOutOfRangeException>(fun () -> ThresholdDecoder(1.5) |> ignore)).Message
    )

    Assert.Contains(
        "--tau",
        (Assert.Throws<ArgumentException>(fun () -> DecoderCatalog.Create("entropy-bound", tau = 0.9) |> ignore))
            .Message
    )

[<Property>]
let ``the decoder's exact law sums to 1, its NFE law too, and NFE lies in 1..L`` () =
    Prop.forAll setups (fun (case, distribution, decoder) ->
        let law = ExactSamplerLaw.Compute(OraclePredictor distribution, decoder)
        let output, nfe = law.Output, law.Nfe
        let l = case.Joint.Length

        (close (Array.sum output) 1.0
         && close (Array.sum nfe.Probabilities) 1.0
         && nfe.Probabilities[0] = 0.0
         && nfe.Mean >= 1.0 - 1e-12
         && nfe.Mean <= float l + 1e-12)
        |> classified case
        |> Prop.label $"{decoder.Name}: Σ law {Array.sum output}, E NFE {nfe.Mean}"
        |> Prop.classify true (label decoder))

[<Property>]
let ``γ = 0 and τ = 1 are exact with the oracle; with no certain position they take L steps`` () =
    Prop.forAll setups (fun (case, distribution, _) ->
        [ EntropyBoundDecoder 0.0 :> IAdaptiveSizeRule; ThresholdDecoder 1.0 ]
        |> List.forall (fun decoder ->
            let law = ExactSamplerLaw.Compute(OraclePredictor distribution, decoder)
            let output, nfe = law.Output, law.Nfe
            let kl = EmpiricalLaw.Kl(case.Joint, output)
            let everywhere = case.Joint.ToArray() |> Array.forall (fun p -> p > 0.0)

            abs kl <= 1e-12
            && (not everywhere || close nfe.Probabilities[case.Joint.Length] 1.0))
        |> classified case
        |> Prop.classify (case.Joint.ToArray() |> Array.forall (fun p -> p > 0.0)) "full support")

[<Property>]
let ``γ = ∞ and τ = 0 reveal everything at once: the law of fixed at K = 1, in one step`` () =
    Prop.forAll setups (fun (case, distribution, _) ->
        let l = case.Joint.Length

        let once =
            ExactSamplerLaw.Compute(
                OraclePredictor distribution,
                ScheduleCatalog.Create("fixed", l, 1),
                PositionRule.Random
            )

        [ EntropyBoundDecoder infinity :> IAdaptiveSizeRule; ThresholdDecoder 0.0 ]
        |> List.forall (fun decoder ->
            let law = ExactSamplerLaw.Compute(OraclePredictor distribution, decoder)
            let output, nfe = law.Output, law.Nfe
            Array.forall2 close output once && close nfe.Probabilities[1] 1.0)
        |> classified case)

[<Property(MaxTest = 15)>]
let ``sampled: frequencies agree with the exact law (TV within its 99.9% bound), and E NFE lies in its 99.9% interval``
    ()
    =
    Prop.forAll setups (fun (case, distribution, decoder) ->
        let count = 3000
        let options = SamplerOptions.Decoding(decoder, case.Joint.Length)

        let sampled =
            UnmaskingSampler(OraclePredictor distribution, options).Sample(count, RandomStreams 31UL)

        let law = ExactSamplerLaw.Compute(OraclePredictor distribution, decoder)
        let output, nfe = law.Output, law.Nfe
        let check = EmpiricalLaw.Check(sampled.Sequences, output, case.Joint.Alphabet)
        let steps = sampled.Nfe |> Array.map float
        let mean = Array.average steps
        let sd = MathNet.Numerics.Statistics.Statistics.StandardDeviation steps
        let half = 3.29 * sd / sqrt (float count) + 1e-12

        (check.Passes && abs (mean - nfe.Mean) <= half)
        |> classified case
        |> Prop.label
            $"{decoder.Name}: TV {check.TotalVariation} (bound {check.Bound}); NFE {mean} ± {half} vs {nfe.Mean}"
        |> Prop.classify true (label decoder))

[<Fact>]
let ``the MDS closed form equals the enumerated sampler on small Reed–Solomon codes, for several γ and τ`` () =
    let decoders: IAdaptiveSizeRule list =
        [
            for g in [ 0.0; 0.1; 1.0; 1.7; 3.3; 5.0; infinity ] -> EntropyBoundDecoder g
            for t in [ 0.0; 0.1; 0.25; 0.5; 0.95; 1.0 ] -> ThresholdDecoder t
        ]

    for spec in
        [
            "rs:q=5,n=4,k=1"
            "rs:q=5,n=4,k=2"
            "rs:q=5,n=4,k=3"
            "rs:q=4,n=3,k=2"
            "rs:q=5,n=5,k=2"
        ] do
        let code = DistributionSpec.Parse spec

        for decoder in decoders do
            let law = ExactSamplerLaw.Compute(OraclePredictor code, decoder)
            let output, nfe = law.Output, law.Nfe
            let joint = code.Joint
            let k = int (spec.Split('=')[3])
            let error = MdsDecoding.Compute(decoder, code.Length, k, code.Alphabet)
            let kl, closed = error.Kl, error.Nfe
            let label = $"{spec} {decoder.Name}"

            Assert.True(
                close kl (EmpiricalLaw.Kl(joint, output)),
                $"{label}: KL {kl} vs {EmpiricalLaw.Kl(joint, output)}"
            )

            Assert.True(
                Array.forall2 close closed.Probabilities nfe.Probabilities,
                $"{label}: NFE {closed.Probabilities} vs {nfe.Probabilities}"
            )

[<Fact>]
let ``on an RS code EB at small γ takes k + 1 steps and no error; everything at once costs (n − k)·ln q`` () =
    let eb = MdsDecoding.Compute(EntropyBoundDecoder 0.1, 255, 100, 256)
    let kl, nfe = eb.Kl, eb.Nfe
    Assert.Equal(0.0, kl)
    Assert.Equal(1.0, nfe.Probabilities[101])
    let at = MdsDecoding.Compute(ThresholdDecoder 0.0, 255, 100, 256)
    let all, once = at.Kl, at.Nfe
    Assert.True(close all (155.0 * log 256.0))
    Assert.Equal(1.0, once.Probabilities[1])
