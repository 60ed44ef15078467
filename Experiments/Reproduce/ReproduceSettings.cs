using Dlm.Datasets;

namespace Dlm.Experiments.Reproduce;

/// <summary>
/// Everything that fixes a run of the Reed–Solomon reproduction: the preset, the seed and the sample count.
/// </summary>
/// <param name="Full">The larger preset (13 dimensions on GF(256), more samples) instead of the quick one.</param>
/// <param name="Seed">The one seed behind every random draw.</param>
/// <param name="Samples">Free-running oracle samples per cell, overriding the preset's; 0 skips sampling.</param>
/// <param name="Design">An exact design file (<c>dlm design --exact --out</c>) that replaces the committed design of
/// its
/// (L, K) and measure in the cells it fits.</param>
public sealed record ReproduceSettings(bool Full = false, ulong Seed = 0, int? Samples = null, string? Design = null)
{
    /// <summary>The panels: GF(256) with n = 255 (the paper's testbed), then GF(17) with n = 16.</summary>
    public IReadOnlyList<PanelConfig> Panels => [PanelConfig.Gf256(Full, Samples), PanelConfig.Gf17(Full, Samples)];

    /// <summary>The code tabulated whole for the closed-form cross-check: GF(17), n = 5.</summary>
    public (int Order, int Length) DenseCheck => (17, 5);

    /// <summary>Sequences per revealed count m when the plugin study calibrates from the oracle.</summary>
    public int CalibrationSamples => Full ? 256 : 16;

    /// <summary>The streams of cell <paramref name="cell"/> of panel <paramref name="panel"/>.</summary>
    public RandomStreams CellSeed(int panel, int cell) =>
        new RandomStreams(Seed).Split((ulong)panel).Split((ulong)cell);

    /// <summary>
    /// The streams of the plugin study, apart from every cell's (whose split indices are the panels').
    /// </summary>
    public RandomStreams PluginSeed => new RandomStreams(Seed).Split(Stream.Plugin);

    /// <summary>
    /// The sub-tasks beside the panels; the values are split indices, fixed so that a seed keeps its draws.
    /// </summary>
    public enum Stream : ulong
    {
        /// <summary>The plugin study's calibration.</summary>
        Plugin = 99,
    }

    /// <summary>The command line that reproduces this run, for the report.</summary>
    public string Invocation =>
        $"dlm reproduce {(Full ? "--full" : "--quick")} --seed {Seed}{(Samples is { } s ? $" --samples {s}" : "")}"
        + (Design is { } d ? $" --design {d}" : "");
}
