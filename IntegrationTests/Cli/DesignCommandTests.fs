module Dlm.IntegrationTests.Cli.DesignCommandTests

open System.IO
open Dlm.Theory
open Dlm.Sampling.Schedules
open Dlm.IntegrationTests.Cli.CliTests
open Dlm.PropertyTests.Numerics
open global.Xunit

[<Fact>]
let ``design --json has the documented shape, and each certified constant is the ratio on its arg-max code`` () =
    let code, out, _ = dlm "design --length 20 --steps 5 --objective min --json"
    Assert.Equal(0, code)
    let root = json out
    Assert.Equal(20, root.GetProperty("length").GetInt32())
    Assert.Equal(5, root.GetProperty("steps").GetInt32())

    for schedule in root.GetProperty("schedules").EnumerateArray() do
        let name = schedule.GetProperty("name").GetString()
        let twin = name.EndsWith "-twin"

        let law =
            ScheduleCatalog.Create((if twin then name[.. name.Length - 6] else name), 20, 5, twin)

        // The brute force: K·E KL/TC over every MDS code of length 20, each through the schedule's exact error.
        let worst =
            [
                for k in 1..19 ->
                    5.0 * (law.Error(MdsCode.profile 20 k 3)).ExpectedKl
                    / (float (20 - k) * log 3.0)
            ]
            |> List.max

        Assert.True(close worst (schedule.GetProperty("certified").GetProperty("tc").GetDouble()), name)

    let minimax = root.GetProperty("minimax")
    Assert.Equal("min", minimax.GetProperty("objective").GetString())

    let weights =
        [
            for m in minimax.GetProperty("members").EnumerateArray() -> m.GetProperty("weight").GetDouble()
        ]

    Assert.True(abs (List.sum weights - 1.0) < 1e-12)

    for key in [ "tc"; "dtc"; "min"; "sum" ] do
        Assert.True(minimax.GetProperty("certified").GetProperty(key).GetDouble() >= 0.0)

[<Fact>]
let ``a design file runs through error and sample, and a mismatched one exits 2 naming the file`` () =
    let path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "design.json")
    let code, _, _ = dlm $"design -L 6 -K 3 --out {path}"
    Assert.Equal(0, code)

    let errorCode, out, _ =
        dlm $"error --dist rs:q=7,n=6,k=2 --schedule minimax --steps 3 --design {path} --json"

    Assert.Equal(0, errorCode)

    let fresh, computed, _ =
        dlm "error --dist rs:q=7,n=6,k=2 --schedule minimax --steps 3 --json"

    Assert.Equal(0, fresh)

    Assert.True(
        close
            ((json out).GetProperty("expected_kl").GetDouble())
            ((json computed).GetProperty("expected_kl").GetDouble())
    )

    let sampled, _, _ =
        dlm $"sample --dist rs:q=7,n=6,k=2 --schedule minimax --steps 3 --design {path} --count 5"

    Assert.Equal(0, sampled)

    let wrong, _, err =
        dlm $"error --dist rs:q=7,n=6,k=2 --schedule minimax --steps 4 --design {path}"

    Assert.Equal(2, wrong)
    Assert.Contains(path, err)

    let other, _, err2 =
        dlm $"error --dist rs:q=7,n=6,k=2 --schedule linear --steps 3 --design {path}"

    Assert.Equal(2, other)
    Assert.Contains("--design applies to --schedule minimax", err2)

[<Fact>]
let ``design refuses a bad length or objective with exit 2`` () =
    let code, _, err = dlm "design --length 0 --steps 3"
    Assert.Equal(2, code)
    Assert.Contains("--length", err)
    let objective, _, _ = dlm "design --length 5 --steps 2 --objective best"
    Assert.Equal(2, objective)

[<Fact>]
let ``an exact design file round-trips: --exact --json holds V, LB within 1e-9 and a law, and error reads it back`` () =
    let path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "exact.json")

    let code, out, _ =
        dlm $"design --exact --objective min -L 8 -K 3 --out {path} --json"

    Assert.Equal(0, code)
    let root = json out
    let value = root.GetProperty("value").GetDouble()
    Assert.True(value > 0.0)
    Assert.True((value - root.GetProperty("lower").GetDouble()) <= 1e-9 * value)
    Assert.Equal(7, root.GetProperty("worst").GetArrayLength())

    let weights =
        [
            for c in root.GetProperty("compositions").EnumerateArray() ->
                let sizes = [ for s in c.GetProperty("sizes").EnumerateArray() -> s.GetInt32() ]
                Assert.Equal(8, List.sum sizes)
                Assert.True(sizes.Length <= 3)
                c.GetProperty("weight").GetDouble()
        ]

    Assert.True(abs (List.sum weights - 1.0) < 1e-12)
    Assert.Equal(File.ReadAllText(path).Trim(), out.Trim())
    // The same law, read from the file and solved afresh by the catalogue row, has the same exact error.
    let run design =
        let code, out, _ =
            dlm $"error --dist rs:q=11,n=8,k=3 --schedule minimax-min --steps 3 {design} --json"

        Assert.Equal(0, code)
        (json out).GetProperty("expected_kl").GetDouble()

    Assert.True(close (run $"--design {path}") (run ""))

[<Fact>]
let ``an exact design for another (L, K), with a composition not summing to L, or for another schedule exits 2`` () =
    let directory = Directory.CreateTempSubdirectory().FullName
    let path = Path.Combine(directory, "exact.json")
    let code, _, _ = dlm $"design --exact --objective tc -L 6 -K 3 --out {path}"
    Assert.Equal(0, code)

    let refused arguments (needle: string) =
        let code, _, err = dlm arguments
        Assert.Equal(2, code)
        Assert.Contains(needle, err)

    refused $"error --dist rs:q=7,n=6,k=2 --schedule minimax-tc --steps 4 --design {path}" path
    refused $"error --dist rs:q=7,n=6,k=2 --schedule minimax-min --steps 3 --design {path}" "minimax-tc"
    let broken = Path.Combine(directory, "broken.json")
    let text = File.ReadAllText path
    let document = System.Text.Json.Nodes.JsonNode.Parse(text)
    let sizes = document["compositions"].[0].["sizes"]
    sizes.[0] <- System.Text.Json.Nodes.JsonValue.Create(99)
    File.WriteAllText(broken, document.ToJsonString())
    refused $"error --dist rs:q=7,n=6,k=2 --schedule minimax-tc --steps 3 --design {broken}" broken
