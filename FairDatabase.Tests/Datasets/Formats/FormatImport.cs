using Dapper;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Datasets.Formats;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.ImportHelpers;

namespace FairDatabase.Tests.Datasets.Formats;

/// <summary>Imports with the form's choices and reads back what a dataset stored.</summary>
internal static class FormatImport
{
    public static async Task<ImportResult> ImportAsync(byte[] content, string fileName, Guid user, string? orientation = null, string? encoding = null,
        UploadOptions? options = null)
    {
        using var body = new ForwardOnlyStream(content);
        var request = new UploadRequest(fileName).WithChoices(orientation, encoding);
        return await Importer(options).ImportAsync(body, request, user, CancellationToken.None);
    }

    /// <summary>The stored rows with the sample id un-hashed back through <paramref name="ids"/> (id → hash).</summary>
    public static async Task<List<string[]>> RowsAsync(ImportResult result, params string[] ids)
    {
        var byHash = ids.ToDictionary(id => new IdHasher(null).Hex(id), id => id);
        var rows = await ReadTableAsync(result.Tables[0]);
        return rows.Select(r => (string[])[byHash.TryGetValue(r[0], out var id) ? id : r[0], .. r[1..]]).ToList();
    }

    public static async Task<List<string>> OriginalHeaderAsync(Guid datasetId)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return (await admin.QueryAsync<string>("SELECT original_name FROM fairdb.dataset_columns WHERE dataset_id = @datasetId ORDER BY ordinal", new { datasetId })).ToList();
    }

    public static async Task<DetectedFormat?> StoredFormatAsync(Guid datasetId)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return DetectedFormat.FromJson(await admin.ExecuteScalarAsync<string?>("SELECT source_format::text FROM fairdb.datasets WHERE id = @datasetId", new { datasetId }));
    }

    public static async Task<Dictionary<string, string?>> FeatureMetadataAsync(Guid datasetId)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return (await admin.QueryAsync<(string Name, string? Metadata)>(
            "SELECT original_name, feature_metadata::text FROM fairdb.dataset_columns WHERE dataset_id = @datasetId ORDER BY ordinal", new { datasetId }))
            .ToDictionary(r => r.Name, r => r.Metadata);
    }
}
