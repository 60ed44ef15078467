[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Theory.JointDistributionTests

open System
open Dlm.Theory
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

[<Fact>]
let ``invalid tables are rejected with the parameter named`` () =
    let negative =
        Assert.Throws<ArgumentException>(fun () -> JointDistribution.Create(1, 2, [| 1.5; -0.5 |]) |> ignore)

    Assert.Contains("finite and ≥ 0", negative.Message)

    let unnormalised =
        Assert.Throws<ArgumentException>(fun () -> JointDistribution.Create(1, 2, [| 0.5; 0.6 |]) |> ignore)

    Assert.Contains("sum to 1 within 1e-9", unnormalised.Message)

    let wrongSize =
        Assert.Throws<ArgumentException>(fun () -> JointDistribution.Create(2, 2, [| 0.5; 0.5 |]) |> ignore)

    Assert.Contains("q^L = 2^2 = 4", wrongSize.Message)

    Assert.Throws<ArgumentException>(fun () -> JointDistribution.Create(1, 2, [| nan; 1.0 |]) |> ignore)
    |> ignore

    Assert.Throws<ArgumentException>(fun () -> JointDistribution.Normalize(1, 2, [| 0.0; 0.0 |]) |> ignore)
    |> ignore

[<Fact>]
let ``a table too large fails before allocating, naming q and L`` () =
    let error =
        Assert.Throws<ArgumentException>(fun () -> JointDistribution.TableSize(40, 2) |> ignore)

    Assert.Contains("q = 2, L = 40", error.Message)
    Assert.Equal("length", error.ParamName)

[<Fact>]
let ``normalising rescales weights`` () =
    let joint = JointDistribution.Normalize(1, 2, [| 1.0; 3.0 |])
    Assert.Equal(0.25, joint[0])

[<Property>]
let ``marginals sum the joint over the other positions`` () =
    Prop.forAll anyJoint (fun case ->
        let joint = case.Joint
        let subset = [| 0; joint.Length - 1 |]
        let marginal = joint.Marginal subset
        let brute = Array.zeroCreate (pown joint.Alphabet 2)

        for index in 0 .. joint.Size - 1 do
            let x = joint.Decode index

            brute[x[0] * joint.Alphabet + x[joint.Length - 1]] <-
                brute[x[0] * joint.Alphabet + x[joint.Length - 1]] + joint[index]

        Array.forall2 close marginal brute |> classified case)

[<Property>]
let ``conditionals are Bayes' rule on the table, and revealed positions are point masses`` () =
    Prop.forAll anyJoint (fun case ->
        let joint = case.Joint
        let q = joint.Alphabet
        let x = joint.Decode(Array.IndexOf(joint.ToArray(), Array.max (joint.ToArray())))
        let partial = x |> Array.mapi (fun i v -> if i % 2 = 0 then v else q)
        let law = joint.Conditionals partial

        let context =
            joint.Marginal
                [|
                    for i in 0 .. joint.Length - 1 do
                        if i % 2 = 0 then
                            i
                |]

        let contextIndex =
            partial
            |> Array.indexed
            |> Array.filter (fun (i, _) -> i % 2 = 0)
            |> Array.fold (fun acc (_, v) -> acc * q + v) 0

        let pair i a =
            joint.Marginal
                [|
                    for j in 0 .. joint.Length - 1 do
                        if j % 2 = 0 || j = i then
                            j
                |]
            |> fun m ->
                let mutable index = 0

                for j in 0 .. joint.Length - 1 do
                    if j % 2 = 0 then
                        index <- index * q + partial[j]
                    elif j = i then
                        index <- index * q + a

                m[index]

        [
            for i in 0 .. joint.Length - 1 do
                for a in 0 .. q - 1 do
                    if i % 2 = 0 then
                        yield (law[i][a]) = (if a = partial[i] then 1.0 else 0.0)
                    else
                        yield close (law[i][a]) (pair i a / context[contextIndex])
        ]
        |> List.forall id
        |> classified case)
