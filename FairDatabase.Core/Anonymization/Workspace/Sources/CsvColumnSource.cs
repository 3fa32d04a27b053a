using FairDatabase.Core.Data;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>One stored block of an uploaded CSV's column.</summary>
public sealed record ColumnBlock(int Block, int Ordinal, byte[] Data);

/// <summary>
/// An uploaded CSV kept column-wise in fairdb_work.workspace_columns (one row per column and
/// block of <see cref="ColumnBlockCodec.BlockRows"/> rows), read as the user (RLS). A step reads
/// only the rows of the columns it names; a download reads one block of all columns at a time.
/// </summary>
public sealed class CsvColumnSource(IUserClient db, SourceLayout layout) : IColumnSource
{
    private const int InsertBatch = 500;

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
            for (var first = 0; first < table.RowCount; first += ColumnBlockCodec.BlockRows)
                blocks.Add(new ColumnBlock(first / ColumnBlockCodec.BlockRows, c,
                    ColumnBlockCodec.Encode(column, first, Math.Min(ColumnBlockCodec.BlockRows, table.RowCount - first))));
        }
        var columns = table.ColumnNames.Select(n => new SourceColumn(n)).ToList();
        return (new SourceLayout(table.RowCount, columns, stats.Build()), blocks);
    }

    /// <summary>Stores the blocks in the caller's transaction (the workspace row must exist).</summary>
    public static async Task WriteAsync(DbSession s, IReadOnlyList<ColumnBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(blocks);
        // COPY FROM is refused on tables with RLS, so rows go in as batched INSERTs over arrays.
        foreach (var batch in blocks.Chunk(InsertBatch))
            await s.ExecuteAsync(
                """
                INSERT INTO fairdb_work.workspace_columns (user_id, block, ordinal, data)
                SELECT auth.uid(), b, o, d FROM unnest(@blocks, @ordinals, @data) AS t (b, o, d)
                """,
                new { blocks = batch.Select(b => b.Block).ToArray(), ordinals = batch.Select(b => b.Ordinal).ToArray(), data = batch.Select(b => b.Data).ToArray() });
    }

    public async Task<AnonTable> ReadColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct)
    {
        var values = await ReadRowsAsync(0, layout.RowCount, columns, ct);
        var encoded = new AnonColumn[columns.Count];
        for (var c = 0; c < encoded.Length; c++) encoded[c] = ColumnRecoder.FromRowValues(columns[c], values[c]);
        return new AnonTable(encoded, layout.RowCount);
    }

    public async Task<string[][]> ReadRowsAsync(int first, int count, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var ordinals = columns.Select(name => layout.IndexOf(name) is var i and >= 0
            ? i : throw new AnonymizationValidationException($"Unknown column: '{name}'.", [name])).ToArray();
        var position = ordinals.Select((ordinal, p) => (ordinal, p)).ToDictionary(x => x.ordinal, x => x.p);
        var result = columns.Select(_ => new string[count]).ToArray();
        if (count == 0) return result;
        var firstBlock = first / ColumnBlockCodec.BlockRows;
        var lastBlock = (first + count - 1) / ColumnBlockCodec.BlockRows;
        var rows = await db.RunAsync(s => s.QueryAsync<(int Block, int Ordinal, byte[] Data)>(
            "SELECT block, ordinal, data FROM fairdb_work.workspace_columns WHERE ordinal = ANY(@ordinals) AND block BETWEEN @firstBlock AND @lastBlock",
            new { ordinals, firstBlock, lastBlock }), ct);
        var scratch = new string[ColumnBlockCodec.BlockRows];
        foreach (var (block, ordinal, data) in rows)
        {
            var n = ColumnBlockCodec.Decode(data, scratch, 0);
            var blockFirst = block * ColumnBlockCodec.BlockRows;
            var from = Math.Max(first, blockFirst);
            var to = Math.Min(first + count, blockFirst + n);
            if (to > from) Array.Copy(scratch, from - blockFirst, result[position[ordinal]], from - first, to - from);
        }
        return result;
    }
}
