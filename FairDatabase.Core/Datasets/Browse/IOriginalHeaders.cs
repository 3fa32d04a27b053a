namespace FairDatabase.Core.Datasets.Browse;

/// <summary>The header a download writes for a table: the uploaded file's own column names when recorded.</summary>
public interface IOriginalHeaders
{
    Task<IReadOnlyList<string>> HeaderForAsync(UserTable table, CancellationToken ct);
}

/// <summary>Falls back to the table's own column names (for tables with no recorded header).</summary>
public sealed class PhysicalColumnHeaders : IOriginalHeaders
{
    public Task<IReadOnlyList<string>> HeaderForAsync(UserTable table, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(table.VisibleColumns.ToList());
}
