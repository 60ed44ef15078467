module Dlm.IntegrationTests.Cli.ShardMergeTests

open System.IO
open Dlm.IntegrationTests.Cli.CliTests
open global.Xunit

[<Fact>]
let ``three shards merge into the unsharded files byte for byte, and a missing or duplicated shard exits 2`` () =
    let root = Directory.CreateTempSubdirectory().FullName
    let at (name: string) = Path.Combine(root, name)
    let run = "reproduce --quick --samples 1 --seed 5"
    let code, _, _ = dlm $"""{run} --out {at "whole"}"""
    Assert.Equal(0, code)

    for i in 0..2 do
        let directory = at $"s{i}"
        let shard, out, _ = dlm $"{run} --shard {i}/3 --out {directory}"
        Assert.Equal(0, shard)
        Assert.Contains($"shard {i}/3: 270 of 810 cells", out)

    let merged, _, _ =
        dlm $"""merge {at "s0"} {at "s1"} {at "s2"} --out {at "merged"}"""

    Assert.Equal(0, merged)

    for file in [ "results.csv"; "report.md"; "plugin.csv" ] do
        Assert.True(
            (File.ReadAllBytes(Path.Combine(at "whole", file)) = File.ReadAllBytes(Path.Combine(at "merged", file))),
            $"{file} differs"
        )

    let missing, _, err = dlm $"""merge {at "s0"} {at "s2"} --out {at "x"}"""
    Assert.Equal(2, missing)
    Assert.Contains("shard 1/3 is missing", err)
    let twice = Path.Combine(at "s1", "shard-1-of-3.json")

    let duplicated, _, err2 =
        dlm $"""merge {at "s0"} {at "s1"} {twice} {at "s2"} --out {at "x"}"""

    Assert.Equal(2, duplicated)
    Assert.Contains("shard 1/3 appears twice", err2)

    let other, _, err3 =
        dlm $"""reproduce --quick --samples 1 --seed 6 --shard 1/3 --out {at "o"}"""

    Assert.Equal(0, other)
    let mixed, _, _ = dlm $"""merge {at "s0"} {at "o"} {at "s2"} --out {at "x"}"""
    Assert.Equal(2, mixed)
    let bad, _, err4 = dlm $"""reproduce --quick --shard 3/3 --out {at "y"}"""
    Assert.Equal(2, bad)
    Assert.Contains("--shard '3/3' must be i/n", err4 + err3)
