using System.Globalization;
using FairDatabase.Core.Admin;
using FairDatabase.Core.Audit;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// /admin: accounts with their figures, ban and unban. For anyone but an administrator every URL
/// here answers like a page that does not exist. Admins manage accounts, not data: nothing here
/// reads a data table, and the SQL functions check the role again.
/// </summary>
[Route("admin")]
public sealed class AdminController(IAccountAdmin admin, IInvitations invitations, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? done, CancellationToken ct)
    {
        if (!await admin.IsAdminAsync(ct)) return NotFound();
        var message = done switch { "banned" => "Account banned; its sessions have ended.", "unbanned" => "Ban lifted.", _ => null };
        return View(new AdminViewModel(await admin.AccountsAsync(ct), time.GetUtcNow(), message));
    }

    [HttpPost("users/ban")]
    [Audited(AuditActions.AdminBan)]
    public async Task<IActionResult> Ban([FromForm(Name = "user_id")] string? userId, [FromForm] string? until, CancellationToken ct)
    {
        if (!await admin.IsAdminAsync(ct)) return NotFound();
        HttpContext.Audit().Detail = $"user {userId}, until {until}";
        if (!Guid.TryParse(userId, out var id))
            return await Refused(StatusCodes.Status400BadRequest, "Choose the account to ban (user_id).", ct);
        if (!DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end) || end <= time.GetUtcNow())
            return await Refused(StatusCodes.Status400BadRequest, "Give the end of the ban as a future date and time (until, e.g. 2030-01-31 or 2030-01-31T12:00Z).", ct);
        return await admin.SetBanAsync(id, end, ct)
            ? Redirect("/admin?done=banned")
            : await Refused(StatusCodes.Status404NotFound, "No such account (administrators cannot ban themselves).", ct);
    }

    [HttpPost("users/unban")]
    [Audited(AuditActions.AdminUnban)]
    public async Task<IActionResult> Unban([FromForm(Name = "user_id")] string? userId, CancellationToken ct)
    {
        if (!await admin.IsAdminAsync(ct)) return NotFound();
        HttpContext.Audit().Detail = $"user {userId}";
        if (!Guid.TryParse(userId, out var id))
            return await Refused(StatusCodes.Status400BadRequest, "Choose the account to unban (user_id).", ct);
        return await admin.SetBanAsync(id, null, ct)
            ? Redirect("/admin?done=unbanned")
            : await Refused(StatusCodes.Status404NotFound, "No such account.", ct);
    }

    /// <summary>Creates an invitation link (valid 7 days, optionally for one e-mail) and shows it this once.</summary>
    [HttpPost("invitations")]
    [Audited(AuditActions.AdminInvite)]
    public async Task<IActionResult> Invite([FromForm] string? email, CancellationToken ct)
    {
        if (!await admin.IsAdminAsync(ct)) return NotFound();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (email is { Length: > 320 } || (email is not null && !email.Contains('@', StringComparison.Ordinal)))
            return await Refused(StatusCodes.Status400BadRequest, "Give a valid e-mail address, or none for a link anyone may use once.", ct);
        HttpContext.Audit().Detail = email ?? "any e-mail";
        var token = await invitations.CreateAsync(email, TimeSpan.FromDays(7), ct);
        var link = $"{Request.Scheme}://{Request.Host}/auth/register?invite={Uri.EscapeDataString(token)}";
        return View("Index", new AdminViewModel(await admin.AccountsAsync(ct), time.GetUtcNow(),
            "Invitation created; it is shown only now and works once within 7 days.") { InvitationLink = link });
    }

    private async Task<ViewResult> Refused(int status, string message, CancellationToken ct)
    {
        var view = View("Index", new AdminViewModel(await admin.AccountsAsync(ct), time.GetUtcNow(), message, IsError: true));
        view.StatusCode = status;
        return view;
    }
}
