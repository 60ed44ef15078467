using Dlm.Datasets;
using ScottPlot;

namespace Dlm.Experiments;

/// <summary>
/// How every plot of the project is finished: its legend outside the data area, on the right, where it covers no
/// curve, and the PNG written atomically.
/// </summary>
public static class PlotFile
{
    /// <summary>Shows the legend beside the data and writes <paramref name="path"/>.</summary>
    public static void Save(Plot plot, string path, int width, int height)
    {
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temp => plot.SavePng(temp, width, height));
    }
}
