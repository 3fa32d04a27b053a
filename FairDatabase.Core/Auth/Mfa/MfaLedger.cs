using FairDatabase.Core.Data;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Auth.Mfa;

/// <summary>
/// Our own MFA bookkeeping in fairdb_private, as service_role, in both modes: wrong attempts per
/// user (the limit), the last accepted TOTP step per factor (each code once), and the hashed
/// recovery codes. Times come from the app's clock, so tests can move past the window.
/// </summary>
public sealed class MfaLedger(IServiceRoleClient db, IOptions<MfaOptions> options, TimeProvider time)
{
    /// <summary>Throws <see cref="MfaErrorCode.TooManyAttempts"/> while the user has used up the wrong attempts of the window.</summary>
    public async Task EnsureNotLimitedAsync(Guid userId, CancellationToken ct)
    {
        var o = options.Value;
        var recent = await db.RunAsync(s => s.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM fairdb_private.mfa_failed_attempts WHERE user_id = @userId AND at > @since",
            new { userId, since = time.GetUtcNow().AddMinutes(-o.FailedAttemptWindowMinutes) }), ct);
        if (recent >= o.MaxFailedAttempts)
            throw new MfaException(MfaErrorCode.TooManyAttempts,
                $"Too many wrong codes: wait {o.FailedAttemptWindowMinutes} minutes, then try again.");
    }

    /// <summary>Counts a wrong code; returns the error for the caller to throw.</summary>
    public async Task<MfaException> CountWrongCodeAsync(Guid userId, CancellationToken ct)
    {
        await db.RunAsync(s => s.ExecuteAsync(
            "INSERT INTO fairdb_private.mfa_failed_attempts (user_id, at) VALUES (@userId, @now)", new { userId, now = time.GetUtcNow() }), ct);
        return MfaException.WrongCode();
    }

    /// <summary>Records <paramref name="step"/> as used; false when it (or a later step) was used before: a replay.</summary>
    public Task<bool> SpendStepAsync(Guid factorId, Guid userId, long step, CancellationToken ct) =>
        db.RunAsync(async s => await s.ExecuteAsync(
            """
            INSERT INTO fairdb_private.mfa_totp_steps (factor_id, user_id, last_step) VALUES (@factorId, @userId, @step)
            ON CONFLICT (factor_id) DO UPDATE SET last_step = excluded.last_step
            WHERE fairdb_private.mfa_totp_steps.last_step < excluded.last_step
            """, new { factorId, userId, step }) == 1, ct);

    /// <summary>Replaces the user's recovery codes with new ones and returns them (the only time they exist in clear).</summary>
    public async Task<IReadOnlyList<string>> IssueRecoveryCodesAsync(Guid userId, CancellationToken ct)
    {
        var codes = RecoveryCodes.New();
        var hashes = codes.Select(c => RecoveryCodes.Hash(c)!).ToArray();
        await db.RunAsync(s => s.ExecuteAsync(
            """
            DELETE FROM fairdb_private.mfa_recovery_codes WHERE user_id = @userId;
            INSERT INTO fairdb_private.mfa_recovery_codes (user_id, code_hash, created_at) SELECT @userId, h, @now FROM unnest(@hashes) h;
            """, new { userId, hashes, now = time.GetUtcNow() }), ct);
        return codes;
    }

    /// <summary>Marks an unused recovery code used; false when it is not one of the user's unused codes.</summary>
    public async Task<bool> SpendRecoveryCodeAsync(Guid userId, string typed, CancellationToken ct) =>
        RecoveryCodes.Hash(typed) is { } hash && await db.RunAsync(s => s.ExecuteAsync(
            "UPDATE fairdb_private.mfa_recovery_codes SET used_at = @now WHERE user_id = @userId AND code_hash = @hash AND used_at IS NULL",
            new { userId, hash, now = time.GetUtcNow() }), ct) == 1;

    public Task<int> RecoveryCodesLeftAsync(Guid userId, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM fairdb_private.mfa_recovery_codes WHERE user_id = @userId AND used_at IS NULL", new { userId }), ct);

    /// <summary>Forgets the user's recovery codes and used steps (MFA switched off).</summary>
    public Task ForgetAsync(Guid userId, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteAsync(
            """
            DELETE FROM fairdb_private.mfa_recovery_codes WHERE user_id = @userId;
            DELETE FROM fairdb_private.mfa_totp_steps WHERE user_id = @userId;
            """, new { userId }), ct);
}
