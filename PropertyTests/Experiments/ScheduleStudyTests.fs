module Dlm.PropertyTests.Experiments.ScheduleStudyTests

open System
open Dlm.Datasets.Text
open Dlm.Experiments.Studies
open Dlm.Sampling.Sampler
open global.Xunit

[<Fact>]
let ``the unigram and bigram baselines match counts by hand`` () =
    // q = 3, the end symbol 2, L = 3; add-one smoothing.
    let train = [| [| 0; 1; 2 |]; [| 0; 2; 2 |] |]
    let unigram = CharacterBaselines.PositionUnigram(train, [| [| 0; 1; 2 |] |], 3)
    Assert.Equal(-log(3.0 / 5.0) - log (2.0 / 5.0) - log (3.0 / 5.0), unigram[0], 12)
    // start → 1 was never seen after 2 starts: 1/5; then 1 → end, seen once in 1: 2/4; the padding is certain.
    let bigram = CharacterBaselines.LeftToRightBigram(train, [| [| 1; 2; 2 |] |], 3, 2)
    Assert.Equal(-log(1.0 / 5.0) - log (2.0 / 4.0), bigram[0], 12)

/// The oracle of a corpus: for masked positions, the law of the lines that agree with what is revealed.
type private CorpusOracle(lines: int[][], length: int, alphabet: int) =
    interface IMaskPredictor with
        member _.Length = length
        member _.Alphabet = alphabet

        member _.Predict(tokens, batch, probabilities) =
            for b in 0 .. batch - 1 do
                let row = tokens.Slice(b * length, length).ToArray()

                let agree =
                    lines
                    |> Array.filter (fun x -> Array.forall2 (fun t v -> t = alphabet || t = v) row x)

                for i in 0 .. length - 1 do
                    for a in 0 .. alphabet - 1 do
                        probabilities[(b * length + i) * alphabet + a] <-
                            (1e-6 + float (agree |> Array.sumBy (fun x -> if x[i] = a then 1 else 0)))
                            / (1e-6 * float alphabet + float agree.Length)

[<Fact>]
let ``a tiny corpus runs end to end, and a model that knows the lines samples them`` () =
    let words =
        [
            "cat"
            "cot"
            "cut"
            "dog"
            "dig"
            "dug"
            "bat"
            "bit"
            "but"
            "bot"
            "tab"
            "tub"
        ]

    let lines = words |> List.mapi (fun i w -> TextLine(i + 1, w)) |> Array.ofList

    let corpus =
        TextCorpus.Create("tiny", lines, Nullable 4, 0UL, heldOutFraction = 0.4)

    let oracle =
        CorpusOracle(corpus.Encode(Seq.append corpus.Train corpus.HeldOut), 4, corpus.Vocabulary.Alphabet)

    let result =
        ScheduleStudy.Measure(oracle, StudyData.FromCorpus corpus, StudySettings([ 2; 4 ], 200))

    let csv = StudyReport.Csv result
    let rows = csv.Trim().Split('\n')
    Assert.Equal("schedule,K,nll_nats_per_word,nll_bits_per_char,nll_lower,nll_upper,valid_rate,novel_rate", rows[0])
    Assert.Equal(result.Cells.Count + 1, rows.Length)
    Assert.Equal(2, result.Goals.Count)
    // One character a step from the oracle of the whole list: every sample is a word of the list.
    let any = result.Cells |> Seq.find (fun c -> c.Schedule = "fixed" && c.Steps = 4)
    Assert.True(any.ValidRate > 0.95, $"valid rate {any.ValidRate}")
    Assert.Contains("## The promise", StudyReport.Markdown(result, "the corpus oracle", []))
    // The recommendation at each K is the cell of least NLL, and fixed's saving is paired on the same orders.
    for r in result.Recommendations do
        let atK = result.Cells |> Seq.filter (fun c -> c.Steps = r.Steps)
        Assert.Equal((atK |> Seq.minBy (fun c -> c.Nll.Mean)).Schedule, r.Schedule)
        Assert.True(r.FixedMinusBest.Mean >= -1e-12, $"K = {r.Steps}: fixed − best = {r.FixedMinusBest.Mean}")
