namespace Dlm.Experiments.Guarantees;

/// <summary>
/// One run of the guarantee check (<c>dlm bounds</c>): every case of the panel against its bounds, the certified
/// constants over the grid of (L, K), the committed exact designs' certificates, and all of it against the committed
/// baseline.
/// </summary>
/// <param name="Settings">The panel.</param>
/// <param name="Cases">Every case, with its checks.</param>
/// <param name="Certified">The certified constants.</param>
/// <param name="Designs">Every committed exact design, V and LB recomputed.</param>
public sealed record GuaranteeCheck(
    GuaranteeSettings Settings,
    IReadOnlyList<GuaranteeCase> Cases,
    IReadOnlyList<CertifiedRow> Certified,
    IReadOnlyList<DesignCertificate> Designs
)
{
    /// <summary>Computes the panel, the certified table and the designs' certificates.</summary>
    public static GuaranteeCheck Run(GuaranteeSettings settings)
    {
        var certified = CertifiedTable.Rows();
        return new(settings, GuaranteePanel.Cases(settings), certified, DesignCertificate.CheckAll(certified));
    }

    /// <summary>What the run is compared on: each case's E KL and each certified constant, by id.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Values => GuaranteeBaseline.Values(Cases, Certified);

    /// <summary>The comparison with the baseline at <paramref name="path"/>.</summary>
    public GuaranteeBaseline.Comparison Compare(string path) =>
        GuaranteeBaseline.Compare(GuaranteeBaseline.Load(path), Values);

    /// <summary>
    /// Whether a bound is violated, a design's certificate fails, or the run regresses against
    /// <paramref name="comparison"/>.
    /// </summary>
    public bool Fails(GuaranteeBaseline.Comparison comparison) =>
        Cases.Any(c => c.Violations.Any()) || Designs.Any(d => d.Fails) || comparison.Fails;

    /// <summary>
    /// Writes this run as the baseline at <paramref name="path"/>; returns the comparison with the one it replaces, or
    /// null where there was none.
    /// </summary>
    public GuaranteeBaseline.Comparison? UpdateBaseline(string path)
    {
        var previous = File.Exists(path) ? Compare(path) : null;
        Datasets.AtomicFile.WriteAllText(path, GuaranteeBaseline.Serialize(Settings, Cases, Certified));
        return previous;
    }
}
