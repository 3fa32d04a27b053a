using FairDatabase.Core.Data;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>
/// Reads a stored dataset in place, as the signed-in user (RLS): per chunk table that holds a
/// requested column, one binary COPY of rowid and those columns in rowid order. Nothing is
/// copied at start, so a dataset deleted or unshared meanwhile shows up here: a missing table,
/// refused access or a different set of rows ends in <see cref="WorkingCopySourceGoneException"/>.
/// </summary>
public sealed class StoredDatasetColumnSource(IUserClient db, string datasetName, SourceLayout layout, int[] rowIds) : IColumnSource
{
    public SourceLayout Layout => layout;

    public async Task<AnonTable> ReadColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct)
    {
        var values = await ReadAsync(0, layout.RowCount, columns, ct);
        var encoded = new AnonColumn[columns.Count];
        for (var c = 0; c < encoded.Length; c++) encoded[c] = ColumnRecoder.FromRowValues(columns[c], values[c]);
        return new AnonTable(encoded, layout.RowCount);
    }

    public Task<string[][]> ReadRowsAsync(int first, int count, IReadOnlyList<string> columns, CancellationToken ct) =>
        ReadAsync(first, count, columns, ct);

    private async Task<string[][]> ReadAsync(int first, int count, IReadOnlyList<string> columns, CancellationToken ct)
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
            var sql = $"COPY (SELECT rowid, {select} FROM {SqlIdentifier.Qualified("_realtime", group.Key)}{range} ORDER BY rowid) TO STDOUT (FORMAT binary)";
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
                await using var raw = await s.Connection.BeginRawBinaryCopyAsync(sql, ct);
                var reader = new CopyBinaryReader(raw);
                var row = 0;
                while (await reader.StartRowAsync(ct) >= 0)
                {
                    if (row >= arrays[0].Length || await reader.ReadInt32Async(ct) != rowIds[first + row]) return -1;
                    for (var c = 0; c < arrays.Length; c++)
                        arrays[c][row] = (reader.TryNextField(out var notNull) ? notNull : await reader.NextFieldAsync(ct)) ? reader.FieldString() : AnonColumn.Missing;
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
