using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FairDatabase.Web.Auth;

/// <summary>
/// Global: resolves the session on every MVC request (so [AllowAnonymous] pages such as / still
/// know who is signed in) and sends anyone without a valid session on other pages back to /.
/// /healthz and static files are not MVC actions and never reach it.
/// </summary>
internal sealed class LoginRequiredFilter(SessionAuthenticator authenticator, CurrentUser current) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        current.User = await authenticator.AuthenticateAsync(context.HttpContext);
        if (current.User is null && !context.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            context.Result = new RedirectResult("/");
    }
}
