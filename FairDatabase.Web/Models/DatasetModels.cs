using FairDatabase.Core.Datasets.Browse;

namespace FairDatabase.Web.Models;

/// <summary>The search page: the caller's tables, the remembered term and what it matched.</summary>
public sealed record SearchViewModel(IReadOnlyList<string> AllTables, string? Term, IReadOnlyList<string>? Matches, string? Message = null, bool IsError = false);

public sealed record PreviewViewModel(TablePreview Preview);

/// <summary>The upload form, with the size limit the page checks before sending and an error to show.</summary>
public sealed record UploadViewModel(long MaxFileSizeBytes, string? Error = null);

/// <summary>The sample-metadata page of one dataset: what is attached, and the outcome of the last attach or its error.</summary>
public sealed record SampleMetadataViewModel(FairDatabase.Core.Datasets.Metadata.MetadataTarget Target,
    FairDatabase.Core.Datasets.Metadata.MetadataAttachResult? Attached = null, string? Error = null);
