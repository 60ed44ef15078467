using Dlm.Sampling.Sampler;

namespace Dlm.Sampling.Decoders;

/// <summary>Which positions a decoder reveals at one step: the sampler and the exact enumeration share it.</summary>
public static class DecoderBlock
{
    /// <summary>
    /// Ranks <paramref name="masked"/> by the decoder's order on <paramref name="predictions"/> (L × q) and writes
    /// the first Size(ranked scores) positions into <paramref name="chosen"/>.
    /// </summary>
    public static void Choose(
        IAdaptiveSizeRule decoder,
        IReadOnlyList<int> masked,
        ReadOnlySpan<double> predictions,
        int alphabet,
        List<int> chosen
    )
    {
        var ranked = PositionRules.Rank(decoder.Order, masked, predictions, alphabet);
        var size = decoder.Size(ranked.Select(r => r.Score).ToArray());
        chosen.Clear();
        for (var r = 0; r < size; r++)
            chosen.Add(ranked[r].Position);
    }
}
