using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Creation;

namespace FairDatabase.Web.Models;

/// <summary>The release form: the figures before committing, and the fields as typed.</summary>
/// <param name="ErrorField">The field a refusal concerns ("title", "license", "visibility", "dataset"), marked on the form.</param>
public sealed record ReleaseFormViewModel(ReleaseDraft Draft, ReleaseForm Form, string? Error = null, string? ErrorField = null)
{
    public IReadOnlyList<string> Licenses => SpdxLicenses.Ids;

    public string FieldClass(string field) => ErrorField == field ? "form-control is-invalid" : "form-control";
}

/// <summary>A release's landing page.</summary>
/// <param name="JsonLd">schema.org JSON-LD, already safe inside a script element; null without an exports builder.</param>
public sealed record ReleasePageViewModel(Release Release, bool IsOwner, string? JsonLd);

/// <summary>/releases: every release the caller may open.</summary>
public sealed record ReleaseListViewModel(IReadOnlyList<ReleaseSummary> Releases);
