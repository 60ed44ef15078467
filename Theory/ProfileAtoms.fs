/// The atom decomposition: every valid profile (f(0) = 0, Δ ≥ 0 and non-increasing) is a non-negative combination
/// f = Σ_k c_k a_k of the atoms a_k(m) = min(m, k), k = 1..L. The atom a_k is the profile of an MDS code of
/// dimension k in units of ln q, with TC = L − k and DTC = k for k &lt; L (both 0 for k = L).
module Dlm.Theory.ProfileAtoms

/// The atom a_k(m) = min(m, k), m = 0..L, for 1 ≤ k ≤ L.
[<CompiledName("Atom")>]
let atom (length: int) (dimension: int) =
    if length < 1 then
        invalidArg (nameof length) $"L = {length}; it must be ≥ 1."

    if dimension < 1 || dimension > length then
        invalidArg (nameof dimension) $"k = {dimension}; it must lie in [1, L = {length}]."

    EntropyProfile.FromValues [| for m in 0..length -> float (min m dimension) |]

/// The weights c_1..c_L (entry k − 1 is c_k): c_k = Δ(k−1) − Δ(k) for k &lt; L and c_L = Δ(L−1), so that
/// Δ(j) = Σ_{k>j} c_k. They are ≥ 0 exactly when Δ is non-negative and non-increasing.
[<CompiledName("Weights")>]
let weights (profile: EntropyProfile) =
    let length = profile.Length

    Array.init length (fun i ->
        let k = i + 1

        if k < length then
            profile.Delta(k - 1) - profile.Delta k
        else
            profile.Delta(length - 1))

/// f(m) = Σ_k c_k min(m, k), m = 0..L, from the weights of <see cref="weights"/>.
[<CompiledName("Rebuild")>]
let rebuild (weights: float[]) =
    if isNull weights || weights.Length < 1 then
        invalidArg (nameof weights) "the weights need c_1..c_L with L ≥ 1."

    let length = weights.Length

    EntropyProfile.FromValues
        [|
            for m in 0..length -> Seq.sum (seq { for k in 1..length -> weights[k - 1] * float (min m k) })
        |]
