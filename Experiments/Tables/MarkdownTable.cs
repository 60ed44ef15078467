using System.Text;

namespace Dlm.Experiments.Tables;

/// <summary>A column of a <see cref="MarkdownTable"/>: its header, and whether its cells are right-aligned.</summary>
/// <param name="Header">The header cell.</param>
/// <param name="RightAligned">Right-aligned (<c>---:</c>), as numbers are; otherwise left (<c>---</c>).</param>
public readonly record struct MarkdownColumn(string Header, bool RightAligned)
{
    /// <summary>A left-aligned column, for names and intervals.</summary>
    public static MarkdownColumn Text(string header) => new(header, false);

    /// <summary>A right-aligned column, for numbers.</summary>
    public static MarkdownColumn Number(string header) => new(header, true);
}

/// <summary>
/// A GitHub-flavoured Markdown table: <c>| a | b |</c>, then <c>|---|---:|</c>, then one line per row, each ending in
/// <c>\n</c>. Cells are written as given.
/// </summary>
public sealed class MarkdownTable
{
    private readonly StringBuilder _text = new();
    private readonly int _columns;

    /// <summary>A table with the given columns and no rows yet.</summary>
    public MarkdownTable(IEnumerable<MarkdownColumn> columns)
    {
        var all = columns.ToList();
        if (all.Count == 0)
            throw new ArgumentException("a table needs at least one column.", nameof(columns));
        _columns = all.Count;
        Line(all.Select(c => c.Header));
        _text.Append('|').Append(string.Concat(all.Select(c => c.RightAligned ? "---:|" : "---|"))).Append('\n');
    }

    /// <summary>A table with the given columns and no rows yet.</summary>
    public MarkdownTable(params MarkdownColumn[] columns)
        : this((IEnumerable<MarkdownColumn>)columns) { }

    /// <summary>Appends a row; it must have one cell per column.</summary>
    public MarkdownTable Add(IEnumerable<string> cells)
    {
        var row = cells.ToList();
        if (row.Count != _columns)
            throw new ArgumentException(
                $"a row has {row.Count} cells; the table has {_columns} columns.",
                nameof(cells)
            );
        Line(row);
        return this;
    }

    /// <summary>Appends a row; it must have one cell per column.</summary>
    public MarkdownTable Add(params string[] cells) => Add((IEnumerable<string>)cells);

    /// <summary>The table's text.</summary>
    public override string ToString() => _text.ToString();

    private void Line(IEnumerable<string> cells) => _text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
}
