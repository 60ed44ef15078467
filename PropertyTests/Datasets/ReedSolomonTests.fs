[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Datasets.ReedSolomonTests

open System
open Dlm.Theory
open Dlm.Datasets
open Dlm.Datasets.ReedSolomon
open Dlm.Sampling.Schedules
open Dlm.Sampling.Sampler
open Dlm.PropertyTests.Numerics
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit
open MathNet.Numerics.Distributions

let private fields =
    [ 2; 3; 4; 5; 7; 8; 16; 17; 256; 257; 65536 ]
    |> List.map (fun q -> GaloisField.Create q)

let private fieldAndElements =
    gen {
        let! field = Gen.elements fields
        let! elements = Gen.arrayOfLength 3 (Gen.choose (0, field.Order - 1))
        return field, elements
    }
    |> Arb.fromGen

[<Property>]
let ``GF(q) is a field: associative, commutative, distributive, with inverses`` () =
    Prop.forAll fieldAndElements (fun (f, e) ->
        let a, b, c = e[0], e[1], e[2]

        (f.Add(f.Add(a, b), c) = f.Add(a, f.Add(b, c))
         && f.Multiply(f.Multiply(a, b), c) = f.Multiply(a, f.Multiply(b, c))
         && f.Multiply(a, b) = f.Multiply(b, a)
         && f.Multiply(a, f.Add(b, c)) = f.Add(f.Multiply(a, b), f.Multiply(a, c))
         && f.Subtract(f.Add(a, b), b) = a
         && (a = 0 || f.Multiply(a, f.Inverse a) = 1))
        |> Prop.classify true $"GF({f.Order})")

[<Property>]
let ``the multiplicative group has order q − 1`` () =
    Prop.forAll fieldAndElements (fun (f, e) ->
        let a = max 1 e[0]

        (f.Power(a, f.Order - 1) = 1 && (f.Order - 1) % f.MultiplicativeOrder a = 0)
        |> Prop.classify true $"GF({f.Order})")

[<Fact>]
let ``fields that do not exist are refused, naming the parameter`` () =
    Assert.Equal("order", Assert.ThrowsAny<ArgumentException>(fun () -> GaloisField.Create 6 |> ignore).ParamName)
    Assert.Equal("order", Assert.ThrowsAny<ArgumentException>(fun () -> GaloisField.Create 12 |> ignore).ParamName)

    Assert.Contains(
        "not an irreducible polynomial",
        Assert.Throws<ArgumentException>(fun () -> GaloisField.Create(256, 0x101) |> ignore).Message
    )

    Assert.Equal(256, GaloisField.Create(256, 0x11B).Order)

let private codes =
    gen {
        let! q = Gen.elements [ 5; 7; 16; 17; 256 ]
        let! n = Gen.choose (1, min q 40)
        let! k = Gen.choose (1, n)
        let! seed = Gen.choose (0, Int32.MaxValue)
        return ReedSolomonCode(GaloisField.Create q, n, k), seed
    }
    |> Arb.fromGen

[<Property>]
let ``RS is MDS: any k coordinates of a codeword determine it`` () =
    Prop.forAll codes (fun (code, seed) ->
        let rng = Random seed
        let codeword = Array.zeroCreate code.Length
        code.SampleCodeword(rng, Span codeword)

        let keep =
            Array.init code.Length id
            |> Array.sortBy (fun _ -> rng.Next())
            |> Array.take code.Dimension
            |> Set.ofArray

        let partial =
            codeword
            |> Array.mapi (fun i v -> if keep.Contains i then v else code.Field.Order)

        let completed = Array.zeroCreate code.Length

        (code.TryComplete(ReadOnlySpan partial, Span completed)
         && completed = codeword
         && code.IsCodeword(ReadOnlySpan codeword))
        |> Prop.classify (code.Dimension = code.Length) "k = n")

/// A codeword of a code at random points, with j random coordinates changed: for 1 ≤ j ≤ n − k it is no codeword
/// (the distance is n − k + 1).
[<Property>]
let ``IsCodeword accepts codewords and refuses words within distance n − k of one, by both of its algorithms`` () =
    Prop.forAll codes (fun (code, seed) ->
        let rng = Random seed

        let points =
            Array.init code.Field.Order id
            |> Array.sortBy (fun _ -> rng.Next())
            |> Array.take code.Length

        let code = ReedSolomonCode(code.Field, code.Length, code.Dimension, points)
        let word = Array.zeroCreate code.Length
        code.SampleCodeword(rng, Span word)
        let changes = rng.Next(min (code.Length - code.Dimension) 3 + 1)

        for i in
            Array.init code.Length id
            |> Array.sortBy (fun _ -> rng.Next())
            |> Array.take changes do
            word[i] <- (word[i] + 1 + rng.Next(code.Field.Order - 1)) % code.Field.Order

        let parityChecks = code.Length - code.Dimension < code.Dimension

        (code.IsCodeword(ReadOnlySpan word) = (changes = 0)
         && code.TryComplete(ReadOnlySpan word, Span(Array.zeroCreate code.Length)) = (changes = 0))
        |> Prop.classify parityChecks "n − k < k: parity checks"
        |> Prop.classify (not parityChecks) "n − k ≥ k: interpolation"
        |> Prop.classify (changes = 0) "a codeword")

[<Fact>]
let ``any k coordinates of a random codeword are uniform (chi-square, fixed seed)`` () =
    let code = ReedSolomonCode(GaloisField.Create 7, 6, 2)
    let rng = RandomStreams(3UL).Stream("codewords")

    for positions in [ [| 0; 1 |]; [| 2; 5 |]; [| 4; 3 |] ] do
        let counts = Array.zeroCreate 49
        let n = 9800
        let x = Array.zeroCreate 6

        for _ in 1..n do
            code.SampleCodeword(rng, Span x)
            counts[x[positions[0]] * 7 + x[positions[1]]] <- counts[x[positions[0]] * 7 + x[positions[1]]] + 1

        let expected = float n / 49.0

        let statistic =
            counts |> Array.sumBy (fun c -> (float c - expected) ** 2.0 / expected)

        Assert.True(statistic <= ChiSquared.InvCDF(48.0, 0.999), $"chi-square {statistic} at {positions}")

let private smallCodes =
    [
        for q, n in [ 4, 4; 5, 4; 7, 4; 3, 3 ] do
            for k in 1..n -> ReedSolomonDistribution(ReedSolomonCode(GaloisField.Create q, n, k))
    ]

[<Fact>]
let ``closed-form profile, TC and DTC equal the dense computation on the codebook`` () =
    for rs in smallCodes do
        let dense = EntropyProfile.Of rs.Joint
        Assert.True(Array.forall2 close dense.Values rs.Profile.Values, rs.Spec)

        Assert.True(
            close
                (DirectCorrelation.totalCorrelation rs.Joint)
                (float (rs.Length - rs.Code.Dimension) * log (float rs.Alphabet)),
            rs.Spec
        )
        // DTC = k·ln q for k < n; at k = n the code is every word, independent coordinates, and DTC = 0.
        let dtc =
            if rs.Code.Dimension < rs.Length then
                float rs.Code.Dimension * log (float rs.Alphabet)
            else
                0.0

        Assert.True(close (DirectCorrelation.dualTotalCorrelation rs.Joint) dtc, rs.Spec)
        Assert.True(close rs.Profile.Dtc dtc, rs.Spec)

[<Fact>]
let ``closed-form expected and mixture KL equal the generic computations`` () =
    for rs in smallCodes do
        let dense = EntropyProfile.Of rs.Joint

        for steps in [ 1; 2; 3 ] do
            for name in [ "fixed"; "linear"; "adaptive-dtc"; "cosine" ] do
                if steps <= rs.Length then
                    let schedule = ScheduleCatalog.Create(name, rs.Length, steps)
                    let label = $"{rs.Spec} {name} K={steps}"

                    Assert.True(
                        close
                            (MdsCode.expectedKl rs.Length rs.Code.Dimension rs.Alphabet schedule.Kernel)
                            (schedule.Error dense).ExpectedKl,
                        label
                    )

                    Assert.True(
                        close
                            (MdsCode.mixtureKl rs.Length rs.Code.Dimension rs.Alphabet schedule.Kernel)
                            (MixtureKl.compute rs.Joint schedule.Kernel),
                        label
                    )

[<Fact>]
let ``the RS oracle equals the dense oracle, inconsistent contexts included`` () =
    let rs = ReedSolomonDistribution(ReedSolomonCode(GaloisField.Create 5, 4, 2))
    let rng = Random 1

    for _ in 1..300 do
        let partial = Array.init 4 (fun _ -> if rng.Next 2 = 0 then 5 else rng.Next 5)
        let fromCode = Array.zeroCreate 20
        rs.Conditionals(ReadOnlySpan partial, Span fromCode)
        let fromTable = rs.Joint.Conditionals partial |> Array.concat
        Assert.True(Array.forall2 close fromCode fromTable, String.Join(",", partial))

[<Fact>]
let ``known answers: fixed at L = 255, K = 16, k = 100 costs 12 ln 256; a split at k costs 0`` () =
    let profile = MdsCode.profile 255 100 256
    Assert.True(close (ScheduleCatalog.Create("fixed", 255, 16).Error profile).ExpectedKl (12.0 * log 256.0))

    Assert.True(
        close (MdsCode.expectedKl 255 100 256 (ScheduleCatalog.Create("fixed", 255, 16).Kernel)) (12.0 * log 256.0)
    )

    Assert.Equal(0.0, (DeterministicSchedule("split", [| 100; 155 |]).Error profile).ExpectedKl, 12)
    Assert.Equal(0.0, MdsCode.mixtureKl 255 100 256 (RevealKernel.deterministic [| 100; 155 |]), 12)

[<Fact>]
let ``the mixture KL stays finite where P(codeword) underflows: (n − k)·ln q for one step, and Identity A's split`` () =
    // P(codeword) = 256^−251 = 2^−2008 for one step at k = 4: below every double.
    let once = MdsCode.mixtureKl 255 4 256 (RevealKernel.deterministic [| 255 |])
    Assert.True(close once (251.0 * log 256.0), $"{once}")
    // Two deterministic steps at k = 4: one block of 200 then 55 costs (200 − 4)·ln q, as Identity A says.
    let profile = MdsCode.profile 255 4 256
    let split = DeterministicSchedule("split", [| 200; 55 |])
    let mixture = MdsCode.mixtureKl 255 4 256 split.Kernel
    Assert.True(close mixture (split.Error profile).ExpectedKl, $"{mixture}")

[<Fact>]
let ``the oracle's free-running validity rate matches the exact mixture KL (99.9% interval)`` () =
    let rs = DistributionSpec.Parse "rs:q=16,n=15,k=5"

    for name in [ "linear"; "fixed"; "adaptive-tc" ] do
        let schedule = ScheduleCatalog.Create(name, 15, 4)

        let sampled =
            UnmaskingSampler(OraclePredictor rs, SamplerOptions(schedule)).Sample(4000, RandomStreams 17UL)

        let code = (rs :?> ReedSolomonDistribution).Code

        let valid =
            sampled.Sequences
            |> Array.filter (fun x -> code.IsCodeword(ReadOnlySpan x))
            |> Array.length

        let exact = Math.Exp(-(rs.MixtureKl schedule.Kernel).Value)
        let rate = float valid / 4000.0
        let half = Normal.InvCDF(0.0, 1.0, 0.9995) * sqrt (exact * (1.0 - exact) / 4000.0)
        Assert.True(abs (rate - exact) <= half, $"{name}: rate {rate} vs exact {exact} ± {half}")
