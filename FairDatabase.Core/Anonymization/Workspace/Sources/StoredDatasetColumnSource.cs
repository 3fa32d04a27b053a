using FairDatabase.Core.Data;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>
/// Reads a stored dataset in place, as the signed-in user (RLS): per chunk table that holds a
/// requested column, one text COPY of rowid and those columns in rowid order. The columns kept
/// compactly at start (<see cref="SourceColumn.Copied"/>) are read from the workspace instead, so
/// steps on quasi-identifiers and sensitive attributes do not scan the wide rows. The source is
/// not copied, so a dataset deleted or unshared meanwhile shows up here: a missing table, refused
/// access or a different set of rows ends in <see cref="WorkingCopySourceGoneException"/> — also
/// when every column came from the workspace (then a look at the first chunk's row-id range).
/// </summary>
public sealed class StoredDatasetColumnSource(IUserClient db, string datasetName, SourceLayout layout, int[] rowIds, CachedCopy? cached = null) : IColumnSource
{
    public SourceLayout Layout => layout;

    public async Task<AnonTable> ReadColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct)
    {
        var (copied, scanned) = Split(columns);
        var encoded = new Dictionary<string, AnonColumn>(StringComparer.Ordinal);
        if (scanned.Count > 0)
        {
            var values = await ReadAsync(0, layout.RowCount, scanned, ct);
            for (var c = 0; c < scanned.Count; c++) encoded[scanned[c]] = ColumnRecoder.FromRowValues(scanned[c], values[c]);
        }
        if (copied.Count > 0)
        {
            // Nothing read in place: the source is checked in the same transaction as the blocks.
            var check = scanned.Count == 0 ? IsStillThereAsync : (Func<DbSession, Task<bool>>?)null;
            var read = await Guard(() => WorkspaceColumnBlocks.ReadColumnsAsync(db, layout, copied, ct, check, cached)) ?? throw new WorkingCopySourceGoneException(datasetName);
            foreach (var column in read) encoded[column.Name] = column;
        }
        return new AnonTable([.. columns.Select(name => encoded[name])], layout.RowCount);
    }

    public async Task<string[][]> ReadRowsAsync(int first, int count, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var (copied, scanned) = Split(columns);
        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (scanned.Count > 0)
        {
            var values = await ReadAsync(first, count, scanned, ct);
            for (var c = 0; c < scanned.Count; c++) found[scanned[c]] = values[c];
        }
        else if (count > 0) await EnsureStillThereAsync(ct);
        if (copied.Count > 0)
        {
            var values = await WorkspaceColumnBlocks.ReadRowsAsync(db, layout, first, count, copied, ct);
            for (var c = 0; c < copied.Count; c++) found[copied[c]] = values[c];
        }
        return [.. columns.Select(name => found[name])];
    }

    private (List<string> Copied, List<string> Scanned) Split(IReadOnlyList<string> columns)
    {
        var names = columns.Distinct(StringComparer.Ordinal).ToList();
        var copied = names.Where(n => Resolve(n).Copied).ToList();
        return (copied, names.Where(n => !Resolve(n).Copied).ToList());
    }

    // The first and last row ids through the primary key: a deleted table, refused access or
    // other rows (no longer shared: RLS hides them) end the working copy as a full read would.
    private async Task EnsureStillThereAsync(CancellationToken ct)
    {
        if (!await Guard(() => db.RunAsync(IsStillThereAsync, ct))) throw new WorkingCopySourceGoneException(datasetName);
    }

    private async Task<bool> IsStillThereAsync(DbSession s)
    {
        if (layout.RowCount == 0) return true;
        var table = layout.Columns.First(c => c.Table is not null).Table!;
        var (first, last) = await s.QuerySingleOrDefaultAsync<(int?, int?)>(
            $"SELECT min(rowid), max(rowid) FROM {SqlIdentifier.Qualified("_realtime", table)}");
        return first == rowIds[0] && last == rowIds[^1];
    }

    private async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (DatabaseException e) when (e.Kind is DbErrorKind.NotFound or DbErrorKind.Forbidden)
        {
            throw new WorkingCopySourceGoneException(datasetName);
        }
    }

    private async Task<string[][]> ReadAsync(int first, int count, List<string> columns, CancellationToken ct)
    {
        var result = new string[columns.Count][];
        if (count == 0)
        {
            for (var c = 0; c < result.Length; c++) result[c] = [];
            return result;
        }
        var byTable = columns.Select((name, position) => (Column: Resolve(name), Position: position))
            .GroupBy(p => p.Column.Table!, StringComparer.Ordinal);
        foreach (var group in byTable)
        {
            var wanted = group.ToList();
            var whole = first == 0 && count == layout.RowCount;
            var range = whole ? "" : $" WHERE rowid BETWEEN {rowIds[first]} AND {rowIds[first + count - 1]}";
            var select = string.Join(", ", wanted.Select(w => SqlIdentifier.Quote(w.Column.Physical!) + "::text"));
            var sql = $"SELECT rowid, {select} FROM {SqlIdentifier.Qualified("_realtime", group.Key)}{range} ORDER BY rowid";
            var arrays = wanted.Select(_ => new string[count]).ToArray();
            var rows = await CopyAsync(sql, first, arrays, ct);
            if (rows != count) throw new WorkingCopySourceGoneException(datasetName);
            for (var i = 0; i < wanted.Count; i++) result[wanted[i].Position] = arrays[i];
        }
        return result;
    }

    private SourceColumn Resolve(string name) =>
        layout.IndexOf(name) is var i and >= 0 ? layout.Columns[i] : throw new AnonymizationValidationException($"Unknown column: '{name}'.", [name]);

    private async Task<int> CopyAsync(string sql, int first, string[][] arrays, CancellationToken ct)
    {
        try
        {
            return await db.RunAsync(async s =>
            {
                await using var reader = await CopyTextReader.OpenAsync(s.Connection, sql, ct);
                var row = 0;
                while (await reader.NextRowAsync(ct))
                {
                    if (row >= arrays[0].Length || reader.NextInt32() != rowIds[first + row]) return -1;
                    for (var c = 0; c < arrays.Length; c++)
                        arrays[c][row] = reader.NextField() >= 0 ? reader.FieldString() : AnonColumn.Missing;
                    row++;
                }
                return row;
            }, ct);
        }
        catch (DatabaseException e) when (e.Kind is DbErrorKind.NotFound or DbErrorKind.Forbidden)
        {
            throw new WorkingCopySourceGoneException(datasetName);
        }
    }
}
