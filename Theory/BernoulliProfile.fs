/// The profile under Bernoulli(p) subsets: g(p) = E H(X_{S_p}), each position in S_p independently with
/// probability p. g is concave with g'(0) = Σ_i H(X_i) and g'(1) = Σ_i H(X_i | X_−i).
module Dlm.Theory.BernoulliProfile

/// g(p) = Σ_m C(L,m) p^m (1−p)^(L−m) f(m).
[<CompiledName("Value")>]
let value (profile: EntropyProfile) (p: float) =
    let law = BinomialLaw.pmf profile.Length p
    let mutable g = 0.0

    for m in 0 .. profile.Length do
        g <- g + law[m] * profile[m]

    g

/// g'(p) = L · E_{M ~ Bin(L−1, p)} Δ(M).
[<CompiledName("Derivative")>]
let derivative (profile: EntropyProfile) (p: float) =
    let law = BinomialLaw.pmf (profile.Length - 1) p
    let mutable slope = 0.0

    for m in 0 .. profile.Length - 1 do
        slope <- slope + law[m] * profile.Delta m

    float profile.Length * slope
