using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>The P29 privacy score of the working copy and its last result as JSON.</summary>
[Route("data/p29score")]
public sealed class PrivacyScoreController(IPrivacyWorkbench workbench, IColumnChoiceMemory memory) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var columns = (await workbench.CurrentAsync(ct))?.ColumnNames;
        return View("Score", new ScorePageModel(columns, ChoicePreselection.Within(await memory.RecallAsync(ct), columns)));
    }

    [HttpPost("")]
    public async Task<IActionResult> Calculate([FromForm(Name = "quasi_identifiers")] string[]? quasiIdentifiers,
        [FromForm(Name = "sensitive_attributes")] string[]? sensitiveAttributes, CancellationToken ct)
    {
        var choices = new ColumnChoices(quasiIdentifiers ?? [], sensitiveAttributes ?? []);
        var columns = (await workbench.CurrentAsync(ct))?.ColumnNames;
        try
        {
            var report = await workbench.ScoreAsync(choices.QuasiIdentifiers, choices.SensitiveAttributes, ct);
            if (report is null) return Invalid(columns, choices, NoWorkingCopy.Message);
            await memory.RememberAsync(choices.QuasiIdentifiers, choices.SensitiveAttributes, ct);
            return View("Score", new ScorePageModel(columns, choices, report));
        }
        catch (WorkingCopySourceGoneException e)
        {
            // The workflow was reset: no form to show, the message and the way back to the start.
            Response.StatusCode = StatusCodes.Status410Gone;
            return View("Score", new ScorePageModel(null, ColumnChoices.None, Message: new PageMessage(e.Message, IsError: true)));
        }
        catch (AnonymizationValidationException e)
        {
            return Invalid(columns, choices, e.Message);
        }
    }

    [HttpGet("report")]
    public async Task<IActionResult> Report(CancellationToken ct) =>
        await workbench.LastReportJsonAsync(ct) is { } json
            ? Content(json, "application/json")
            : NotFound(new { error = "No privacy score has been calculated yet." });

    private ViewResult Invalid(IReadOnlyList<string>? columns, ColumnChoices choices, string message)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Score", new ScorePageModel(columns, choices, Message: new PageMessage(message, IsError: true)));
    }
}

/// <summary>The message the privacy pages show when there is nothing to work on.</summary>
public static class NoWorkingCopy
{
    public const string Message = "There is no working copy yet: start the anonymization workflow with a CSV file or one of your datasets.";
}
