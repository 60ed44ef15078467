using System.IO.Compression;
using System.Text;

namespace Dlm.Datasets.Text;

/// <summary>One line of a text file and its 1-based line number, for error messages.</summary>
public readonly record struct TextLine(int Number, string Text);

/// <summary>
/// Lines of text as sequences of L tokens (<see cref="TextVocabulary"/>), split into training and held-out lines by a
/// seed. The split is by distinct line: the distinct lines, in ordinal order, are shuffled by the seed's "split"
/// stream and the first ⌈fraction·n⌉ are held out, so no held-out line also occurs in training.
/// </summary>
public sealed class TextCorpus
{
    private TextCorpus(
        string source,
        TextVocabulary vocabulary,
        int length,
        IReadOnlyList<string> train,
        IReadOnlyList<string> heldOut,
        int dropped
    )
    {
        Source = source;
        Vocabulary = vocabulary;
        Length = length;
        Train = train;
        HeldOut = heldOut;
        Dropped = dropped;
    }

    /// <summary>Where the lines came from: a path, or <c>words</c> for the bundled list.</summary>
    public string Source { get; }

    /// <summary>The characters of every line, plus the end symbol.</summary>
    public TextVocabulary Vocabulary { get; }

    /// <summary>L.</summary>
    public int Length { get; }

    /// <summary>The training lines, in file order.</summary>
    public IReadOnlyList<string> Train { get; }

    /// <summary>The held-out lines, in file order.</summary>
    public IReadOnlyList<string> HeldOut { get; }

    /// <summary>Lines longer than L that were dropped (only when dropping was asked for).</summary>
    public int Dropped { get; }

    /// <summary>The bundled word list's name as a source.</summary>
    public const string WordsSource = "words";

    /// <summary>
    /// The bundled corpus: the 63,875 lowercase a–z words of SCOWL's American English list, as Debian's
    /// <c>wamerican</c> packages it (data/words, with its copyright and permission notice).
    /// </summary>
    public static IReadOnlyList<TextLine> Words()
    {
        using var stream =
            typeof(TextCorpus).Assembly.GetManifestResourceStream("Dlm.Datasets.words.txt.gz")
            ?? throw new InvalidOperationException("the bundled word list is missing from Dlm.Datasets.");
        return ReadLines(new GZipStream(stream, CompressionMode.Decompress), WordsSource);
    }

    /// <summary>
    /// The non-empty lines of a UTF-8 file (gzip when it ends in <c>.gz</c>); a missing or empty file fails and
    /// names it.
    /// </summary>
    public static IReadOnlyList<TextLine> Read(string path)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"text file '{path}' does not exist.", nameof(path));
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        return ReadLines(stream, path);
    }

    /// <summary>
    /// The corpus of <paramref name="lines"/> at L = <paramref name="length"/> (default: the longest line plus one, so
    /// that every line ends in an end symbol). A line longer than L fails and names its number, unless
    /// <paramref name="dropLonger"/>, which drops it and counts it in <see cref="Dropped"/>.
    /// </summary>
    public static TextCorpus Create(
        string source,
        IReadOnlyList<TextLine> lines,
        int? length,
        ulong seed,
        bool dropLonger = false,
        double heldOutFraction = 0.1
    )
    {
        if (!(heldOutFraction > 0 && heldOutFraction < 1))
            throw new ArgumentOutOfRangeException(
                nameof(heldOutFraction),
                heldOutFraction,
                "the held-out fraction must lie in (0, 1)."
            );
        if (lines.Count == 0)
            throw new ArgumentException($"{source} has no line.", nameof(lines));
        var size = length ?? lines.Max(line => line.Text.EnumerateRunes().Count()) + 1;
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(length), size, "L (--length) must be ≥ 1.");
        var kept = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            var characters = line.Text.EnumerateRunes().Count();
            if (characters <= size)
                kept.Add(line.Text);
            else if (!dropLonger)
                throw new ArgumentException(
                    $"{source}, line {line.Number}: {characters} characters, longer than L = {size} (--length).",
                    nameof(lines)
                );
        }
        var distinct = kept.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length < 2)
            throw new ArgumentException(
                $"{source} has {distinct.Length} distinct line(s) of at most L = {size} characters; at least 2 are "
                    + "needed to hold one out.",
                nameof(lines)
            );
        new RandomStreams(seed).Stream("split").Shuffle(distinct);
        var held = Math.Clamp((int)Math.Ceiling(heldOutFraction * distinct.Length), 1, distinct.Length - 1);
        var heldOut = distinct[..held].ToHashSet();
        return new TextCorpus(
            source,
            TextVocabulary.Of(kept),
            size,
            kept.Where(line => !heldOut.Contains(line)).ToArray(),
            kept.Where(heldOut.Contains).ToArray(),
            lines.Count - kept.Count
        );
    }

    /// <summary>The L tokens of every line of <paramref name="lines"/>.</summary>
    public int[][] Encode(IEnumerable<string> lines) => lines.Select(line => Vocabulary.Encode(line, Length)).ToArray();

    private static List<TextLine> ReadLines(Stream stream, string source)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var lines = new List<TextLine>();
        var number = 0;
        try
        {
            while (reader.ReadLine() is { } text)
            {
                number++;
                if (text.Length > 0)
                    lines.Add(new TextLine(number, text));
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new ArgumentException(
                $"{source}, line {number + 1}: not valid UTF-8 ({e.Message})",
                nameof(stream),
                e
            );
        }
        if (lines.Count == 0)
            throw new ArgumentException($"text file '{source}' has no non-empty line.", nameof(stream));
        return lines;
    }
}
