using FairDatabase.Core.Data;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>
/// An uploaded CSV kept column-wise in fairdb_work.workspace_columns (one row per column and
/// block of <see cref="ColumnBlockCodec.BlockRows"/> rows), read as the user (RLS). A step reads
/// only the rows of the columns it names; a download reads one block of all columns at a time.
/// </summary>
public sealed class CsvColumnSource(IUserClient db, SourceLayout layout, CachedCopy? cached = null) : IColumnSource
{
    public SourceLayout Layout => layout;

    /// <summary>The layout, statistics and blocks of a parsed upload (the file is parsed once, here).</summary>
    public static (SourceLayout Layout, List<ColumnBlock> Blocks) Prepare(AnonTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var stats = new ColumnStatsAccumulator(table.Columns.Count);
        var blocks = new List<ColumnBlock>();
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            var counts = column.CountByCode();
            for (var code = 0; code < counts.Length; code++)
                for (var n = 0; n < counts[code]; n++) stats.Add(c, column.Values[code]);
            blocks.AddRange(WorkspaceColumnBlocks.Encode(column, c));
        }
        var columns = table.ColumnNames.Select(n => new SourceColumn(n)).ToList();
        return (new SourceLayout(table.RowCount, columns, stats.Build()), blocks);
    }

    public async Task<AnonTable> ReadColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct) =>
        new((await WorkspaceColumnBlocks.ReadColumnsAsync(db, layout, columns, ct, cached: cached))!, layout.RowCount);

    public Task<string[][]> ReadRowsAsync(int first, int count, IReadOnlyList<string> columns, CancellationToken ct) =>
        WorkspaceColumnBlocks.ReadRowsAsync(db, layout, first, count, columns, ct);
}
