using System.CommandLine;
using System.Globalization;
using Dlm.Datasets.Text;
using Spectre.Console;

namespace Dlm.Cli.Commands;

/// <summary><c>dlm predict</c>: a trained predictor's law at every masked position of one partial sequence.</summary>
internal static class PredictCommand
{
    /// <summary>One masked position and its predicted law over the q symbols.</summary>
    internal sealed record MaskedPosition(int Position, double[] Probabilities);

    /// <summary>The input (null at masked positions) and the prediction at each masked position.</summary>
    internal sealed record PredictReport(int?[] Tokens, IReadOnlyList<MaskedPosition> Masked);

    public static Command Create(CommandConsole console)
    {
        var model = new ModelOptions("The model to ask.", required: true);
        var tokens = new Option<string?>("--tokens")
        {
            Description = "The partial sequence: L comma-separated symbols in [0, q), _ for a masked position.",
        };
        var text = new Option<string?>("--text")
        {
            Description = "For a text model: the partial line, _ for a masked character; a shorter line ends there.",
        };
        var top = new Option<int>("--top")
        {
            Description = "Symbols shown per position in the table.",
            DefaultValueFactory = _ => 3,
        };
        var json = CommonOptions.Json();
        var command = new Command("predict", "Print a trained predictor's distribution at each masked position.")
        {
            tokens,
            text,
            top,
            json,
        };
        foreach (var option in model.All)
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            using var loaded = model.Load(parsed)!;
            var predictor = loaded.Predictor;
            var (l, q) = (predictor.Length, predictor.Alphabet);
            var vocabulary = loaded.Text;
            var input = (parsed.GetValue(tokens), parsed.GetValue(text)) switch
            {
                ({ } given, null) => Parse(given, l, q),
                (null, { } line) => ParseText(
                    line,
                    l,
                    vocabulary
                        ?? throw new ArgumentException(
                            $"--text needs a text model; '{model.Path(parsed)}' has no characters.",
                            nameof(text)
                        )
                ),
                _ => throw new ArgumentException("give exactly one of --tokens and --text.", nameof(tokens)),
            };
            var law = new double[l * q];
            predictor.Predict(input.Select(t => t ?? q).ToArray(), 1, law);
            var masked = Enumerable
                .Range(0, l)
                .Where(i => input[i] is null)
                .Select(i => new MaskedPosition(i, law.AsSpan(i * q, q).ToArray()))
                .ToList();
            var report = new PredictReport(input, masked);
            if (parsed.GetValue(json))
                console.Json(report);
            else
                Print(
                    console.Human,
                    report,
                    Math.Clamp(parsed.GetValue(top), 1, q),
                    id => vocabulary?.Name(id) ?? id.ToString(CultureInfo.InvariantCulture)
                );
            return 0;
        });
        return command;
    }

    /// <summary>Reads "3,_,_,1": L entries, each a symbol in [0, q) or _ (masked).</summary>
    internal static int?[] Parse(string text, int length, int alphabet)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != length)
            throw new ArgumentException(
                $"--tokens has {parts.Length} entries; the model's L = {length} (comma-separated, _ for masked).",
                nameof(text)
            );
        return parts
            .Select(
                (part, i) =>
                    part == "_" ? (int?)null
                    : int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v < alphabet ? v
                    : throw new ArgumentException(
                        $"--tokens entry {i + 1}, '{part}', is neither _ nor a symbol in [0, q = {alphabet}).",
                        nameof(text)
                    )
            )
            .ToArray();
    }

    /// <summary>
    /// Reads a partial line of a text model: each character a symbol of <paramref name="vocabulary"/> or _ (masked);
    /// a line shorter than L is followed by end symbols.
    /// </summary>
    internal static int?[] ParseText(string line, int length, TextVocabulary vocabulary)
    {
        var input = new int?[length];
        var i = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (i == length)
                throw new ArgumentException(
                    $"--text '{line}' has {line.EnumerateRunes().Count()} characters; the model's L = {length}.",
                    nameof(line)
                );
            var symbol = rune.ToString();
            input[i++] =
                symbol == "_" ? null
                : vocabulary.IdOf(symbol) is { } id ? id
                : throw new ArgumentException(
                    $"--text character {i} of '{line}', '{symbol}', is not in the model's vocabulary "
                        + $"'{string.Concat(vocabulary.Symbols)}'.",
                    nameof(line)
                );
        }
        for (; i < length; i++)
            input[i] = vocabulary.End;
        return input;
    }

    private static void Print(IAnsiConsole console, PredictReport report, int top, Func<int, string> name)
    {
        console.MarkupLine(
            Markup.Escape($"input {string.Join(' ', report.Tokens.Select(t => t is { } id ? name(id) : "_"))}")
        );
        var table = new Table().AddColumns("position", $"top {top} symbols (probability)");
        foreach (var m in report.Masked)
            table.AddText(
                $"{m.Position}",
                string.Join(
                    "  ",
                    m.Probabilities.Select((p, a) => (p, a))
                        .OrderByDescending(x => x.p)
                        .Take(top)
                        .Select(x => $"{name(x.a)} ({x.p:F3})")
                )
            );
        console.Write(table);
    }
}
