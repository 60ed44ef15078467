[<FsCheck.Xunit.Properties(Replay = "20261128,1000003", MaxTest = 200)>]
module Dlm.PropertyTests.Theory.IsotonicRegressionTests

open Dlm.Theory
open Dlm.PropertyTests.Numerics
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open global.Xunit

[<Fact>]
let ``violators are pooled into their mean`` () =
    Assert.Equal<float[]>([| 2.0; 2.0; 2.0 |], IsotonicRegression.nonIncreasing [| 1.0; 3.0; 2.0 |] [| 1.0; 1.0; 1.0 |])
    Assert.Equal<float[]>([| 5.0; 3.0; 1.0 |], IsotonicRegression.nonIncreasing [| 5.0; 3.0; 1.0 |] [| 1.0; 1.0; 1.0 |])

[<Property>]
let ``the fit is non-increasing, keeps the weighted sum, and beats a shifted non-increasing rival``
    (values: NormalFloat list)
    =
    let v = values |> List.map (fun (NormalFloat x) -> x) |> Array.ofList

    (v.Length = 0
     || (let w = Array.init v.Length (fun i -> 1.0 + float (i % 3))
         let fit = IsotonicRegression.nonIncreasing v w

         let loss (y: float[]) =
             Array.fold2 (fun acc (yi, vi) wi -> acc + wi * (yi - vi) ** 2.0) 0.0 (Array.zip y v) w

         let rival = fit |> Array.mapi (fun i y -> y - 0.01 * float i)

         fit |> Array.pairwise |> Array.forall (fun (a, b) -> b <= a)
         && close
             (Array.fold2 (fun acc y wi -> acc + y * wi) 0.0 fit w)
             (Array.fold2 (fun acc y wi -> acc + y * wi) 0.0 v w)
         && atMost (loss fit) (loss rival)))
    |> Prop.classify (values.Length > 10) "n > 10"
