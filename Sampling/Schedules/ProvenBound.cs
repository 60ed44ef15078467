namespace Dlm.Sampling.Schedules;

/// <summary>A bound E KL ≤ <see cref="Value"/> and the theorem that gives it.</summary>
/// <param name="Bound">The theorem (B0–B8).</param>
/// <param name="Value">Its value, nats.</param>
public sealed record ProvenBound(BoundKind Bound, double Value)
{
    /// <summary>The theorem's printed name, e.g. <c>B1'</c>.</summary>
    public string Name => Bound.Label();
}
