namespace Dlm.Sampling.Schedules;

/// <summary>A bound E KL ≤ <see cref="Value"/> and the name of the theorem that gives it (B0–B5).</summary>
public sealed record ProvenBound(string Name, double Value);
