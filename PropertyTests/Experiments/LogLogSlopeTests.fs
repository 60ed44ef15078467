module Dlm.PropertyTests.Experiments.LogLogSlopeTests

open Dlm.Experiments
open global.Xunit

[<Fact>]
let ``a power law's slope is its exponent`` () =
    for exponent in [ -1.0; -0.5; 2.0 ] do
        let points =
            [| for x in [ 4.0; 8.0; 16.0; 64.0 ] -> struct (x, 3.0 * x ** exponent) |]

        Assert.Equal(exponent, LogLogSlope.Of points, 12)

[<Fact>]
let ``fewer than two points or a non-positive value give NaN, written as a dash`` () =
    Assert.True(System.Double.IsNaN(LogLogSlope.Of [| struct (2.0, 1.0) |]))
    Assert.True(System.Double.IsNaN(LogLogSlope.Of [| struct (2.0, 1.0); struct (4.0, 0.0) |]))
    Assert.Equal("–", LogLogSlope.Format nan)
    Assert.Equal("-1.00", LogLogSlope.Format -1.0)
