[<FsCheck.Xunit.Properties(Replay = "20261130,1000003", MaxTest = 200)>]
module Dlm.PropertyTests.Datasets.TextVocabularyTests

open System
open Dlm.Datasets.Text
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

/// A vocabulary of 1–6 characters (a non-BMP one among the choices) and a line over it of 0..L characters, L ≤ 8.
let private lines =
    gen {
        let! count = Gen.choose (1, 6)

        let! symbols =
            Gen.shuffle [| "a"; "b"; "é"; "z"; "-"; "𝛼"; "Q" |]
            |> Gen.map (Array.take count)

        let! length = Gen.choose (1, 8)
        let! n = Gen.choose (0, length)
        let! line = Gen.arrayOfLength n (Gen.elements symbols)
        return TextVocabulary symbols, length, String.Concat line
    }
    |> Arb.fromGen

[<Property>]
let ``text → tokens → text is the identity, and the end symbol pads the tail`` () =
    Prop.forAll lines (fun (vocabulary, length, line) ->
        let tokens = vocabulary.Encode(line, length)
        let characters = line.EnumerateRunes() |> Seq.length

        (vocabulary.Decode(ReadOnlySpan tokens) = line
         && tokens.Length = length
         && vocabulary.IsLine(ReadOnlySpan tokens)
         && tokens[characters..] |> Array.forall (fun t -> t = vocabulary.End)
         && tokens[.. characters - 1] |> Array.forall (fun t -> t < vocabulary.End)
         && vocabulary.CountedCharacters(ReadOnlySpan tokens) = min (characters + 1) length)
        |> Prop.classify (characters = length) "a full line: no end symbol"
        |> Prop.classify (characters = 0) "an empty line"
        |> Prop.classify (characters > 0 && characters < length) "padded")

[<Fact>]
let ``the end symbol is the last id, q − 1, after the characters in ordinal order`` () =
    let vocabulary = TextVocabulary.Of [ "cab"; "bad" ]
    Assert.Equal<string>([ "a"; "b"; "c"; "d" ], vocabulary.Symbols)
    Assert.Equal(5, vocabulary.Alphabet)
    Assert.Equal(4, vocabulary.End)
    Assert.Equal<int[]>([| 2; 0; 1; 4; 4 |], vocabulary.Encode("cab", 5))
    Assert.Equal<int[]>([| 2; 0; 1 |], vocabulary.Encode("cab", 3))

[<Fact>]
let ``a sequence with a character after an end symbol is not a line, and decoding shows the end symbol`` () =
    let vocabulary = TextVocabulary.Of [ "ab" ]
    let tokens = [| 0; 2; 1; 2 |]
    Assert.False(vocabulary.IsLine(ReadOnlySpan tokens))
    Assert.Equal("a<end>b", vocabulary.Decode(ReadOnlySpan tokens))

[<Fact>]
let ``a character outside the vocabulary and a line longer than L fail and name themselves`` () =
    let vocabulary = TextVocabulary.Of [ "ab" ]

    let outside =
        Assert.Throws<ArgumentException>(fun () -> vocabulary.Encode("abc", 5) |> ignore)

    Assert.Contains("'c'", outside.Message)

    let long =
        Assert.Throws<ArgumentException>(fun () -> vocabulary.Encode("abab", 3) |> ignore)

    Assert.Contains("L = 3", long.Message)

    Assert.Throws<ArgumentException>(fun () -> TextVocabulary [ "a"; "a" ] |> ignore)
    |> ignore

    Assert.Throws<ArgumentException>(fun () -> TextVocabulary [ "ab" ] |> ignore)
    |> ignore
