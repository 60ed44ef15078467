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

[<Fact>]
let ``the default settings score the default decoders`` () =
    Assert.Same(StudySettings.DefaultDecoders, StudySettings.Default.Decoders)

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
        ScheduleStudy.Measure(oracle, StudyData.FromCorpus corpus, StudySettings([ 2; 4 ], 200, Orders = 4))

    // Seven count baselines: the unigram, the add-one bigram and Kneser–Ney of orders 2..6; the best is compared.
    Assert.Equal(7, result.Baselines.Count)
    let best = result.Baselines |> Seq.minBy (fun b -> b.Nll.Mean)
    Assert.Equal(best.Name, result.VersusBest.Baseline)
    let csv = StudyReport.Csv result
    let rows = csv.Trim().Split('\n')
    Assert.Equal("schedule,K,nll_nats_per_word,nll_bits_per_char,nll_lower,nll_upper,valid_rate,novel_rate", rows[0])
    Assert.Equal(result.Cells.Count + 1, rows.Length)
    Assert.Equal(2, result.Goals.Count)
    // One character a step from the oracle of the whole list: every sample is a word of the list.
    let any = result.Cells |> Seq.find (fun c -> c.Schedule = "fixed" && c.Steps = 4)
    Assert.True(any.ValidRate > 0.95, $"valid rate {any.ValidRate}")
    Assert.Contains("## The promise", StudyReport.Markdown(result, "the corpus oracle", []))

    Assert.Contains(
        "its own law (mean probability over 4 orders)",
        StudyReport.Markdown(result, "the corpus oracle", [])
    )

    Assert.NotNull result.VersusBest.SamplerLawMinusBaseline
    // The recommendation at each K is the cell of least NLL, and fixed's saving is paired on the same orders.
    for r in result.Recommendations do
        let atK = result.Cells |> Seq.filter (fun c -> c.Steps = r.Steps)
        Assert.Equal((atK |> Seq.minBy (fun c -> c.Nll.Mean)).Schedule, r.Schedule)
        Assert.True(r.FixedMinusBest.Mean >= -1e-12, $"K = {r.Steps}: fixed − best = {r.FixedMinusBest.Mean}")
    // Every default decoder is scored, along paths of 1..L steps, against the best schedule that is no dearer.
    Assert.Equal(StudySettings.DefaultDecoders.Count, result.Decoders.Count)
    let scale = StudyResult.BitsPerUnitScale result.UnitsPerSequence

    for d in result.Decoders do
        Assert.InRange(d.NfeOnData.Mean, 1.0, 4.0 + 1e-9)
        Assert.InRange(d.NfeSampled.Mean, 1.0, 4.0 + 1e-9)

        let cheaper =
            result.Cells |> Seq.filter (fun c -> float c.Steps <= d.MeanNfe + 1e-9)

        if Seq.isEmpty cheaper then
            Assert.Null d.Versus
        else
            let best = cheaper |> Seq.minBy (fun c -> c.Nll.Mean)
            Assert.Equal((best.Schedule, best.Steps), (d.Versus.Schedule, d.Versus.Steps))
            // The paired mean is the difference of the means.
            let difference = (d.Nll.Mean - best.Nll.Mean) * scale
            Assert.Equal(difference, d.Versus.DecoderMinusSchedule.Mean, 9)

    let rows = (StudyReport.DecodersCsv result).Trim().Split('\n')
    Assert.Equal(result.Decoders.Count + 1, rows.Length)
    Assert.Contains("## Decoders: NLL against expected steps", StudyReport.Markdown(result, "the corpus oracle", []))

[<Fact>]
let ``with the data's law known, the study's exact KLs of the oracle are the mixture KL and the decoder's exact one``
    ()
    =
    let p = Dlm.Datasets.DistributionSpec.Parse "markov:L=5,q=2,stay=0.8"
    let data = StudyData.FromDistribution(p, 40, Dlm.Datasets.RandomStreams 2UL)

    let decoders: Dlm.Sampling.Decoders.IAdaptiveSizeRule list =
        [
            Dlm.Sampling.Decoders.EntropyBoundDecoder 0.3
            Dlm.Sampling.Decoders.ThresholdDecoder 0.9
        ]

    let settings = StudySettings([ 2; 5 ], 0, Decoders = decoders, Orders = 8)

    let result = ScheduleStudy.Measure(OraclePredictor p, data, settings)

    for c in result.Cells do
        let schedule =
            Dlm.Sampling.Schedules.ScheduleCatalog.Create(
                c.Schedule,
                5,
                c.Steps,
                estimate = result.CrossEntropy.ToProfile()
            )

        let mixture = (p.MixtureKl schedule.Kernel).Value
        Assert.True(abs (c.ExactKl.Value - max 0.0 mixture) <= 1e-12 + 1e-9 * mixture, $"{c.Schedule} K={c.Steps}")

    for decoder, d in List.zip decoders (List.ofSeq result.Decoders) do
        let exact = Dlm.Sampling.Decoders.DecoderErrors.Exact(p, decoder)
        Assert.Equal(decoder.Name, d.Decoder)
        Assert.Equal(exact.Kl, d.ExactKl.Value, 12)

    Assert.Contains("## Exact KL(p ‖ q) with this model", StudyReport.Markdown(result, "the oracle", []))
    // The oracle is consistent, so every order gives p(x): the any-order, left-to-right and sampler-law NLL are each
    // the mean of −ln p(x) over the scoring sequences.
    let joint = p.Joint
    let exact = data.Scoring |> Array.averageBy (fun x -> -log joint[joint.Index x])

    for name, nll in
        [
            "any order", result.AnyOrder
            "left to right", result.LeftToRight
            "sampler law", result.SamplerLaw
        ] do
        Assert.True(abs (nll.Mean - exact) <= 1e-9 * exact, $"{name}: {nll.Mean} against {exact}")
