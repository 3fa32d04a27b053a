using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Auth.Mfa;

/// <summary>
/// Supabase mode: GoTrue keeps the factor and checks TOTP codes (POST /factors, /challenge,
/// /verify, DELETE /factors); we add the per-user attempt limit and the recovery codes. GoTrue
/// cannot raise a session to aal2 without the factor, so a recovery code removes the factor
/// (admin endpoint) and the user signs in at aal1 and sets up a new app.
/// </summary>
public sealed class GoTrueMfaService(GoTrueAuthService gotrue, MfaLedger ledger, IOptions<MfaOptions> options) : IMfaService
{
    public async Task<MfaStatus> GetStatusAsync(MfaCaller caller, CancellationToken ct)
    {
        var totp = (await gotrue.ListFactorsAsync(caller.Tokens.AccessToken, ct)).Where(f => f.FactorType == "totp").ToList();
        return new MfaStatus(totp.FirstOrDefault(f => f.Status == "verified")?.Id, totp.FirstOrDefault(f => f.Status != "verified")?.Id,
            await ledger.RecoveryCodesLeftAsync(caller.User.Id, ct));
    }

    public async Task<TotpEnrolment> EnrolAsync(MfaCaller caller, CancellationToken ct)
    {
        var status = await GetStatusAsync(caller, ct);
        if (status.Enabled) throw new MfaException(MfaErrorCode.WrongState, "Two-step sign-in is already on. Turn it off first to set up another app.");
        if (status.PendingFactorId is { } pending) await gotrue.UnenrolAsync(caller.Tokens.AccessToken, pending, ct);
        var factor = await gotrue.EnrolTotpAsync(caller.Tokens.AccessToken, $"Authenticator app {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}", options.Value.Issuer, ct);
        return new TotpEnrolment(factor.Id, factor.Secret, factor.Uri, QrCodes.PngDataUri(factor.Uri));
    }

    public async Task<MfaConfirmation> ConfirmAsync(MfaCaller caller, string code, CancellationToken ct)
    {
        var pending = (await GetStatusAsync(caller, ct)).PendingFactorId
            ?? throw new MfaException(MfaErrorCode.WrongState, "There is no set-up to finish: start it again on this page.");
        var session = await VerifyAsync(caller, pending, code, ct)
            ?? throw await ledger.CountWrongCodeAsync(caller.User.Id, ct);
        return new MfaConfirmation(session, await ledger.IssueRecoveryCodesAsync(caller.User.Id, ct));
    }

    public async Task<AuthSession> CompleteSignInAsync(MfaCaller caller, string code, CancellationToken ct)
    {
        var factor = await VerifiedFactorAsync(caller, ct);
        if (await VerifyAsync(caller, factor, code, ct) is { } session) return session;
        if (!await ledger.SpendRecoveryCodeAsync(caller.User.Id, code, ct)) throw await ledger.CountWrongCodeAsync(caller.User.Id, ct);
        await gotrue.AdminDeleteFactorAsync(caller.User.Id, factor, ct);
        await ledger.ForgetAsync(caller.User.Id, ct);
        return await gotrue.RefreshAsync(caller.Tokens.RefreshToken, ct);
    }

    public async Task<AuthSession?> DisableAsync(MfaCaller caller, string code, CancellationToken ct)
    {
        var factor = await VerifiedFactorAsync(caller, ct);
        var session = await VerifyAsync(caller, factor, code, ct);
        if (session is null)
        {
            if (!await ledger.SpendRecoveryCodeAsync(caller.User.Id, code, ct)) throw await ledger.CountWrongCodeAsync(caller.User.Id, ct);
            await gotrue.AdminDeleteFactorAsync(caller.User.Id, factor, ct);
        }
        else
        {
            await gotrue.UnenrolAsync(session.AccessToken, factor, ct);
        }
        await ledger.ForgetAsync(caller.User.Id, ct);
        return session;
    }

    /// <summary>A six-digit code checked by GoTrue: its aal2 tokens, or null when it is not a code or GoTrue refuses it (counted).</summary>
    private async Task<AuthSession?> VerifyAsync(MfaCaller caller, Guid factorId, string code, CancellationToken ct)
    {
        await ledger.EnsureNotLimitedAsync(caller.User.Id, ct);
        if (!TotpCodes.LooksLikeCode(code, out var digits)) return null;
        try
        {
            return await gotrue.VerifyTotpAsync(caller.Tokens.AccessToken, factorId, digits, ct);
        }
        catch (AuthException e) when (e.Code == AuthErrorCode.MfaVerificationFailed)
        {
            throw await ledger.CountWrongCodeAsync(caller.User.Id, ct);
        }
    }

    private async Task<Guid> VerifiedFactorAsync(MfaCaller caller, CancellationToken ct) =>
        (await GetStatusAsync(caller, ct)).VerifiedFactorId
        ?? throw new MfaException(MfaErrorCode.WrongState, "Two-step sign-in is not on for this account.");
}
