namespace FairDatabase.Web.Audit;

/// <summary>
/// Marks an action whose every request becomes an audit row (see <see cref="AuditFilter"/>).
/// With <see cref="WhenField"/>, only requests whose form field has one of <see cref="WhenValues"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class AuditedAttribute(string action) : Attribute
{
    public string Action { get; } = action;

    public string? WhenField { get; init; }

    public string[] WhenValues { get; init; } = [];

    /// <summary>A form field holding the display name of the dataset acted on (resolved to its id when stored).</summary>
    public string? DatasetNameField { get; init; }
}

/// <summary>What an action tells the audit filter about the request beyond what the URL says.</summary>
public sealed class AuditScope
{
    public Guid? UserId { get; set; }
    public Guid? DatasetId { get; set; }
    public string? DatasetName { get; set; }
    public List<string> Tables { get; } = [];
    public string? Detail { get; set; }
}

public static class AuditHttpContextExtensions
{
    private static readonly object Key = new();

    /// <summary>This request's audit details; actions fill in what the filter cannot see.</summary>
    public static AuditScope Audit(this HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var o) && o is AuditScope scope) return scope;
        scope = new AuditScope();
        http.Items[Key] = scope;
        return scope;
    }
}
