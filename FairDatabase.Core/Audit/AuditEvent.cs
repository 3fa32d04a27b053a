namespace FairDatabase.Core.Audit;

/// <summary>The actions the app records. Other features add theirs here (lower case, '_' or '.').</summary>
public static class AuditActions
{
    public const string SignIn = "sign_in";
    public const string SignOut = "sign_out";
    public const string MfaEnrol = "mfa_enrol";
    public const string MfaVerify = "mfa_verify";
    public const string MfaDisable = "mfa_disable";
    public const string MfaSignIn = "mfa_sign_in";
    public const string Upload = "upload";
    public const string Preview = "preview";
    public const string Download = "download";
    public const string Update = "update";
    public const string WorkflowStart = "workflow_start";
    public const string WorkflowSave = "workflow_save";
    public const string Share = "share";
    public const string Revoke = "revoke";
    public const string AdminBan = "admin_ban";
    public const string AdminUnban = "admin_unban";
    public const string AdminInvite = "admin_invite";
    public const string ApiTokenCreate = "api_token_create";
    public const string ApiTokenRevoke = "api_token_revoke";
    public const string ApiDatasetsList = "api.datasets.list";
    public const string ApiDatasetRead = "api.datasets.read";
    public const string ApiDatasetDownload = "api.datasets.download";
    public const string ApiDatasetUpload = "api.datasets.upload";
    public const string ApiReleasesList = "api.releases.list";
    public const string ApiReleaseRead = "api.releases.read";
}

/// <summary>
/// One audit row. <see cref="DatasetId"/> may be left empty when <see cref="TableName"/> or
/// <see cref="DatasetName"/> names the dataset: the writer looks it up, so owners see the event.
/// </summary>
public sealed record AuditEvent(string Action, int Status)
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
    public Guid? UserId { get; init; }
    public Guid? DatasetId { get; init; }
    public string? TableName { get; init; }

    /// <summary>A dataset's display name as the user chose it (the workflow's picker), resolved among the datasets the user may read.</summary>
    public string? DatasetName { get; init; }
    public int? DurationMs { get; init; }
    public string? RequestId { get; init; }
    public string? Ip { get; init; }

    /// <summary>Never a secret, a token or a cell value.</summary>
    public string? Detail { get; init; }
}

/// <summary>
/// Records audit events without making the caller wait for the database: events queue in a
/// bounded channel and a background writer stores them in batches as service_role.
/// </summary>
public interface IAuditLog
{
    void Record(AuditEvent e);

    /// <summary>Waits until everything recorded so far is stored (or has failed and been logged).</summary>
    Task FlushAsync(CancellationToken ct);
}
