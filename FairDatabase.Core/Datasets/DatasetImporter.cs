using System.Diagnostics;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Formats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// Stage → check → load. Nothing reaches the database until the whole file has passed the
/// checks; the load (tables, metadata, rows) is one service-role transaction without retries,
/// so a failure at any point leaves neither tables nor metadata behind.
/// </summary>
public sealed class DatasetImporter : IDatasetImporter
{
    private readonly IServiceRoleClient _db;
    private readonly UploadOptions _options;
    private readonly IdHasher _hasher;
    private readonly UploadQuota _quota;
    private readonly ILogger<DatasetImporter> _logger;

    public DatasetImporter(IServiceRoleClient db, IOptions<UploadOptions> options, ILogger<DatasetImporter> logger)
    {
        _db = db;
        _options = options.Value;
        _hasher = new IdHasher(_options.IdHashKey);
        _quota = new UploadQuota(_options);
        _logger = logger;
    }

    /// <summary>Test hook: runs after each piece of COPY data reaches the server.</summary>
    internal Func<DbSession, ChunkPlan, long, Task>? AfterCopyFlush { get; set; }

    public async Task<ImportResult> ImportAsync(Stream body, UploadRequest request, Guid userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var (fileName, displayName, kind) = UploadFileName.Parse(request.FileName);
        request = request with { FileName = fileName, Description = Blank(request.Description), Origin = Blank(request.Origin) };

        await _quota.CheckRoomAsync(_db, userId, ct); // before receiving a file that could not be kept
        await using var prepared = await UploadPreparation.PrepareAsync(body, kind, request, _options, ct);
        var (upload, layout) = (prepared.Upload, prepared.Layout);
        var checkedAt = Stopwatch.GetElapsedTime(started);
        var plan = ImportPlan.Create(displayName, layout.Header, layout.MaxFieldBytes);
        var copier = new ChunkCopier(_hasher) { AfterFlush = AfterCopyFlush };

        // A quota refusal is returned, not thrown: the database client turns exceptions into database errors.
        var refused = await _db.RunOnceAsync<UploadValidationException?>(async s =>
        {
            if (await _quota.RefusalBeforeLoadAsync(s, userId, upload.Length) is { } refusal) return refusal;
            await DatasetStore.CreateTablesAsync(s, plan);
            await DatasetStore.RecordAsync(s, plan, request, prepared, userId, _hasher.Algorithm);
            foreach (var chunk in plan.Chunks)
            {
                var copied = await copier.CopyAsync(s, upload, layout, plan, chunk, userId, ct);
                if (copied != layout.Rows)
                    throw new InvalidOperationException($"The file changed between checking and loading ({copied} rows, expected {layout.Rows}).");
            }
            await DatasetStore.KeyTablesAsync(s, plan);
            return null;
        }, ct);
        if (refused is not null) throw refused;

        var total = Stopwatch.GetElapsedTime(started);
        _logger.LogInformation(
            "Imported dataset {DatasetId} for user {UserId}: {Rows} rows, {Columns} columns, {Tables} tables in {Elapsed:0.000} s (received and checked {Checked:0.000} s, loaded {Loaded:0.000} s)",
            plan.DatasetId, userId, layout.Rows, layout.Header.Count, plan.Chunks.Count, total.TotalSeconds,
            checkedAt.TotalSeconds, (total - checkedAt).TotalSeconds);
        return new ImportResult(plan.DatasetId, displayName, plan.Chunks.Select(c => c.Table).ToArray(), layout.Rows, layout.Header.Count, plan.IdColumn, prepared.Detected);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
