using System.Diagnostics;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Infrastructure;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

[AllowAnonymous]
public sealed class HomeController(CurrentUser current) : Controller
{
    /// <summary>The sign-in page for visitors, the dashboard for signed-in users (as FAIRDatabase).</summary>
    [HttpGet("/")]
    public IActionResult Index() => current.IsSignedIn ? Redirect("/dashboard") : View(new LoginViewModel());

    /// <summary>
    /// The exception handler re-runs the failed request here with its own method, so this answers
    /// any method and needs no antiforgery token (the failed POST's was already checked or refused).
    /// </summary>
    [Route("/error")]
    [IgnoreAntiforgeryToken]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error()
    {
        var requestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var (status, message) = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            RequestBodyTooLargeException e => (StatusCodes.Status413PayloadTooLarge, e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "The upload is larger than this server accepts."),
            BadHttpRequestException e => (e.StatusCode, "The request could not be read."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong."),
        };
        Response.StatusCode = status;
        // The JSON API answers its errors as problem+json, this one included.
        if (Api.ApiProblems.IsApi(HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? ""))
            return new ObjectResult(Api.ApiProblems.Create(status, status == 500 ? "Internal error" : "Request refused", message))
            {
                StatusCode = status,
                ContentTypes = { Api.ApiProblems.ContentType },
            };
        return View("Error", new ErrorViewModel(status, message, requestId));
    }
}
