[<FsCheck.Xunit.Properties(Replay = "20261130,1000003", MaxTest = 100)>]
module Dlm.PropertyTests.Datasets.TextCorpusTests

open System
open Dlm.Datasets.Text
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

let private asLines (texts: string seq) =
    texts |> Seq.mapi (fun i text -> TextLine(i + 1, text)) |> Array.ofSeq

/// 2–40 lines over "abc", with repeats, and a seed.
let private corpora =
    gen {
        let! count = Gen.choose (2, 40)

        let! words =
            Gen.listOfLength
                count
                (Gen.choose (1, 5)
                 |> Gen.bind (fun n -> Gen.arrayOfLength n (Gen.elements [ 'a'; 'b'; 'c' ])))

        let! seed = Gen.choose (0, Int32.MaxValue)
        return words |> List.map String |> asLines, uint64 seed
    }
    |> Gen.where (fun (lines, _) -> lines |> Seq.map (fun l -> l.Text) |> Seq.distinct |> Seq.length >= 2)
    |> Arb.fromGen

[<Property>]
let ``the split is disjoint by line, keeps every line, holds out ⌈10%⌉ of the distinct lines, and is fixed by the seed``
    ()
    =
    Prop.forAll corpora (fun (lines, seed) ->
        let corpus = TextCorpus.Create("test", lines, Nullable 6, seed)
        let again = TextCorpus.Create("test", lines, Nullable 6, seed)
        let distinct = lines |> Seq.map (fun l -> l.Text) |> Seq.distinct |> Seq.length
        let held = corpus.HeldOut |> Set.ofSeq

        ((Set.intersect held (Set.ofSeq corpus.Train)).IsEmpty
         && corpus.Train.Count + corpus.HeldOut.Count = lines.Length
         && held.Count = max 1 (min (distinct - 1) (int (ceil (0.1 * float distinct))))
         && Seq.toList corpus.HeldOut = Seq.toList again.HeldOut)
        |> Prop.classify (lines.Length > distinct) "with repeated lines")

[<Fact>]
let ``a line longer than L fails and names its number, unless dropping is asked for`` () =
    let lines = asLines [ "ab"; "abcd"; "ba"; "b" ]

    let error =
        Assert.Throws<ArgumentException>(fun () -> TextCorpus.Create("f.txt", lines, Nullable 3, 0UL) |> ignore)

    Assert.Contains("f.txt, line 2", error.Message)
    let corpus = TextCorpus.Create("f.txt", lines, Nullable 3, 0UL, dropLonger = true)
    Assert.Equal(1, corpus.Dropped)
    Assert.Equal(3, corpus.Train.Count + corpus.HeldOut.Count)

[<Fact>]
let ``L defaults to the longest line plus one end symbol`` () =
    let corpus = TextCorpus.Create("t", asLines [ "abc"; "a"; "bb" ], Nullable(), 0UL)
    Assert.Equal(4, corpus.Length)

[<Fact>]
let ``an empty file and a missing one fail and name it`` () =
    let path = IO.Path.GetTempFileName()

    try
        IO.File.WriteAllText(path, "\n\n")

        let error =
            Assert.Throws<ArgumentException>(fun () -> TextCorpus.Read path |> ignore)

        Assert.Contains(path, error.Message)
    finally
        IO.File.Delete path

    Assert.Throws<ArgumentException>(fun () -> TextCorpus.Read "/no/such/file.txt" |> ignore)
    |> ignore

/// The figures of the bundled list, counted independently with grep and awk on Debian's wamerican 2020.12.07-2:
/// grep -cE '^[a-z]+$' gives 63,875 words, of which awk counts 3,197 longer than 12 letters.
[<Fact>]
let ``the bundled word list has 63,875 lowercase words, 3,197 of them longer than 12 letters`` () =
    let words = TextCorpus.Words()
    Assert.Equal(63875, words.Count)
    Assert.All(words, fun w -> Assert.Matches("^[a-z]+$", w.Text))

    let corpus =
        TextCorpus.Create(TextCorpus.WordsSource, words, Nullable 12, 0UL, dropLonger = true)

    Assert.Equal(3197, corpus.Dropped)
    Assert.Equal(27, corpus.Vocabulary.Alphabet)
    Assert.Equal(int (ceil (0.1 * float (63875 - 3197))), corpus.HeldOut.Count)
