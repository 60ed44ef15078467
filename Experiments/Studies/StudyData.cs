using Dlm.Datasets;
using Dlm.Datasets.Text;

namespace Dlm.Experiments.Studies;

/// <summary>
/// What a schedule study measures a model on. The held-out sequences are halved: the even ones calibrate Δ̂, the odd
/// ones score the schedules, so that the self-calibrating schedules are not scored on the sequences they were fitted
/// to. Training sequences, where there are any, fit the count baselines and tell a novel sample from a remembered
/// one; a text vocabulary decodes samples and counts characters.
/// </summary>
/// <param name="Source">Where the sequences come from.</param>
/// <param name="HeldOut">The held-out sequences, each of L tokens.</param>
/// <param name="Training">The model's training sequences, or none.</param>
/// <param name="Text">The characters of a text model, or null.</param>
/// <param name="PadId">A padding token, never scored, or null.</param>
/// <param name="Notes">A sentence for the report on how the sequences were read (dropped, cropped, padded).</param>
public sealed record StudyData(
    string Source,
    IReadOnlyList<int[]> HeldOut,
    IReadOnlyList<int[]> Training,
    TextVocabulary? Text,
    int? PadId,
    string Notes
)
{
    /// <summary>The distribution the held-out sequences were drawn from, when it is known (a dense family).</summary>
    public IDiscreteDistribution? Truth { get; init; }

    /// <summary>The even held-out sequences, which calibrate Δ̂.</summary>
    public int[][] Calibration => [.. HeldOut.Where((_, i) => i % 2 == 0)];

    /// <summary>The odd held-out sequences, which score the schedules.</summary>
    public int[][] Scoring => [.. HeldOut.Where((_, i) => i % 2 == 1)];

    /// <summary>
    /// The units a sequence counts, for rates per unit: for text, its characters and its first end symbol; otherwise
    /// its tokens that are not padding.
    /// </summary>
    public int Units(int[] sequence) =>
        Text is { } text ? text.CountedCharacters(sequence) : sequence.Count(t => t != PadId);

    /// <summary>What <see cref="Units"/> counts: character or token.</summary>
    public string Unit => Text is null ? "token" : "character";

    /// <summary>A sequence as a report shows it: decoded text, or its tokens.</summary>
    public string Show(int[] sequence) => Text?.Decode(sequence) ?? $"[{string.Join(",", sequence)}]";

    /// <summary>A text corpus: its held-out and training lines, and its vocabulary.</summary>
    public static StudyData FromCorpus(TextCorpus corpus) =>
        new(
            corpus.Source,
            corpus.Encode(corpus.HeldOut),
            corpus.Encode(corpus.Train),
            corpus.Vocabulary,
            null,
            $"{corpus.Train.Count:N0} training lines and {corpus.HeldOut.Count:N0} held-out lines; {corpus.Dropped:N0} "
                + "lines longer than L were dropped."
        );

    /// <summary>A file of token sequences, every one held out (the model was trained elsewhere).</summary>
    public static StudyData FromTokens(TokenData data) =>
        new(
            data.Source,
            data.Sequences,
            [],
            null,
            data.PadId,
            $"{data.Sequences.Count:N0} held-out sequences of L = {data.Length}; {data.Cropped:N0} were cropped to L "
                + $"and {data.Padded:N0} padded{(data.PadId is { } pad ? $" with {pad}, which is never scored" : "")}."
        );

    /// <summary>
    /// <paramref name="count"/> held-out sequences drawn from <paramref name="distribution"/>, which is then known, so
    /// the study can give the exact KL of the model's sampler where L and q are small enough to enumerate.
    /// </summary>
    public static StudyData FromDistribution(IDiscreteDistribution distribution, int count, RandomStreams seed) =>
        new(
            distribution.Spec,
            Sampling.Calibration.ProfileCalibration.FromData(distribution, count, seed),
            [],
            null,
            null,
            $"{count:N0} held-out sequences drawn from {distribution.Spec}."
        )
        {
            Truth = distribution,
        };

    /// <summary>The lines of a text file, every one held out, in a text model's vocabulary.</summary>
    public static StudyData FromLines(string path, TextVocabulary vocabulary, int length)
    {
        var lines = TextLines.Encode(path, vocabulary, length);
        return new(path, lines, [], vocabulary, null, $"{lines.Length:N0} held-out lines of {path}.");
    }
}
