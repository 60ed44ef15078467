using Dlm.Datasets;
using Dlm.Datasets.Text;

namespace Dlm.Training;

/// <summary>
/// Where a run's sequences come from, as a user names them: exactly one of a distribution spec, a JSON-lines file of
/// token sequences (with its q), or a text file (with an optional L).
/// </summary>
/// <param name="Distribution">An endless stream from this distribution spec.</param>
/// <param name="TokenFile">A JSON-lines file of token sequences, 10% held out.</param>
/// <param name="Alphabet">q for <paramref name="TokenFile"/>.</param>
/// <param name="TextFile">A UTF-8 text file, one sequence per line; 10% of the distinct lines held out by the
/// seed.</param>
/// <param name="Length">L for <paramref name="TextFile"/> (default: the longest line plus one end symbol).</param>
public sealed record TrainingData(
    string? Distribution = null,
    string? TokenFile = null,
    int? Alphabet = null,
    string? TextFile = null,
    int? Length = null
)
{
    /// <summary>
    /// The sequences; a text file is split by <paramref name="seed"/>, or on resume by the <paramref name="saved"/>
    /// run's seed and L, so that its held-out lines stay held out.
    /// </summary>
    public TokenSource Open(ulong seed, RunConfig? saved = null) =>
        (Distribution, TokenFile, TextFile) switch
        {
            ({ } spec, null, null) => TokenSource.FromDistribution(DistributionSpec.Parse(spec)),
            (null, { } file, null) => TokenSource.FromFile(
                file,
                Alphabet ?? throw new ArgumentException("--data needs --alphabet q.", nameof(Alphabet))
            ),
            (null, null, { } file) => TokenSource.FromText(
                TextCorpus.Create(
                    file,
                    TextCorpus.Read(file),
                    saved?.Model.Length ?? Length,
                    saved?.Options.Seed ?? seed
                )
            ),
            _ => throw new ArgumentException("give exactly one of --dist, --data and --text.", nameof(Distribution)),
        };
}
