namespace Dlm.Theory

open System
open MathNet.Numerics

/// The entropy profile f(m) = E_{|S|=m} H(X_S), m = 0..L, the average over uniformly random subsets of
/// size m (nats). Its increments Δ(m) = f(m+1) − f(m) are non-increasing (Han), f(0) = 0, f(L) = H(X).
[<Sealed>]
type EntropyProfile private (f: float[]) =

    let delta = Array.init (f.Length - 1) (fun m -> f[m + 1] - f[m])

    /// A profile from its values f(0..L): finite, with f(0) = 0 and L ≥ 1 (closed forms use this).
    static member FromValues(values: float[]) =
        if isNull values || values.Length < 2 then
            invalidArg "values" "a profile needs f(0..L) with L ≥ 1."

        if values |> Array.exists (fun v -> not (Double.IsFinite v)) then
            invalidArg "values" "every f(m) must be finite."

        if values[0] <> 0.0 then
            invalidArg "values" $"f(0) = {values[0]}; it must be 0."

        EntropyProfile(Array.copy values)

    /// The exact profile of a dense joint, by a depth-first walk of the subset lattice that uses all cores:
    /// f(m) = Σ_{|S|=m} H(X_S) / C(L, m).
    static member Of(joint: JointDistribution) =
        let sums = SubsetLattice.entropySumsBySize joint.Length joint.Alphabet joint.Table

        let f =
            sums
            |> Array.mapi (fun m s -> s / Math.Exp(SpecialFunctions.BinomialLn(joint.Length, m)))

        f[0] <- 0.0
        EntropyProfile f

    /// L.
    member _.Length = f.Length - 1

    /// f(m).
    member _.Item
        with get (m: int) = f[m]

    /// f(0..L), copied.
    member _.Values = Array.copy f
    /// Δ(m) = f(m+1) − f(m) = E_{|S|=m} H(X_i | X_S) for a uniformly random masked i, m = 0..L−1.
    member _.Delta(m: int) = delta[m]
    /// Δ(0..L−1), copied.
    member _.Deltas = Array.copy delta
    /// H(X) = f(L).
    member _.Entropy = f[f.Length - 1]
    /// TC = Σ_i H(X_i) − H(X) = Σ_{j<L} (Δ(0) − Δ(j)).
    member _.Tc = delta |> Array.sumBy (fun d -> delta[0] - d)
    /// DTC = H(X) − Σ_i H(X_i | X_−i) = Σ_{j<L} (Δ(j) − Δ(L−1)).
    member _.Dtc = delta |> Array.sumBy (fun d -> d - delta[delta.Length - 1])
    /// Σ_i I(X_i; X_−i) = TC + DTC = L·(Δ(0) − Δ(L−1)).
    member this.MutualInformationSum = this.Tc + this.Dtc
