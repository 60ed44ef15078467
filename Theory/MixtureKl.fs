/// The sampler's actual output law q = E_π q_π, enumerated exactly for tiny L and q.
module Dlm.Theory.MixtureKl

open System
open System.Collections.Generic
open System.Numerics
open MathNet.Numerics

/// The most partial sequences the enumeration visits: (q+1)^L ≤ 4^7, so L ≤ 7 with q ≤ 3, or shorter L with larger q.
[<Literal>]
let MaxStates = 16384

/// Whether the exact mixture is feasible: L ≤ 7 and (q+1)^L ≤ 4^7 (always so for q ≤ 3).
[<CompiledName("IsFeasible")>]
let isFeasible (length: int) (alphabet: int) =
    length <= OrderEnumeration.MaxLength
    && float (alphabet + 1) ** float length <= float MaxStates

/// The output law q(x) of the oracle sampler that reveals, at step k, a uniformly random subset of the
/// masked positions of a size drawn from the kernel, each token drawn independently from p(x_i | x_S).
[<CompiledName("OutputLaw")>]
let outputLaw (joint: JointDistribution) (kernel: IRevealKernel) : float[] =
    let length, q = joint.Length, joint.Alphabet

    if not (isFeasible length q) then
        invalidArg
            "joint"
            ($"L = {length}, q = {q}; the exact mixture is limited to L ≤ {OrderEnumeration.MaxLength} "
             + $"and (q+1)^L ≤ {MaxStates} (q ≤ 3 at L = 7).")

    if kernel.Length <> length then
        invalidArg "kernel" $"the kernel is for L = {kernel.Length}; the joint has L = {length}."

    let conditionals = Dictionary<string, float[][]>()

    let conditionalsOf (partial: int[]) =
        let key = String.Join(",", partial)

        match conditionals.TryGetValue key with
        | true, c -> c
        | _ ->
            let c = joint.Conditionals partial
            conditionals[key] <- c
            c

    let mutable states = Dictionary<string, struct (int[] * float)>()
    let start = Array.create length q
    states[String.Join(",", start)] <- struct (start, 1.0)

    for step in 1 .. kernel.Steps do
        let next = Dictionary<string, struct (int[] * float)>()

        let add (partial: int[]) w =
            let key = String.Join(",", partial)

            match next.TryGetValue key with
            | true, struct (_, v) -> next[key] <- struct (partial, v + w)
            | _ -> next[key] <- struct (partial, w)

        for KeyValue(_, struct (partial, w)) in states do
            let mutable maskedSet = 0

            for i in 0 .. length - 1 do
                if partial[i] = q then
                    maskedSet <- maskedSet ||| (1 <<< i)

            let masked = BitOperations.PopCount(uint32 maskedSet)
            let law = conditionalsOf partial

            for atom in kernel.Law(step, length - masked) do
                let blockWeight = w * atom.Weight / SpecialFunctions.Binomial(masked, atom.Size)

                for block in OrderEnumeration.subsetsOfSize maskedSet atom.Size do
                    let positions =
                        [|
                            for i in 0 .. length - 1 do
                                if (block >>> i) &&& 1 = 1 then
                                    i
                        |]

                    let rec fill j (child: int[]) weight =
                        if weight > 0.0 then
                            if j = positions.Length then
                                add child weight
                            else
                                for a in 0 .. q - 1 do
                                    let c = Array.copy child
                                    c[positions[j]] <- a
                                    fill (j + 1) c (weight * law[positions[j]][a])

                    fill 0 partial blockWeight

        states <- next

    let output = Array.zeroCreate joint.Size

    for KeyValue(_, struct (partial, w)) in states do
        if partial |> Array.exists (fun v -> v = q) then
            invalidArg "kernel" "the kernel leaves positions masked after its last step."

        output[joint.Index partial] <- output[joint.Index partial] + w

    output

/// KL(p ‖ q) for the sampler's output law q; by convexity it is at most E_π KL(p ‖ q_π).
[<CompiledName("Compute")>]
let compute (joint: JointDistribution) (kernel: IRevealKernel) =
    Information.kl (joint.ToArray()) (outputLaw joint kernel)
