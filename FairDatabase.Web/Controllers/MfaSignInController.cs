using FairDatabase.Core.Audit;
using FairDatabase.Core.Auth;
using FairDatabase.Core.Auth.Mfa;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Infrastructure;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// /auth/mfa: the second sign-in step for an account with a verified factor. The browser holds an
/// aal1 session marked as waiting (it opens no other page); a current code or an unused recovery
/// code turns it into an aal2 session.
/// </summary>
[AllowAnonymous]
[Route("auth/mfa")]
public sealed class MfaSignInController(IMfaService mfa, IAuthService auth, SessionCookie cookie) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => cookie.Read(HttpContext) is { AwaitingMfa: true } ? View(new MfaSignInModel()) : Elsewhere();

    [HttpPost("")]
    [EnableRateLimiting(RateLimits.AuthPolicy)]
    [Audited(AuditActions.MfaSignIn)]
    public async Task<IActionResult> Verify([FromForm(Name = "code")] string? code, CancellationToken ct)
    {
        if (cookie.Read(HttpContext) is not { AwaitingMfa: true } stored) return Elsewhere();
        AuthenticatedUser user;
        try
        {
            user = await auth.GetUserAsync(stored.AccessToken, ct);
        }
        catch (AuthException e) when (e.Code != AuthErrorCode.Unavailable)
        {
            cookie.Clear(HttpContext); // the half sign-in expired or was ended: start again
            return Redirect("/auth/login");
        }
        HttpContext.Audit().UserId = user.Id;
        if (MfaRequests.Problem(code) is { } problem) return Form(problem, StatusCodes.Status400BadRequest);
        try
        {
            cookie.Write(HttpContext, await mfa.CompleteSignInAsync(MfaRequests.Caller(HttpContext, user, stored), code!, ct));
            return Redirect("/dashboard");
        }
        catch (MfaException e)
        {
            return Form(e.Message, MfaRequests.StatusOf(e));
        }
        catch (AuthException e)
        {
            return Form(e.Message, MfaRequests.StatusOf(e));
        }
    }

    /// <summary>Not half signed in: a signed-in browser goes on to its dashboard, anyone else to sign-in.</summary>
    private RedirectResult Elsewhere() => Redirect(cookie.Read(HttpContext) is null ? "/auth/login" : "/dashboard");

    private ViewResult Form(string message, int status)
    {
        var view = View("Index", new MfaSignInModel(new PageMessage(message, IsError: true)));
        view.StatusCode = status;
        return view;
    }
}
