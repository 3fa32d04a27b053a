using Microsoft.AspNetCore.Http;

namespace FairDatabase.Web.Models;

/// <summary>
/// The mapping step's rule fields as typed (<c>rule</c>, <c>interval_width</c>, <c>interval_start</c>,
/// <c>bottom</c>, <c>top</c>, <c>keep</c>, <c>unit</c>), so a refused rule comes back with the
/// user's values and the offending field marked.
/// </summary>
public sealed record RuleFields(string Rule, string IntervalWidth, string IntervalStart, string Bottom, string Top, string Keep, string Unit)
{
    public static readonly string[] Names = ["rule", "interval_width", "interval_start", "bottom", "top", "keep", "unit"];

    public static RuleFields Empty { get; } = new("", "", "", "", "", "", "year");

    /// <summary>The field a validation message names ("interval_width: …"), or null.</summary>
    public string? InvalidField { get; init; }

    public static RuleFields From(HttpRequest request, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType) return Empty;
        string Field(string name) => request.Form.TryGetValue(name, out var v) ? v.ToString() : "";
        var named = error?.Split(':', 2)[0];
        return new RuleFields(Field("rule"), Field("interval_width"), Field("interval_start"), Field("bottom"), Field("top"), Field("keep"),
            Field("unit") is { Length: > 0 } unit ? unit : "year")
        {
            InvalidField = Names.Contains(named) ? named : null,
        };
    }

    /// <summary>Bootstrap's class for a field: red when the message named it.</summary>
    public string Css(string field) => field == InvalidField ? "form-control form-control-sm is-invalid" : "form-control form-control-sm";
}
