namespace Dlm.Sampling.Decoders;

/// <summary>A decoder's exact error and cost: KL(p ‖ q) of its output law q, in nats, and the law of its NFE.</summary>
/// <param name="Kl">KL(p ‖ q), nats.</param>
/// <param name="Nfe">The law of the step count.</param>
public sealed record DecoderError(double Kl, NfeLaw Nfe);

/// <summary>A decoder's exact output law over [q]^L (indexed like a joint) and the law of its NFE.</summary>
/// <param name="Output">q(x) for every x.</param>
/// <param name="Nfe">The law of the step count.</param>
public sealed record DecoderLaw(double[] Output, NfeLaw Nfe);
