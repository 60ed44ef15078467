using System.Text;

namespace Dlm.Datasets.Text;

/// <summary>
/// The symbols of a text model: its characters (Unicode scalar values) in ordinal order as ids 0..q−2, and one end
/// symbol, id q − 1, that ends a line and pads it to L. A line of n &lt; L characters is its n ids followed by
/// L − n end symbols; a line of exactly L characters has none.
/// </summary>
public sealed class TextVocabulary
{
    private readonly Dictionary<string, int> _ids = [];

    /// <summary>
    /// The vocabulary of <paramref name="symbols"/>, in id order: distinct, each one character (one Unicode scalar).
    /// </summary>
    public TextVocabulary(IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count == 0)
            throw new ArgumentException("a vocabulary needs at least one character.", nameof(symbols));
        foreach (var symbol in symbols)
        {
            if (symbol is null || symbol.EnumerateRunes().Count() != 1)
                throw new ArgumentException($"vocabulary symbol '{symbol}' is not one character.", nameof(symbols));
            if (!_ids.TryAdd(symbol, _ids.Count))
                throw new ArgumentException($"vocabulary symbol '{symbol}' appears twice.", nameof(symbols));
        }
        Symbols = symbols.ToArray();
    }

    /// <summary>The characters, each as a string, in id order.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>How the end symbol is shown.</summary>
    public const string EndName = "<end>";

    /// <summary>q: the characters plus the end symbol.</summary>
    public int Alphabet => Symbols.Count + 1;

    /// <summary>The end symbol's id, q − 1.</summary>
    public int End => Symbols.Count;

    /// <summary>The vocabulary of every character in <paramref name="lines"/>, in ordinal order.</summary>
    public static TextVocabulary Of(IEnumerable<string> lines) =>
        new(
            lines.SelectMany(line => line.EnumerateRunes()).Distinct().Order().Select(rune => rune.ToString()).ToArray()
        );

    /// <summary>
    /// The L ids of <paramref name="line"/>: its characters, then end symbols. A line longer than L, or a character
    /// outside the vocabulary, fails and names it.
    /// </summary>
    public int[] Encode(string line, int length)
    {
        var tokens = new int[length];
        if (!TryEncode(line, tokens, out var problem))
            throw new ArgumentException(problem, nameof(line));
        return tokens;
    }

    /// <summary>
    /// Writes the ids of <paramref name="line"/> into <paramref name="tokens"/> (its length is L); on failure returns
    /// false with the reason in <paramref name="problem"/>.
    /// </summary>
    public bool TryEncode(string line, Span<int> tokens, out string problem)
    {
        var n = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (n == tokens.Length)
            {
                problem = $"'{line}' has {line.EnumerateRunes().Count()} characters; L = {tokens.Length}.";
                return false;
            }
            if (!_ids.TryGetValue(rune.ToString(), out var id))
            {
                problem = $"'{line}' has the character '{rune}' (U+{rune.Value:X4}), which is not in the vocabulary.";
                return false;
            }
            tokens[n++] = id;
        }
        tokens[n..].Fill(End);
        problem = "";
        return true;
    }

    /// <summary>The id of one character, or null when it is not in the vocabulary.</summary>
    public int? IdOf(string symbol) => _ids.TryGetValue(symbol, out var id) ? id : null;

    /// <summary>
    /// The text of a sequence: its characters up to the trailing end symbols. An end symbol followed by a character
    /// (which no encoded line has) is shown as <see cref="EndName"/>, so nothing is hidden.
    /// </summary>
    public string Decode(ReadOnlySpan<int> tokens)
    {
        var last = tokens.Length;
        while (last > 0 && tokens[last - 1] == End)
            last--;
        var text = new StringBuilder();
        foreach (var id in tokens[..last])
            text.Append(Name(id));
        return text.ToString();
    }

    /// <summary>
    /// Whether a sequence is an encoded line: characters, then only end symbols (so <see cref="Decode"/> inverts
    /// <see cref="Encode"/>).
    /// </summary>
    public bool IsLine(ReadOnlySpan<int> tokens)
    {
        var first = tokens.IndexOf(End);
        return first < 0 || !tokens[first..].ContainsAnyExcept(End);
    }

    /// <summary>Characters counted in bits per character: the line's, plus its first end symbol if any.</summary>
    public int CountedCharacters(ReadOnlySpan<int> tokens)
    {
        var first = tokens.IndexOf(End);
        return first < 0 ? tokens.Length : first + 1;
    }

    /// <summary>A symbol's display name: the character, or <see cref="EndName"/>.</summary>
    public string Name(int id) =>
        id == End ? EndName
        : id >= 0 && id < End ? Symbols[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"symbol ids lie in [0, q = {Alphabet}).");
}
