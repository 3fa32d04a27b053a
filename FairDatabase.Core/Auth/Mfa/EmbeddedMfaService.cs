using FairDatabase.Core.Data;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Auth.Mfa;

/// <summary>
/// Embedded mode: factors in GoTrue's auth.mfa_factors (secret in base32, as GoTrue keeps it),
/// each accepted code as a verified auth.mfa_challenges row, the session's second factor in
/// auth.sessions.aal and auth.mfa_amr_claims, from which the next token refresh builds aal2/amr.
/// </summary>
public sealed class EmbeddedMfaService(IServiceRoleClient db, IAuthService auth, MfaLedger ledger, IOptions<MfaOptions> options, TimeProvider time)
    : IMfaService
{
    private const string RecoveryMethod = "recovery_code";

    public async Task<MfaStatus> GetStatusAsync(MfaCaller caller, CancellationToken ct)
    {
        var factors = await FactorsAsync(caller.User.Id, ct);
        return new MfaStatus(factors.FirstOrDefault(f => f.Verified)?.Id, factors.FirstOrDefault(f => !f.Verified)?.Id,
            await ledger.RecoveryCodesLeftAsync(caller.User.Id, ct));
    }

    public async Task<TotpEnrolment> EnrolAsync(MfaCaller caller, CancellationToken ct)
    {
        var secret = TotpCodes.NewSecret();
        var id = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<Guid?>(
            """
            WITH gone AS (DELETE FROM auth.mfa_factors WHERE user_id = @uid AND status = 'unverified')
            INSERT INTO auth.mfa_factors (user_id, friendly_name, factor_type, status, secret, created_at, updated_at)
            SELECT @uid, 'Authenticator app ' || to_char(@now AT TIME ZONE 'utc', 'YYYY-MM-DD HH24:MI:SS'), 'totp', 'unverified', @secret, @now, @now
            WHERE NOT EXISTS (SELECT 1 FROM auth.mfa_factors WHERE user_id = @uid AND status = 'verified')
            RETURNING id
            """, new { uid = caller.User.Id, secret, now = time.GetUtcNow() }), ct)
            ?? throw new MfaException(MfaErrorCode.WrongState, "Two-step sign-in is already on. Turn it off first to set up another app.");
        var uri = TotpCodes.OtpAuthUri(options.Value.Issuer, caller.User.Email, secret);
        return new TotpEnrolment(id, secret, uri, QrCodes.PngDataUri(uri));
    }

    public async Task<MfaConfirmation> ConfirmAsync(MfaCaller caller, string code, CancellationToken ct)
    {
        var factor = (await FactorsAsync(caller.User.Id, ct)).FirstOrDefault(f => !f.Verified)
            ?? throw new MfaException(MfaErrorCode.WrongState, "There is no set-up to finish: start it again on this page.");
        var method = await CheckAsync(caller, factor, code, allowRecovery: false, ct);
        await db.RunAsync(s => s.ExecuteAsync(
            "UPDATE auth.mfa_factors SET status = 'verified', updated_at = @now WHERE id = @fid", new { fid = factor.Id, now = time.GetUtcNow() }), ct);
        var codes = await ledger.IssueRecoveryCodesAsync(caller.User.Id, ct);
        return new MfaConfirmation(await UpgradeSessionAsync(caller, method, ct), codes);
    }

    public async Task<AuthSession> CompleteSignInAsync(MfaCaller caller, string code, CancellationToken ct)
    {
        var factor = await VerifiedFactorAsync(caller, ct);
        return await UpgradeSessionAsync(caller, await CheckAsync(caller, factor, code, allowRecovery: true, ct), ct);
    }

    public async Task<AuthSession?> DisableAsync(MfaCaller caller, string code, CancellationToken ct)
    {
        var factor = await VerifiedFactorAsync(caller, ct);
        await CheckAsync(caller, factor, code, allowRecovery: true, ct);
        await db.RunAsync(s => s.ExecuteAsync("DELETE FROM auth.mfa_factors WHERE user_id = @uid", new { uid = caller.User.Id }), ct);
        await ledger.ForgetAsync(caller.User.Id, ct);
        return null;
    }

    /// <returns>The amr method the code proves: totp, or recovery_code.</returns>
    private async Task<string> CheckAsync(MfaCaller caller, Factor factor, string code, bool allowRecovery, CancellationToken ct)
    {
        var userId = caller.User.Id;
        await ledger.EnsureNotLimitedAsync(userId, ct);
        if (TotpCodes.LooksLikeCode(code, out var digits))
        {
            if (TotpCodes.MatchStep(factor.Secret, digits, time.GetUtcNow()) is { } step && await ledger.SpendStepAsync(factor.Id, userId, step, ct))
            {
                await db.RunAsync(s => s.ExecuteAsync(
                    "INSERT INTO auth.mfa_challenges (factor_id, created_at, verified_at, ip_address) VALUES (@fid, @now, @now, coalesce(@ip::inet, '0.0.0.0'))",
                    new { fid = factor.Id, now = time.GetUtcNow(), ip = caller.Ip?.ToString() }), ct);
                return "totp";
            }
        }
        else if (allowRecovery && await ledger.SpendRecoveryCodeAsync(userId, code, ct))
        {
            return RecoveryMethod;
        }
        throw await ledger.CountWrongCodeAsync(userId, ct);
    }

    /// <summary>
    /// Marks the session aal2 with the method, then refreshes: the new tokens carry aal2 and the amr
    /// entry. As GoTrue does at every factor verification, the user's other aal1 sessions end: none
    /// may skip the second factor (a half sign-in elsewhere starts again).
    /// </summary>
    private async Task<AuthSession> UpgradeSessionAsync(MfaCaller caller, string method, CancellationToken ct)
    {
        await db.RunAsync(s => s.ExecuteAsync(
            """
            UPDATE auth.sessions SET aal = 'aal2', updated_at = now() WHERE id = @sid AND user_id = @uid;
            DELETE FROM auth.sessions WHERE user_id = @uid AND id <> @sid AND aal = 'aal1';
            INSERT INTO auth.mfa_amr_claims (session_id, authentication_method, created_at, updated_at)
            SELECT id, @method, @now, @now FROM auth.sessions WHERE id = @sid AND user_id = @uid
            ON CONFLICT (session_id, authentication_method) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at;
            """, new { sid = caller.User.SessionId, uid = caller.User.Id, method, now = time.GetUtcNow() }), ct);
        return await auth.RefreshAsync(caller.Tokens.RefreshToken, ct);
    }

    private async Task<Factor> VerifiedFactorAsync(MfaCaller caller, CancellationToken ct) =>
        (await FactorsAsync(caller.User.Id, ct)).FirstOrDefault(f => f.Verified)
        ?? throw new MfaException(MfaErrorCode.WrongState, "Two-step sign-in is not on for this account.");

    private async Task<IReadOnlyList<Factor>> FactorsAsync(Guid userId, CancellationToken ct) =>
        [.. await db.RunAsync(s => s.QueryAsync<Factor>(
            """
            SELECT id AS Id, status = 'verified' AS Verified, secret AS Secret FROM auth.mfa_factors
            WHERE user_id = @userId AND factor_type = 'totp' ORDER BY created_at DESC
            """, new { userId }), ct)];

    /// <summary>A factor row; holds the secret, so it never leaves this class.</summary>
    private sealed record Factor(Guid Id, bool Verified, string Secret)
    {
        public override string ToString() => $"Factor {{ Id = {Id}, Verified = {Verified} }}";
    }
}
