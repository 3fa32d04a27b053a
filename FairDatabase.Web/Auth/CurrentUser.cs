using FairDatabase.Core.Auth;
using FairDatabase.Core.Data;

namespace FairDatabase.Web.Auth;

/// <summary>
/// The signed-in user of this request, set by <see cref="SessionCookieAuthenticationHandler"/> from a
/// validated token. As <see cref="IUserContext"/> it gives IUserClient the token's claims for RLS.
/// </summary>
public sealed class CurrentUser : IUserContext
{
    internal AuthenticatedUser? User { get; set; }

    public bool IsSignedIn => User is not null;

    public string? Email => User?.Email;

    public Guid? UserId => User?.Id;

    /// <summary>The session this browser is signed in with (from the token's session_id claim).</summary>
    public Guid? SessionId => User?.SessionId;

    public DbIdentity? Identity => User is { } u ? DbIdentity.ForUser(u.Id, u.ClaimsJson) : null;
}
