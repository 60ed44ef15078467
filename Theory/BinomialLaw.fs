/// Whole binomial laws as arrays: the kernels of i.i.d. reveal times and the weights of g(p).
module Dlm.Theory.BinomialLaw

open System
open MathNet.Numerics

/// P(M = m) = C(n, m) p^m (1−p)^(n−m) for m = 0..n.
/// Anchored at the mode in log space (MathNet's log-binomial), then filled outward by the ratio
/// P(m+1)/P(m) = (n−m)/(m+1) · p/(1−p), so that no term underflows before it must.
[<CompiledName("Pmf")>]
let pmf (n: int) (p: float) : float[] =
    if n < 0 then
        invalidArg (nameof n) $"n = {n}; it must be ≥ 0."

    if not (p >= 0.0 && p <= 1.0) then
        invalidArg (nameof p) $"p = {p}; it must lie in [0, 1]."

    let law = Array.zeroCreate (n + 1)

    if p = 0.0 then
        law[0] <- 1.0
    elif p = 1.0 then
        law[n] <- 1.0
    else
        let mode = min n (int (Math.Floor(float (n + 1) * p)))

        law[mode] <-
            Math.Exp(
                SpecialFunctions.BinomialLn(n, mode)
                + float mode * Math.Log p
                + float (n - mode) * Math.Log(1.0 - p)
            )

        let odds = p / (1.0 - p)

        for m in mode .. n - 1 do
            law[m + 1] <- law[m] * float (n - m) / float (m + 1) * odds

        for m in mode .. -1 .. 1 do
            law[m - 1] <- law[m] * float m / (float (n - m + 1) * odds)

    law
