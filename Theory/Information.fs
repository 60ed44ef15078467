/// Entropy, KL divergence and log-sum-exp in nats, safe at zero probabilities (0·ln 0 = 0).
module Dlm.Theory.Information

open System

/// p·ln p, with 0·ln 0 = 0.
[<CompiledName("XLogX")>]
let inline xlogx (p: float) = if p > 0.0 then p * Math.Log p else 0.0

/// H(p) = −Σ_i p_i ln p_i over a span: a law stored inside a larger buffer is read in place.
[<CompiledName("EntropyOf")>]
let entropyOf (p: ReadOnlySpan<float>) =
    let mutable h = 0.0
    // Runs of one value (a uniform law, zeros) reuse its term: the same sum, far fewer logarithms.
    let mutable last = nan
    let mutable term = 0.0

    for i in 0 .. p.Length - 1 do
        if p[i] <> last then
            last <- p[i]
            term <- xlogx last

        h <- h - term

    h

/// H(p) = −Σ_i p_i ln p_i over the first `count` entries of `p`.
[<CompiledName("EntropyOfPrefix")>]
let entropyOfPrefix (p: float[]) (count: int) = entropyOf (ReadOnlySpan(p, 0, count))

/// H(p) = −Σ_i p_i ln p_i.
[<CompiledName("Entropy")>]
let entropy (p: float[]) = entropyOf (ReadOnlySpan p)

/// KL(p‖q) = Σ_i p_i ln(p_i / q_i) over spans, read in place; +∞ when some p_i > 0 = q_i.
[<CompiledName("KlDivergenceOf")>]
let klOf (p: ReadOnlySpan<float>) (q: ReadOnlySpan<float>) =
    if p.Length <> q.Length then
        invalidArg (nameof q) $"q has {q.Length} entries but p has {p.Length}; they must match."

    let mutable d = 0.0

    for i in 0 .. p.Length - 1 do
        if p[i] > 0.0 then
            d <-
                d
                + (if q[i] > 0.0 then
                       p[i] * Math.Log(p[i] / q[i])
                   else
                       infinity)

    d

/// KL(p‖q) = Σ_i p_i ln(p_i / q_i); +∞ when some p_i > 0 = q_i.
[<CompiledName("KlDivergence")>]
let kl (p: float[]) (q: float[]) = klOf (ReadOnlySpan p) (ReadOnlySpan q)

/// ln Σ_i exp(x_i), computed stably; −∞ for an empty input or when every x_i = −∞.
[<CompiledName("LogSumExp")>]
let logSumExp (xs: float[]) =
    if xs.Length = 0 then
        -infinity
    else
        let top = Array.max xs

        if Double.IsNegativeInfinity top || Double.IsPositiveInfinity top then
            top
        else
            top + Math.Log(xs |> Array.sumBy (fun x -> Math.Exp(x - top)))
