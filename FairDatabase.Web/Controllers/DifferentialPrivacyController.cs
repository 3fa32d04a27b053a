using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// Local differential privacy on the working copy: columns not declared are typed automatically
/// and the typing is shown before anything runs (<c>submit_button=preview_typing</c>); after
/// applying, a column's distribution is drawn before and after.
/// </summary>
[Route("privacy/differential_privacy")]
public sealed class DifferentialPrivacyController(IPrivacyWorkbench workbench, IColumnChoiceMemory memory, IPerturbationInspector inspector) : Controller
{
    public const string PreviewTyping = "preview_typing";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "compare")] string? compare, CancellationToken ct)
    {
        try
        {
            var columns = (await workbench.CurrentAsync(ct))?.ColumnNames;
            var choices = ChoicePreselection.Within(await memory.RecallAsync(ct), columns);
            var fields = DifferentialPrivacyFields.Defaults;
            var typing = columns is null ? null : await TypingOrNullAsync(FormNumbers.DifferentialPrivacy(choices, fields), ct);
            return Page(new DifferentialPrivacyPageModel(columns, choices, fields) { Typing = typing, Comparison = await ComparisonAsync(compare, ct) });
        }
        catch (WorkingCopySourceGoneException e)
        {
            return Gone(e);
        }
    }

    [HttpPost("")]
    public async Task<IActionResult> Apply([FromForm(Name = "submit_button")] string? submit,
        [FromForm(Name = "quasi_identifiers")] string[]? quasiIdentifiers,
        [FromForm(Name = "sensitive_attributes")] string[]? sensitiveAttributes, [FromForm(Name = "categorical_columns")] string[]? categorical,
        [FromForm(Name = "numerical_columns")] string[]? numerical, [FromForm(Name = "epsilon")] string? epsilon,
        [FromForm(Name = "keep_probability")] string? keepProbability, [FromForm(Name = "p")] string? p,
        [FromForm(Name = "seed")] string? seed, CancellationToken ct)
    {
        var choices = new ColumnChoices(quasiIdentifiers ?? [], sensitiveAttributes ?? []);
        // FAIRDatabase calls the keep probability p; either name is accepted, keep_probability first.
        var fields = new DifferentialPrivacyFields(categorical ?? [], numerical ?? [], epsilon ?? "",
            string.IsNullOrWhiteSpace(keepProbability) ? p ?? "" : keepProbability, seed ?? "");
        IReadOnlyList<string>? columns = null;
        try
        {
            columns = (await workbench.CurrentAsync(ct))?.ColumnNames;
            if (columns is null) return Invalid(new DifferentialPrivacyPageModel(null, choices, fields, Message: Error(NoWorkingCopy.Message)));
            var request = FormNumbers.DifferentialPrivacy(choices, fields);
            if (submit == PreviewTyping)
            {
                var typing = await workbench.TypeColumnsAsync(request, ct);
                await memory.RememberAsync(choices.QuasiIdentifiers, choices.SensitiveAttributes, ct);
                return Page(new DifferentialPrivacyPageModel(columns, choices, fields) { Typing = typing is null ? null : new TypingSummary(typing) });
            }
            var result = await workbench.ApplyDifferentialPrivacyAsync(request, ct);
            if (result is null) return Invalid(new DifferentialPrivacyPageModel(null, choices, fields, Message: Error(NoWorkingCopy.Message)));
            await memory.RememberAsync(choices.QuasiIdentifiers, choices.SensitiveAttributes, ct);
            return Page(new DifferentialPrivacyPageModel(columns, choices, fields, result)
            {
                Typing = new TypingSummary(result.Typing),
                Comparison = await ComparisonAsync(null, ct),
            });
        }
        catch (WorkingCopySourceGoneException e)
        {
            return Gone(e);
        }
        catch (AnonymizationValidationException e)
        {
            return Invalid(new DifferentialPrivacyPageModel(columns, choices, fields, Message: Error(e.Message)));
        }
    }

    /// <summary>The typing for the remembered choices; null when they do not allow it (e.g. a column in both lists).</summary>
    private async Task<TypingSummary?> TypingOrNullAsync(DifferentialPrivacyRequest request, CancellationToken ct)
    {
        try
        {
            return await workbench.TypeColumnsAsync(request, ct) is { } typing ? new TypingSummary(typing) : null;
        }
        catch (AnonymizationValidationException) when (!HttpContext.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The chosen column's before/after chart, by default the latest DP run's first changed column.</summary>
    private async Task<ComparisonModel?> ComparisonAsync(string? column, CancellationToken ct)
    {
        if (await inspector.PerturbedColumnsAsync(ct) is not { Count: > 0 } perturbed) return null;
        var chosen = column is not null && perturbed.Contains(column) ? column : perturbed[0];
        return await inspector.CompareAsync(chosen, ct) is { } comparison ? ComparisonModel.From(comparison, perturbed) : null;
    }

    private ViewResult Page(DifferentialPrivacyPageModel model) => View("~/Views/Privacy/DifferentialPrivacy.cshtml", model);

    private static PageMessage Error(string text) => new(text, IsError: true);

    private ViewResult Invalid(DifferentialPrivacyPageModel model)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page(model);
    }

    /// <summary>The dataset behind the working copy has gone: the workflow was reset; say so and lead back to the start.</summary>
    private ViewResult Gone(WorkingCopySourceGoneException e)
    {
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page(new DifferentialPrivacyPageModel(null, ColumnChoices.None, DifferentialPrivacyFields.Defaults, Message: Error(e.Message)));
    }
}
