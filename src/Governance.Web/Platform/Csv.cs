using System.Text;

namespace Governance.Platform;

/// <summary>RFC 4180 CSV, the little the imports and exports need.</summary>
public static class Csv
{
    /// <summary>One line: fields quoted where needed, and a leading apostrophe so a spreadsheet never runs a cell as a formula.</summary>
    public static string Line(params string?[] fields) => string.Join(',', fields.Select(Field));

    static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    /// <summary>The rows of a CSV text, each a list of fields; quoted fields may hold commas, quotes and line breaks.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                if (row.Count > 1 || row[0].Length > 0) rows.Add([.. row]);
                row.Clear();
            }
            else field.Append(c);
        }
        row.Add(field.ToString());
        if (row.Count > 1 || row[0].Length > 0) rows.Add([.. row]);
        return rows;
    }
}
