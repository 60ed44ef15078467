/// Certified constants: the exact sup over every distribution of K·E KL divided by TC, by DTC, by min(TC, DTC) and
/// by TC + DTC. E KL and the four measures are linear in the atom weights c_k ≥ 0 (min(TC, DTC) is concave and at
/// least Σ_k c_k min(TC_k, DTC_k)), so each sup is a maximum over the atoms, attained by an MDS code of that dimension.
module Dlm.Theory.WorstCase

/// sup K·E KL / X over every distribution, and an MDS dimension k that attains it.
[<Struct>]
type Supremum = { Constant: float; Dimension: int }

/// The certified constants of one schedule law at (L, K): E KL ≤ C·X/K for every distribution.
type Certified =
    {
        /// sup K·E KL / TC.
        Tc: Supremum
        /// sup K·E KL / DTC.
        Dtc: Supremum
        /// sup K·E KL / min(TC, DTC).
        Min: Supremum
        /// sup K·E KL / (TC + DTC).
        Sum: Supremum
    }

    /// The supremum on one measure.
    member this.Item
        with get (measure: Measure) =
            match measure with
            | Measure.Tc -> this.Tc
            | Measure.Dtc -> this.Dtc
            | Measure.Min -> this.Min
            | Measure.Sum -> this.Sum
            | _ -> invalidArg (nameof measure) $"unknown measure {int measure}."

    /// The certified bound min over X of C_X·X/K, nats, for a distribution with these TC and DTC.
    member this.Bound(steps: int, tc: float, dtc: float) =
        List.min
            [
                this.Tc.Constant * tc
                this.Dtc.Constant * dtc
                this.Min.Constant * min tc dtc
                this.Sum.Constant * (tc + dtc)
            ]
        / float steps

let private supremum (steps: int) (errors: float[]) (measure: Measure) =
    let mutable best = { Constant = 0.0; Dimension = 1 }
    let length = errors.Length + 1

    for k in 1 .. errors.Length do
        let ratio = float steps * errors[k - 1] / Measures.ofAtom measure length k

        if ratio > best.Constant then
            best <- { Constant = ratio; Dimension = k }

    best

/// The certified constants from E KL(a_k), k = 1..L−1 (<see cref="AtomErrors"/>): TC(a_k) = L − k, DTC(a_k) = k,
/// min = min(k, L − k), sum = L. A schedule exact on every atom has constants 0.
[<CompiledName("Certify")>]
let certify (steps: int) (atomErrors: float[]) =
    if steps < 1 then
        invalidArg (nameof steps) $"K = {steps}; it must be ≥ 1."

    if isNull atomErrors then
        invalidArg (nameof atomErrors) "the atom errors are missing."

    {
        Tc = supremum steps atomErrors Measure.Tc
        Dtc = supremum steps atomErrors Measure.Dtc
        Min = supremum steps atomErrors Measure.Min
        Sum = supremum steps atomErrors Measure.Sum
    }
