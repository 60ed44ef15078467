namespace Dlm.Experiments.Reproduce;

/// <summary>One Reed–Solomon panel: the field, the length, the dimensions k and step budgets K to sweep.</summary>
/// <param name="Name">A label for the report.</param>
/// <param name="Order">q, the field size.</param>
/// <param name="Length">n, the block length (n ≤ q).</param>
/// <param name="Dimensions">The k of each sub-panel.</param>
/// <param name="Steps">The K of each cell.</param>
/// <param name="Samples">Free-running oracle samples per cell.</param>
/// <param name="Window">Half-width of the window of neighbouring k averaged against alignment artefacts.</param>
public sealed record PanelConfig(
    string Name,
    int Order,
    int Length,
    int[] Dimensions,
    int[] Steps,
    int Samples,
    int Window
)
{
    /// <summary>The paper's testbed, GF(256) with n = 255, sized for about a minute on 2 cores.</summary>
    public static PanelConfig Gf256(bool full, int? samples) =>
        new(
            "GF(256), n = 255",
            256,
            255,
            full ? [2, 8, 16, 32, 64, 96, 100, 128, 160, 192, 224, 250, 253] : [4, 64, 100, 128, 192, 250],
            [4, 8, 16, 32, 64, 128],
            samples ?? (full ? 1000 : 100),
            8
        );

    /// <summary>A smaller field, GF(17) with n = 16.</summary>
    public static PanelConfig Gf17(bool full, int? samples) =>
        new(
            "GF(17), n = 16",
            17,
            16,
            full ? [1, 2, 4, 5, 8, 11, 12, 15] : [2, 5, 12],
            [2, 4, 8, 16],
            samples ?? (full ? 2000 : 200),
            2
        );
}
