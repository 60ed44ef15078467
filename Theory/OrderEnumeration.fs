/// Brute-force references for tiny L, computed from the joint table through the block chain rule and
/// never from the entropy profile: E KL(p ‖ q_π) = Σ_k [Σ_{i∈B_k} H(X_i | X_S) − H(X_{B_k} | X_S)],
/// with every H(X_S) taken from its own marginal.
module Dlm.Theory.OrderEnumeration

open System.Collections.Generic
open System.Numerics

/// The largest L the enumerations accept.
[<Literal>]
let MaxLength = 7

let private checkLength (joint: JointDistribution) =
    if joint.Length > MaxLength then
        invalidArg "joint" $"L = {joint.Length}; brute-force enumeration is limited to L ≤ {MaxLength}."

/// H(X_S) for every S ⊆ {0..L−1}, indexed by the bitmask of S.
let private subsetEntropies (joint: JointDistribution) =
    Array.init (1 <<< joint.Length) (fun mask ->
        joint.Marginal
            [|
                for i in 0 .. joint.Length - 1 do
                    if (mask >>> i) &&& 1 = 1 then
                        i
            |]
        |> Information.entropy)

/// The KL of revealing block `block` after the set `revealed`, both bitmasks.
let private blockCost (h: float[]) (revealed: int) (block: int) =
    let mutable separate = 0.0

    for i in 0..31 do
        if (block >>> i) &&& 1 = 1 then
            separate <- separate + h[revealed ||| (1 <<< i)] - h[revealed]

    separate - (h[revealed ||| block] - h[revealed])

/// E_π KL(p ‖ q_π) for deterministic sizes, averaged over all L! reveal orders.
[<CompiledName("ExpectedKlOverOrders")>]
let expectedKlOverOrders (joint: JointDistribution) (sizes: int[]) =
    checkLength joint

    if Array.sum sizes <> joint.Length || sizes |> Array.exists (fun s -> s < 0) then
        invalidArg "sizes" $"sizes must be ≥ 0 and sum to L = {joint.Length}."

    let h = subsetEntropies joint
    let order = Array.init joint.Length id
    let mutable total = 0.0
    let mutable count = 0

    let costOfOrder () =
        let mutable revealed = 0
        let mutable position = 0
        let mutable cost = 0.0

        for s in sizes do
            let mutable block = 0

            for i in position .. position + s - 1 do
                block <- block ||| (1 <<< order[i])

            cost <- cost + blockCost h revealed block
            revealed <- revealed ||| block
            position <- position + s

        cost

    let swap i j =
        let t = order[i]
        order[i] <- order[j]
        order[j] <- t

    let rec permute i =
        if i = joint.Length then
            total <- total + costOfOrder ()
            count <- count + 1
        else
            for j in i .. joint.Length - 1 do
                swap i j
                permute (i + 1)
                swap i j

    permute 0
    total / float count

/// Every subset of the positions in `available` (a bitmask) with exactly `size` elements.
let internal subsetsOfSize (available: int) (size: int) =
    let positions =
        [|
            for i in 0..31 do
                if (available >>> i) &&& 1 = 1 then
                    i
        |]

    let rec pick start size acc =
        seq {
            if size = 0 then
                yield acc
            else
                for j in start .. positions.Length - size do
                    yield! pick (j + 1) (size - 1) (acc ||| (1 <<< positions[j]))
        }

    pick 0 size 0

/// E KL for a Markov size kernel, by exact recursion over (step, revealed set): each step's block is a
/// uniformly random subset of the masked positions, of a size drawn from the kernel.
[<CompiledName("ExpectedKlOverRevealSets")>]
let expectedKlOverRevealSets (joint: JointDistribution) (kernel: IRevealKernel) =
    checkLength joint

    if kernel.Length <> joint.Length then
        invalidArg "kernel" $"the kernel is for L = {kernel.Length}; the joint has L = {joint.Length}."

    let h = subsetEntropies joint
    let full = (1 <<< joint.Length) - 1
    let memo = Dictionary<struct (int * int), float>()

    let rec future step revealed =
        if step > kernel.Steps then
            if revealed <> full then
                invalidArg "kernel" "the kernel leaves positions masked after its last step."

            0.0
        else
            match memo.TryGetValue(struct (step, revealed)) with
            | true, v -> v
            | _ ->
                let mutable value = 0.0

                for atom in kernel.Law(step, BitOperations.PopCount(uint32 revealed)) do
                    let blocks = subsetsOfSize (full ^^^ revealed) atom.Size |> Seq.toArray

                    for block in blocks do
                        value <-
                            value
                            + atom.Weight / float blocks.Length
                              * (blockCost h revealed block + future (step + 1) (revealed ||| block))

                memo[struct (step, revealed)] <- value
                value

    future 1 0
