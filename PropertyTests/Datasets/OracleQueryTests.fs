[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Datasets.OracleQueryTests

open System
open Dlm.Datasets
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

let private families =
    [
        "dirichlet:L=6,q=3,alpha=0.3,seed=4"
        "mix-low-tc:L=5,q=3,w=0.5,seed=2"
        "markov:L=16,q=4,stay=0.8"
        "markov:L=9,q=3,stay=1"
        "rs:q=7,n=6,k=3"
        "rs:q=17,n=16,k=5"
        "rs:q=256,n=255,k=100"
    ]

/// A random state of a family: a true sample, or uniform symbols (often a context of probability zero), with a
/// random subset revealed, and a random list of positions to ask (revealed ones included).
let private states =
    gen {
        let! spec = Gen.elements families
        let! seed = Gen.choose (0, Int32.MaxValue)
        let! truthful = Gen.elements [ true; false ]
        let! share = Gen.choose (0, 10) |> Gen.map (fun v -> float v / 10.0)
        return spec, seed, truthful, share
    }
    |> Arb.fromGen

/// The family's partial word of a state, and the generator to go on drawing from.
let private partialWord spec seed truthful share =
    let distribution = DistributionSpec.Parse spec
    let (l, q) = (distribution.Length, distribution.Alphabet)
    let rng = Random(seed)
    let x = Array.zeroCreate l

    if truthful then
        distribution.Sample(rng, Span x)
    else
        for i in 0 .. l - 1 do
            x[i] <- rng.Next q

    distribution, x |> Array.map (fun v -> if rng.NextDouble() < share then v else q), rng

[<Property>]
let ``sparse and dense queries give identical probabilities for every oracle`` () =
    Prop.forAll states (fun (spec, seed, truthful, share) ->
        let distribution, partial, rng = partialWord spec seed truthful share
        let (l, q) = (distribution.Length, distribution.Alphabet)
        let asked = Array.init (1 + rng.Next l) (fun _ -> rng.Next l)
        let dense = Array.zeroCreate (l * q)
        distribution.Conditionals(ReadOnlySpan partial, Span dense)
        let sparse = Array.zeroCreate (asked.Length * q)
        distribution.ConditionalsAt(ReadOnlySpan partial, ReadOnlySpan asked, Span sparse)

        asked
        |> Array.mapi (fun r i -> sparse[r * q .. r * q + q - 1] = dense[i * q .. i * q + q - 1])
        |> Array.forall id
        |> Prop.classify true spec
        |> Prop.classify truthful "a true sample"
        |> Prop.classify (not truthful) "uniform symbols")

[<Property>]
let ``every oracle's draws are the inversions of its rows, at random uniforms and at the rows' running sums`` () =
    Prop.forAll states (fun (spec, seed, truthful, share) ->
        let distribution, partial, rng = partialWord spec seed truthful share
        let (l, q) = (distribution.Length, distribution.Alphabet)
        // A few positions, each asked with a random uniform, and with four of its row's running sums ± one double.
        let asked, uniforms =
            [|
                for i in Array.init (1 + rng.Next(min l 8)) (fun _ -> rng.Next l) do
                    let row = Array.zeroCreate q
                    distribution.ConditionalsAt(ReadOnlySpan partial, ReadOnlySpan [| i |], Span row)
                    yield i, rng.NextDouble()
                    let sums = CategoricalInversion.Cumulative(ReadOnlySpan row)

                    for a in Array.init 4 (fun _ -> rng.Next q) do
                        for u in [ Math.BitDecrement sums[a]; sums[a]; Math.BitIncrement sums[a] ] do
                            if u >= 0.0 && u < 1.0 then
                                yield i, u
            |]
            |> Array.unzip

        let rows = Array.zeroCreate (asked.Length * q)
        distribution.ConditionalsAt(ReadOnlySpan partial, ReadOnlySpan asked, Span rows)
        let drawn = Array.zeroCreate asked.Length
        distribution.DrawAt(ReadOnlySpan partial, ReadOnlySpan asked, ReadOnlySpan uniforms, Span drawn)

        drawn
        |> Array.mapi (fun r symbol -> symbol = CategoricalInversion.Draw(ReadOnlySpan(rows, r * q, q), uniforms[r]))
        |> Array.forall id
        |> Prop.classify true spec
        |> Prop.classify (Array.exists (fun p -> p > 0.0 && p < 1.0) rows) "a law with several symbols"
        |> Prop.classify (Array.exists ((=) 1.0) rows) "a point mass")

/// Two codewords that agree on positions 0, 1 and 2 (c₂ = c₁ + d, with d a codeword that vanishes there), revealed in
/// the same random order and queried in turn on one oracle: the memo's quick filter (the first two revealed
/// symbols) passes both words' completions, and only the full check tells them apart.
let private interleaved =
    gen {
        let! spec =
            Gen.elements [ "rs:q=7,n=6,k=4"; "rs:q=17,n=16,k=5"; "rs:q=256,n=255,k=100" ]

        let! seed = Gen.choose (0, Int32.MaxValue)
        return spec, seed
    }
    |> Arb.fromGen

[<Property(MaxTest = 30)>]
let ``revealed step by step, two codewords with the same first symbols get the dense oracle's answers`` () =
    Prop.forAll interleaved (fun (spec, seed) ->
        let distribution =
            DistributionSpec.Parse spec :?> Dlm.Datasets.ReedSolomon.ReedSolomonDistribution

        let code = distribution.Code
        let (l, q) = (distribution.Length, distribution.Alphabet)
        let rng = Random(seed)
        let first = Array.zeroCreate l
        distribution.Sample(rng, Span first)
        // d: zero at 0, 1, 2 and random at k − 3 more positions, completed to a codeword.
        let seedPartial = Array.create l q

        for i in 0..2 do
            seedPartial[i] <- 0

        for i in 3 .. code.Dimension - 1 do
            seedPartial[i] <- rng.Next q

        let d = Array.zeroCreate l
        Assert.True(code.TryComplete(ReadOnlySpan seedPartial, Span d))
        let second = Array.map2 (fun a b -> code.Field.Add(a, b)) first d

        let order =
            Array.append [| 0; 1; 2 |] (Array.init (l - 3) (fun i -> i + 3) |> Array.sortBy (fun _ -> rng.Next()))

        let asked = Array.init l id

        let agrees (word: int[]) revealed =
            let partial =
                Array.init l (fun i ->
                    if Array.contains i (Array.truncate revealed order) then
                        word[i]
                    else
                        q)

            let dense = Array.zeroCreate (l * q)
            distribution.Conditionals(ReadOnlySpan partial, Span dense)
            let sparse = Array.zeroCreate (l * q)
            distribution.ConditionalsAt(ReadOnlySpan partial, ReadOnlySpan asked, Span sparse)
            sparse = dense

        // A third word fits no codeword once its (k+1)-th symbol, changed, is revealed: the memo remembers that.
        let broken = Array.copy first
        broken[order[code.Dimension]] <- (first[order[code.Dimension]] + 1) % q

        // Each word is queried twice: the first query meets the other word's completion too, the second finds its own.
        [
            for revealed in 0 .. l - 1 do
                for word in [ first; first; second; second; broken; broken ] -> agrees word revealed
        ]
        |> List.forall id
        |> Prop.classify true spec
        |> Prop.classify (first <> second) "two distinct codewords")
