using System.IO.Compression;
using System.Text;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// Stores an <see cref="AnonTable"/> compactly: per column its distinct values and one code per
/// row, gzip-compressed. Dictionary encoding keeps microbiome tables (few distinct values per
/// column) small in the database.
/// </summary>
public static class AnonTableCodec
{
    private const int FormatVersion = 1;

    public static byte[] Encode(AnonTable table)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(gzip, Encoding.UTF8))
        {
            w.Write(FormatVersion);
            w.Write(table.RowCount);
            w.Write(table.Columns.Count);
            foreach (var column in table.Columns)
            {
                w.Write(column.Name);
                w.Write(column.Cardinality);
                foreach (var value in column.Values) w.Write(value);
                foreach (var code in column.Codes) w.Write(code);
            }
        }
        return buffer.ToArray();
    }

    public static AnonTable Decode(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var r = new BinaryReader(gzip, Encoding.UTF8);
        if (r.ReadInt32() != FormatVersion) throw new InvalidDataException("Unknown working-copy format.");
        var rows = r.ReadInt32();
        var columnCount = r.ReadInt32();
        var names = new string[columnCount];
        var values = new string[columnCount][];
        var codes = new int[columnCount][];
        for (var c = 0; c < columnCount; c++)
        {
            names[c] = r.ReadString();
            values[c] = new string[r.ReadInt32()];
            for (var v = 0; v < values[c].Length; v++) values[c][v] = r.ReadString();
            codes[c] = new int[rows];
            for (var i = 0; i < rows; i++) codes[c][i] = r.ReadInt32();
        }

        var builder = new AnonTableBuilder(names, rows);
        var row = new string?[columnCount];
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < columnCount; c++) row[c] = values[c][codes[c][i]];
            builder.AddRow(row);
        }
        return builder.Build();
    }
}
