namespace FairDatabase.Core.Datasets;

/// <summary>Section <c>Upload</c>: limits and id hashing for CSV uploads.</summary>
public sealed class UploadOptions
{
    public const string Section = "Upload";

    /// <summary>Largest accepted file, in bytes (default 160 MB).</summary>
    public long MaxFileSizeBytes { get; set; } = 160L * 1024 * 1024;

    /// <summary>Most columns a file may have, the id column included.</summary>
    public int MaxColumns { get; set; } = 20_000;

    /// <summary>
    /// When set, ids are stored as HMAC-SHA256 with this secret instead of plain SHA-256, so
    /// predictable ids cannot be recovered by hashing candidates. Never logged.
    /// </summary>
    public string? IdHashKey { get; set; }

    /// <summary>Most bytes one user's tables may take in PostgreSQL (default 5 GB); an upload that would pass it is refused (413).</summary>
    public long MaxBytesPerUser { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Most datasets one user may keep (default 500); the next upload is refused (403).</summary>
    public int MaxDatasetsPerUser { get; set; } = 500;

    /// <summary>
    /// Most cells (rows × columns) of a table that is transposed (samples as columns, BIOM and
    /// QIIME 2 tables): the whole table is then held in memory.
    /// </summary>
    public long MaxTransposeCells { get; set; } = 50_000_000;

    /// <summary>Where uploads are staged while they are checked and loaded; the system temp folder when empty.</summary>
    public string? TempDirectory { get; set; }

    internal static IEnumerable<string> Validate(UploadOptions o)
    {
        if (o.MaxFileSizeBytes <= 0)
            yield return Configuration.OptionsRegistration.Setting(Section, nameof(MaxFileSizeBytes), "must be a positive number of bytes");
        if (o.MaxBytesPerUser <= 0)
            yield return Configuration.OptionsRegistration.Setting(Section, nameof(MaxBytesPerUser), "must be a positive number of bytes");
        if (o.MaxDatasetsPerUser < 1)
            yield return Configuration.OptionsRegistration.Setting(Section, nameof(MaxDatasetsPerUser), "must be at least 1");
        if (o.MaxColumns < 2)
            yield return Configuration.OptionsRegistration.Setting(Section, nameof(MaxColumns), "must be at least 2 (the id column and one data column)");
        if (o.MaxTransposeCells < 1)
            yield return Configuration.OptionsRegistration.Setting(Section, nameof(MaxTransposeCells), "must be a positive number of cells");
        if (o.IdHashKey is { Length: > 0 } key && System.Text.Encoding.UTF8.GetByteCount(key) < 32)
            yield return Configuration.OptionsRegistration.Setting(Section, nameof(IdHashKey), "must be at least 32 bytes long (a random secret), or empty for plain SHA-256");
        if (o.TempDirectory is { Length: > 0 } dir && !Directory.Exists(dir))
            yield return Configuration.OptionsRegistration.Setting(Section, nameof(TempDirectory), "must be an existing folder");
    }
}
