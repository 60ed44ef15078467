namespace Dlm.Theory

/// The measures of dependence that a certified constant divides E KL by.
type Measure =
    /// TC = Σ_i H(X_i) − H(X).
    | Tc = 0
    /// DTC = H(X) − Σ_i H(X_i | X_−i).
    | Dtc = 1
    /// min(TC, DTC).
    | Min = 2
    /// TC + DTC = Σ_i I(X_i; X_−i).
    | Sum = 3

/// The value of a measure, its value on an atom, and its name.
module Measures =
    /// Every measure, in the order of reports: TC, DTC, min, sum.
    [<CompiledName("All")>]
    let all = [| Measure.Tc; Measure.Dtc; Measure.Min; Measure.Sum |]

    /// X(TC, DTC) for the measure X.
    [<CompiledName("Of")>]
    let ofValues (measure: Measure) (tc: float) (dtc: float) =
        match measure with
        | Measure.Tc -> tc
        | Measure.Dtc -> dtc
        | Measure.Min -> min tc dtc
        | Measure.Sum -> tc + dtc
        | _ -> invalidArg (nameof measure) $"unknown measure {int measure}."

    /// X(a_k) in units of ln q for the atom a_k(m) = min(m, k), 1 ≤ k < L: TC = L − k, DTC = k.
    [<CompiledName("OfAtom")>]
    let ofAtom (measure: Measure) (length: int) (dimension: int) =
        ofValues measure (float (length - dimension)) (float dimension)

    /// The name in reports, files and baseline ids: tc, dtc, min or sum.
    [<CompiledName("Name")>]
    let name (measure: Measure) = (string measure).ToLowerInvariant()
