using System.Text.Json;

namespace Dlm.Datasets;

/// <summary>
/// How a file of token sequences is read: the alphabet the tokens must lie in, a token they must never be (a model's
/// mask id, where it lies inside the alphabet), L, and a padding token.
/// </summary>
/// <param name="Alphabet">q: every token lies in [0, q).</param>
/// <param name="MaskId">A token of [0, q) that no sequence may hold (a model's mask id), or null.</param>
/// <param name="Length">L: longer sequences are cropped to their first L tokens, shorter ones padded with
/// <paramref name="PadId"/>. Null: every sequence must have the length of the first.</param>
/// <param name="PadId">The padding token, never scored; it pads sequences shorter than L.</param>
public sealed record TokenFileOptions(int Alphabet, int? MaskId = null, int? Length = null, int? PadId = null);

/// <summary>The sequences of a token file, all of length L, and what reading them changed.</summary>
/// <param name="Source">The file, as named.</param>
/// <param name="Sequences">The sequences.</param>
/// <param name="Length">L.</param>
/// <param name="Cropped">How many were longer than L and lost their tail.</param>
/// <param name="Padded">How many were shorter than L and were padded.</param>
/// <param name="PadId">The padding token, if any.</param>
public sealed record TokenData(
    string Source,
    IReadOnlyList<int[]> Sequences,
    int Length,
    int Cropped,
    int Padded,
    int? PadId
);

/// <summary>
/// JSON lines of token ids: each line <c>[…]</c> or <c>{"tokens":[…]}</c>, as <c>dlm sample</c> writes. A bad line
/// fails with the file and the line number named.
/// </summary>
public static class TokenFile
{
    /// <summary>Reads every non-empty line of <paramref name="path"/> under <paramref name="options"/>.</summary>
    public static TokenData Read(string path, TokenFileOptions options)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"data file '{path}' does not exist.", nameof(path));
        if (options.PadId is { } pad && (pad < 0 || pad >= options.Alphabet || pad == options.MaskId))
            throw new ArgumentException(
                $"--pad-id {pad} must be a token of [0, {options.Alphabet}) other than the mask id.",
                nameof(options)
            );
        var rows = new List<int[]>();
        var (cropped, padded, number) = (0, 0, 0);
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var tokens = Parse(path, number, line);
            var length = options.Length ?? rows.FirstOrDefault()?.Length ?? tokens.Length;
            if (tokens.Length > length && options.Length is null)
                throw new ArgumentException(
                    $"data file '{path}', line {number}: {tokens.Length} tokens, but the first line has {length} "
                        + "(give --length L to crop longer lines).",
                    nameof(path)
                );
            if (tokens.Length < length && options.PadId is null)
                throw new ArgumentException(
                    $"data file '{path}', line {number}: {tokens.Length} tokens, but L = {length} (give --pad-id to "
                        + "pad shorter lines).",
                    nameof(path)
                );
            foreach (var token in tokens)
                Check(path, number, token, options);
            cropped += tokens.Length > length ? 1 : 0;
            padded += tokens.Length < length ? 1 : 0;
            var row = new int[length];
            Array.Fill(row, options.PadId ?? 0);
            tokens.AsSpan(0, Math.Min(length, tokens.Length)).CopyTo(row);
            rows.Add(row);
        }
        if (rows.Count < 2)
            throw new ArgumentException(
                $"data file '{path}' has {rows.Count} sequences; at least 2 are needed.",
                nameof(path)
            );
        return new TokenData(path, rows, rows[0].Length, cropped, padded, options.PadId);
    }

    private static int[] Parse(string path, int number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var tokens =
                document.RootElement.ValueKind == JsonValueKind.Object
                    ? document.RootElement.GetProperty("tokens")
                    : document.RootElement;
            return tokens.EnumerateArray().Select(e => e.GetInt32()).ToArray();
        }
        catch (Exception e)
            when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"data file '{path}', line {number}: {e.Message}", nameof(path), e);
        }
    }

    private static void Check(string path, int number, int token, TokenFileOptions options)
    {
        if (token < 0 || token >= options.Alphabet)
            throw new ArgumentException(
                $"data file '{path}', line {number}: token {token}; tokens must lie in [0, q = {options.Alphabet}).",
                nameof(path)
            );
        if (token == options.MaskId)
            throw new ArgumentException(
                $"data file '{path}', line {number}: token {token} is the model's mask id.",
                nameof(path)
            );
    }
}
