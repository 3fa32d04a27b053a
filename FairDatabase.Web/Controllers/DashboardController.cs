using FairDatabase.Web.Auth;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>The signed-in landing page; later issues add datasets to it.</summary>
public sealed class DashboardController(CurrentUser current) : Controller
{
    [HttpGet("/dashboard")]
    public IActionResult Index() => View(new DashboardViewModel(current.Email ?? ""));
}
