[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 50)>]
module Dlm.PropertyTests.Datasets.DenseFamiliesTests

open System
open System.IO
open Dlm.Theory
open Dlm.Datasets
open Dlm.PropertyTests.Numerics
open Dlm.PropertyTests.Generators
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit
open MathNet.Numerics.Distributions

[<Fact>]
let ``Markov chain entropy has its closed form`` () =
    for stay in [ 0.0; 0.3; 0.9 ] do
        let l, q = 5, 3
        let move = (1.0 - stay) / float (q - 1)
        let step = -(Information.xlogx stay) - float (q - 1) * Information.xlogx move
        let joint = DenseFamilies.Markov(l, q, stay)
        Assert.True(close joint.Entropy (Math.Log(float q) + float (l - 1) * step))

[<Fact>]
let ``parity puts mass 1/q^(L−1) on every word whose sum is 0 mod q`` () =
    let joint = DenseFamilies.Parity(4, 3)

    for index in 0 .. joint.Size - 1 do
        let expected =
            if Array.sum (joint.Decode index) % 3 = 0 then
                1.0 / 27.0
            else
                0.0

        Assert.True(close joint[index] expected)

[<Fact>]
let ``the same seed gives the same Dirichlet joint; another seed another`` () =
    let a = DenseFamilies.Dirichlet(4, 3, 0.5, 9UL)
    Assert.Equal<float[]>(a.ToArray(), DenseFamilies.Dirichlet(4, 3, 0.5, 9UL).ToArray())
    Assert.NotEqual<float[]>(a.ToArray(), DenseFamilies.Dirichlet(4, 3, 0.5, 10UL).ToArray())

/// 50 cases at level 1e-4 each keep the family-wise false-alarm rate below 0.5%.
[<Property>]
let ``samples from a dense joint follow its table (chi-square at 1e-4 per case, fixed seed)`` () =
    Prop.forAll tinyJoint (fun case ->
        let distribution = DenseDistribution("test", case.Joint)
        let rng = RandomStreams(5UL).Stream("samples")
        let n = 20000
        let counts = Array.zeroCreate case.Joint.Size
        let x = Array.zeroCreate case.Joint.Length

        for _ in 1..n do
            distribution.Sample(rng, Span x)
            counts[case.Joint.Index x] <- counts[case.Joint.Index x] + 1
        // Cells expected fewer than 5 times are pooled into one, as the chi-square approximation needs.
        let expected = Array.init case.Joint.Size (fun i -> float n * case.Joint[i])

        let large =
            [|
                for i in 0 .. case.Joint.Size - 1 do
                    if expected[i] >= 5.0 then
                        i
            |]

        let pooledExpected = float n - (large |> Array.sumBy (fun i -> expected[i]))
        let pooledCount = n - (large |> Array.sumBy (fun i -> counts[i]))

        let outside =
            [| 0 .. case.Joint.Size - 1 |]
            |> Array.sumBy (fun i -> if case.Joint[i] = 0.0 then counts[i] else 0)

        let cells =
            [ for i in large -> float counts[i], expected[i] ]
            @ (if pooledExpected >= 5.0 then
                   [ float pooledCount, pooledExpected ]
               else
                   [])

        let statistic = cells |> List.sumBy (fun (o, e) -> (o - e) ** 2.0 / e)

        let critical =
            if cells.Length > 1 then
                ChiSquared.InvCDF(float (cells.Length - 1), 0.9999)
            else
                0.0

        (outside = 0 && statistic <= critical + 1e-9)
        |> Prop.label $"outside={outside} chi2={statistic} critical={critical} cells={cells.Length}"
        |> Prop.classify true case.Kind)

[<Fact>]
let ``a table file round-trips, and malformed files fail naming the file`` () =
    let dir = Directory.CreateTempSubdirectory()
    let path = Path.Combine(dir.FullName, "t.json")
    let joint = DenseFamilies.Markov(3, 2, 0.7)
    TableFile.Save(path, joint)
    Assert.Equal<float[]>(joint.ToArray(), (DistributionSpec.Parse $"table:{path}").Joint.ToArray())
    File.WriteAllText(path, """{"L":2,"q":2,"p":[0.5,0.5]}""")
    Assert.Contains("q^L = 2^2 = 4", Assert.Throws<ArgumentException>(fun () -> TableFile.Load path |> ignore).Message)
    File.WriteAllText(path, """{"L":2,"p":[0.5]""")
    Assert.Contains("malformed", Assert.Throws<ArgumentException>(fun () -> TableFile.Load path |> ignore).Message)
    File.WriteAllText(path, """{"L":2,"p":[0.25,0.25,0.25,0.25]}""")

    Assert.Contains(
        "\"q\" is missing",
        Assert.Throws<ArgumentException>(fun () -> TableFile.Load path |> ignore).Message
    )

[<Fact>]
let ``specs build the families and bad specs name the problem`` () =
    Assert.Equal(5, (DistributionSpec.Parse "markov:L=5,q=3,stay=0.9").Length)
    Assert.Equal(3, (DistributionSpec.Parse "dirichlet:L=4,q=3,alpha=0.5,seed=2").Alphabet)

    let message (spec: string) =
        Assert.Throws<ArgumentException>(fun () -> DistributionSpec.Parse spec |> ignore).Message

    Assert.Contains("unknown distribution family 'nope'", message "nope:L=2")
    Assert.Contains("needs stay=", message "markov:L=5,q=3")
    Assert.Contains("stay must be a number in [0, 1]", message "markov:L=5,q=3,stay=2")
    Assert.Contains("does not take alpha", message "parity:L=3,q=2,alpha=1")
    Assert.Contains("q = 2, L = 40", message "repetition:L=40,q=2")

[<Fact>]
let ``the closed-form Markov chain equals its dense table: profile and oracle`` () =
    for l, q, stay in [ 5, 3, 0.8; 6, 2, 0.95; 4, 4, 0.0; 7, 2, 1.0 ] do
        let chain = MarkovChain(l, q, stay)
        let dense = EntropyProfile.Of(DenseFamilies.Markov(l, q, stay))
        Assert.True(Array.forall2 close chain.Profile.Values dense.Values, chain.Spec)
        let rng = Random 3

        for _ in 1..200 do
            let partial = Array.init l (fun _ -> if rng.Next 2 = 0 then q else rng.Next q)
            let fromChain = Array.zeroCreate (l * q)
            chain.Conditionals(ReadOnlySpan partial, Span fromChain)

            Assert.True(
                Array.forall2 close fromChain (chain.Joint.Conditionals partial |> Array.concat),
                $"{chain.Spec} {String.Join(',', partial)}"
            )

[<Fact>]
let ``markov specs beyond dense tables use the closed form`` () =
    let chain = DistributionSpec.Parse "markov:L=16,q=4,stay=0.8"
    Assert.Null(chain.Joint)
    let l, q, s = 16, 4, 0.8
    let step = -(Information.xlogx s) - 3.0 * Information.xlogx ((1.0 - s) / 3.0)
    Assert.True(close chain.Profile.Entropy (log 4.0 + 15.0 * step))

[<Fact>]
let ``the Markov chain's samples follow its table (chi-square, fixed seed)`` () =
    let chain = MarkovChain(4, 3, 0.8)
    let rng = RandomStreams(4UL).Stream("chain")
    let n = 30000
    let counts = Array.zeroCreate 81
    let x = Array.zeroCreate 4

    for _ in 1..n do
        chain.Sample(rng, Span x)
        counts[chain.Joint.Index x] <- counts[chain.Joint.Index x] + 1

    let statistic =
        Array.init 81 (fun i -> let e = float n * chain.Joint[i] in (float counts[i] - e) ** 2.0 / e)
        |> Array.sum

    Assert.True(statistic <= ChiSquared.InvCDF(80.0, 0.999), $"chi-square {statistic}")
