using System.Globalization;
using MathNet.Numerics;

namespace Dlm.Experiments;

/// <summary>The decay exponent of an error curve: the least-squares slope of ln y against ln x.</summary>
public static class LogLogSlope
{
    /// <summary>The slope b of ln y = a + b·ln x; NaN with fewer than two points or a y ≤ 0.</summary>
    public static double Of(IReadOnlyCollection<(double X, double Y)> points) =>
        points.Count < 2 || points.Any(p => p.Y <= 0)
            ? double.NaN
            : Fit.Line(points.Select(p => Math.Log(p.X)).ToArray(), points.Select(p => Math.Log(p.Y)).ToArray()).B;

    /// <summary>The slope with two decimals, or an en dash for NaN.</summary>
    public static string Format(double slope) =>
        double.IsNaN(slope) ? "–" : slope.ToString("F2", CultureInfo.InvariantCulture);
}
