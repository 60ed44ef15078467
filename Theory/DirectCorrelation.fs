/// TC and DTC computed pointwise from the joint table, independently of the entropy profile.
module Dlm.Theory.DirectCorrelation

open System

/// TC = KL(p ‖ Π_i p_i) = Σ_x p(x) ln( p(x) / Π_i p_i(x_i) ).
[<CompiledName("TotalCorrelation")>]
let totalCorrelation (joint: JointDistribution) =
    let marginals = Array.init joint.Length (fun i -> joint.Marginal [| i |])
    let mutable tc = 0.0

    for index in 0 .. joint.Size - 1 do
        let px = joint[index]

        if px > 0.0 then
            let x = joint.Decode index
            let mutable logProduct = 0.0

            for i in 0 .. joint.Length - 1 do
                logProduct <- logProduct + Math.Log(marginals[i][x[i]])

            tc <- tc + px * (Math.Log px - logProduct)

    tc

/// DTC = H(X) − Σ_i H(X_i | X_−i) = Σ_x p(x) ln( Π_i p(x_i | x_−i) / p(x) ),
/// with p(x_i | x_−i) = p(x) / Σ_a p(x with x_i = a).
[<CompiledName("DualTotalCorrelation")>]
let dualTotalCorrelation (joint: JointDistribution) =
    let q = joint.Alphabet
    let mutable dtc = 0.0

    for index in 0 .. joint.Size - 1 do
        let px = joint[index]

        if px > 0.0 then
            let x = joint.Decode index
            let mutable sumLogConditional = 0.0
            let mutable stride = 1

            for i in joint.Length - 1 .. -1 .. 0 do
                let baseIndex = index - x[i] * stride
                let mutable context = 0.0

                for a in 0 .. q - 1 do
                    context <- context + joint[baseIndex + a * stride]

                sumLogConditional <- sumLogConditional + Math.Log(px / context)
                stride <- stride * q

            dtc <- dtc + px * (sumLogConditional - Math.Log px)

    dtc
