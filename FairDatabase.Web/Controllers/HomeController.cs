using System.Diagnostics;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

[AllowAnonymous]
public sealed class HomeController(CurrentUser current) : Controller
{
    /// <summary>The sign-in page for visitors, the dashboard for signed-in users (as FAIRDatabase).</summary>
    [HttpGet("/")]
    public IActionResult Index() => current.IsSignedIn ? Redirect("/dashboard") : View(new LoginViewModel());

    [HttpGet("/error")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error() =>
        View("Error", new ErrorViewModel(500, "Something went wrong.", Activity.Current?.Id ?? HttpContext.TraceIdentifier));
}
