[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 200)>]
module Dlm.PropertyTests.Theory.InformationTests

open System
open Dlm.Theory
open Dlm.PropertyTests.Numerics
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit
open MathNet.Numerics.Distributions

[<Fact>]
let ``entropy is safe at zero probabilities`` () =
    Assert.Equal(Math.Log 2.0, Information.entropy [| 0.5; 0.0; 0.5 |], 15)
    Assert.Equal(0.0, Information.entropy [| 1.0; 0.0 |])

[<Fact>]
let ``KL is zero on equal laws, infinite off the support, and skips p = 0`` () =
    Assert.Equal(0.0, Information.kl [| 0.3; 0.7 |] [| 0.3; 0.7 |], 15)
    Assert.Equal(infinity, Information.kl [| 0.5; 0.5 |] [| 1.0; 0.0 |])
    Assert.Equal(Math.Log 2.0, Information.kl [| 1.0; 0.0 |] [| 0.5; 0.5 |], 15)

[<Fact>]
let ``log-sum-exp is stable far from zero and at minus infinity`` () =
    Assert.Equal(1000.0 + Math.Log 2.0, Information.logSumExp [| 1000.0; 1000.0 |], 12)
    Assert.Equal(-infinity, Information.logSumExp [| -infinity; -infinity |])
    Assert.Equal(-infinity, Information.logSumExp [||])

[<Property>]
let ``the binomial law matches MathNet's pmf term by term`` (n: uint16) (numerator: uint16) =
    let n = int n % 400
    let p = float (int numerator % 1001) / 1000.0
    let law = BinomialLaw.pmf n p

    law
    |> Array.mapi (fun m v ->
        abs (v - Binomial.PMF(p, n, m))
        <= 1e-12 * max 1e-300 (Binomial.PMF(p, n, m)) + 1e-15)
    |> Array.forall id
    |> Prop.classify (p = 0.0 || p = 1.0) "degenerate p"
    |> Prop.classify (n > 200) "n > 200"
