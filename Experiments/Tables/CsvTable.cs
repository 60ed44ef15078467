using System.Globalization;
using System.Text;

namespace Dlm.Experiments.Tables;

/// <summary>
/// The layout of a CSV file: one (header, value) pair per column, so that a header and its values cannot drift apart.
/// Values are written in the invariant culture: doubles so that they round-trip (<c>"R"</c>), booleans as
/// <c>true</c>/<c>false</c>. Every line ends in <c>\n</c>.
/// </summary>
/// <typeparam name="T">The type of a row.</typeparam>
public sealed class CsvTable<T>(params (string Header, Func<T, object> Value)[] columns)
{
    /// <summary>The header line and one line per row.</summary>
    public string Write(IEnumerable<T> rows)
    {
        var csv = new StringBuilder().Append(string.Join(',', columns.Select(c => c.Header))).Append('\n');
        foreach (var row in rows)
            csv.Append(string.Join(',', columns.Select(c => Format(c.Value(row))))).Append('\n');
        return csv.ToString();
    }

    private static string Format(object value) =>
        value switch
        {
            double x => x.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}
