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

    // Table names stay within 53 bytes: create_data_table names the table's sequence
    // "<table>_rowid_seq", which must fit PostgreSQL's 63-byte limit too.
    private const int MaxStemLength = 30;

    public string IdColumn => ColumnNames[0];

    public static ImportPlan Create(string displayName, IReadOnlyList<string> header)
    {
        var datasetId = Guid.NewGuid();
        var columnNames = Datasets.ColumnNames.Sanitize(header);
        // The random part keeps names apart across users and uploads of the same file name;
        // the readable part helps whoever looks at the database.
        var stem = Datasets.ColumnNames.Clean(displayName, "t_", "dataset", MaxStemLength);
        var baseName = $"{stem}_{datasetId:N}"[..(stem.Length + 13)];
        var chunks = new List<ChunkPlan>();
        for (int start = 1, index = 0; start < header.Count; start += ColumnsPerTable, index++)
        {
            var columns = Enumerable.Range(start, Math.Min(ColumnsPerTable, header.Count - start)).ToArray();
            chunks.Add(new ChunkPlan(index, $"{baseName}_p{index}", columns));
        }
        return new ImportPlan(datasetId, displayName, columnNames, chunks);
    }
}
