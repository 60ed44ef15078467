module Dlm.IntegrationTests.Cli.CliTests

open System
open System.IO
open System.Text.Json
open Dlm.Theory
open Dlm.Datasets
open Dlm.Sampling.Schedules
open Dlm.Cli
open Dlm.PropertyTests.Numerics
open global.Xunit

/// Runs dlm in-process; returns the exit code, standard output and standard error.
let dlm (args: string) =
    use output = new StringWriter()
    use error = new StringWriter()

    let code =
        DlmCommand.Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, error)

    code, output.ToString(), error.ToString()

let json (text: string) = JsonDocument.Parse(text).RootElement

[<Fact>]
let ``info --json has the documented keys and the library's values`` () =
    let code, out, _ = dlm "info --dist markov:L=5,q=3,stay=0.9 --json"
    Assert.Equal(0, code)
    let root = json out
    let profile = EntropyProfile.Of(DenseFamilies.Markov(5, 3, 0.9))
    Assert.Equal(5, root.GetProperty("L").GetInt32())
    Assert.Equal(3, root.GetProperty("q").GetInt32())

    Assert.True(
        close
            (root.GetProperty("tc").GetDouble())
            (DirectCorrelation.totalCorrelation (DenseFamilies.Markov(5, 3, 0.9)))
    )

    Assert.True(close (root.GetProperty("dtc").GetDouble()) profile.Dtc)
    Assert.True(close (root.GetProperty("entropy").GetDouble()) profile.Entropy)
    Assert.Equal(6, root.GetProperty("profile").GetArrayLength())

[<Fact>]
let ``error --json reports the exact error, bound and mixture`` () =
    let code, out, _ =
        dlm "error --dist parity:L=4,q=2 --schedule adaptive-tc --steps 3 --json"

    Assert.Equal(0, code)
    let root = json out
    let joint = DenseFamilies.Parity(4, 2)
    let grid = RevealGrids.AdaptiveTc(4, 3)
    Assert.Equal("adaptive-tc", root.GetProperty("schedule").GetString())
    Assert.Equal(3, root.GetProperty("steps").GetInt32())

    Assert.True(
        close
            (root.GetProperty("expected_kl").GetDouble())
            (OrderEnumeration.expectedKlOverRevealSets joint (RevealKernel.binomial 4 grid))
    )

    Assert.True(close (root.GetProperty("bound").GetDouble()) (Bounds.adaptiveTc 4 3 (Math.Log 2.0)))

    Assert.True(
        root.GetProperty("mixture_kl").GetDouble()
        <= root.GetProperty("expected_kl").GetDouble()
    )

    for key in [ "tc"; "dtc"; "nfe_mean" ] do
        Assert.True(root.TryGetProperty(key) |> fst, key)

[<Fact>]
let ``error leaves mixture_kl null where enumeration is infeasible`` () =
    let _, out, _ =
        dlm "error --dist markov:L=8,q=2,stay=0.9 --schedule fixed --steps 4 --json"

    Assert.Equal(JsonValueKind.Null, (json out).GetProperty("mixture_kl").ValueKind)

[<Theory>]
[<InlineData("error --dist parity:L=4,q=2 --schedule nope --steps 2", "unknown schedule 'nope'")>]
[<InlineData("error --dist nope:L=4 --schedule fixed --steps 2", "unknown distribution family 'nope'")>]
[<InlineData("error --dist parity:L=4,q=2 --schedule fixed --steps 0", "K (steps) must be ≥ 1")>]
[<InlineData("error --dist parity:L=4,q=2 --schedule fixed --steps 5", "must be ≤ L = 4")>]
[<InlineData("error --dist parity:L=4,q=2 --schedule adaptive-both --steps 2", "needs K (steps) ≥ 3")>]
[<InlineData("info --dist repetition:L=40,q=2", "q = 2, L = 40")>]
[<InlineData("info --dist table:/nonexistent.json", "does not exist")>]
[<InlineData("info", "--dist")>]
let ``bad input exits 2 with one line that names the problem`` (args: string, expected: string) =
    let code, _, error = dlm args
    Assert.Equal(DlmCommand.BadInput, code)
    Assert.Contains(expected, error)
    Assert.Equal(1, error.Trim().Split('\n').Length)

[<Fact>]
let ``sample writes JSON lines with tokens and nfe, the same for the same seed`` () =
    let dir = Directory.CreateTempSubdirectory().FullName

    let run file seed =
        let path = Path.Combine(dir, file)
        dlm $"sample --dist rs:q=16,n=15,k=5 --schedule linear --steps 4 --count 30 --seed {seed} --out {path}"

    let code, out, _ = run "a.jsonl" 3
    run "b.jsonl" 3 |> ignore
    run "c.jsonl" 4 |> ignore
    Assert.Equal(0, code)
    Assert.Contains("mean NFE", out)
    let lines = File.ReadAllLines(Path.Combine(dir, "a.jsonl"))
    Assert.Equal(30, lines.Length)

    for line in lines do
        let row = json line
        Assert.Equal(15, row.GetProperty("tokens").GetArrayLength())
        Assert.InRange(row.GetProperty("nfe").GetInt32(), 1, 4)

    Assert.Equal<string[]>(lines, File.ReadAllLines(Path.Combine(dir, "b.jsonl")))
    Assert.NotEqual<string[]>(lines, File.ReadAllLines(Path.Combine(dir, "c.jsonl")))

[<Fact>]
let ``error --mc reports a teacher-forced interval next to the exact value`` () =
    let code, out, _ =
        dlm "error --dist markov:L=4,q=2,stay=0.8 --schedule linear --steps 2 --mc 4000 --seed 1 --json"

    Assert.Equal(0, code)
    let root = json out
    let exact = root.GetProperty("expected_kl").GetDouble()
    let mc = root.GetProperty "mc"
    Assert.Equal(4000, mc.GetProperty("draws").GetInt32())
    Assert.InRange(exact, mc.GetProperty("lower").GetDouble() - 1e-12, mc.GetProperty("upper").GetDouble() + 1e-12)

[<Fact>]
let ``reproduce writes the csv, the report and the plots, with the known cell exact`` () =
    let dir = Directory.CreateTempSubdirectory().FullName
    let code, out, _ = dlm $"reproduce --quick --samples 0 --out {dir}"
    Assert.Equal(0, code)
    Assert.Contains("max gap", out)
    let rows = File.ReadAllLines(Path.Combine(dir, "results.csv"))
    let header = rows[0].Split(',')
    let column name = Array.IndexOf(header, name)

    let cell =
        rows
        |> Array.map (fun r -> r.Split(','))
        |> Array.find (fun r ->
            r[column "n"] = "255"
            && r[column "k"] = "100"
            && r[column "K"] = "16"
            && r[column "schedule"] = "fixed")

    Assert.True(close (float cell[column "expected_kl"]) (12.0 * Math.Log 256.0))
    Assert.True(close (float cell[column "mixture_kl"]) (12.0 * Math.Log 256.0))
    let report = File.ReadAllText(Path.Combine(dir, "report.md"))
    Assert.Contains("Best agnostic schedule overall", report)
    Assert.True(File.Exists(Path.Combine(dir, "kl-vs-K-q256-k100.png")))

[<Fact>]
let ``reproduce refuses --quick with --full`` () =
    let code, _, error = dlm "reproduce --quick --full"
    Assert.Equal(DlmCommand.BadInput, code)
    Assert.Contains("exclude each other", error)

[<Fact>]
let ``calibrate writes a profile that the plugin schedules accept, and plugin with an exact estimate is optimal`` () =
    let path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "profile.json")
    let code, _, _ = dlm $"calibrate --dist rs:q=16,n=12,k=5 --samples 64 --out {path}"
    Assert.Equal(0, code)
    let estimate = json (File.ReadAllText path)
    Assert.Equal(12, estimate.GetProperty("L").GetInt32())

    for key in
        [
            "delta"
            "delta_lower"
            "delta_upper"
            "delta_isotonic"
            "profile"
            "tc"
            "dtc"
        ] do
        Assert.True(estimate.TryGetProperty(key) |> fst, key)

    let _, plugin, _ =
        dlm $"error --dist rs:q=16,n=12,k=5 --schedule plugin --steps 3 --profile {path} --json"

    let _, optimal, _ =
        dlm "error --dist rs:q=16,n=12,k=5 --schedule optimal --steps 3 --json"

    Assert.Equal(
        (json optimal).GetProperty("expected_kl").GetDouble(),
        (json plugin).GetProperty("expected_kl").GetDouble(),
        12
    )

    let code, _, error = dlm "error --dist rs:q=16,n=12,k=5 --schedule plugin --steps 3"
    Assert.Equal(DlmCommand.BadInput, code)
    Assert.Contains("--profile", error)

/// A schedule whose every computation fails, as a bug in a new schedule would.
type private FailingSchedule(length: int, steps: int) =
    interface ISizeSchedule with
        member _.Name = "failing"
        member _.Length = length
        member _.Steps = steps
        member _.Kernel = RevealKernel.deterministic [| length |]
        member _.Next(_, _, _) = length

        member _.Error _ =
            raise (InvalidOperationException "the failing schedule cannot compute its error")

        member _.Bound _ = ProvenBound(BoundKind.B0, 0.0)
        member _.AtomErrors() = Array.zeroCreate (length - 1)

[<Fact>]
let ``a schedule that throws inside the parallel panel is reported in one line with exit 1`` () =
    let settings = Dlm.Experiments.Guarantees.GuaranteeSettings(1UL, 2, [||], [||])

    let thrown =
        Assert.ThrowsAny<AggregateException>(fun () ->
            Dlm.Experiments.Guarantees.GuaranteePanel.Cases(
                settings,
                fun l k _ -> [ FailingSchedule(l, k) :> ISizeSchedule ]
            )
            |> ignore)

    let struct (code, line) = DlmCommand.Failure thrown
    Assert.Equal(DlmCommand.Failed, code)
    Assert.StartsWith("dlm: the failing schedule cannot compute its error", line)
    Assert.DoesNotContain("\n", line)

    let struct (bad, badLine) =
        DlmCommand.Failure(AggregateException(ArgumentException("K = 0 is no budget.", "steps")))

    Assert.Equal(DlmCommand.BadInput, bad)
    Assert.Equal("dlm: K = 0 is no budget.", badLine)

[<Fact>]
let ``dlm alone prints the command list and exits 2`` () =
    let code, out, _ = dlm ""
    Assert.Equal(DlmCommand.BadInput, code)

    for command in [ "info"; "error"; "reproduce"; "bounds"; "design"; "train"; "study" ] do
        Assert.Contains(command, out)

[<Theory>]
[<InlineData("design --length 5 --steps 2 --objective best",
             "--objective 'best' is not one of: min, ratio, tc, dtc, sum.")>]
[<InlineData("error --dist parity:L=4,q=2 --schedule linear --steps 2 --positions first",
             "--positions 'first' is not one of: random, confidence, margin, entropy, left-to-right.")>]
[<InlineData("calibrate --estimator kl", "--estimator 'kl' is not one of: entropy, cross-entropy.")>]
[<InlineData("train --dist parity:L=4,q=2 --out x --arch rnn",
             "--arch 'rnn' is not one of: transformer, mlp, convolution.")>]
let ``a choice outside the list exits 2 and names every choice`` (args: string, expected: string) =
    let code, _, error = dlm args
    Assert.Equal(DlmCommand.BadInput, code)
    Assert.Equal($"dlm: {expected}", error.Trim())
