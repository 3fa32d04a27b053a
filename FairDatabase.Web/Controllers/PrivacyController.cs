using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>Privacy processing on the working copy; local DP is <see cref="DifferentialPrivacyController"/>.</summary>
[Route("privacy")]
public sealed class PrivacyController(IPrivacyWorkbench workbench, IColumnChoiceMemory memory) : Controller
{
    [HttpGet("privacy_processing")]
    public async Task<IActionResult> Processing(CancellationToken ct)
    {
        var columns = await ColumnsAsync(ct);
        return View("Processing", new ProcessingPageModel(columns, ChoicePreselection.Within(await memory.RecallAsync(ct), columns), ThresholdFields.Defaults));
    }

    [HttpPost("privacy_processing")]
    public async Task<IActionResult> Processing([FromForm(Name = "quasi_identifiers")] string[]? quasiIdentifiers,
        [FromForm(Name = "sensitive_attributes")] string[]? sensitiveAttributes, [FromForm(Name = "k_min")] string? kMin,
        [FromForm(Name = "l_min")] string? lMin, [FromForm(Name = "t_max")] string? tMax, CancellationToken ct)
    {
        var choices = new ColumnChoices(quasiIdentifiers ?? [], sensitiveAttributes ?? []);
        var fields = new ThresholdFields(kMin ?? "", lMin ?? "", tMax ?? "");
        var columns = await ColumnsAsync(ct);
        try
        {
            var result = await workbench.ProcessAsync(choices.QuasiIdentifiers, choices.SensitiveAttributes, FormNumbers.Thresholds(fields), ct);
            if (result is null) return Invalid("Processing", new ProcessingPageModel(columns, choices, fields, Message: Error(NoWorkingCopy.Message)));
            await memory.RememberAsync(choices.QuasiIdentifiers, choices.SensitiveAttributes, ct);
            return View("Processing", new ProcessingPageModel(columns, choices, fields, result));
        }
        catch (WorkingCopySourceGoneException e)
        {
            // The workflow was reset: no form to show, the message and the way back to the start.
            Response.StatusCode = StatusCodes.Status410Gone;
            return View("Processing", new ProcessingPageModel(null, ColumnChoices.None, ThresholdFields.Defaults, Message: Error(e.Message)));
        }
        catch (AnonymizationValidationException e)
        {
            return Invalid("Processing", new ProcessingPageModel(columns, choices, fields, Message: Error(e.Message)));
        }
    }

    private async Task<IReadOnlyList<string>?> ColumnsAsync(CancellationToken ct) => (await workbench.CurrentAsync(ct))?.ColumnNames;

    private static PageMessage Error(string text) => new(text, IsError: true);

    private ViewResult Invalid(string view, object model)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(view, model);
    }
}
