using System.Text;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Core.Explore.Diversity;

/// <summary>
/// Streams a dataset's feature counts row by row, chunk table by chunk table (each read in rowid
/// order with text COPY as the signed-in user), and hands each cell to the caller with the
/// row's position and the feature's index. Missing cells read as 0. The ids and group values
/// are collected on the way.
/// </summary>
internal sealed class FeatureTableReader(IUserClient db, DatasetLayout layout, IReadOnlyList<LayoutColumn> features, LayoutColumn? group)
{
    public const string MissingGroup = "(missing)";

    public List<string> Ids { get; } = [];
    public List<string> Groups { get; } = [];

    /// <summary>One pass over every feature; the first pass also reads ids and groups.</summary>
    public async Task ReadAsync(Action<int, int, double> cell, bool withLabels, CancellationToken ct)
    {
        var featureIndex = features.Select((f, i) => (f, i)).ToDictionary(x => x.f.Ordinal, x => x.i);
        var tables = Enumerable.Range(0, layout.Tables.Count)
            .Where(t => t == 0 || features.Any(f => f.Chunk == t) || group?.Chunk == t);
        Dictionary<int, int>? positions = null;
        foreach (var t in tables)
        {
            var columns = new List<(LayoutColumn Column, int Kind)>(); // kind: −1 id, −2 group, else feature index
            if (t == 0 && withLabels) columns.Add((layout.IdColumn, -1));
            if (group is not null && (group.Chunk ?? 0) == t && withLabels) columns.Add((group, -2));
            columns.AddRange(features.Where(f => (f.Chunk ?? 0) == t).Select(f => (f, featureIndex[f.Ordinal])));
            if (columns.Count == 0) continue;
            var isFirst = positions is null;
            positions ??= [];
            await ReadTableAsync(layout.Tables[t], columns, positions, isFirst, cell, ct);
        }
    }

    private Task<bool> ReadTableAsync(string table, List<(LayoutColumn Column, int Kind)> columns, Dictionary<int, int> positions,
        bool isFirst, Action<int, int, double> cell, CancellationToken ct) =>
        db.RunOnceAsync(async s =>
        {
            var select = string.Join(", ", columns.Select(c => SqlIdentifier.Quote(c.Column.Name)));
            await using var reader = await CopyTextReader.OpenAsync(s.Connection, $"SELECT rowid, {select} FROM {DatasetLayout.Quoted(table)} ORDER BY rowid", ct);
            while (await reader.NextRowAsync(ct))
            {
                var rowId = reader.NextInt32();
                int position;
                if (isFirst) positions[rowId] = position = positions.Count;
                else if (!positions.TryGetValue(rowId, out position))
                    throw new DiversityInputException("The tables of this dataset do not hold the same rows.");
                foreach (var (_, kind) in columns)
                {
                    var length = reader.NextField();
                    var text = reader.Field;
                    if (kind == -1) Ids.Add(Encoding.UTF8.GetString(text));
                    else if (kind == -2) Groups.Add(length < 0 || MissingValues.IsMissing(text) ? MissingGroup : Encoding.UTF8.GetString(text));
                    else if (length >= 0 && !MissingValues.IsMissing(text)
                             && NumericCell.TryParse(text, out var value) && value != 0)
                        cell(position, kind, value);
                }
            }
            return true;
        }, ct);
}
