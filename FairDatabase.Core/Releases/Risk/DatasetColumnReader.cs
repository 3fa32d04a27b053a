using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Releases.Risk;

/// <summary>Reads a few named columns (by uploaded name) of a stored dataset, as the signed-in user.</summary>
public interface IDatasetColumnReader
{
    /// <summary>Null when the dataset is not readable (gone, not shared) or lacks one of the columns.</summary>
    Task<AnonTable?> ReadAsync(Guid datasetId, IReadOnlyList<string> columns, CancellationToken ct);
}

/// <summary>
/// Finds where each column lives (fairdb.dataset_columns, RLS: owner or grantee) and reads only
/// those columns, one text COPY per chunk table that holds some, in rowid order.
/// </summary>
public sealed class DatasetColumnReader(IUserClient db) : IDatasetColumnReader
{
    public async Task<AnonTable?> ReadAsync(Guid datasetId, IReadOnlyList<string> columns, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(columns);
        try
        {
            return await db.RunAsync(async s =>
            {
                var places = (await s.QueryAsync<(string Name, string Physical, string Table)>(
                    """
                    SELECT c.original_name, c.column_name, t.table_name
                    FROM fairdb.dataset_columns c
                    JOIN fairdb.dataset_tables t ON t.dataset_id = c.dataset_id AND t.chunk_index = coalesce(c.chunk_index, 0)
                    WHERE c.dataset_id = @datasetId AND c.original_name = ANY(@columns)
                    """, new { datasetId, columns = columns.ToArray() })).ToList();
                var byName = places.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                if (columns.Any(c => !byName.ContainsKey(c))) return null;
                var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
                int? rows = null;
                foreach (var table in columns.Select(c => byName[c]).GroupBy(p => p.Table, StringComparer.Ordinal))
                {
                    var wanted = table.ToList();
                    var read = await CopyAsync(s, table.Key, wanted.Select(w => w.Physical).ToList(), ct);
                    if (rows is { } expected && read[0].Length != expected) return null;
                    rows = read[0].Length;
                    for (var i = 0; i < wanted.Count; i++) values[wanted[i].Name] = read[i];
                }
                var encoded = columns.Select(c => ColumnRecoder.FromRowValues(c, values[c])).ToArray();
                return new AnonTable(encoded, rows ?? 0);
            }, ct);
        }
        catch (DatabaseException e) when (e.Kind is DbErrorKind.NotFound or DbErrorKind.Forbidden)
        {
            return null;
        }
    }

    private static async Task<string[][]> CopyAsync(DbSession s, string table, List<string> physical, CancellationToken ct)
    {
        var select = string.Join(", ", physical.Select(p => SqlIdentifier.Quote(p) + "::text"));
        var lists = physical.Select(_ => new List<string>()).ToArray();
        await using var reader = await CopyTextReader.OpenAsync(s.Connection, $"SELECT {select} FROM {SqlIdentifier.Qualified("_realtime", table)} ORDER BY rowid", ct);
        while (await reader.NextRowAsync(ct))
            for (var c = 0; c < lists.Length; c++)
                lists[c].Add(reader.NextField() >= 0 ? reader.FieldString() : AnonColumn.Missing);
        return lists.Select(l => l.ToArray()).ToArray();
    }
}
