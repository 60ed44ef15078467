/// Upper bounds on E KL with explicit constants (docs/theory.md proves each one). TC and DTC in nats.
module Dlm.Theory.Bounds

let private checkSteps (steps: int) (least: int) =
    if steps < least then
        invalidArg "steps" $"K = {steps}; this bound needs K ≥ {least}."

/// B0, every schedule: E KL ≤ TC.
[<CompiledName("Universal")>]
let universal (tc: float) = tc

/// B1, deterministic sizes: E KL ≤ (s_max − 1)/L · (TC + DTC).
[<CompiledName("DeterministicSizes")>]
let deterministicSizes (length: int) (maxSize: int) (tc: float) (dtc: float) =
    float (maxSize - 1) / float length * (tc + dtc)

/// B1′, `linear` (W_k = k/K): E KL ≤ (TC + DTC)/K.
[<CompiledName("Linear")>]
let linear (steps: int) (tc: float) (dtc: float) =
    checkSteps steps 1
    (tc + dtc) / float steps

/// ρ = (K·L)^(−1/(K−1)), the ratio of the geometric grids of `adaptive-tc` and `adaptive-dtc` (K ≥ 2).
[<CompiledName("Rho")>]
let rho (length: int) (steps: int) =
    checkSteps steps 2
    (float steps * float length) ** (-1.0 / float (steps - 1))

/// r = ((1−ε)/ε)^(2/(K−2)) with ε = 1/(K·L), the odds ratio of the `adaptive-both` grid (K ≥ 3).
[<CompiledName("OddsRatio")>]
let oddsRatio (length: int) (steps: int) =
    checkSteps steps 3
    let epsilon = 1.0 / (float steps * float length)
    ((1.0 - epsilon) / epsilon) ** (2.0 / float (steps - 2))

/// B2, `adaptive-tc`: E KL ≤ (ρ^(−1) − 1 + 1/K) · TC, that is Õ(TC/K).
[<CompiledName("AdaptiveTc")>]
let adaptiveTc (length: int) (steps: int) (tc: float) =
    (1.0 / rho length steps - 1.0 + 1.0 / float steps) * tc

/// B3, `adaptive-dtc`: E KL ≤ (ρ^(−1) − 1 + 1/K) · DTC, that is Õ(DTC/K).
[<CompiledName("AdaptiveDtc")>]
let adaptiveDtc (length: int) (steps: int) (dtc: float) =
    (1.0 / rho length steps - 1.0 + 1.0 / float steps) * dtc

/// B4, `adaptive-both`: E KL ≤ (r − 1 + 2/K) · min(TC, DTC).
[<CompiledName("AdaptiveBoth")>]
let adaptiveBoth (length: int) (steps: int) (tc: float) (dtc: float) =
    (oddsRatio length steps - 1.0 + 2.0 / float steps) * min tc dtc

/// B5, `hedged` (K ≥ 6): E KL ≤ min((TC+DTC)/⌊K/2⌋, (r′ − 1 + 2/K′)·min(TC, DTC)), K′ = K − ⌊K/2⌋.
[<CompiledName("Hedged")>]
let hedged (length: int) (steps: int) (tc: float) (dtc: float) =
    checkSteps steps 6
    let half = steps / 2
    min (linear half tc dtc) (adaptiveBoth length (steps - half) tc dtc)
