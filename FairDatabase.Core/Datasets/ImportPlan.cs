namespace FairDatabase.Core.Datasets;

/// <summary>One physical table of a dataset: its name and which file columns (by position) it holds.</summary>
internal sealed record ChunkPlan(int Index, string Table, IReadOnlyList<int> FileColumns);

/// <summary>
/// Where every column of a file goes. Data columns are split into tables of at most
/// <see cref="ColumnsPerTable"/> (PostgreSQL allows 1600); each table also carries the id column.
/// </summary>
internal sealed record ImportPlan(Guid DatasetId, string DisplayName, IReadOnlyList<string> ColumnNames, IReadOnlyList<ChunkPlan> Chunks)
{
    public const int ColumnsPerTable = 1200;

    // A table row must fit in one 8 kB page (at most 8160 bytes, "row is too big" otherwise).
    // Each text value takes its length + 1 byte, except that values over 24 bytes can be moved
    // out of line by TOAST, leaving an 18-byte pointer. After the tuple header, null bitmap,
    // rowid, user_id and the 64-byte hashed id (about 270 bytes), this leaves room for the data
    // columns, with a margin. 1200 short counts fit; 1200 long decimals do not, so wide values
    // get narrower tables.
    internal const int DataBytesPerRow = 7600;
    private const int MaxBytesPerValue = 24;

    // Table names stay within 53 bytes: create_data_table names the table's sequence
    // "<table>_rowid_seq", which must fit PostgreSQL's 63-byte limit too.
    private const int MaxStemLength = 30;

    public string IdColumn => ColumnNames[0];

    public static ImportPlan Create(string displayName, IReadOnlyList<string> header, IReadOnlyList<int> maxFieldBytes)
    {
        var datasetId = Guid.NewGuid();
        var columnNames = Datasets.ColumnNames.Sanitize(header);
        // The random part keeps names apart across users and uploads of the same file name;
        // the readable part helps whoever looks at the database.
        var stem = Datasets.ColumnNames.Clean(displayName, "t_", "dataset", MaxStemLength);
        var baseName = $"{stem}_{datasetId:N}"[..(stem.Length + 13)];
        var chunks = new List<ChunkPlan>();
        var current = new List<int>();
        var bytes = 0;
        for (var column = 1; column < header.Count; column++)
        {
            var cost = Math.Min(maxFieldBytes[column] + 1, MaxBytesPerValue);
            if (current.Count == ColumnsPerTable || bytes + cost > DataBytesPerRow)
            {
                chunks.Add(new ChunkPlan(chunks.Count, $"{baseName}_p{chunks.Count}", current));
                (current, bytes) = ([], 0);
            }
            current.Add(column);
            bytes += cost;
        }
        chunks.Add(new ChunkPlan(chunks.Count, $"{baseName}_p{chunks.Count}", current));
        return new ImportPlan(datasetId, displayName, columnNames, chunks);
    }
}
