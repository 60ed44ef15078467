/// Closed forms for the uniform distribution on an MDS code of length n and dimension k over an alphabet
/// of size q (Reed–Solomon codes are MDS): any k coordinates are i.i.d. uniform and determine the rest.
module Dlm.Theory.MdsCode

open System

let private check (length: int) (dimension: int) =
    if dimension < 1 || dimension > length then
        invalidArg "dimension" $"k = {dimension}; it must lie in [1, n = {length}]."

/// f(m) = min(m, k)·ln q, so TC = (n − k)·ln q and DTC = k·ln q for k &lt; n (0 at k = n, where every word is
/// a codeword); Δ drops once, by ln q, at m = k.
[<CompiledName("Profile")>]
let profile (length: int) (dimension: int) (alphabet: int) =
    check length dimension
    EntropyProfile.FromValues [| for m in 0..length -> float (min m dimension) * Math.Log(float alphabet) |]

/// The law of the excess e = m_end − k, where m_end is the end of the block that holds the k-th revealed
/// token: every block before it is drawn from uniform conditionals, every block after it is determined,
/// and that block's e surplus tokens are the only error. Entry e is P(excess = e), e = 0..n−k.
[<CompiledName("ExcessLaw")>]
let excessLaw (length: int) (dimension: int) (kernel: IRevealKernel) =
    check length dimension

    if kernel.Length <> length then
        invalidArg "kernel" $"the kernel is for L = {kernel.Length}; the code has n = {length}."

    let excess = Array.zeroCreate (length - dimension + 1)
    let mutable before = Array.zeroCreate dimension
    before[0] <- 1.0

    for step in 1 .. kernel.Steps do
        let next = Array.zeroCreate dimension

        for m in 0 .. dimension - 1 do
            if before[m] > 0.0 then
                for atom in kernel.Law(step, m) do
                    let w = before[m] * atom.Weight

                    if m + atom.Size >= dimension then
                        excess[m + atom.Size - dimension] <- excess[m + atom.Size - dimension] + w
                    else
                        next[m + atom.Size] <- next[m + atom.Size] + w

        before <- next

    excess

/// E_π KL(p ‖ q_π) = ln q · E[m_end − k].
[<CompiledName("ExpectedKl")>]
let expectedKl (length: int) (dimension: int) (alphabet: int) (kernel: IRevealKernel) =
    let law = excessLaw length dimension kernel

    Math.Log(float alphabet)
    * (law |> Array.mapi (fun e w -> float e * w) |> Array.sum)

/// KL(p ‖ E_π q_π) = −ln E[q^−(m_end − k)] = −ln P(the sampler outputs a codeword).
[<CompiledName("MixtureKl")>]
let mixtureKl (length: int) (dimension: int) (alphabet: int) (kernel: IRevealKernel) =
    let law = excessLaw length dimension kernel

    let direct =
        law
        |> Array.mapi (fun e w -> w * Math.Pow(float alphabet, -float e))
        |> Array.sum

    // Below the normal doubles the sum has underflowed (q^−e at q = 256, e = 251 is 2^−2008): sum in logs instead.
    if direct > 0.0 && not (Double.IsSubnormal direct) then
        -Math.Log direct
    else
        let logs =
            law
            |> Array.mapi (fun e w ->
                if w > 0.0 then
                    Math.Log w - float e * Math.Log(float alphabet)
                else
                    -infinity)

        let top = Array.max logs
        -(top + Math.Log(logs |> Array.sumBy (fun x -> Math.Exp(x - top))))
