namespace Dlm.Datasets.Text;

/// <summary>Every line of a text file as a sequence of a text model's tokens.</summary>
public static class TextLines
{
    /// <summary>
    /// The non-empty lines of <paramref name="path"/>, each encoded as <paramref name="length"/> tokens of
    /// <paramref name="vocabulary"/>; a line that does not encode is named, and fewer than 2 lines fail.
    /// </summary>
    public static int[][] Encode(string path, TextVocabulary vocabulary, int length)
    {
        var lines = TextCorpus.Read(path);
        var sequences = new int[lines.Count][];
        foreach (var (line, i) in lines.Select((line, i) => (line, i)))
        {
            sequences[i] = new int[length];
            if (!vocabulary.TryEncode(line.Text, sequences[i], out var problem))
                throw new ArgumentException($"{path}, line {line.Number}: {problem}", nameof(path));
        }
        if (sequences.Length < 2)
            throw new ArgumentException($"'{path}' has {sequences.Length} line; calibration needs 2.", nameof(path));
        return sequences;
    }
}
