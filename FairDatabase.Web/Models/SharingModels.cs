using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Sharing;

namespace FairDatabase.Web.Models;

/// <summary>The owner's access page: the dataset, who may read it, and the outcome of the last action.</summary>
public sealed record DatasetAccessViewModel(DatasetSummary Dataset, IReadOnlyList<DatasetGrantee> Grantees, string? Message = null, bool IsError = false);

/// <summary>An audit trail page: a dataset's (with who acted) or the caller's own.</summary>
public sealed record AuditTrailViewModel(string Title, IReadOnlyList<FairDatabase.Core.Audit.AuditEntry> Entries, bool ShowWho);

/// <summary>The admin page: every account's figures (never data) and the outcome of the last action.</summary>
public sealed record AdminViewModel(IReadOnlyList<FairDatabase.Core.Admin.AccountSummary> Accounts, DateTimeOffset Now,
    string? Message = null, bool IsError = false)
{
    /// <summary>A just-created invitation link, shown once.</summary>
    public string? InvitationLink { get; init; }
}
