/// The best deterministic schedule against a weighting of the atoms: the composition s of L into at most K parts that
/// minimises Σ_k w_k c(s, k), where c(s, k) = m_j − k for the block j that holds k (m_{j−1} < k ≤ m_j), the excess of
/// atom a_k in units of ln q. With w_k = y_k·K/X_k this is the best response to a mixed strategy y of the atoms, the
/// pricing step of the exact minimax design; it is also E KL on the profile f = Σ_k w_k a_k.
module Dlm.Theory.BestComposition

/// The minimising composition and its cost.
type Best = { Sizes: int[]; Cost: float }

/// c(s, k) for k = 1..L−1 (entry k − 1), the atom errors of the composition s (Identity A on every atom).
[<CompiledName("Costs")>]
let costs (sizes: int[]) = AtomErrors.ofSizes sizes

/// Σ_k w_k c(s, k), where <paramref name="weights"/> holds w_1..w_{L−1}.
[<CompiledName("Cost")>]
let cost (weights: float[]) (sizes: int[]) =
    Array.fold2 (fun sum w c -> sum + w * c) 0.0 weights (costs sizes)

/// The best composition of L = weights.Length + 1 into at most K parts, for weights w_k ≥ 0. A block (m, b] costs
/// Σ_{m<k≤b} w_k (b − k) = b·(W_b − W_m) − (S_b − S_m) with the prefix sums W of w and S of k·w, in O(1). Splitting a
/// block never costs more (w ≥ 0), so min(K, L) blocks are used; the cost satisfies the quadrangle inequality, so the
/// best next block end is monotone in m and each of the min(K, L) layers is solved by divide and conquer in
/// O(L log L). The atom a_L costs nothing under every composition.
[<CompiledName("Solve")>]
let solve (weights: float[]) (steps: int) =
    if isNull weights then
        invalidArg (nameof weights) "the weights are missing."

    if steps < 1 then
        invalidArg (nameof steps) $"K = {steps}; it must be ≥ 1."

    if weights |> Array.exists (fun w -> not (w >= 0.0)) then
        invalidArg (nameof weights) "every weight must be ≥ 0."

    let length = weights.Length + 1
    let prefix = Array.zeroCreate (length + 1)
    let moment = Array.zeroCreate (length + 1)

    for k in 1..length do
        let w = if k < length then weights[k - 1] else 0.0
        prefix[k] <- prefix[k - 1] + w
        moment[k] <- moment[k - 1] + float k * w

    let block m b =
        float b * (prefix[b] - prefix[m]) - (moment[b] - moment[m])

    let blocks = min steps length
    // value[j][m]: the least cost of covering (m, L] with exactly j blocks; ∞ where j > L − m.
    let value = Array.init (blocks + 1) (fun _ -> Array.create (length + 1) infinity)
    let choice = Array.init (blocks + 1) (fun _ -> Array.zeroCreate (length + 1))
    value[0][length] <- 0.0

    for j in 1..blocks do
        let previous = value[j - 1]
        let current = value[j]
        // The layer's states m = 0..L − j, each with its best end b in [m + 1, L − j + 1]; solved for the middle m
        // first, the ends of the others bounded by its own (monotone in m).
        let rec layer lo hi low high =
            if lo <= hi then
                let m = (lo + hi) / 2
                let mutable best = infinity
                let mutable bestEnd = max (m + 1) low

                for b in max (m + 1) low .. min high (length - j + 1) do
                    let candidate = block m b + previous[b]

                    if candidate < best then
                        best <- candidate
                        bestEnd <- b

                current[m] <- best
                choice[j][m] <- bestEnd
                layer lo (m - 1) low bestEnd
                layer (m + 1) hi bestEnd high

        layer 0 (length - j) 1 length

    let sizes = Array.zeroCreate blocks
    let mutable m = 0

    for j in blocks .. -1 .. 1 do
        let b = choice[j][m]
        sizes[blocks - j] <- b - m
        m <- b

    {
        Sizes = sizes
        Cost = cost weights sizes
    }
