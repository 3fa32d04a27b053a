using System.Text.Json;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// BIOM 1.0 (JSON): <c>rows</c> are the observations with their metadata, <c>columns</c> the
/// samples, <c>data</c> either <c>[row, column, value]</c> triples (<c>matrix_type</c> sparse)
/// or one array per row (dense). Keys may come in any order, so the data are kept as read and
/// placed once the shape is known.
/// </summary>
internal static class BiomJsonReader
{
    public static BiomTable Read(byte[] json, long maxCells, CancellationToken ct)
    {
        try
        {
            return Parse(json, maxCells, ct);
        }
        catch (JsonException e)
        {
            throw BiomProblems.BadBiom($"The BIOM file is not valid JSON (line {e.LineNumber + 1}).");
        }
    }

    private static BiomTable Parse(byte[] json, long maxCells, CancellationToken ct)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw BiomProblems.BadBiom("The BIOM file does not hold a JSON object.");
        string? matrixType = null, elementType = null;
        List<(string Id, string? Metadata)>? rows = null, columns = null;
        var triples = new List<(double Row, double Column, double Value)>();
        var denseRows = new List<double[]>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "matrix_type": matrixType = reader.GetString(); break;
                case "matrix_element_type": elementType = reader.GetString(); break;
                case "rows": rows = ReadAxis(ref reader, "rows"); break;
                case "columns": columns = ReadAxis(ref reader, "columns"); break;
                case "data": ReadData(ref reader, triples, denseRows, maxCells, ct); break;
                default: reader.Skip(); break;
            }
        }
        if (rows is null || columns is null)
            throw BiomProblems.BadBiom("The BIOM file has no \"rows\" or no \"columns\": it is not a BIOM 1.0 table.");
        if (elementType is "unicode")
            throw BiomProblems.BadBiom("The BIOM table holds text (matrix_element_type \"unicode\"), not counts.");

        var table = new BiomTable(rows.Select(r => r.Id).ToArray(), columns.Select(c => c.Id).ToArray(), rows.Select(r => r.Metadata).ToArray(), maxCells);
        if (matrixType == "dense" && denseRows.Count == 0)
        {
            // Rows of exactly three values were taken for sparse triples while reading.
            denseRows.AddRange(triples.Select(t => new[] { t.Row, t.Column, t.Value }));
            triples.Clear();
        }
        if (matrixType == "dense" || (matrixType is null && denseRows.Count > 0))
        {
            if (denseRows.Count != rows.Count || denseRows.Any(r => r.Length != columns.Count))
                throw BiomProblems.BadBiom($"The dense BIOM data does not have {rows.Count:N0} rows of {columns.Count:N0} values, as \"rows\" and \"columns\" say.");
            for (var r = 0; r < denseRows.Count; r++)
                for (var c = 0; c < denseRows[r].Length; c++) table.Set(r, c, denseRows[r][c]);
        }
        else
        {
            if (denseRows.Count > 0) throw BiomProblems.BadBiom("The sparse BIOM data must be [row, column, value] triples.");
            foreach (var (r, c, v) in triples)
            {
                if (r != Math.Floor(r) || c != Math.Floor(c) || r < 0 || c < 0 || r > int.MaxValue || c > int.MaxValue)
                    throw BiomProblems.BadBiom($"The sparse BIOM entry [{r}, {c}, {v}] does not start with a row and a column number.");
                table.Set((int)r, (int)c, v);
            }
        }
        return table;
    }

    private static List<(string Id, string? Metadata)> ReadAxis(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw BiomProblems.BadBiom($"\"{what}\" must be a list of {{\"id\": …, \"metadata\": …}} objects.");
        var axis = new List<(string, string?)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? id = null, metadata = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "id") id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                else if (name == "metadata" && reader.TokenType != JsonTokenType.Null)
                {
                    using var doc = JsonDocument.ParseValue(ref reader);
                    metadata = doc.RootElement.GetRawText();
                }
                else reader.Skip();
            }
            if (string.IsNullOrEmpty(id)) throw BiomProblems.BadBiom($"Entry {axis.Count + 1} of \"{what}\" has no \"id\".");
            axis.Add((id, metadata));
        }
        return axis;
    }

    private static void ReadData(ref Utf8JsonReader reader, List<(double, double, double)> triples, List<double[]> denseRows, long maxCells, CancellationToken ct)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw BiomProblems.BadBiom("\"data\" must be a list.");
        var values = new List<double>();
        long cells = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            values.Clear();
            while (reader.Read() && reader.TokenType == JsonTokenType.Number) values.Add(reader.GetDouble());
            if (reader.TokenType != JsonTokenType.EndArray) throw BiomProblems.BadBiom("\"data\" may hold only numbers.");
            if ((cells += values.Count) > maxCells * 3) TransposeBound.Check(cells, 1, maxCells);
            if ((triples.Count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            // Sparse entries are [row, column, value]; a dense table has rows of another length.
            if (values.Count == 3 && denseRows.Count == 0) triples.Add((values[0], values[1], values[2]));
            else denseRows.Add([.. values]);
        }
        // A dense table whose rows happen to hold 3 values reads as triples first: move them back.
        if (denseRows.Count > 0 && triples.Count > 0)
        {
            denseRows.InsertRange(0, triples.Select(t => new double[] { t.Item1, t.Item2, t.Item3 }));
            triples.Clear();
        }
    }
}
