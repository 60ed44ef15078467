using Dlm.Sampling.Estimators;
using static TorchSharp.torch;

namespace Dlm.Training;

/// <summary>
/// How a training batch is masked; both estimate the any-order NLL bound (the ELBO, nats per sequence).
/// </summary>
public enum MaskingObjective
{
    /// <summary>
    /// MDLM continuous time: t ~ U(0,1), stratified over the batch (t_b = (b + u)/B), each position masked with
    /// probability t; ELBO_b = Σ_masked CE / t.
    /// </summary>
    Mdlm,

    /// <summary>
    /// Count-based: the revealed set is a uniform random subset of uniform size m ∈ {0..L−1}, exactly the
    /// states the uniform-position sampler visits; ELBO_b = L/(L−m) · Σ_masked CE.
    /// </summary>
    Count,
}

/// <summary>
/// A masked batch: the inputs (mask id at masked positions), the clean targets, and the ELBO weights.
/// </summary>
/// <param name="Inputs">(B, L) int64 with the mask id at masked positions.</param>
/// <param name="Targets">(B, L) int64 clean tokens.</param>
/// <param name="Masked">(B, L) float, 1 where masked.</param>
/// <param name="Weights">(B) float, the per-sequence ELBO weight (1/t or L/(L−m)).</param>
public sealed record MaskedBatch(Tensor Inputs, Tensor Targets, Tensor Masked, Tensor Weights);

/// <summary>Masking and the loss.</summary>
public static class Objectives
{
    /// <summary>Masks <paramref name="clean"/> (B rows of L tokens) with draws from <paramref name="rng"/>.</summary>
    public static MaskedBatch Mask(MaskingObjective objective, int[][] clean, int maskId, Random rng, Device device)
    {
        var (batch, length) = (clean.Length, clean[0].Length);
        var inputs = new long[batch * length];
        var targets = new long[batch * length];
        var masked = new float[batch * length];
        var weights = new float[batch];
        var offset = rng.NextDouble();
        for (var b = 0; b < batch; b++)
        {
            bool[] hide;
            if (objective == MaskingObjective.Mdlm)
            {
                var t = (b + offset) / batch;
                hide = Enumerable.Range(0, length).Select(_ => rng.NextDouble() < t).ToArray();
                weights[b] = (float)(1 / t);
            }
            else
            {
                var set = RevealedSet.Draw(length, rng);
                hide = new bool[length];
                foreach (var i in set.Masked)
                    hide[i] = true;
                weights[b] = (float)length / (length - set.Count);
            }
            for (var i = 0; i < length; i++)
            {
                targets[b * length + i] = clean[b][i];
                inputs[b * length + i] = hide[i] ? maskId : clean[b][i];
                masked[b * length + i] = hide[i] ? 1 : 0;
            }
        }
        return new MaskedBatch(
            tensor(inputs, [batch, length], device: device),
            tensor(targets, [batch, length], device: device),
            tensor(masked, [batch, length], device: device),
            tensor(weights, [batch], device: device)
        );
    }

    /// <summary>
    /// The per-sequence ELBO estimates, weight_b · Σ_masked −ln p̂(x_i | x_masked), from logits (B, L, q).
    /// Their mean is the ELBO in nats per sequence; divided by L it is the training loss.
    /// </summary>
    public static Tensor SequenceElbo(Tensor logits, MaskedBatch batch)
    {
        var (b, l, q) = (logits.shape[0], logits.shape[1], logits.shape[2]);
        var crossEntropy = nn
            .functional.cross_entropy(
                logits.reshape(b * l, q),
                batch.Targets.reshape(b * l),
                reduction: nn.Reduction.None
            )
            .reshape(b, l);
        return (crossEntropy * batch.Masked).sum(1) * batch.Weights;
    }
}
