module Dlm.PropertyTests.Experiments.ReproduceTests

open Dlm.Experiments.Reproduce
open Dlm.Sampling.Schedules
open global.Xunit

[<Fact>]
let ``a cell's exact values and its sampled validity agree`` () =
    let config = PanelConfig("GF(17), n = 16", 17, 16, [| 5 |], [| 4 |], 400, 2)
    let linear = ScheduleVariant(ScheduleCatalog.Entry "linear", false)

    let cell =
        ReedSolomonPanel.Compute(config, 5, 4, linear, Dlm.Datasets.RandomStreams 2UL)

    Assert.True(cell.Agrees)
    Assert.True(cell.MixtureKl <= cell.ExpectedKl + 1e-12)
    Assert.True(cell.ExpectedKl <= cell.Bound.Value)
