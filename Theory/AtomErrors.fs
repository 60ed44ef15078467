/// E KL(a_k) for every atom a_k(m) = min(m, k) of a schedule law, k = 1..L−1, in units of ln q: the expected
/// excess m_end − k of the block that reveals the k-th token. E KL is linear in the profile, so these L − 1 numbers
/// give E KL(f) = Σ_k c_k E KL(a_k) for every distribution (a_L is linear and costs nothing).
module Dlm.Theory.AtomErrors

/// Identity A on every atom at once: the block s_j that holds the k-th token costs M_j − k, M_j = s_1 + … + s_j.
/// Entry k − 1 is E KL(a_k), in O(L).
[<CompiledName("OfSizes")>]
let ofSizes (sizes: int[]) =
    if
        isNull sizes
        || sizes.Length = 0
        || Array.exists (fun s -> s < 0) sizes
        || Array.sum sizes < 1
    then
        invalidArg (nameof sizes) "sizes must be ≥ 0 with a positive sum."

    let length = Array.sum sizes
    let errors = Array.zeroCreate (length - 1)
    let mutable blockEnd = 0

    for s in sizes do
        for k in blockEnd + 1 .. min (blockEnd + s) (length - 1) do
            errors[k - 1] <- float (blockEnd + s - k)

        blockEnd <- blockEnd + s

    errors

/// Identity C on every atom at once. With B ~ Bin(L, W), g_k(W) = E min(B, k) and g_k'(W) = L·P(Bin(L−1, W) ≤ k−1),
/// E KL(a_k) = Σ_j [(W_j − W_{j−1})·g_k'(W_{j−1}) − (g_k(W_j) − g_k(W_{j−1}))], in O(K·L) by prefix sums.
/// Entry k − 1 is E KL(a_k); rounding residues below 0 are cleared.
[<CompiledName("OfGrid")>]
let ofGrid (length: int) (grid: float[]) =
    let steps = RevealKernel.checkGrid grid

    if length < 1 then
        invalidArg (nameof length) $"L = {length}; it must be ≥ 1."

    // g_k(W) = Σ_{m<k} m·P(B=m) + k·P(B ≥ k) for k = 1..L−1; the tail is summed from the top, not as 1 − CDF.
    let values (w: float) =
        let law = BinomialLaw.pmf length w
        let tail = Array.zeroCreate (length + 1)

        for m in length .. -1 .. 0 do
            tail[m] <- law[m] + (if m < length then tail[m + 1] else 0.0)

        let g = Array.zeroCreate (max 0 (length - 1))
        let mutable weightedBelow = 0.0

        for k in 1 .. length - 1 do
            weightedBelow <- weightedBelow + float (k - 1) * law[k - 1]
            g[k - 1] <- weightedBelow + float k * tail[k]

        g

    let slopes (w: float) =
        let law = BinomialLaw.pmf (length - 1) w
        let slope = Array.zeroCreate (max 0 (length - 1))
        let mutable below = 0.0

        for k in 1 .. length - 1 do
            below <- below + law[k - 1]
            slope[k - 1] <- float length * min 1.0 below

        slope

    let errors = Array.zeroCreate (max 0 (length - 1))
    let mutable previous = values grid[0]

    for j in 1..steps do
        let current = values grid[j]
        let width = grid[j] - grid[j - 1]

        if width > 0.0 then
            let slope = slopes grid[j - 1]

            for i in 0 .. errors.Length - 1 do
                errors[i] <- errors[i] + width * slope[i] - (current[i] - previous[i])

        previous <- current

    errors |> Array.map (max 0.0)
