using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;

namespace FairDatabase.Web.Models;

/// <summary>A page's outcome message; errors are shown in red and answered with a 4xx status.</summary>
public sealed record PageMessage(string Text, bool IsError);

/// <summary>One bar of a percentage chart.</summary>
public sealed record BarItem(string Label, double Percent, string Detail);

/// <summary>/data/data_generalization: the workflow as it stands, plus the user's datasets for step 1.</summary>
public sealed record GeneralizationPageModel(WorkflowView View, IReadOnlyList<StoredDataset> Datasets, PageMessage? Message = null)
{
    /// <summary>A rule's resulting classes (submit_button=preview_mapping), not applied yet.</summary>
    public RulePreview? Preview { get; init; }

    public WorkflowStep Step => View.State.Step;

    /// <summary>Quasi-identifiers and sensitive attributes chosen earlier, preselected on the quasi-identifier step.</summary>
    public ColumnChoices Choices { get; init; } = ColumnChoices.None;

    /// <summary>The mapping step's rule fields as typed (kept after a preview or a refused rule).</summary>
    public RuleFields Rule { get; init; } = RuleFields.Empty;
}

/// <summary>Column choices of a privacy form, remembered for redisplay.</summary>
public sealed record ColumnChoices(IReadOnlyList<string> QuasiIdentifiers, IReadOnlyList<string> SensitiveAttributes)
{
    public static ColumnChoices None { get; } = new([], []);
}

/// <summary>/data/p29score. <paramref name="Columns"/> is null when there is no working copy.</summary>
public sealed record ScorePageModel(IReadOnlyList<string>? Columns, ColumnChoices Choices, PrivacyReport? Report = null, PageMessage? Message = null);

/// <summary>The thresholds as typed, so an invalid entry is shown back as it was.</summary>
public sealed record ThresholdFields(string KMin, string LMin, string TMax)
{
    public static ThresholdFields Defaults { get; } = new("1", "0.0", "0.5");
}

/// <summary>/privacy/privacy_processing.</summary>
public sealed record ProcessingPageModel(IReadOnlyList<string>? Columns, ColumnChoices Choices, ThresholdFields Thresholds,
    EnforcementResult? Result = null, PageMessage? Message = null);

/// <summary>The differential privacy form as typed.</summary>
public sealed record DifferentialPrivacyFields(IReadOnlyList<string> Categorical, IReadOnlyList<string> Numerical, string Epsilon, string KeepProbability, string Seed)
{
    public static DifferentialPrivacyFields Defaults { get; } = new([], [], "2.0", "0.5", "");
}

/// <summary>/privacy/differential_privacy.</summary>
public sealed record DifferentialPrivacyPageModel(IReadOnlyList<string>? Columns, ColumnChoices Choices, DifferentialPrivacyFields Fields,
    DifferentialPrivacySummary? Result = null, PageMessage? Message = null)
{
    /// <summary>How every column will be (or was) treated; null when the choices do not allow typing yet.</summary>
    public TypingSummary? Typing { get; init; }

    /// <summary>A column changed by local DP, before and after.</summary>
    public ComparisonModel? Comparison { get; init; }
}

/// <summary>A multi-select of columns (partial _ColumnSelect).</summary>
public sealed record ColumnSelectModel(string Name, string Label, IReadOnlyList<string> Options, IReadOnlyList<string> Selected);

/// <summary>A 0–1 quantity drawn as a progress bar (partial _Gauge); <paramref name="Value"/> null shows "undefined".</summary>
public sealed record GaugeModel(string Id, string Label, double? Value, string Hint);
