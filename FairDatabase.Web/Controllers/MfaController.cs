using FairDatabase.Core.Audit;
using FairDatabase.Core.Auth;
using FairDatabase.Core.Auth.Mfa;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// /account/mfa: turn two-step sign-in (TOTP) on and off. The secret is shown only in the answer
/// to the enrol POST; recovery codes only in the answer to the verify POST.
/// </summary>
[Route("account/mfa")]
public sealed class MfaController(IMfaService mfa, CurrentUser current, SessionCookie cookie) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => Page(new MfaPageModel(await mfa.GetStatusAsync(Caller(), ct)));

    [HttpPost("enrol")]
    [Audited(AuditActions.MfaEnrol)]
    public Task<IActionResult> Enrol(CancellationToken ct) =>
        RunAsync(async caller => Page(new MfaPageModel(await mfa.GetStatusAsync(caller, ct), Enrolment: await mfa.EnrolAsync(caller, ct))), ct);

    [HttpPost("verify")]
    [Audited(AuditActions.MfaVerify)]
    public Task<IActionResult> Verify([FromForm(Name = "code")] string? code, CancellationToken ct) => RunAsync(async caller =>
    {
        var confirmed = await mfa.ConfirmAsync(caller, code!, ct);
        cookie.Write(HttpContext, confirmed.Session); // now aal2
        return Page(new MfaPageModel(await mfa.GetStatusAsync(Caller(), ct),
            new PageMessage("Two-step sign-in is on. Your other sessions were ended.", IsError: false), RecoveryCodes: confirmed.RecoveryCodes));
    }, ct, code, codeRequired: true);

    [HttpPost("disable")]
    [Audited(AuditActions.MfaDisable)]
    public Task<IActionResult> Disable([FromForm(Name = "code")] string? code, CancellationToken ct) => RunAsync(async caller =>
    {
        if (await mfa.DisableAsync(caller, code!, ct) is { } renewed) cookie.Write(HttpContext, renewed);
        return Page(new MfaPageModel(await mfa.GetStatusAsync(Caller(), ct), new PageMessage("Two-step sign-in is off.", IsError: false)));
    }, ct, code, codeRequired: true);

    /// <summary>Runs a step; a bad field or a refused code answers the page with the message and its status.</summary>
    private async Task<IActionResult> RunAsync(Func<MfaCaller, Task<IActionResult>> step, CancellationToken ct, string? code = null, bool codeRequired = false)
    {
        var caller = Caller();
        if (codeRequired && MfaRequests.Problem(code) is { } problem) return await FailedAsync(caller, problem, StatusCodes.Status400BadRequest, ct);
        try
        {
            return await step(caller);
        }
        catch (MfaException e)
        {
            return await FailedAsync(caller, e.Message, MfaRequests.StatusOf(e), ct);
        }
        catch (AuthException e)
        {
            return await FailedAsync(caller, e.Message, MfaRequests.StatusOf(e), ct);
        }
    }

    private async Task<IActionResult> FailedAsync(MfaCaller caller, string message, int status, CancellationToken ct) =>
        Page(new MfaPageModel(await mfa.GetStatusAsync(caller, ct), new PageMessage(message, IsError: true)), status);

    // The authentication handler validated (and if needed refreshed) the cookie's tokens for this request.
    private MfaCaller Caller() => MfaRequests.Caller(HttpContext, current.User!, cookie.Read(HttpContext)!);

    private ViewResult Page(MfaPageModel model, int status = StatusCodes.Status200OK)
    {
        var view = View("Index", model);
        view.StatusCode = status;
        return view;
    }
}
