/// A predictor that knows nothing, for properties that need one.
module Dlm.PropertyTests.UniformPredictor

open Dlm.Sampling.Sampler

/// The uniform law 1/q at every position of every state.
type Uniform(length: int, alphabet: int) =
    interface IMaskPredictor with
        member _.Length = length
        member _.Alphabet = alphabet

        member _.Predict(_, _, probabilities) =
            probabilities.Fill(1.0 / float alphabet)
