module Dlm.PropertyTests.Cli.ReproduceTests

open Dlm.Cli.Reproduce
open MathNet.Numerics.Distributions
open global.Xunit

[<Fact>]
let ``the Clopper–Pearson interval has its textbook ends`` () =
    let struct (lower, upper) = ReedSolomonPanel.ClopperPearson(0, 100, 0.95)
    Assert.Equal(0.0, lower)
    Assert.Equal(1.0 - 0.025 ** (1.0 / 100.0), upper, 12)
    let struct (lower, upper) = ReedSolomonPanel.ClopperPearson(100, 100, 0.95)
    Assert.Equal(0.025 ** (1.0 / 100.0), lower, 12)
    Assert.Equal(1.0, upper)
    let struct (lower, upper) = ReedSolomonPanel.ClopperPearson(5, 20, 0.99)
    Assert.Equal(Beta.InvCDF(5.0, 16.0, 0.005), lower, 12)
    Assert.Equal(Beta.InvCDF(6.0, 15.0, 0.995), upper, 12)

[<Fact>]
let ``a cell's exact values and its sampled validity agree`` () =
    let config = PanelConfig("GF(17), n = 16", 17, 16, [| 5 |], [| 4 |], 400, 2)
    let cell = ReedSolomonPanel.Compute(config, 5, 4, "linear", false, Dlm.Datasets.RandomStreams 2UL)
    Assert.True(cell.Agrees)
    Assert.True(cell.MixtureKl <= cell.ExpectedKl + 1e-12)
    Assert.True(cell.ExpectedKl <= cell.Bound)
