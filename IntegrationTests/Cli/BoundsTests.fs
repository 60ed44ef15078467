module Dlm.IntegrationTests.Cli.BoundsTests

open System
open System.IO
open System.Text.RegularExpressions
open Dlm.Theory
open Dlm.Cli
open Dlm.Experiments.Guarantees
open Dlm.Sampling.Schedules
open Dlm.IntegrationTests.Cli.CliTests
open Dlm.PropertyTests.Numerics
open global.Xunit

let private committed =
    Path.Combine(__SOURCE_DIRECTORY__, "..", "..", "baselines", "bounds.json")

let private doctored (edit: string -> string) =
    let path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bounds.json")
    File.WriteAllText(path, edit (File.ReadAllText committed))
    path

[<Fact>]
let ``the committed baseline passes: every bound holds and every case matches`` () =
    let code, out, _ = dlm $"bounds --baseline {committed}"
    Assert.Equal(0, code)
    Assert.Contains("No bound is violated.", out)
    Assert.Contains("Every case matches the baseline.", out)

[<Fact>]
let ``a case whose error rose is a regression: exit 1, naming the case and the change`` () =
    // Lower the baseline of one case by 1%: the current, unchanged error is then 1% above it.
    let id = "rs:q=256,n=255,k=64|linear|K=16"

    let path =
        doctored (fun text ->
            Regex.Replace(
                text,
                Regex.Escape($"\"{id}\": ") + "([0-9.Ee+-]+)",
                fun m ->
                    let lowered = (float m.Groups[1].Value * 0.99).ToString "R"
                    $"\"{id}\": {lowered}"
            ))

    let code, out, _ = dlm $"bounds --baseline {path}"
    Assert.Equal(1, code)
    Assert.Contains($"regression `{id}`", out)
    Assert.Contains("1 regressions", out)

[<Fact>]
let ``a baseline case that the run lacks is noticed: exit 1`` () =
    let path =
        doctored (fun text -> text.Replace("\"expected_kl\": {", "\"expected_kl\": {\n    \"gone|fixed|K=1\": 0.5,"))

    let code, out, _ = dlm $"bounds --baseline {path}"
    Assert.Equal(1, code)
    Assert.Contains("missing `gone|fixed|K=1`", out)

[<Fact>]
let ``a perturbed schedule constant is reported as a violation`` () =
    // linear run with K = 4 steps but held to the bound for K = 8, as an off-by-a-factor grid would be.
    let profile = MdsCode.profile 255 4 256
    let error = (ScheduleCatalog.Create("linear", 255, 4).Error profile).ExpectedKl
    let wrong = Bounds.linear 8 profile.Tc profile.Dtc

    let case =
        GuaranteeCase(
            "perturbed",
            "rs:q=256,n=255,k=4",
            "linear",
            4,
            error,
            profile.Tc,
            profile.Dtc,
            [| BoundCheck.Of(BoundKind.B1Prime, error, wrong, wrong) |]
        )

    Assert.Single(case.Violations) |> ignore
    Assert.Contains("1 bound violations", GuaranteeSummary.Markdown([| case |], null))

[<Fact>]
let ``the same binary gives byte-identical JSON, and --update-baseline round-trips`` () =
    let _, first, _ = dlm $"bounds --baseline {committed} --json"
    let _, second, _ = dlm $"bounds --baseline {committed} --json"
    Assert.Equal(first, second)
    let path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "b.json")
    let code, out, _ = dlm $"bounds --baseline {path} --update-baseline"
    Assert.Equal(0, code)
    Assert.Contains("created with", out)

    let values =
        GuaranteeBaseline.Values(GuaranteePanel.Cases GuaranteeSettings.Default, CertifiedTable.Rows())

    let comparison = GuaranteeBaseline.Compare(GuaranteeBaseline.Load committed, values)
    let rewritten = GuaranteeBaseline.Compare(GuaranteeBaseline.Load path, values)

    Assert.False(comparison.Fails || rewritten.Fails)
    Assert.Empty(rewritten.Improvements)
    Assert.Empty(rewritten.Added)

[<Fact>]
let ``each committed design's certificate holds, and a schedule certified below LB fails it`` () =
    let certified = CertifiedTable.RowsAt(16, 4) |> List.ofSeq
    let checks = DesignCertificate.CheckAll certified

    let at16 =
        checks |> List.ofSeq |> List.filter (fun d -> d.Length = 16 && d.Steps = 4)

    Assert.Equal(3, at16.Length)
    Assert.All(checks, (fun d -> Assert.False(d.Fails, $"{d.File}: gap {d.Gap}, below {d.Below}")))
    // minimax-min's own atom errors, halved: a schedule that would certify half of V, below every certificate on min.
    let minimax = certified |> List.find (fun r -> r.Schedule = "minimax-min")

    let errors =
        (Dlm.Sampling.Design.ExactDesigns.For(16, 4, Measure.Min).Schedule "m").AtomErrors()

    let halved =
        CertifiedRow(16, 4, "halved", WorstCase.certify 4 (errors |> Array.map ((*) 0.5)))

    Assert.True(close (halved.Certified.[Measure.Min].Constant * 2.0) minimax.Certified.[Measure.Min].Constant)
    let failing = DesignCertificate.CheckAll(certified @ [ halved ])
    let min = failing |> Seq.find (fun d -> d.File = "L16-K4-min.json")
    Assert.True(min.Fails)
    Assert.Equal<string list>([ "halved" ], List.ofSeq min.Below)
