module Dlm.PropertyTests.Sampling.RateEstimateTests

open Dlm.Sampling.Estimators
open MathNet.Numerics.Distributions
open global.Xunit

[<Fact>]
let ``the Clopper–Pearson interval has its textbook ends`` () =
    let e = RateEstimate.ClopperPearson(0, 100, 0.95)
    Assert.Equal(0.0, e.Lower)
    Assert.Equal(1.0 - 0.025 ** (1.0 / 100.0), e.Upper, 12)
    let e = RateEstimate.ClopperPearson(100, 100, 0.95)
    Assert.Equal(0.025 ** (1.0 / 100.0), e.Lower, 12)
    Assert.Equal(1.0, e.Upper)
    let e = RateEstimate.ClopperPearson(5, 20, 0.99)
    Assert.Equal(Beta.InvCDF(5.0, 16.0, 0.005), e.Lower, 12)
    Assert.Equal(Beta.InvCDF(6.0, 15.0, 0.995), e.Upper, 12)
    Assert.Equal(0.25, e.Rate)

[<Fact>]
let ``without trials the interval is [0, 1] and covers every rate; bad counts are refused`` () =
    let e = RateEstimate.ClopperPearson(0, 0, 0.999)
    Assert.True(e.Lower = 0.0 && e.Upper = 1.0 && e.Covers 0.3 && System.Double.IsNaN e.Rate)

    Assert.Throws<System.ArgumentOutOfRangeException>(fun () -> RateEstimate.ClopperPearson(3, 2, 0.95) |> ignore)
    |> ignore

    Assert.Throws<System.ArgumentOutOfRangeException>(fun () -> RateEstimate.ClopperPearson(1, 2, 1.0) |> ignore)
    |> ignore
