using FairDatabase.Core.Anonymization.Workspace;

namespace FairDatabase.Web.Models;

/// <summary>The mapping step: the quasi-identifier's values, the rule form as typed and, after preview_mapping, the rule's classes.</summary>
public sealed record MappingStepModel(WorkflowView View, RulePreview? Preview, RuleFields Rule)
{
    /// <summary>Per-value fields start open up to this many distinct values, collapsed beyond.</summary>
    public const int OpenUpTo = 20;

    public static readonly (string Value, string Label)[] Rules =
    [
        ("", "none (per-value fields)"),
        ("interval", "intervals"),
        ("top_bottom", "top/bottom coding"),
        ("mask", "mask characters"),
        ("date", "coarsen dates"),
    ];
}
