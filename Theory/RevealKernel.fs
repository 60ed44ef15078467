namespace Dlm.Theory

open System

/// One atom of a size law: step size `Size` with probability `Weight`.
[<Struct>]
type SizeWeight = { Size: int; Weight: float }

/// A Markov size law P(s | k, m): the law of step k's size given that m positions are revealed before
/// it, for k = 1..Steps and m = 0..Length. Sizes lie in 0..Length−m and the weights sum to 1.
type IRevealKernel =
    /// L.
    abstract Length: int
    /// K.
    abstract Steps: int
    /// The atoms of P(· | k, m).
    abstract Law: step: int * revealed: int -> SizeWeight[]

/// The two kernels every schedule reduces to.
module RevealKernel =

    /// Deterministic sizes s_1..s_K: P(s | k, m) = 1{s = s_k}.
    [<CompiledName("Deterministic")>]
    let deterministic (sizes: int[]) =
        let length = Array.sum sizes

        { new IRevealKernel with
            member _.Length = length
            member _.Steps = sizes.Length

            member _.Law(step, _) =
                [| { Size = sizes[step - 1]; Weight = 1.0 } |]
        }

    /// Validates a reveal grid 0 = W_0 ≤ W_1 ≤ … ≤ W_K = 1 and returns K.
    [<CompiledName("CheckGrid")>]
    let checkGrid (grid: float[]) =
        if isNull grid || grid.Length < 2 then
            invalidArg "grid" "a reveal grid needs W_0..W_K with K ≥ 1."

        if grid[0] <> 0.0 || grid[grid.Length - 1] <> 1.0 then
            invalidArg "grid" $"W_0 = {grid[0]} and W_K = {grid[grid.Length - 1]}; they must be 0 and 1."

        for k in 1 .. grid.Length - 1 do
            if not (grid[k] >= grid[k - 1]) then
                invalidArg "grid" $"W_{k} = {grid[k]} < W_{k - 1} = {grid[k - 1]}; the grid must be non-decreasing."

        grid.Length - 1

    /// The hazard h_k = (W_k − W_{k−1}) / (1 − W_{k−1}): the chance that a still-masked token is revealed at step k.
    [<CompiledName("Hazard")>]
    let hazard (grid: float[]) (step: int) =
        if grid[step - 1] >= 1.0 then
            0.0
        else
            min 1.0 ((grid[step] - grid[step - 1]) / (1.0 - grid[step - 1]))

    /// I.i.d. reveal times with P(τ ≤ k) = W_k: P(s | k, m) = Binomial(L − m, h_k)(s).
    [<CompiledName("Binomial")>]
    let binomial (length: int) (grid: float[]) =
        let steps = checkGrid grid

        if length < 1 then
            invalidArg "length" $"L = {length}; it must be ≥ 1."

        { new IRevealKernel with
            member _.Length = length
            member _.Steps = steps

            member _.Law(step, revealed) =
                let law = BinomialLaw.pmf (length - revealed) (hazard grid step)

                [|
                    for s in 0 .. law.Length - 1 do
                        if law[s] > 0.0 then
                            { Size = s; Weight = law[s] }
                |]
        }

    /// P(m_k = m) for k = 0..K and m = 0..L: the law of the revealed count after each step, by a forward pass.
    [<CompiledName("RevealedLaws")>]
    let revealedLaws (kernel: IRevealKernel) =
        let laws =
            Array.init (kernel.Steps + 1) (fun _ -> Array.zeroCreate (kernel.Length + 1))

        laws[0][0] <- 1.0

        for k in 1 .. kernel.Steps do
            for m in 0 .. kernel.Length do
                if laws[k - 1][m] > 0.0 then
                    for atom in kernel.Law(k, m) do
                        laws[k][m + atom.Size] <- laws[k][m + atom.Size] + laws[k - 1][m] * atom.Weight

        laws
