/// The interpolated Kneser–Ney model: counts by hand, the laws of every context, and the two ways of reading a
/// context (`Probability`, `Law`, `LogJoint`) against each other.
module Dlm.PropertyTests.Experiments.KneserNeyTests

open System
open Dlm.Experiments.Studies
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

/// Corpora of lines of 7 symbols over q = 4, the last the end symbol 3.
let private corpora =
    Gen.choose (0, 3)
    |> Gen.arrayOfLength 6
    |> Gen.map (fun x -> Array.append x [| 3 |])
    |> Gen.arrayOf
    |> Gen.where (fun c -> c.Length > 0)

[<Fact>]
let ``Kneser–Ney matches counts by hand: the discount, the interpolation weights and the continuation counts`` () =
    // q = 3: a = 0, b = 1, the end symbol 2. Training lines "ab" and "b"; D = 0.75.
    let train = [| [| 0; 1; 2 |]; [| 1; 2; 2 |] |]
    // Bigrams with the start symbol s: (s,a) (a,b) (b,end) (s,b) (b,end). The unigram level counts distinct left
    // neighbours: a {s} 1, b {s, a} 2, end {b} 1, of 4 distinct bigrams; 3 types share D·3/4 over the q = 3 symbols.
    let unigram = [| 0.25 / 4.0 + 0.1875; 1.25 / 4.0 + 0.1875; 0.25 / 4.0 + 0.1875 |]
    Assert.Equal(1.0, Array.sum unigram, 15)
    let bigram = KneserNey(train, 2, 3, 2)
    // P(a | s) = (1 − D)/2 + D·2/2·P(a); P(b | a) = (1 − D)/1 + D·1/1·P(b); P(end | b) = (2 − D)/2 + D·1/2·P(end).
    let pa = 0.25 / 2.0 + 0.75 * unigram[0]
    let pb = 0.25 + 0.75 * unigram[1]
    let pend = 1.25 / 2.0 + 0.375 * unigram[2]
    Assert.Equal(pa, bigram.Probability([||], 0), 15)
    Assert.Equal(pb, bigram.Probability([| 0 |], 1), 15)
    Assert.Equal(-log pa - log pb - log pend, bigram.Nll [| 0; 1; 2 |], 12)
    // An unseen bigram (b, a) keeps only the back-off mass: D·1/2·P(a).
    Assert.Equal(0.375 * unigram[0], bigram.Probability([| 1 |], 0), 15)
    // Order 3: the middle level counts distinct left neighbours of bigrams: (s,a) 1, (s,b) 1, (a,b) 1, (b,end) 2.
    let trigram = KneserNey(train, 3, 3, 2)
    let middleA = 0.25 / 2.0 + 0.75 * unigram[0]
    Assert.Equal(0.25 / 2.0 + 0.75 * middleA, trigram.Probability([||], 0), 15)
    let middleEnd = 1.25 / 2.0 + 0.375 * unigram[2]
    Assert.Equal(0.25 + 0.75 * middleEnd, trigram.Probability([| 0; 1 |], 2), 15)
    // A context never seen at order 3 falls through to order 2.
    Assert.Equal(0.375 * unigram[0], trigram.Probability([| 1; 1 |], 0), 15)

[<Property(Replay = "20261201,1000011", MaxTest = 40)>]
let ``Kneser–Ney: every context's law sums to 1, for every order, on random corpora`` () =
    let setups = Gen.zip corpora (Gen.choose (1, 5)) |> Arb.fromGen

    Prop.forAll setups (fun (corpus, order) ->
        let model = KneserNey(corpus, order, 4, 3)

        let contexts =
            [ [||]; [| 0 |]; [| 3; 1 |]; [| 0; 1; 2 |]; [| 2; 2; 2; 2; 2 |] ]
            @ (corpus
               |> Array.truncate 3
               |> Array.map (fun x -> x[.. order - 1])
               |> List.ofArray)

        contexts
        |> List.forall (fun h -> abs ((List.sumBy (fun w -> model.Probability(h, w)) [ 0..3 ]) - 1.0) <= 1e-12)
        |> Prop.classify (corpus.Length < 5) "small corpus"
        |> Prop.classify (order >= 3) "order ≥ 3")

[<Fact>]
let ``without an end symbol every symbol of a line is counted, the padding included`` () =
    // Lines "ab·" and "b··" (· = 2): bigrams (s,a) (a,b) (b,·) (s,b) (b,·) (·,·). The unigram level counts distinct
    // left neighbours: a {s} 1, b {s, a} 2, · {b, ·} 2, of 5 distinct bigrams; 3 types share D·3/5 over the 3 symbols.
    let model = KneserNey([| [| 0; 1; 2 |]; [| 1; 2; 2 |] |], 2, 3, System.Nullable())
    let unigram = [| 0.25 / 5.0 + 0.15; 1.25 / 5.0 + 0.15; 1.25 / 5.0 + 0.15 |]
    // P(b | s) = (1 − D)/2 + D·2/2·P(b); P(· | b) = (2 − D)/2 + D·1/2·P(·); P(· | ·) = (1 − D)/1 + D·1/1·P(·).
    let pb = 0.25 / 2.0 + 0.75 * unigram[1]
    let pEnd = 1.25 / 2.0 + 0.375 * unigram[2]
    let pPad = 0.25 + 0.75 * unigram[2]
    Assert.Equal(pPad, model.Probability([| 2 |], 2), 15)
    Assert.Equal(-log pb - log pEnd - log pPad, model.Nll [| 1; 2; 2 |], 12)

[<Fact>]
let ``a law given a context whose start is unknown uses only the orders that the context fills`` () =
    // The trigram of the hand-count test above: at order 2 the context b has the continuation counts of (b, end): 2.
    let trigram = KneserNey([| [| 0; 1; 2 |]; [| 1; 2; 2 |] |], 3, 3, 2)
    let unigram = [| 0.25 / 4.0 + 0.1875; 1.25 / 4.0 + 0.1875; 0.25 / 4.0 + 0.1875 |]
    let law: float[] = Array.zeroCreate 3
    trigram.Law(ReadOnlySpan [| 1 |], false, law.AsSpan())
    Assert.Equal(0.375 * unigram[0], law[0], 15)
    Assert.Equal(0.375 * unigram[1], law[1], 15)
    Assert.Equal(1.25 / 2.0 + 0.375 * unigram[2], law[2], 15)
    trigram.Law(ReadOnlySpan [||], false, law.AsSpan())
    Assert.Equal(unigram[1], law[1], 15)
    // At the start of a line, the context is padded as Probability pads it.
    trigram.Law(ReadOnlySpan [| 0 |], true, law.AsSpan())
    Assert.Equal(trigram.Probability([| 0 |], 1), law[1], 15)

[<Property(Replay = "20261201,1000017", MaxTest = 60)>]
let ``LogJoint is the chain of Law: ln P(s a₁ … a_r | h) = ln P(s | h) + Σ_t ln P(a_t | h s a₁ … a_{t−1})`` () =
    let setups =
        gen {
            let! corpus = corpora
            let! order = Gen.choose (1, 5)
            let! counted = Gen.elements [ true; false ]
            let! history = Gen.choose (0, 3) |> Gen.arrayOf |> Gen.map (Array.truncate 6)
            let! atStart = Gen.elements [ true; false ]
            let! after = Gen.choose (0, 3) |> Gen.arrayOf |> Gen.map (Array.truncate 4)
            return corpus, order, counted, history, atStart, after
        }
        |> Arb.fromGen

    Prop.forAll setups (fun (corpus, order, counted, history, atStart, after) ->
        let model =
            KneserNey(corpus, order, 4, (if counted then System.Nullable 3 else System.Nullable()))

        let law (h: int[]) =
            let p: float[] = Array.zeroCreate 4
            model.Law(ReadOnlySpan h, atStart, p.AsSpan())
            p

        let logJoint: float[] = Array.zeroCreate 4
        model.LogJoint(ReadOnlySpan history, atStart, ReadOnlySpan after, logJoint.AsSpan())

        [ 0..3 ]
        |> List.forall (fun s ->
            let line = Array.append history [| s |]

            let chain =
                log (law history).[s]
                + (after
                   |> Array.mapi (fun t a -> log (law (Array.append line after[.. t - 1])).[a])
                   |> Array.sum)

            abs (logJoint[s] - chain) <= 1e-9 * max 1.0 (abs chain))
        |> Prop.classify (after.Length = 0) "no run after"
        |> Prop.classify (after.Length >= 2) "a run of 2 or more after"
        |> Prop.classify (history.Length < order - 1) "a context shorter than n − 1"
        |> Prop.classify atStart "at the start of a line"
        |> Prop.classify (not counted) "every symbol counted")
