using Dlm.Sampling.Design;
using Dlm.Theory;

namespace Dlm.Experiments.Guarantees;

/// <summary>
/// One committed exact design, checked as <c>dlm bounds</c> checks it, without a solve: V recomputed from its
/// compositions, LB from one best response to its certificate y, and every certified constant at its (L, K) against
/// LB. A schedule below LB would mean the certificate is wrong.
/// </summary>
/// <param name="File">The design's file name.</param>
/// <param name="Length">L.</param>
/// <param name="Steps">K.</param>
/// <param name="Objective">The measure.</param>
/// <param name="Value">V.</param>
/// <param name="Lower">LB.</param>
/// <param name="Below">The certified rows at (L, K) whose constant on the measure lies below LB (1e-9
/// relative).</param>
public sealed record DesignCertificate(
    string File,
    int Length,
    int Steps,
    Measure Objective,
    double Value,
    double Lower,
    IReadOnlyList<string> Below
)
{
    /// <summary>(V − LB)/V, or V − LB where V = 0.</summary>
    public double Gap => ExactDesign.GapOf(Value, Lower);

    /// <summary>Whether the certificate fails: V and LB part by more than 1e-9, or a schedule lies below LB.</summary>
    public bool Fails => Math.Abs(Gap) > ExactDesign.Tolerance || Below.Count > 0;

    /// <summary>Checks every committed design against <paramref name="certified"/>.</summary>
    public static IReadOnlyList<DesignCertificate> CheckAll(IReadOnlyList<CertifiedRow> certified) =>
        ExactDesigns
            .AllCommitted()
            .Select(d =>
            {
                var (length, steps, objective) = (d.Design.Length, d.Design.Steps, d.Design.Objective);
                var lower = d.Design.Lower;
                return new DesignCertificate(
                    d.Name,
                    length,
                    steps,
                    objective,
                    d.Design.Value,
                    lower,
                    certified
                        .Where(r =>
                            r.Length == length
                            && r.Steps == steps
                            && r.Certified[objective].Constant < lower * (1 - ExactDesign.Tolerance)
                        )
                        .Select(r => r.Schedule)
                        .ToList()
                );
            })
            .ToList();
}
