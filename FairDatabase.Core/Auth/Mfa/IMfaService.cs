namespace FairDatabase.Core.Auth.Mfa;

/// <summary>
/// TOTP second factor (RFC 6238) for one user: enrol, confirm, complete a sign-in, disable.
/// Embedded mode keeps factors in GoTrue's auth.mfa_* tables; Supabase mode asks GoTrue's factor
/// endpoints. Both keep the recovery codes, the per-user attempt limit and single use of each code
/// in our own tables. Failures leave as <see cref="MfaException"/>.
/// </summary>
public interface IMfaService
{
    Task<MfaStatus> GetStatusAsync(MfaCaller caller, CancellationToken ct);

    /// <summary>A new unverified factor (an earlier unfinished one is replaced); refused while one is verified.</summary>
    Task<TotpEnrolment> EnrolAsync(MfaCaller caller, CancellationToken ct);

    /// <summary>
    /// Verifies the pending factor with a current code: the session becomes aal2, the user's other
    /// aal1 sessions end (they would otherwise skip the second factor), and 10 recovery codes are issued.
    /// </summary>
    Task<MfaConfirmation> ConfirmAsync(MfaCaller caller, string code, CancellationToken ct);

    /// <summary>The sign-in step: a current code or an unused recovery code; returns the session's aal2 tokens (other aal1 sessions end).</summary>
    Task<AuthSession> CompleteSignInAsync(MfaCaller caller, string code, CancellationToken ct);

    /// <summary>Removes the factor and the recovery codes after checking a current code (or a recovery code).</summary>
    /// <returns>Renewed tokens when the check issued some (GoTrue's verify), else null.</returns>
    Task<AuthSession?> DisableAsync(MfaCaller caller, string code, CancellationToken ct);
}

/// <summary>Who asks: the validated user, the browser's tokens (GoTrue needs the bearer; a confirmed step renews them) and its address.</summary>
public sealed record MfaCaller(AuthenticatedUser User, SessionTokens Tokens, System.Net.IPAddress? Ip)
{
    public override string ToString() => $"MfaCaller {{ User = {User.Id} }}";
}
