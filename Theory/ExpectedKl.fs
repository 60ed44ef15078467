/// The exact expected error E_π KL(p ‖ q_π) of a schedule with uniformly random positions and the oracle
/// predictor, from the entropy profile alone (Identities A, B and C).
module Dlm.Theory.ExpectedKl

open System

/// A schedule's exact error with the law of its realised step count (NFE: non-empty steps).
type ScheduleError =
    {
        /// E_π KL(p ‖ q_π), nats.
        ExpectedKl: float
        /// E[NFE].
        MeanNfe: float
        /// P(NFE = j), j = 0..K, computed on first use (it costs a factor K over the error).
        NfeLaw: Lazy<float[]>
    }

/// The error of one step of size s after m reveals: s·Δ(m) − (f(m+s) − f(m)) = Σ_{j=m}^{m+s−1} (Δ(m) − Δ(j)).
/// A result within float64 rounding of its two terms (1e-12 of their size) is below the resolution of the inputs
/// and is returned as 0; the true value is ≥ 0 whenever Δ is non-increasing.
[<CompiledName("StepCost")>]
let stepCost (profile: EntropyProfile) (revealed: int) (size: int) =
    if size = 0 then
        0.0
    else
        let linear = float size * profile.Delta revealed
        let gain = profile[revealed + size] - profile[revealed]
        let cost = linear - gain

        if abs cost <= 1e-12 * (abs linear + abs gain) then
            0.0
        else
            cost

/// The same step cost, s·Δ(m) − (f(m+s) − f(m)), as float64 computes it, residue included. The optimal DP compares
/// these: clearing residues would tie blocks that differ by rounding and change which sizes it returns.
[<CompiledName("UnroundedStepCost")>]
let unroundedStepCost (profile: EntropyProfile) (revealed: int) (size: int) =
    float size * profile.Delta revealed
    - (profile[revealed + size] - profile[revealed])

let private checkKernelLaw (kernel: IRevealKernel) step revealed (law: SizeWeight[]) =
    let mutable total = 0.0

    for atom in law do
        if atom.Size < 0 || atom.Size > kernel.Length - revealed then
            invalidArg
                "kernel"
                ($"P(s | k={step}, m={revealed}) puts mass on s = {atom.Size}; "
                 + $"sizes must lie in 0..{kernel.Length - revealed}.")

        total <- total + atom.Weight

    if abs (total - 1.0) > 1e-9 then
        invalidArg "kernel" $"P(· | k={step}, m={revealed}) sums to {total:R}; it must sum to 1 within 1e-9."

/// The law of (NFE, m) through the kernel: a forward pass over (revealed, non-empty steps so far).
let private nfeLaw (kernel: IRevealKernel) =
    let length, steps = kernel.Length, kernel.Steps
    let mutable mass = Array2D.zeroCreate (length + 1) (steps + 1)
    mass[0, 0] <- 1.0

    for k in 1..steps do
        let next = Array2D.zeroCreate (length + 1) (steps + 1)

        for m in 0..length do
            let law = lazy kernel.Law(k, m)

            for j in 0 .. k - 1 do
                if mass[m, j] > 0.0 then
                    for atom in law.Value do
                        let j' = if atom.Size > 0 then j + 1 else j
                        next[m + atom.Size, j'] <- next[m + atom.Size, j'] + mass[m, j] * atom.Weight

        mass <- next

    Array.init (steps + 1) (fun j -> mass[length, j])

/// Identity A: sizes s_1..s_K summing to L give E KL = Σ_k [s_k·Δ(m_{k−1}) − (f(m_k) − f(m_{k−1}))].
[<CompiledName("Deterministic")>]
let deterministic (profile: EntropyProfile) (sizes: int[]) =
    if isNull sizes || sizes.Length = 0 then
        invalidArg "sizes" "a schedule needs at least one step."

    if sizes |> Array.exists (fun s -> s < 0) then
        invalidArg "sizes" "step sizes must be ≥ 0."

    if Array.sum sizes <> profile.Length then
        invalidArg "sizes" $"the sizes sum to {Array.sum sizes}; they must sum to L = {profile.Length}."

    let mutable revealed = 0
    let mutable error = 0.0

    for s in sizes do
        error <- error + stepCost profile revealed s
        revealed <- revealed + s

    let nfe = sizes |> Array.filter (fun s -> s > 0) |> Array.length

    {
        ExpectedKl = error
        MeanNfe = float nfe
        NfeLaw = lazy (Array.init (sizes.Length + 1) (fun j -> if j = nfe then 1.0 else 0.0))
    }

/// Identity B: for a Markov size kernel, E KL = Σ_k Σ_m P(m_{k−1}=m) Σ_s P(s|k,m) [s·Δ(m) − f(m+s) + f(m)],
/// by one forward pass over m in O(K·L·support).
[<CompiledName("Markov")>]
let markov (profile: EntropyProfile) (kernel: IRevealKernel) =
    let length = profile.Length

    if kernel.Length <> length then
        invalidArg "kernel" $"the kernel is for L = {kernel.Length}; the profile has L = {length}."

    if kernel.Steps < 1 then
        invalidArg "kernel" $"K = {kernel.Steps}; it must be ≥ 1."

    let mutable mass = Array.zeroCreate (length + 1)
    mass[0] <- 1.0
    let mutable error = 0.0
    let mutable meanNfe = 0.0

    for k in 1 .. kernel.Steps do
        let next = Array.zeroCreate (length + 1)

        for m in 0..length do
            if mass[m] > 0.0 then
                let law = kernel.Law(k, m)
                checkKernelLaw kernel k m law

                for atom in law do
                    let w = mass[m] * atom.Weight

                    if atom.Size > 0 then
                        error <- error + w * stepCost profile m atom.Size
                        meanNfe <- meanNfe + w

                    next[m + atom.Size] <- next[m + atom.Size] + w

        mass <- next

    if abs (mass[length] - 1.0) > 1e-9 then
        invalidArg
            "kernel"
            ($"the kernel reveals all L = {length} positions within K = {kernel.Steps} steps "
             + $"with probability {mass[length]:R}; it must be 1.")

    {
        ExpectedKl = error
        MeanNfe = meanNfe
        NfeLaw = lazy (nfeLaw kernel)
    }

/// Identity C: i.i.d. reveal times with P(τ ≤ k) = W_k give
/// E KL = Σ_k [(W_k − W_{k−1})·g'(W_{k−1}) − (g(W_k) − g(W_{k−1}))] in O(K·L), and
/// E[NFE] = Σ_k [1 − (1 − (W_k − W_{k−1}))^L].
[<CompiledName("IidReveal")>]
let iidReveal (profile: EntropyProfile) (grid: float[]) =
    let steps = RevealKernel.checkGrid grid
    let length = profile.Length
    let g = grid |> Array.map (BernoulliProfile.value profile)
    let mutable error = 0.0
    let mutable meanNfe = 0.0

    for k in 1..steps do
        let width = grid[k] - grid[k - 1]

        if width > 0.0 then
            error <-
                error + width * BernoulliProfile.derivative profile grid[k - 1]
                - (g[k] - g[k - 1])

            meanNfe <- meanNfe + 1.0 - Math.Pow(1.0 - width, float length)

    {
        ExpectedKl = error
        MeanNfe = meanNfe
        NfeLaw = lazy (nfeLaw (RevealKernel.binomial length grid))
    }
