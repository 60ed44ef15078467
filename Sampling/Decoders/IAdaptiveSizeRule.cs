using Dlm.Sampling.Sampler;

namespace Dlm.Sampling.Decoders;

/// <summary>
/// A decoder: a size rule that sees the step's predicted laws. Each step ranks the masked positions by
/// <see cref="Order"/> (best first) and reveals the first <see cref="Size"/> of them, so the number of steps is random
/// and depends on the data, unlike an <see cref="Schedules.ISizeSchedule"/>, whose sizes are drawn before sampling.
/// Every step reveals at least one position, so L steps always suffice.
/// </summary>
public interface IAdaptiveSizeRule
{
    /// <summary>The decoder's name with its parameter, e.g. <c>entropy-bound(γ=0.1)</c>.</summary>
    string Name { get; }

    /// <summary>The order in which the masked positions are revealed: entropy (lowest first) or confidence.</summary>
    PositionRule Order { get; }

    /// <summary>
    /// How many positions to reveal, 1..r, given the scores <see cref="PositionRules.Score"/> under
    /// <see cref="Order"/> of the r masked positions in reveal order (non-increasing).
    /// </summary>
    int Size(ReadOnlySpan<double> ranked);
}
