using FairDatabase.Core.Auth;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>The signed-in user's own sessions: where they are signed in, and ending any of them.</summary>
[Route("account/sessions")]
public sealed class AccountController(ISessionDirectory sessions, CurrentUser current) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Sessions(CancellationToken ct) => await PageAsync(null, ct);

    /// <summary>Ends one of the user's sessions; the browser holding it is signed out at its next request.</summary>
    [HttpPost("revoke")]
    public async Task<IActionResult> Revoke([FromForm(Name = "session_id")] string? sessionId, CancellationToken ct)
    {
        if (!Guid.TryParse(sessionId, out var id) || !await sessions.RevokeAsync(current.UserId!.Value, id, ct))
            return await PageAsync(new PageMessage("You have no such session.", IsError: true), ct, StatusCodes.Status404NotFound);
        if (id == current.SessionId) return Redirect("/");
        return await PageAsync(new PageMessage("The session was ended.", IsError: false), ct);
    }

    [HttpPost("revoke_others")]
    public async Task<IActionResult> RevokeOthers(CancellationToken ct)
    {
        var ended = await sessions.RevokeOthersAsync(current.UserId!.Value, current.SessionId ?? Guid.Empty, ct);
        return await PageAsync(new PageMessage($"Ended {ended} other session{(ended == 1 ? "" : "s")}.", IsError: false), ct);
    }

    private async Task<ViewResult> PageAsync(PageMessage? message, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var view = View("Sessions", new SessionsPageModel(await sessions.ListAsync(current.UserId!.Value, ct), current.SessionId, message));
        view.StatusCode = status;
        return view;
    }
}
