namespace FairDatabase.Core.Datasets.Browse;

/// <summary>The header a download writes for a table: the uploaded file's own column names when recorded.</summary>
public interface IOriginalHeaders
{
    Task<IReadOnlyList<string>> HeaderForAsync(UserTable table, CancellationToken ct);
}

