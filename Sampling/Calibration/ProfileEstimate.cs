using System.Text.Json;
using System.Text.Json.Serialization;
using Dlm.Datasets;
using Dlm.Sampling.Estimators;
using Dlm.Theory;

namespace Dlm.Sampling.Calibration;

/// <summary>
/// An estimated entropy profile: Δ̂(m) with its confidence interval for m = 0..L−1, the non-increasing fit
/// of Δ̂ (isotonic regression; Δ must be non-increasing), and f̂(m) = Σ_{j&lt;m} of the fit for the entropy
/// estimator, or of Δ̂ itself for the cross-entropy one, whose sums are NLLs that the DP must price exactly.
/// TC and DTC are those of f̂; their intervals are normal intervals over per-sequence sums of the raw Δ̂.
/// </summary>
public sealed record ProfileEstimate(
    [property: JsonPropertyName("L")] int Length,
    [property: JsonPropertyName("q")] int Alphabet,
    string Source,
    int Samples,
    ProfileEstimator Estimator,
    double[] Delta,
    double[] DeltaLower,
    double[] DeltaUpper,
    double[] DeltaIsotonic,
    double[] Profile,
    double Tc,
    double Dtc,
    double TcLower,
    double TcUpper,
    double DtcLower,
    double DtcUpper
)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The estimate from per-m means and interval ends, and the raw estimates of TC and DTC.</summary>
    public static ProfileEstimate FromDeltas(
        int length,
        int alphabet,
        string source,
        int samples,
        ProfileEstimator estimator,
        double[] delta,
        double[] lower,
        double[] upper,
        MonteCarloEstimate tc,
        MonteCarloEstimate dtc
    )
    {
        var isotonic = IsotonicRegression.NonIncreasing(delta, Enumerable.Repeat(1.0, delta.Length).ToArray());
        var summed = estimator == ProfileEstimator.Entropy ? isotonic : delta;
        var profile = new double[length + 1];
        for (var m = 0; m < length; m++)
            profile[m + 1] = profile[m] + summed[m];
        var estimate = EntropyProfile.FromValues(profile);
        return new ProfileEstimate(
            length,
            alphabet,
            source,
            samples,
            estimator,
            delta,
            lower,
            upper,
            isotonic,
            profile,
            estimate.Tc,
            estimate.Dtc,
            tc.Lower,
            tc.Upper,
            dtc.Lower,
            dtc.Upper
        );
    }

    /// <summary>f̂ as an <see cref="EntropyProfile"/>, for the plug-in schedules.</summary>
    public EntropyProfile ToProfile() => EntropyProfile.FromValues(Profile);

    /// <summary>Writes the estimate as JSON, atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads an estimate written by <see cref="Save"/>.</summary>
    public static ProfileEstimate Load(string path)
    {
        if (!File.Exists(path))
            throw new ArgumentException(
                $"profile file '{path}' does not exist; make one with dlm calibrate.",
                nameof(path)
            );
        try
        {
            var estimate =
                JsonSerializer.Deserialize<ProfileEstimate>(File.ReadAllText(path), Json)
                ?? throw new JsonException("empty");
            if (estimate.Profile is null || estimate.Profile.Length != estimate.Length + 1)
                throw new JsonException($"'profile' needs L + 1 = {estimate.Length + 1} values");
            estimate.ToProfile();
            return estimate;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new ArgumentException($"profile file '{path}' is malformed: {e.Message}", nameof(path), e);
        }
    }
}
