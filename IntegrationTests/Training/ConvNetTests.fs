/// The dilated convolutional network: what each position's logits can see.
module Dlm.IntegrationTests.Training.ConvNetTests

open Dlm.Training
open TorchSharp
open global.Xunit

/// The positions j whose token changes the logits at position i, found by changing one token at a time.
let private dependence (config: ModelConfig) =
    use network = config.Create 11L
    network.eval ()
    use _ = torch.no_grad ()
    let length = config.Length
    let tokens = Array.init length (fun i -> int64 (i % config.Alphabet))

    let logits (input: int64[]) =
        // As the predictor does: every temporary of the forward pass stays reachable until the scope ends.
        use _ = torch.NewDisposeScope()
        use x = torch.tensor (input, System.ReadOnlySpan [| 1L; int64 length |])
        use y = network.forward x
        y.data<float32>().ToArray()

    let reference = logits tokens

    Array2D.init length length (fun i j ->
        let changed = Array.copy tokens
        changed[j] <- int64 config.MaskId
        let moved = logits changed

        Seq.init config.Alphabet (fun s -> moved[i * config.Alphabet + s] <> reference[i * config.Alphabet + s])
        |> Seq.exists id)

/// 1 + 2·Σ_b d_b positions around each one, d_b the dilations (1, 2, 4, …), counted here from the definition.
[<Theory>]
[<InlineData(12, 1)>]
[<InlineData(12, 2)>]
[<InlineData(12, 4)>]
[<InlineData(5, 3)>]
[<InlineData(1, 2)>]
let ``position i sees exactly the tokens within the sum of the dilations`` (length: int, blocks: int) =
    let config =
        ModelConfig(length, 3, 8, blocks, 2, 2, 0.0, NetworkArchitecture.Convolution)

    let cycle = max 1 (int (ceil (log (float length) / log 2.0)))
    let reach = Seq.init blocks (fun b -> pown 2 (b % cycle)) |> Seq.sum
    let seen = dependence config

    for i in 0 .. length - 1 do
        for j in 0 .. length - 1 do
            Assert.True((abs (i - j) <= reach) = seen[i, j], $"L = {length}, {blocks} blocks: position {i}, token {j}")

[<Fact>]
let ``the dilations double and wrap once they reach L, so that ⌈log₂ L⌉ blocks see the whole sequence`` () =
    Assert.Equal<int list>([ 1; 2; 4; 8; 1; 2 ], [ for b in 0..5 -> MaskedConvNet.Dilation(b, 12) ])
    Assert.Equal<int list>([ 1; 2; 4; 1 ], [ for b in 0..3 -> MaskedConvNet.Dilation(b, 8) ])
    Assert.Equal<int list>([ 1; 1 ], [ for b in 0..1 -> MaskedConvNet.Dilation(b, 1) ])

/// The depth `dlm train --arch convolution` takes when none is given: the fewest blocks of dilations 1, 2, 4, …
/// whose reach 2^b − 1 covers the L − 1 other positions, found here by counting up.
[<Theory>]
[<InlineData(1)>]
[<InlineData(2)>]
[<InlineData(12)>]
[<InlineData(16)>]
[<InlineData(17)>]
[<InlineData(64)>]
let ``a convolutional network given no depth is the shallowest that sees the whole sequence`` (length: int) =
    let shallowest =
        Seq.initInfinite ((+) 1)
        |> Seq.find (fun blocks -> pown 2 blocks - 1 >= length - 1)

    let resolve (request: TrainingRequest) =
        let struct (model, _) = request.Resolve(length, 5, null)
        model.Layers

    let convolution = System.Nullable NetworkArchitecture.Convolution
    Assert.Equal(shallowest, resolve (TrainingRequest(Architecture = convolution)))
    Assert.Equal(2, resolve (TrainingRequest(Architecture = convolution, Layers = System.Nullable 2)))

/// The layout that makes a linear layer over the taps equal to Conv1d with weight V[·, c, k], counted by hand.
[<Fact>]
let ``the taps are the convolution's inputs: out[b, i, 3c + k] = h[b, i + (k − 1)·d, c], zero outside the sequence``
    ()
    =
    let batch, length, channels = 2, 7, 3
    let values = Array.init (batch * length * channels) (fun n -> float32 (n + 1))
    use _ = torch.NewDisposeScope()

    let h =
        torch.tensor (values, System.ReadOnlySpan [| int64 batch; int64 length; int64 channels |])

    for dilation in [ 1; 2; 4; 8 ] do
        let taps = MaskedConvNet.Taps(h, int64 dilation)
        Assert.Equal<int64[]>([| int64 batch; int64 length; int64 (3 * channels) |], taps.shape)
        let got = taps.data<float32>().ToArray()

        for b in 0 .. batch - 1 do
            for i in 0 .. length - 1 do
                for c in 0 .. channels - 1 do
                    for k in 0..2 do
                        let j = i + (k - 1) * dilation

                        let expected =
                            if j >= 0 && j < length then
                                values[(b * length + j) * channels + c]
                            else
                                0.0f

                        Assert.Equal(expected, got[(b * length + i) * 3 * channels + 3 * c + k])
