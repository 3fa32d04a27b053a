using System.Globalization;
using FairDatabase.Core.ApiTokens;
using FairDatabase.Core.Audit;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// /account/tokens: personal API tokens for scripts. A new token is rendered once, in the answer to
/// the POST that created it (never stored, logged or shown again; responses are no-store).
/// </summary>
[Route("account/tokens")]
public sealed class TokensController(IApiTokenService tokens, IOptions<ApiTokenOptions> options, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await PageAsync(DefaultForm(), null, null, ct);

    [HttpPost("")]
    [Audited(AuditActions.ApiTokenCreate)]
    public async Task<IActionResult> Create([FromForm] string? name, [FromForm] string? scope, [FromForm(Name = "expiry_days")] string? expiryDays,
        CancellationToken ct)
    {
        var days = int.TryParse(expiryDays, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1;
        var form = new TokenForm(name ?? "", scope ?? "read", days < 0 ? options.Value.DefaultExpiryDays : days);
        try
        {
            var created = await tokens.CreateAsync(name, scope, days, ct);
            HttpContext.Audit().Detail = "token " + created.Info.Id;
            return await PageAsync(DefaultForm(), created,
                new PageMessage("Token created. Copy it now: it is shown only this once.", IsError: false), ct);
        }
        catch (ApiTokenRequestException e)
        {
            return await PageAsync(form with { ErrorField = e.Field }, null, new PageMessage(e.Message, IsError: true), ct, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Ends a token at once; someone else's token answers 404 like one that does not exist.</summary>
    [HttpPost("revoke")]
    [Audited(AuditActions.ApiTokenRevoke)]
    public async Task<IActionResult> Revoke([FromForm(Name = "token_id")] string? tokenId, CancellationToken ct)
    {
        if (!Guid.TryParse(tokenId, out var id) || !await tokens.RevokeAsync(id, ct))
            return await PageAsync(DefaultForm(), null, new PageMessage("You have no such token.", IsError: true), ct, StatusCodes.Status404NotFound);
        HttpContext.Audit().Detail = "token " + id;
        return await PageAsync(DefaultForm(), null, new PageMessage("The token was revoked; scripts using it now get 401.", IsError: false), ct);
    }

    private TokenForm DefaultForm() => new("", "read", options.Value.DefaultExpiryDays);

    private async Task<ViewResult> PageAsync(TokenForm form, CreatedApiToken? created, PageMessage? message, CancellationToken ct,
        int status = StatusCodes.Status200OK)
    {
        var view = View("Tokens", new TokensPageModel(await tokens.ListAsync(ct), form, created, message, time.GetUtcNow()));
        view.StatusCode = status;
        return view;
    }
}
