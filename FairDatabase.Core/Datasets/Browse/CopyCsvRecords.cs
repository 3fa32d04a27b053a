using System.Text;

namespace FairDatabase.Core.Datasets.Browse;

/// <summary>
/// Cuts PostgreSQL's CSV output into records: a newline ends a record unless it is inside quotes
/// (a quote toggles quoting; a doubled quote inside a quoted field toggles twice). Records come
/// without their newline.
/// </summary>
internal static class CopyCsvRecords
{
    public static List<string> Split(StringBuilder csv)
    {
        var text = csv.ToString();
        var records = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"') quoted = !quoted;
            else if (c == '\n' && !quoted)
            {
                records.Add(text[start..i]);
                start = i + 1;
            }
        }
        if (start < text.Length) records.Add(text[start..]);
        return records;
    }

    /// <summary>The first field of a record whose first field is never quoted (a row id).</summary>
    public static string FirstField(string record) => record[..Math.Max(0, record.IndexOf(',', StringComparison.Ordinal))];

    public static string AfterFirstField(string record) => record[(record.IndexOf(',', StringComparison.Ordinal) + 1)..];
}
