using FairDatabase.Core.Anonymization.Workspace;

namespace FairDatabase.Web.Models;

/// <summary>The workflow's steps and recorded operations as a researcher reads them, not as the code names them.</summary>
public static class WorkflowStepNames
{
    public static int Count => Enum.GetValues<WorkflowStep>().Length;

    public static string Of(WorkflowStep step) => step switch
    {
        WorkflowStep.Upload => "Choose the data",
        WorkflowStep.DropIdentifiers => "Drop direct identifiers",
        WorkflowStep.MissingValues => "Review missing values",
        WorkflowStep.QuasiIdentifiers => "Choose quasi-identifiers",
        WorkflowStep.Mapping => "Generalize quasi-identifiers",
        WorkflowStep.Complete => "Done: download or save",
        _ => step.ToString(),
    };

    /// <summary>Where a working copy came from, in words.</summary>
    public static string Source(WorkspaceSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind == WorkspaceSource.DatasetKind ? $"your dataset “{source.Name}”" : $"the uploaded file “{source.Name}”";
    }

    /// <summary>A list of names for a page: "none", or the first <paramref name="max"/> and how many more.</summary>
    public static string Names(IReadOnlyList<string> names, int max = 20, string separator = ", ")
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) return "none";
        var shown = string.Join(separator, names.Take(max));
        return names.Count <= max ? shown : $"{shown}{separator}and {(names.Count - max).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} more";
    }

    /// <summary>A recorded operation (privacy processing, local DP) in words.</summary>
    public static string Operation(string name) => name switch
    {
        "privacy_processing" => "Privacy processing",
        "differential_privacy" => "Local differential privacy",
        _ => name.Replace('_', ' '),
    };
}
