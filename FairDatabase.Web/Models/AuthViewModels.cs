using System.ComponentModel.DataAnnotations;

namespace FairDatabase.Web.Models;

/// <summary>Form fields <c>email</c> and <c>password</c>, as FAIRDatabase's sign-in form.</summary>
public sealed class LoginViewModel
{
    [Required(ErrorMessage = "Email is required.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Password is required.")]
    public string? Password { get; set; }

    /// <summary>Just came from a successful registration.</summary>
    public bool Registered { get; set; }
}

/// <summary>Form fields <c>email</c> and <c>password</c>, as FAIRDatabase's registration form (plus <c>invite</c> in invite mode).</summary>
public sealed class RegisterViewModel
{
    /// <summary>The invitation link's token (<c>?invite=</c>), carried by the form in invite mode.</summary>
    public string? Invite { get; set; }

    /// <summary>Set by the controller: open, invite or closed.</summary>
    public string Mode { get; set; } = "open";

    [Required(ErrorMessage = "Email is required.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Password is required.")]
    public string? Password { get; set; }
}

/// <summary>The dashboard: who is signed in, one page of their datasets, the dataset just uploaded (if any) and those shared with them.</summary>
public sealed record DashboardViewModel(string Email, FairDatabase.Core.Datasets.Browse.DatasetPage Datasets,
    FairDatabase.Core.Datasets.Browse.DatasetSummary? JustUploaded = null,
    IReadOnlyList<FairDatabase.Core.Datasets.Browse.DatasetSummary>? Shared = null);
