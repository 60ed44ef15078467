/// Least-squares fits under an order constraint, by the pool-adjacent-violators algorithm.
module Dlm.Theory.IsotonicRegression

/// The non-increasing sequence y minimising Σ_i w_i (y_i − v_i)²: adjacent blocks that violate the order
/// are pooled into their weighted mean until none does. O(n).
[<CompiledName("NonIncreasing")>]
let nonIncreasing (values: float[]) (weights: float[]) =
    if values.Length <> weights.Length then
        invalidArg "weights" $"{weights.Length} weights for {values.Length} values."

    if weights |> Array.exists (fun w -> not (w > 0.0)) then
        invalidArg "weights" "every weight must be > 0."
    // Each block: (weighted mean, total weight, length).
    let blocks = System.Collections.Generic.List<struct (float * float * int)>()

    for i in 0 .. values.Length - 1 do
        let mutable current = struct (values[i], weights[i], 1)
        let mutable merging = true

        while merging && blocks.Count > 0 do
            let struct (mean, weight, count) = blocks[blocks.Count - 1]
            let struct (m, w, c) = current

            if mean < m then
                blocks.RemoveAt(blocks.Count - 1)
                current <- struct ((mean * weight + m * w) / (weight + w), weight + w, count + c)
            else
                merging <- false

        blocks.Add current

    [|
        for struct (mean, _, count) in blocks do
            for _ in 1..count -> mean
    |]
