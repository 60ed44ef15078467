using Spectre.Console;

namespace Dlm.Cli;

/// <summary>Plain-text table rows: cells are shown as written, never parsed as Spectre markup.</summary>
internal static class TableRows
{
    /// <summary>Adds a row of literal cells.</summary>
    public static Table AddText(this Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => new Text(c)).ToArray());
}
