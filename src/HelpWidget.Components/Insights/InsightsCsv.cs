using System.Text;

namespace HelpWidget.Components;

/// <summary>
/// A table as CSV for a spreadsheet: every value quoted, one line per row, no control characters, and any value a
/// spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return)
/// prefixed with <c>'</c>. Offered as a <c>data:</c> link, so the download needs no script and no endpoint.
/// </summary>
internal static class InsightsCsv
{
    public static string Build(string? note, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var csv = new StringBuilder();
        if (note is not null)
        {
            // The mark of simulated data travels with the file: a first line a reader cannot miss.
            AppendRow(csv, [note]);
        }

        AppendRow(csv, headers);
        foreach (var row in rows)
        {
            AppendRow(csv, row);
        }

        return csv.ToString();
    }

    public static string Cell(string value)
    {
        var builder = new StringBuilder(value.Length + 3).Append('"');
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            builder.Append('\'');
        }

        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\"\"",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => " ",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    // UTF-8 with a byte order mark, so spreadsheet programs read letters such as å, ø and ä correctly.
    public static string DataUrl(string csv) => "data:text/csv;charset=utf-8," + Uri.EscapeDataString("\uFEFF" + csv);

    private static void AppendRow(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Cell(cells[i]));
        }

        csv.Append("\r\n");
    }
}
