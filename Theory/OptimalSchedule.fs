/// The `optimal` schedule: the deterministic sizes that minimise Identity A with at most K steps.
/// It needs the profile, so it is an oracle and a lower envelope (B6), not a usable sampler schedule.
module Dlm.Theory.OptimalSchedule

/// The minimising sizes and their error.
type OptimalSizes = { Sizes: int[]; ExpectedKl: float }

/// V_k(m) = min over the next block end b > m of [cost(m, b) + V_{k−1}(b)], V_k(L) = 0, with
/// cost(m, b) = (b−m)·Δ(m) − (f(b) − f(m)); O(min(K, L)·L²) time.
[<CompiledName("Solve")>]
let solve (profile: EntropyProfile) (steps: int) =
    if steps < 1 then
        invalidArg "steps" $"K = {steps}; it must be ≥ 1."

    let length = profile.Length
    let budget = min steps length
    let value = Array2D.create (budget + 1) (length + 1) infinity
    let choice = Array2D.zeroCreate (budget + 1) (length + 1)
    value[0, length] <- 0.0

    for k in 1..budget do
        value[k, length] <- 0.0

        for m in 0 .. length - 1 do
            let mutable best = value[k - 1, m]
            let mutable bestEnd = -1

            for b in m + 1 .. length do
                let candidate = ExpectedKl.unroundedStepCost profile m (b - m) + value[k - 1, b]

                if candidate < best then
                    best <- candidate
                    bestEnd <- b

            value[k, m] <- best
            choice[k, m] <- bestEnd

    let sizes = ResizeArray()
    let mutable m = 0
    let mutable k = budget

    while m < length do
        let b = choice[k, m]

        if b >= 0 then
            sizes.Add(b - m)
            m <- b

        k <- k - 1
    // Reported through Identity A, so rounding residue is treated as everywhere else.
    {
        Sizes = sizes.ToArray()
        ExpectedKl = (ExpectedKl.deterministic profile (sizes.ToArray())).ExpectedKl
    }
