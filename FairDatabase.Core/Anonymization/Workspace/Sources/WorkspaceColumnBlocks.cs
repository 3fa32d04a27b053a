using FairDatabase.Core.Data;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>One stored block of a working copy's column (an uploaded CSV's, or a stored dataset's compact column).</summary>
public sealed record ColumnBlock(int Block, int Ordinal, byte[] Data);

/// <summary>
/// Columns kept in fairdb_work.workspace_columns: one row per column (its ordinal in the source
/// layout) and block of <see cref="ColumnBlockCodec.BlockRows"/> rows, dictionary-encoded, read
/// and written as the user (RLS, owner-only). A step reads only the blocks of the columns it names.
/// </summary>
public static class WorkspaceColumnBlocks
{
    private const int InsertBatch = 500;

    /// <summary>The blocks of one column, stored under <paramref name="ordinal"/>.</summary>
    public static IEnumerable<ColumnBlock> Encode(AnonColumn column, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(column);
        for (var first = 0; first < column.RowCount; first += ColumnBlockCodec.BlockRows)
            yield return new ColumnBlock(first / ColumnBlockCodec.BlockRows, ordinal,
                ColumnBlockCodec.Encode(column, first, Math.Min(ColumnBlockCodec.BlockRows, column.RowCount - first)));
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

    /// <summary>
    /// Whole columns, decoded straight into codes (no string per cell); values keep their
    /// first-appearance order. <paramref name="precondition"/> runs first in the same transaction;
    /// when it answers false nothing is read and the answer is null. With <paramref name="cached"/>,
    /// columns decoded before are taken from memory (the precondition still runs).
    /// </summary>
    public static async Task<AnonColumn[]?> ReadColumnsAsync(IUserClient db, SourceLayout layout, IReadOnlyList<string> columns, CancellationToken ct,
        Func<DbSession, Task<bool>>? precondition = null, CachedCopy? cached = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(layout);
        var ordinals = Ordinals(layout, columns);
        var result = ordinals.Select(o => cached is { } c ? c.Cache.Get(c.Copy, o) : null).ToArray();
        var missing = ordinals.Where((_, i) => result[i] is null).Distinct().ToArray();
        var decoders = missing.ToDictionary(o => o, _ => new ColumnBlockCodec.CodeDecoder(layout.RowCount));
        // Blocks in row order, so new values are met in the order their rows have them.
        var rows = await db.RunAsync(async s => precondition is not null && !await precondition(s) ? null
            : missing.Length == 0 ? []
            : await s.QueryAsync<(int Block, int Ordinal, byte[] Data)>(
                "SELECT block, ordinal, data FROM fairdb_work.workspace_columns WHERE ordinal = ANY(@missing) ORDER BY ordinal, block",
                new { missing }), ct);
        if (rows is null) return null;
        foreach (var (block, ordinal, data) in rows)
            decoders[ordinal].Add(data, block * ColumnBlockCodec.BlockRows);
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] is not null) continue;
            result[i] = decoders[ordinals[i]].ToColumn(columns[i]);
            if (cached is { } c) c.Cache.Keep(c.Copy, ordinals[i], result[i]!);
        }
        return result!;
    }

    /// <summary>Rows [first, first + count) of the named columns, one string array per column.</summary>
    public static async Task<string[][]> ReadRowsAsync(IUserClient db, SourceLayout layout, int first, int count, IReadOnlyList<string> columns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(layout);
        var ordinals = Ordinals(layout, columns);
        var position = Positions(ordinals);
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

    private static int[] Ordinals(SourceLayout layout, IReadOnlyList<string> columns) =>
        columns.Select(name => layout.IndexOf(name) is var i and >= 0
            ? i : throw new AnonymizationValidationException($"Unknown column: '{name}'.", [name])).ToArray();

    private static Dictionary<int, int> Positions(int[] ordinals) =>
        ordinals.Select((ordinal, p) => (ordinal, p)).ToDictionary(x => x.ordinal, x => x.p);
}
