using System.Globalization;

namespace Dlm.Cli.Options;

/// <summary>Comma-separated lists of integers on the command line (<c>--steps 4,8,16</c>).</summary>
internal static class IntegerList
{
    /// <summary>
    /// The integers of <paramref name="text"/>, each ≥ <paramref name="least"/>, or an error naming the option.
    /// </summary>
    public static IReadOnlyList<int> Parse(string text, string option, int least) =>
        text.Split(',', StringSplitOptions.TrimEntries)
            .Select(part =>
                int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= least
                    ? n
                    : throw new ArgumentException($"{option} entry '{part}' is not an integer ≥ {least}.", option)
            )
            .ToArray();
}
