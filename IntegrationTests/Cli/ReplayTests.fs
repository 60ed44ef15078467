/// Every case id of the committed baseline names a spec, a schedule and K that `dlm error` accepts.
module Dlm.IntegrationTests.Cli.ReplayTests

open System
open System.IO
open System.Text.Json
open Dlm.PropertyTests.Numerics
open Dlm.IntegrationTests.Cli.CliTests
open global.Xunit

let private baseline =
    let path =
        Path.Combine(__SOURCE_DIRECTORY__, "..", "..", "baselines", "bounds.json")

    use document = JsonDocument.Parse(File.ReadAllText path)

    [
        for case in document.RootElement.GetProperty("expected_kl").EnumerateObject() ->
            case.Name, case.Value.GetDouble()
    ]

/// Three ids of every distribution family, drawn with a fixed seed.
let private sample =
    let rng = Random 20261129

    baseline
    |> List.groupBy (fun (id, _) -> id.Split(':')[0])
    |> List.collect (fun (_, cases) -> List.init 3 (fun _ -> cases[rng.Next cases.Length]))

[<Fact>]
let ``a sample of baseline ids, three per family, replays through dlm error to the baseline's numbers`` () =
    let families = sample |> List.map (fun (id, _) -> id.Split(':')[0]) |> List.distinct

    Assert.Equal<string list>(
        [
            "dirichlet"
            "mix-low-dtc"
            "mix-low-tc"
            "parity"
            "repetition"
            "product"
            "markov"
            "rs"
        ]
        |> List.sort,
        List.sort families
    )

    for id, expected in sample do
        let parts = id.Split('|')
        let spec, schedule, steps = parts[0], parts[1], parts[2].Substring 2
        let twin = schedule.EndsWith("-twin", StringComparison.Ordinal)

        let name =
            if twin then
                schedule.Substring(0, schedule.Length - 5)
            else
                schedule

        let code, out, error =
            let deterministic = if twin then " --deterministic" else ""
            dlm $"error --dist {spec} --schedule {name} --steps {steps} --json{deterministic}"

        Assert.True((code = 0), $"{id}: {error}")
        let root = JsonDocument.Parse(out).RootElement
        let replayed = root.GetProperty("expected_kl").GetDouble()
        Assert.True(close replayed expected, $"{id}: replayed {replayed:R}, baseline {expected:R}")
        Assert.Equal(schedule, root.GetProperty("schedule").GetString())
