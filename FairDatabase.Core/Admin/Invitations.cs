using System.Security.Cryptography;
using System.Text;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Admin;

/// <summary>
/// Invitation links for <c>Auth:RegistrationMode = invite</c>: 256 random bits shown once, stored as
/// SHA-256. Admins create them (the SQL function checks the role); registration claims one before
/// the account is created and gives it back if the sign-up fails.
/// </summary>
public interface IInvitations
{
    /// <summary>The token for a new invitation, valid for <paramref name="lifetime"/>, optionally for one e-mail only.</summary>
    Task<string> CreateAsync(string? email, TimeSpan lifetime, CancellationToken ct);

    /// <summary>Marks the invitation used; null when the token is unknown, used, expired or for another e-mail.</summary>
    Task<Guid?> ClaimAsync(string token, string email, CancellationToken ct);

    /// <summary>Undoes a claim whose sign-up failed.</summary>
    Task ReleaseAsync(Guid invitationId, CancellationToken ct);
}

public sealed class Invitations(IUserClient user, IServiceRoleClient service) : IInvitations
{
    public async Task<string> CreateAsync(string? email, TimeSpan lifetime, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await user.RunAsync(s => s.ExecuteScalarAsync<Guid>("SELECT fairdb.admin_create_invitation(@hash, @email, now() + @lifetime)",
            new { hash = Hash(token), email, lifetime }), ct);
        return token;
    }

    public Task<Guid?> ClaimAsync(string token, string email, CancellationToken ct) =>
        service.RunOnceAsync(s => s.QuerySingleOrDefaultAsync<Guid?>(
            """
            UPDATE fairdb.invitations SET used_at = now()
            WHERE token_hash = @hash AND used_at IS NULL AND expires_at > now() AND (email IS NULL OR email = lower(btrim(@email)))
            RETURNING id
            """, new { hash = Hash(token), email }), ct);

    public Task ReleaseAsync(Guid invitationId, CancellationToken ct) =>
        service.RunAsync(s => s.ExecuteAsync("UPDATE fairdb.invitations SET used_at = NULL WHERE id = @invitationId", new { invitationId }), ct);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
