using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Rules;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Audit;
using FairDatabase.Web.Audit;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>The generalization workflow; every step is a POST with <c>submit_button</c>.</summary>
[Route("data")]
public sealed class GeneralizationController(IGeneralizationWorkflow workflow, IStoredDatasetSource datasets, IWorkingCopyPublisher publisher,
    IColumnChoiceMemory choices) : Controller
{
    [HttpGet("data_generalization")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        try
        {
            return await PageAsync(await workflow.GetAsync(ct), null, ct);
        }
        catch (WorkingCopySourceGoneException e)
        {
            return await ErrorAsync(StatusCodes.Status410Gone, e.Message, ct);
        }
    }

    [HttpPost("data_generalization")]
    [Audited(AuditActions.WorkflowStart, WhenField = "submit_button", WhenValues = ["submit_dataset", "submit_file"], DatasetNameField = "dataset")]
    public async Task<IActionResult> Step([FromForm(Name = "submit_button")] string? submit, IFormFile? file,
        [FromForm(Name = "dataset")] string? dataset, [FromForm(Name = "columns_to_drop")] string[]? columnsToDrop,
        [FromForm(Name = "quasi_identifiers")] string[]? quasiIdentifiers, CancellationToken ct)
    {
        try
        {
            var view = submit switch
            {
                "submit_columns" => await workflow.DropIdentifiersAsync(columnsToDrop ?? [], ct),
                "submit_missing_values" => await workflow.DropMissingValueColumnsAsync(columnsToDrop ?? [], ct),
                "submit_quasi_identifiers" => await ChooseQuasiIdentifiersAsync(quasiIdentifiers ?? [], ct),
                "submit_mapping" => await MapAsync(ct),
                "preview_mapping" => await PreviewAsync(ct),
                _ => await StartAsync(file, dataset, ct),
            };
            return view is null
                ? await ErrorAsync(StatusCodes.Status404NotFound, $"You have no dataset named '{dataset}'.", ct)
                : await PageAsync(view, null, ct);
        }
        catch (WorkingCopySourceGoneException e)
        {
            // The loader has already forgotten the working copy: the page is the start again, with the reason.
            return await ErrorAsync(StatusCodes.Status410Gone, e.Message, ct);
        }
        catch (AnonymizationValidationException e)
        {
            return await ErrorAsync(StatusCodes.Status400BadRequest, e.Message, ct);
        }
        catch (WorkflowStepException e)
        {
            return await ErrorAsync(StatusCodes.Status409Conflict, e.Message, ct);
        }
    }

    [HttpPost("consolidated_return")]
    public async Task<IActionResult> ConsolidatedReturn([FromForm(Name = "state")] string? state, CancellationToken ct)
    {
        if (!int.TryParse(state, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var target)
            || target is < 1 or > 4)
            return await ErrorAsync(StatusCodes.Status400BadRequest,
                $"Unknown workflow state '{state}': use 1 (restart), 2 (drop identifiers), 3 (missing values) or 4 (quasi-identifiers).", ct);
        return await PageAsync(await workflow.ReturnToAsync(target, ct), null, ct);
    }

    /// <summary>Stores the working copy as a new dataset (through the upload importer) with its provenance as origin.</summary>
    [HttpPost("save_dataset")]
    [Audited(AuditActions.WorkflowSave, DatasetNameField = "dataset_name")]
    public async Task<IActionResult> SaveDataset([FromForm(Name = "dataset_name")] string? name,
        [FromForm(Name = "description")] string? description, CancellationToken ct)
    {
        try
        {
            var saved = await publisher.SaveAsDatasetAsync(name ?? "", description, ct);
            return saved is null
                ? await ErrorAsync(StatusCodes.Status404NotFound, "There is no working copy to save.", ct)
                : await PageAsync(await workflow.GetAsync(ct),
                    new PageMessage($"Saved as dataset '{saved.DisplayName}' ({saved.Rows} rows, {saved.Columns} columns).", IsError: false), ct);
        }
        catch (AnonymizationValidationException e)
        {
            return await ErrorAsync(StatusCodes.Status400BadRequest, e.Message, ct);
        }
    }

    private async Task<WorkflowView?> StartAsync(IFormFile? file, string? dataset, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            await using var stream = file.OpenReadStream();
            return await workflow.StartFromCsvAsync(stream, file.FileName, ct);
        }
        if (!string.IsNullOrWhiteSpace(dataset))
            return await workflow.StartFromDatasetAsync(dataset, ct);
        throw new AnonymizationValidationException(file is null
            ? "Choose a CSV file to upload or one of your datasets."
            : "The file is empty.");
    }

    /// <summary>The workflow's quasi-identifiers become the privacy pages' preselection too.</summary>
    private async Task<WorkflowView> ChooseQuasiIdentifiersAsync(string[] quasiIdentifiers, CancellationToken ct)
    {
        var view = await workflow.ChooseQuasiIdentifiersAsync(quasiIdentifiers, ct);
        if (quasiIdentifiers.Length > 0) await choices.RememberAsync(quasiIdentifiers, null, ct);
        return view;
    }

    private async Task<WorkflowView> MapAsync(CancellationToken ct)
    {
        var current = await workflow.GetAsync(ct);
        var column = current.State.NextColumnToMap;
        // A page for another quasi-identifier (an older tab) must not map this one's values.
        if (column is not null && Request.Form.TryGetValue(MappingForm.ColumnField, out var posted) && posted.ToString() != column)
            throw new WorkflowStepException(WorkflowStep.Mapping, current.State.Step);
        return await workflow.ApplyMappingAsync(MappingForm.Read(Request.Form, current.ValuesToMap), ct, RuleFromForm());
    }

    /// <summary>The classes the posted rule would give, shown on the mapping page without applying it.</summary>
    private async Task<WorkflowView> PreviewAsync(CancellationToken ct)
    {
        var rule = RuleFromForm() ?? throw new AnonymizationValidationException("rule: choose a rule to preview.");
        HttpContext.Items[PreviewKey] = await workflow.PreviewRuleAsync(rule, ct);
        return await workflow.GetAsync(ct);
    }

    private const string PreviewKey = "rule-preview";

    private GeneralizationRule? RuleFromForm() => GeneralizationRule.FromFields(name => Request.Form.TryGetValue(name, out var v) ? v.ToString() : null);

    private async Task<IActionResult> ErrorAsync(int status, string message, CancellationToken ct)
    {
        Response.StatusCode = status;
        WorkflowView view;
        try
        {
            view = await workflow.GetAsync(ct);
        }
        catch (WorkingCopySourceGoneException e)
        {
            (view, message) = (WorkflowView.Empty, e.Message);
        }
        return await PageAsync(view, new PageMessage(message, IsError: true), ct);
    }

    private async Task<ViewResult> PageAsync(WorkflowView view, PageMessage? message, CancellationToken ct)
    {
        var step = view.State.Step;
        var stored = step == WorkflowStep.Upload ? await datasets.ListAsync(ct) : [];
        var preview = HttpContext.Items[PreviewKey] as RulePreview;
        return View("Index", new GeneralizationPageModel(view, stored, message)
        {
            Preview = preview,
            // A previewed or refused rule comes back as typed; after applying, the next column starts empty.
            Rule = step == WorkflowStep.Mapping && (preview is not null || message is { IsError: true })
                ? RuleFields.From(Request, message?.Text) : RuleFields.Empty,
            Choices = step == WorkflowStep.QuasiIdentifiers ? await RememberedAsync(ct) : ColumnChoices.None,
        });
    }

    private async Task<ColumnChoices> RememberedAsync(CancellationToken ct)
    {
        var remembered = await choices.RecallAsync(ct);
        return new ColumnChoices(remembered.QuasiIdentifiers, remembered.SensitiveAttributes);
    }
}
