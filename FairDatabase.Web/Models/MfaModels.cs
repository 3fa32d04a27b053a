using FairDatabase.Core.Auth.Mfa;

namespace FairDatabase.Web.Models;

/// <summary>
/// /account/mfa: the factor's state, plus (once each) the new factor's secret and QR code right
/// after enrolling, or the recovery codes right after confirming.
/// </summary>
public sealed record MfaPageModel(MfaStatus Status, PageMessage? Message = null, TotpEnrolment? Enrolment = null,
    IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>/auth/mfa: the second sign-in step.</summary>
public sealed record MfaSignInModel(PageMessage? Message = null);
