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
            Gen.elements [ 0.0; 0.1; 0.5; 1.0; 3.0; infinity ]
            |> Gen.map (fun g -> EntropySumDecoder g :> IAdaptiveSizeRule)
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

let private label (decoder: IAdaptiveSizeRule) = decoder.Name.Split('(')[0]

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
let ``entropy-sum reveals the largest block with Σ H ≤ γ, at least one`` () =
    let entropies = [| -0.0; -0.2; -0.3; -0.5 |]
    Assert.Equal(1, size (EntropySumDecoder 0.0) entropies)
    Assert.Equal(2, size (EntropySumDecoder 0.0) [| -0.0; -0.0; -0.3 |])
    Assert.Equal(1, size (EntropySumDecoder 0.0) [| -0.1; -0.2 |])
    Assert.Equal(2, size (EntropySumDecoder 0.2) entropies)
    Assert.Equal(2, size (EntropySumDecoder 0.49) entropies)
    Assert.Equal(3, size (EntropySumDecoder 0.5) entropies)
    Assert.Equal(4, size (EntropySumDecoder 1.0) entropies)
    Assert.Equal(4, size (EntropySumDecoder infinity) entropies)

[<Property>]
let ``entropy-sum never reveals more than EB at the same γ, and EB never more than entropy-sum at γ + max H`` () =
    let ranked =
        Gen.choose (1, 12)
        |> Gen.bind (fun r -> Gen.arrayOfLength r (Gen.elements [ 0.0; 0.01; 0.1; 0.3; 0.7; 1.1; 2.0 ]))
        |> Gen.map (fun hs -> hs |> Array.sort |> Array.map (fun h -> -h))

    let gammas = Gen.elements [ 0.0; 0.05; 0.2; 0.5; 1.0; 4.0 ]

    Prop.forAll (Gen.zip ranked gammas |> Arb.fromGen) (fun (scores, gamma) ->
        let sum = size (EntropySumDecoder gamma) scores
        let bound = size (EntropyBoundDecoder gamma) scores
        let largest = -(Array.min scores)

        (sum <= bound && bound <= size (EntropySumDecoder(gamma + largest)) scores)
        |> Prop.classify (sum = bound) "equal"
        |> Prop.classify (sum < bound) "entropy-sum smaller"
        |> Prop.label $"γ {gamma}: entropy-sum {sum}, EB {bound}")

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
let ``γ = 0 (either entropy rule) and τ = 1 are exact with the oracle; with no certain position they take L steps`` () =
    Prop.forAll setups (fun (case, distribution, _) ->
        [
            EntropyBoundDecoder 0.0 :> IAdaptiveSizeRule
            EntropySumDecoder 0.0
            ThresholdDecoder 1.0
        ]
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
let ``γ = ∞ (either entropy rule) and τ = 0 reveal everything at once: the law of fixed at K = 1, in one step`` () =
    Prop.forAll setups (fun (case, distribution, _) ->
        let l = case.Joint.Length

        let once =
            ExactSamplerLaw.Compute(
                OraclePredictor distribution,
                ScheduleCatalog.Create("fixed", l, 1),
                PositionRule.Random
            )

        [
            EntropyBoundDecoder infinity :> IAdaptiveSizeRule
            EntropySumDecoder infinity
            ThresholdDecoder 0.0
        ]
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
            for g in [ 0.0; 1.6; 3.3; 5.0; 9.0; infinity ] -> EntropySumDecoder g
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

/// Every sequence of [q]^L, in the joint's index order (first position most significant).
let private everySequence (l: int) (q: int) =
    Array.init (pown q l) (fun index -> Array.init l (fun i -> index / pown q (l - 1 - i) % q))

/// exp(−NLL(x)) against q(x), and Σ_x q(x)·NFE(x) against E[NFE], for one predictor and decoder.
let private teacherForcedMatches (predictor: IMaskPredictor) (decoder: IAdaptiveSizeRule) =
    let sequences = everySequence predictor.Length predictor.Alphabet
    let law = ExactSamplerLaw.Compute(predictor, decoder)

    let forced =
        TeacherForcedNll.PerSequence(predictor, sequences, decoder, batchSize = 7)

    let whole = TeacherForcedNll.PerSequence(predictor, sequences, decoder)
    let probabilities = forced.Nll |> Array.map (fun v -> exp -v)

    let meanNfe =
        Array.fold2 (fun acc p n -> acc + p * float n) 0.0 law.Output forced.Nfe

    Array.forall2 (fun a b -> abs (a - b) <= 1e-12 + 1e-9 * b) probabilities law.Output
    && close meanNfe law.Nfe.Mean
    && forced.Nll = whole.Nll
    && forced.Nfe = whole.Nfe

[<Property>]
let ``teacher-forced along x, a decoder's path is the one that outputs x: exp(−NLL(x)) = q(x), and E NFE matches`` () =
    Prop.forAll setups (fun (case, distribution, decoder) ->
        teacherForcedMatches (OraclePredictor distribution) decoder
        |> classified case
        |> Prop.classify true (label decoder))

[<Fact>]
let ``the teacher-forced identity holds for a model that is wrong about the data`` () =
    // The "model" is the oracle of another distribution: it does not know the data, and the identity needs no data.
    let model =
        OraclePredictor(DistributionSpec.Parse "dirichlet:L=5,q=3,alpha=1,seed=2")

    for decoder in
        [
            EntropyBoundDecoder 0.3 :> IAdaptiveSizeRule
            EntropySumDecoder 1.0
            ThresholdDecoder 0.6
        ] do
        Assert.True(teacherForcedMatches model decoder, decoder.Name)

[<Property(MaxTest = 10)>]
let ``annealed: the sampler draws step k at T_k, as the exact annealed law says; T → T is the constant law`` () =
    Prop.forAll setups (fun (case, distribution, decoder) ->
        let l = case.Joint.Length
        let oracle = OraclePredictor distribution
        let annealed = ExactSamplerLaw.Compute(oracle, decoder, 0.8, 0.4)
        let constant = ExactSamplerLaw.Compute(oracle, decoder, 0.6)
        let flat = ExactSamplerLaw.Compute(oracle, decoder, 0.6, 0.6)

        let sampled =
            UnmaskingSampler(oracle, SamplerOptions.Decoding(decoder, l, 0.8, finalTemperature = 0.4))
                .Sample(3000, RandomStreams 37UL)

        let check =
            EmpiricalLaw.Check(sampled.Sequences, annealed.Output, case.Joint.Alphabet)

        (check.Passes && Array.forall2 close constant.Output flat.Output)
        |> classified case
        |> Prop.label $"{decoder.Name}: TV {check.TotalVariation} (bound {check.Bound})"
        |> Prop.classify true (label decoder))

[<Fact>]
let ``the annealed temperature runs linearly from the first to the last step`` () =
    Assert.Equal(0.8, TokenDraw.Annealed(0.8, Nullable 0.4, 1, 5), 15)
    Assert.Equal(0.6, TokenDraw.Annealed(0.8, Nullable 0.4, 3, 5), 15)
    Assert.Equal(0.4, TokenDraw.Annealed(0.8, Nullable 0.4, 5, 5), 15)
    Assert.Equal(0.8, TokenDraw.Annealed(0.8, Nullable 0.4, 1, 1), 15)
    Assert.Equal(0.7, TokenDraw.Annealed(0.7, Nullable(), 4, 5), 15)
