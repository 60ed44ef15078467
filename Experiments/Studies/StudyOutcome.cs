using Dlm.Datasets;

namespace Dlm.Experiments.Studies;

/// <summary>A study's result and the model it measured.</summary>
/// <param name="Result">What the study measured.</param>
/// <param name="Model">The model, described for the report.</param>
public sealed record StudyOutcome(StudyResult Result, string Model)
{
    /// <summary>
    /// Writes study.csv, report.md, decoders.csv (where decoders were scored) and the plots into
    /// <paramref name="directory"/>; returns the plots.
    /// </summary>
    public IReadOnlyList<string> Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var plots = StudyPlots.Write(directory, Result);
        AtomicFile.WriteAllText(Path.Combine(directory, "study.csv"), StudyReport.Csv(Result));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.md"), StudyReport.Markdown(Result, Model, plots));
        if (Result.Decoders.Count > 0)
            AtomicFile.WriteAllText(Path.Combine(directory, "decoders.csv"), StudyReport.DecodersCsv(Result));
        return plots;
    }

    /// <summary>One line for the console: the recommendation at each K.</summary>
    public string Summary =>
        string.Join(
            "; ",
            Result.Recommendations.Select(r =>
                $"K = {r.Steps}: {r.Schedule}"
                + (r.FixedMinusBest is { } gain ? $" ({gain.Mean:+0.000;-0.000} bits/{Result.Unit} against fixed)" : "")
            )
        );
}
