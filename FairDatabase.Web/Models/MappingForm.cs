using Microsoft.AspNetCore.Http;
using FairDatabase.Core.Anonymization;

namespace FairDatabase.Web.Models;

/// <summary>
/// The mapping step's fields. The contract is <c>mapping_&lt;value&gt;</c>; values a browser would not
/// send back unchanged in a field name (line breaks and other control characters are normalised
/// by form encoding) get the index-based <c>generalized_&lt;i&gt;</c> instead, i being the value's
/// position in the listed distinct values. Both are accepted on every value.
/// </summary>
public static class MappingForm
{
    public const string ColumnField = "mapping_column";

    public static string FieldName(string value, int index) =>
        value.Any(char.IsControl) ? IndexField(index) : "mapping_" + value;

    public static string IndexField(int index) => "generalized_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>old value → new value for every listed value the form gives an entry for.</summary>
    public static Dictionary<string, string> Read(IFormCollection form, IReadOnlyList<ValueCount> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(values);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i].Value;
            if (form.TryGetValue(IndexField(i), out var byIndex)) mapping[value] = byIndex.ToString().Trim();
            else if (form.TryGetValue("mapping_" + value, out var byValue)) mapping[value] = byValue.ToString().Trim();
        }
        return mapping;
    }
}
