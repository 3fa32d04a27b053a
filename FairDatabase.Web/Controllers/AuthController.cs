using FairDatabase.Core.Admin;
using FairDatabase.Core.Audit;
using FairDatabase.Core.Auth;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Infrastructure;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Controllers;

/// <summary>/auth/register, /auth/login and /auth/logout, answering as FAIRDatabase does.</summary>
[AllowAnonymous]
[Route("auth")]
public sealed class AuthController(IAuthService auth, SessionCookie cookie, AccessTokens tokens, IOptions<AuthOptions> options, IInvitations invitations) : Controller
{
    [HttpGet("register")]
    public IActionResult Register([FromQuery] string? invite) => View(new RegisterViewModel { Invite = invite, Mode = Mode });

    [HttpPost("register")]
    [EnableRateLimiting(RateLimits.AuthPolicy)]
    public async Task<IActionResult> Register(RegisterViewModel model, CancellationToken ct)
    {
        model.Mode = Mode;
        if (Mode == "closed") return Form(model, StatusCodes.Status403Forbidden);
        if (!ModelState.IsValid) return Form(model, StatusCodes.Status400BadRequest);
        Guid? invitation = null;
        if (Mode == "invite")
        {
            invitation = string.IsNullOrEmpty(model.Invite) || model.Invite.Length > 100 ? null : await invitations.ClaimAsync(model.Invite, model.Email!, ct);
            if (invitation is null)
            {
                ModelState.AddModelError("", "This invitation link is not valid: unknown, already used, expired or meant for another e-mail address.");
                return Form(model, StatusCodes.Status403Forbidden);
            }
        }
        try
        {
            await auth.SignUpAsync(model.Email!, model.Password!, ct);
            return Redirect("/auth/login?registered=true");
        }
        catch (AuthException e)
        {
            if (invitation is { } id) await invitations.ReleaseAsync(id, CancellationToken.None);
            return Failed(model, e);
        }
    }

    private string Mode => options.Value.RegistrationByInvitation ? "invite" : options.Value.RegistrationOpen ? "open" : "closed";

    [HttpGet("login")]
    public IActionResult Login(bool registered = false) => View(new LoginViewModel { Registered = registered });

    [HttpPost("login")]
    [EnableRateLimiting(RateLimits.AuthPolicy)]
    [Audited(AuditActions.SignIn)]
    public async Task<IActionResult> Login(LoginViewModel model, CancellationToken ct)
    {
        model.Registered = false;
        if (!ModelState.IsValid) return Form(model, StatusCodes.Status400BadRequest);
        try
        {
            var client = new SessionClient(Request.Headers.UserAgent.ToString(), HttpContext.Connection.RemoteIpAddress);
            var session = await auth.SignInWithPasswordAsync(model.Email!, model.Password!, client, ct);
            await EndCurrentSessionAsync(ct); // signing in again must not leave the previous session alive
            cookie.Write(HttpContext, session, awaitingMfa: session.MfaRequired);
            HttpContext.Audit().UserId = session.User.Id;
            if (session.MfaRequired) HttpContext.Audit().Detail = "second factor due";
            return Redirect(session.MfaRequired ? "/auth/mfa" : "/dashboard");
        }
        catch (AuthException e)
        {
            // The address tried is kept (never the password), so failed attempts can be traced.
            HttpContext.Audit().Detail = model.Email?.Trim().ToLowerInvariant();
            return Failed(model, e);
        }
    }

    [HttpGet("logout")]
    public IActionResult Logout() => View();

    [HttpPost("logout")]
    [ActionName("Logout")]
    [Audited(AuditActions.SignOut)]
    public async Task<IActionResult> LogoutConfirmed(CancellationToken ct)
    {
        HttpContext.Audit().UserId = await SignedInUserIdAsync();
        await EndCurrentSessionAsync(ct);
        cookie.Clear(HttpContext);
        return Redirect("/");
    }

    /// <summary>Whose session the cookie holds (signature checked, expiry not): for the sign-out audit row.</summary>
    private async Task<Guid?> SignedInUserIdAsync()
    {
        if (cookie.Read(HttpContext) is not { } session) return null;
        try
        {
            return (await tokens.ValidateAsync(session.AccessToken, allowExpired: true)).Id;
        }
#pragma warning disable CA1031 // An unreadable token just means nobody to name.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Revokes the browser's session server-side, if it has one.</summary>
    private async Task EndCurrentSessionAsync(CancellationToken ct)
    {
        if (cookie.Read(HttpContext) is not { } session) return;
        try
        {
            await auth.SignOutAsync(session.AccessToken, ct);
        }
        catch (AuthException)
        {
            // Already gone or unusable: nothing left to revoke.
        }
    }

    private ViewResult Failed(object model, AuthException e)
    {
        ModelState.AddModelError("", e.Message);
        return Form(model, e.Code switch
        {
            AuthErrorCode.UserAlreadyExists => StatusCodes.Status409Conflict,
            AuthErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        });
    }

    private ViewResult Form(object model, int status)
    {
        var view = View(model);
        view.StatusCode = status;
        return view;
    }
}
