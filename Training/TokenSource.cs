using Dlm.Datasets;
using Dlm.Datasets.Text;

namespace Dlm.Training;

/// <summary>Where training sequences come from: an endless stream from a distribution, or a file.</summary>
public sealed class TokenSource
{
    private readonly IDiscreteDistribution? _distribution;
    private readonly int[][] _train;

    private TokenSource(
        string spec,
        int length,
        int alphabet,
        IDiscreteDistribution? distribution,
        int[][] train,
        int[][] validation,
        TextVocabulary? text = null
    )
    {
        Text = text;
        Spec = spec;
        Length = length;
        Alphabet = alphabet;
        _distribution = distribution;
        _train = train;
        Validation = validation;
    }

    /// <summary>
    /// The data spec recorded in checkpoints: a distribution spec, <c>file:PATH</c> or <c>text:PATH</c>.
    /// </summary>
    public string Spec { get; }

    /// <summary>The characters when the data is text, else null.</summary>
    public TextVocabulary? Text { get; }

    /// <summary>L.</summary>
    public int Length { get; }

    /// <summary>q.</summary>
    public int Alphabet { get; }

    /// <summary>
    /// Held-out sequences: the file's last lines, or for a distribution 1024 draws from a stream of their own.
    /// </summary>
    public IReadOnlyList<int[]> Validation { get; }

    /// <summary>H(X) in nats when the data is a distribution (the floor of the ELBO), else null.</summary>
    public double? Entropy =>
        _distribution is null ? null : _distribution.Joint?.Entropy ?? _distribution.Profile.Entropy;

    /// <summary>An endless stream of x ~ p, with a fixed held-out sample.</summary>
    public static TokenSource FromDistribution(IDiscreteDistribution distribution)
    {
        var held = new RandomStreams(0).Stream("validation");
        var validation = new int[1024][];
        for (var i = 0; i < validation.Length; i++)
        {
            validation[i] = new int[distribution.Length];
            distribution.Sample(held, validation[i]);
        }
        return new(distribution.Spec, distribution.Length, distribution.Alphabet, distribution, [], validation);
    }

    /// <summary>
    /// Sequences from a JSON-lines file (<see cref="TokenFile"/>), all of length L with symbols in [0, q). The last
    /// <paramref name="validationFraction"/> of the lines is held out.
    /// </summary>
    public static TokenSource FromFile(string path, int alphabet, double validationFraction = 0.1)
    {
        var rows = TokenFile.Read(path, new TokenFileOptions(alphabet)).Sequences;
        var held = Math.Clamp((int)Math.Round(rows.Count * validationFraction), 1, rows.Count - 1);
        return new TokenSource(
            $"file:{Path.GetFullPath(path)}",
            rows[0].Length,
            alphabet,
            null,
            rows.Take(rows.Count - held).ToArray(),
            rows.Skip(rows.Count - held).ToArray()
        );
    }

    /// <summary>The training and held-out lines of a text corpus, each encoded as L tokens.</summary>
    public static TokenSource FromText(TextCorpus corpus) =>
        new(
            $"text:{corpus.Source}",
            corpus.Length,
            corpus.Vocabulary.Alphabet,
            null,
            corpus.Encode(corpus.Train),
            corpus.Encode(corpus.HeldOut),
            corpus.Vocabulary
        );

    /// <summary><paramref name="count"/> training sequences drawn with <paramref name="rng"/>.</summary>
    public int[][] Batch(int count, Random rng)
    {
        var batch = new int[count][];
        for (var b = 0; b < count; b++)
        {
            if (_distribution is null)
                batch[b] = _train[rng.Next(_train.Length)];
            else
            {
                batch[b] = new int[Length];
                _distribution.Sample(rng, batch[b]);
            }
        }
        return batch;
    }
}
