[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 150)>]
module Dlm.PropertyTests.Theory.EntropyProfileTests

open System
open Dlm.Theory
open Dlm.Datasets
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit
open MathNet.Numerics

[<Property>]
let ``Δ is non-increasing and Han's inequalities hold`` () =
    Prop.forAll anyJoint (fun case ->
        let p = EntropyProfile.Of case.Joint
        let l = float (p.Length - 1)
        let deltas = p.Deltas
        let monotone = deltas |> Array.pairwise |> Array.forall (fun (a, b) -> atMost b a)

        (monotone && atMost (p.Tc / l) p.Dtc && atMost p.Dtc (l * p.Tc))
        |> classified case)

[<Property>]
let ``TC and DTC from the profile equal the pointwise computation on the joint`` () =
    Prop.forAll anyJoint (fun case ->
        let p = EntropyProfile.Of case.Joint

        (closeLabelled "TC" p.Tc (DirectCorrelation.totalCorrelation case.Joint)
         .&. closeLabelled "DTC" p.Dtc (DirectCorrelation.dualTotalCorrelation case.Joint)
         .&. closeLabelled "H" p.Entropy case.Joint.Entropy)
        |> Prop.classify true case.Kind)

[<Property>]
let ``f(1) is the mean single-site entropy and f(L−1) the mean leave-one-out entropy`` () =
    Prop.forAll anyJoint (fun case ->
        let joint = case.Joint
        let l = joint.Length
        let p = EntropyProfile.Of joint

        let single =
            Array.init l (fun i -> Information.entropy (joint.Marginal [| i |]))
            |> Array.average

        let leaveOut =
            Array.init l (fun i ->
                Information.entropy (
                    joint.Marginal
                        [|
                            for j in 0 .. l - 1 do
                                if j <> i then
                                    j
                        |]
                ))
            |> Array.average

        (close p[1] single && close p[l - 1] leaveOut) |> classified case)

[<Fact>]
let ``the parallel lattice walk equals a per-subset computation on a 3^8 table`` () =
    let joint = DenseFamilies.Dirichlet(8, 3, 0.3, 7UL)
    let profile = EntropyProfile.Of joint
    let sums = Array.zeroCreate 9

    for mask in 0..255 do
        let subset =
            [|
                for i in 0..7 do
                    if (mask >>> i) &&& 1 = 1 then
                        i
            |]

        sums[subset.Length] <- sums[subset.Length] + Information.entropy (joint.Marginal subset)

    for m in 0..8 do
        Assert.True(close profile[m] (sums[m] / SpecialFunctions.Binomial(8, m)), $"f({m})")

[<Fact>]
let ``n copies of a fair bit: TC = (n−1) ln 2, DTC = ln 2`` () =
    for n in 2..7 do
        let p = EntropyProfile.Of(DenseFamilies.Repetition(n, 2))
        Assert.True(close p.Tc (float (n - 1) * Math.Log 2.0))
        Assert.True(close p.Dtc (Math.Log 2.0))

[<Fact>]
let ``XOR of three bits: TC = ln 2, DTC = 2 ln 2`` () =
    let p = EntropyProfile.Of(DenseFamilies.Parity(3, 2))
    Assert.True(close p.Tc (Math.Log 2.0))
    Assert.True(close p.Dtc (2.0 * Math.Log 2.0))

[<Fact>]
let ``a product distribution has TC = DTC = 0`` () =
    let p = EntropyProfile.Of(DenseFamilies.Product(6, 3, 11UL))
    Assert.True(abs p.Tc < 1e-12 && abs p.Dtc < 1e-12)

[<Property>]
let ``g runs from 0 to H with g'(0) = Σ H(X_i), g'(1) = Σ H(X_i | X_−i), matching finite differences`` () =
    Prop.forAll anyJoint (fun case ->
        let joint = case.Joint
        let p = EntropyProfile.Of joint
        let l = joint.Length

        let sumSingle =
            Array.init l (fun i -> Information.entropy (joint.Marginal [| i |]))
            |> Array.sum

        let sumConditional =
            float l * p.Entropy
            - (Array.init l (fun i ->
                Information.entropy (
                    joint.Marginal
                        [|
                            for j in 0 .. l - 1 do
                                if j <> i then
                                    j
                        |]
                ))
               |> Array.sum)

        let h = 1e-5

        let numeric =
            (BernoulliProfile.value p (0.3 + h) - BernoulliProfile.value p (0.3 - h))
            / (2.0 * h)

        let slopes = [| 0.0..0.1..1.0 |] |> Array.map (BernoulliProfile.derivative p)

        (abs (BernoulliProfile.value p 0.0) < 1e-12
         && close (BernoulliProfile.value p 1.0) p.Entropy
         && close (BernoulliProfile.derivative p 0.0) sumSingle
         && close (BernoulliProfile.derivative p 1.0) sumConditional
         && abs (numeric - BernoulliProfile.derivative p 0.3)
            <= 1e-6 * max 1.0 (abs numeric)
         && slopes |> Array.pairwise |> Array.forall (fun (a, b) -> atMost b a))
        |> classified case)
