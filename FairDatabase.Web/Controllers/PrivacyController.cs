using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>Privacy processing and local differential privacy on the working copy.</summary>
[Route("privacy")]
public sealed class PrivacyController(IPrivacyWorkbench workbench) : Controller
{
    [HttpGet("privacy_processing")]
    public async Task<IActionResult> Processing(CancellationToken ct) =>
        View("Processing", new ProcessingPageModel(await ColumnsAsync(ct), ColumnChoices.None, ThresholdFields.Defaults));

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
            return result is null
                ? Invalid("Processing", new ProcessingPageModel(columns, choices, fields, Message: Error(NoWorkingCopy.Message)))
                : View("Processing", new ProcessingPageModel(columns, choices, fields, result));
        }
        catch (AnonymizationValidationException e)
        {
            return Invalid("Processing", new ProcessingPageModel(columns, choices, fields, Message: Error(e.Message)));
        }
    }

    [HttpGet("differential_privacy")]
    public async Task<IActionResult> DifferentialPrivacy(CancellationToken ct) =>
        View("DifferentialPrivacy", new DifferentialPrivacyPageModel(await ColumnsAsync(ct), ColumnChoices.None, DifferentialPrivacyFields.Defaults));

    [HttpPost("differential_privacy")]
    public async Task<IActionResult> DifferentialPrivacy([FromForm(Name = "quasi_identifiers")] string[]? quasiIdentifiers,
        [FromForm(Name = "sensitive_attributes")] string[]? sensitiveAttributes, [FromForm(Name = "categorical_columns")] string[]? categorical,
        [FromForm(Name = "numerical_columns")] string[]? numerical, [FromForm(Name = "epsilon")] string? epsilon,
        [FromForm(Name = "keep_probability")] string? keepProbability, [FromForm(Name = "p")] string? p,
        [FromForm(Name = "seed")] string? seed, CancellationToken ct)
    {
        var choices = new ColumnChoices(quasiIdentifiers ?? [], sensitiveAttributes ?? []);
        // FAIRDatabase calls the keep probability p; either name is accepted, keep_probability first.
        var fields = new DifferentialPrivacyFields(categorical ?? [], numerical ?? [], epsilon ?? "",
            string.IsNullOrWhiteSpace(keepProbability) ? p ?? "" : keepProbability, seed ?? "");
        var columns = await ColumnsAsync(ct);
        try
        {
            var result = await workbench.ApplyDifferentialPrivacyAsync(FormNumbers.DifferentialPrivacy(choices, fields), ct);
            return result is null
                ? Invalid("DifferentialPrivacy", new DifferentialPrivacyPageModel(columns, choices, fields, Message: Error(NoWorkingCopy.Message)))
                : View("DifferentialPrivacy", new DifferentialPrivacyPageModel(columns, choices, fields, result));
        }
        catch (AnonymizationValidationException e)
        {
            return Invalid("DifferentialPrivacy", new DifferentialPrivacyPageModel(columns, choices, fields, Message: Error(e.Message)));
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
