/// Tolerances stated in terms of the numerics.
module Dlm.PropertyTests.Numerics

/// Exact float64 identities agree to 1e-9 relative, with 1 nat as the floor of the scale.
let close (a: float) (b: float) =
    abs (a - b) <= 1e-9 * max 1.0 (max (abs a) (abs b))

/// a ≤ b up to the same relative rounding allowance.
let atMost (a: float) (b: float) = a <= b + 1e-9 * max 1.0 (abs b)

/// A labelled comparison, so that a failure prints both sides.
let closeLabelled name a b =
    FsCheck.FSharp.Prop.label $"{name}: {a:R} vs {b:R}" (close a b)
