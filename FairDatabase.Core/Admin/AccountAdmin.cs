using FairDatabase.Core.Data;

namespace FairDatabase.Core.Admin;

/// <summary>What an administrator sees of an account: figures, never data.</summary>
public sealed record AccountSummary(Guid UserId, string Email, DateTimeOffset Created, DateTimeOffset? LastSignIn,
    DateTimeOffset? BannedUntil, bool IsAdmin, long Datasets, long StoredBytes)
{
    public bool IsBanned(DateTimeOffset now) => BannedUntil > now;
}

/// <summary>
/// Account management for administrators. Runs as the signed-in user: the SQL functions check the
/// admin role themselves (insufficient_privilege otherwise), so a page cannot grant more than that.
/// </summary>
public interface IAccountAdmin
{
    Task<bool> IsAdminAsync(CancellationToken ct);

    Task<IReadOnlyList<AccountSummary>> AccountsAsync(CancellationToken ct);

    /// <summary>Bans until <paramref name="until"/> (ending the account's sessions) or, with null, lifts the ban. False for an unknown account or oneself.</summary>
    Task<bool> SetBanAsync(Guid userId, DateTimeOffset? until, CancellationToken ct);
}

public sealed class AccountAdmin(IUserClient db) : IAccountAdmin
{
    public Task<bool> IsAdminAsync(CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteScalarAsync<bool>("SELECT fairdb.caller_is_admin()"), ct);

    public async Task<IReadOnlyList<AccountSummary>> AccountsAsync(CancellationToken ct)
    {
        var rows = await db.RunAsync(s => s.QueryAsync<Row>(
            "SELECT user_id, email, created_at, last_sign_in_at, banned_until, is_admin, datasets, stored_bytes FROM fairdb.admin_accounts()"), ct);
        return rows.Select(r => new AccountSummary(r.user_id, r.email ?? "", Utc(r.created_at), r.last_sign_in_at is { } l ? Utc(l) : null,
            r.banned_until is { } b ? Utc(b) : null, r.is_admin, r.datasets, r.stored_bytes)).ToList();
    }

    public Task<bool> SetBanAsync(Guid userId, DateTimeOffset? until, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteScalarAsync<bool>("SELECT fairdb.admin_set_ban(@userId, @until)",
            new { userId, until = until?.UtcDateTime }), ct);

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

#pragma warning disable IDE1006, CA1812 // Dapper maps columns to these names.
    private sealed class Row
    {
        public Guid user_id { get; set; }
        public string? email { get; set; }
        public DateTime created_at { get; set; }
        public DateTime? last_sign_in_at { get; set; }
        public DateTime? banned_until { get; set; }
        public bool is_admin { get; set; }
        public long datasets { get; set; }
        public long stored_bytes { get; set; }
    }
#pragma warning restore IDE1006, CA1812
}
