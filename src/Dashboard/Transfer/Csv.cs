using System.Text;

namespace Dashboard.Transfer;

/// <summary>
/// The CSV dialect of the exports: semicolon-separated (what a Dutch spreadsheet expects), UTF-8
/// with a byte order mark, RFC 4180 quoting. Reading also takes commas or tabs, found from the header.
/// A cell that a spreadsheet would run as a formula is written with a leading apostrophe, removed again on import.
/// </summary>
public static class Csv
{
    public const char Separator = ';';
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static string Line(params IEnumerable<string?> cells) =>
        string.Join(Separator, cells.Select(Escape)) + "\r\n";

    private static string Escape(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'')
        {
            text = "'" + text;
        }
        return text.IndexOfAny([Separator, '"', '\n', '\r']) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    /// <summary>Undoes the apostrophe that <see cref="Line"/> puts before a formula-like cell.</summary>
    public static string Unguard(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? cell[1..] : cell;

    /// <summary>
    /// The records of a CSV text, each with the line it starts on (1 = the header). Blank lines are
    /// skipped. Returns the line of an unterminated quote as <paramref name="brokenLine"/>.
    /// </summary>
    public static List<CsvRecord> Parse(string text, out int? brokenLine)
    {
        brokenLine = null;
        var records = new List<CsvRecord>();
        var separator = DetectSeparator(text);
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quoteLine = 0;

        void EndCell()
        {
            cells.Add(cell.ToString());
            cell.Clear();
        }

        void EndRecord()
        {
            EndCell();
            if (cells.Count > 1 || cells[0].Trim().Length > 0)
            {
                records.Add(new CsvRecord(recordLine, [.. cells]));
            }
            cells.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                inQuotes = true;
                quoteLine = line;
            }
            else if (c == separator)
            {
                EndCell();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                EndRecord();
                line++;
                recordLine = line;
            }
            else
            {
                cell.Append(c);
            }
        }
        if (inQuotes)
        {
            brokenLine = quoteLine;
            return records;
        }
        EndRecord();
        return records;
    }

    private static char DetectSeparator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Contains(';') ? ';' : header.Contains('\t') ? '\t' : ',';
    }
}

public sealed record CsvRecord(int Line, string[] Cells);
