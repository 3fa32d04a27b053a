using FairDatabase.Core.Auth;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Infrastructure;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace FairDatabase.Web.Controllers;

/// <summary>/auth/register, /auth/login and /auth/logout, answering as FAIRDatabase does.</summary>
[AllowAnonymous]
[Route("auth")]
public sealed class AuthController(IAuthService auth, SessionCookie cookie) : Controller
{
    [HttpGet("register")]
    public IActionResult Register() => View(new RegisterViewModel());

    [HttpPost("register")]
    [EnableRateLimiting(RateLimits.AuthPolicy)]
    public async Task<IActionResult> Register(RegisterViewModel model, CancellationToken ct)
    {
        if (!ModelState.IsValid) return Form(model, StatusCodes.Status400BadRequest);
        try
        {
            await auth.SignUpAsync(model.Email!, model.Password!, ct);
            return Redirect("/auth/login?registered=true");
        }
        catch (AuthException e)
        {
            return Failed(model, e);
        }
    }

    [HttpGet("login")]
    public IActionResult Login(bool registered = false) => View(new LoginViewModel { Registered = registered });

    [HttpPost("login")]
    [EnableRateLimiting(RateLimits.AuthPolicy)]
    public async Task<IActionResult> Login(LoginViewModel model, CancellationToken ct)
    {
        model.Registered = false;
        if (!ModelState.IsValid) return Form(model, StatusCodes.Status400BadRequest);
        try
        {
            var client = new SessionClient(Request.Headers.UserAgent.ToString(), HttpContext.Connection.RemoteIpAddress);
            var session = await auth.SignInWithPasswordAsync(model.Email!, model.Password!, client, ct);
            await EndCurrentSessionAsync(ct); // signing in again must not leave the previous session alive
            cookie.Write(HttpContext, session);
            return Redirect("/dashboard");
        }
        catch (AuthException e)
        {
            return Failed(model, e);
        }
    }

    [HttpGet("logout")]
    public IActionResult Logout() => View();

    [HttpPost("logout")]
    [ActionName("Logout")]
    public async Task<IActionResult> LogoutConfirmed(CancellationToken ct)
    {
        await EndCurrentSessionAsync(ct);
        cookie.Clear(HttpContext);
        return Redirect("/");
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
