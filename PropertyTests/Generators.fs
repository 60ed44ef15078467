/// Random low-dimensional joints, from sparse to dense and from independent to strongly dependent,
/// each tagged with its kind so that properties can classify their coverage.
module Dlm.PropertyTests.Generators

open System
open Dlm.Theory
open Dlm.Datasets
open FsCheck
open FsCheck.FSharp

/// A generated joint and the family it came from.
type Case =
    {
        Kind: string
        Joint: JointDistribution
    }

    override this.ToString() =
        $"{this.Kind} L={this.Joint.Length} q={this.Joint.Alphabet}"

let private sparse length alphabet (seed: int) =
    let rng = Random(seed)
    let size = pown alphabet length
    let weights = Array.zeroCreate size

    for _ in 1 .. 1 + rng.Next(min size 8) do
        weights[rng.Next size] <- rng.NextDouble() + 0.01

    JointDistribution.Normalize(length, alphabet, weights)

/// Joints with L in [2, maxLength] and q in [2, maxAlphabet], q^L ≤ maxSize.
let joints maxLength maxAlphabet maxSize =
    gen {
        let! length = Gen.choose (2, maxLength)

        let! alphabet =
            Gen.choose (2, maxAlphabet) |> Gen.where (fun q -> pown q length <= maxSize)

        let! seed = Gen.choose (0, Int32.MaxValue)
        let! alpha = Gen.elements [ 0.05; 0.1; 0.3; 1.0; 2.0 ]
        let! stay = Gen.elements [ 0.0; 0.5; 0.9; 0.99 ]
        let! weight = Gen.choose (1, 99) |> Gen.map (fun w -> float w / 100.0)

        let! kind =
            Gen.elements
                [
                    "dirichlet"
                    "dirichlet"
                    "sparse"
                    "parity"
                    "repetition"
                    "product"
                    "markov"
                    "mixture"
                ]

        let useed = uint64 seed

        let joint =
            match kind with
            | "dirichlet" -> DenseFamilies.Dirichlet(length, alphabet, alpha, useed)
            | "sparse" -> sparse length alphabet seed
            | "parity" -> DenseFamilies.Parity(length, alphabet)
            | "repetition" -> DenseFamilies.Repetition(length, alphabet)
            | "product" -> DenseFamilies.Product(length, alphabet, useed)
            | "markov" -> DenseFamilies.Markov(length, alphabet, stay)
            | _ ->
                DenseFamilies.Mixture(
                    DenseFamilies.Repetition(length, alphabet),
                    DenseFamilies.Dirichlet(length, alphabet, alpha, useed),
                    weight
                )

        return { Kind = kind; Joint = joint }
    }

/// The default panel: L 2–7, q 2–4, at most 4^6 entries.
let anyJoint = joints 7 4 4096 |> Arb.fromGen

/// Small enough for the exact mixture enumeration: q ≤ 3, at most 3^5 entries.
let tinyJoint = joints 6 3 243 |> Arb.fromGen

/// Random sizes s_1..s_K ≥ 0 summing to L (a uniformly random composition with K parts).
let sizesFor (length: int) =
    gen {
        let! steps = Gen.choose (1, length + 2)
        let! cuts = Gen.listOfLength (steps - 1) (Gen.choose (0, length))
        let points = 0 :: List.sort cuts @ [ length ]
        return points |> List.pairwise |> List.map (fun (a, b) -> b - a) |> Array.ofList
    }

/// A random reveal grid 0 = W_0 ≤ … ≤ W_K = 1 with K in [1, maxSteps].
let grid maxSteps =
    gen {
        let! steps = Gen.choose (1, maxSteps)

        let! inner =
            Gen.listOfLength (steps - 1) (Gen.choose (0, 1000) |> Gen.map (fun v -> float v / 1000.0))

        return Array.ofList (0.0 :: List.sort inner @ [ 1.0 ])
    }

/// Classifies a property by the case's kind and L, so the coverage table shows in the output.
let classified (case: Case) (property: bool) =
    property
    |> Prop.classify true case.Kind
    |> Prop.classify (case.Joint.Length >= 5) "L ≥ 5"

/// The catalogue schedules that L, K and the true profile determine (every one but the self-calibrating ones).
let exactScheduleNames =
    [
        for entry in Dlm.Sampling.Schedules.ScheduleCatalog.Entries do
            if entry.Needs <> Dlm.Sampling.Schedules.ScheduleKnowledge.Estimate then
                entry.Name
    ]
