using FairDatabase.Core.Anonymization.Workspace;

namespace FairDatabase.Web.Models;

/// <summary>Remembered column choices limited to the columns the working copy still has (a step back may have dropped some).</summary>
public static class ChoicePreselection
{
    public static ColumnChoices Within(RememberedChoices remembered, IReadOnlyList<string>? columns)
    {
        ArgumentNullException.ThrowIfNull(remembered);
        if (columns is null) return ColumnChoices.None;
        var known = new HashSet<string>(columns, StringComparer.Ordinal);
        var quasi = remembered.QuasiIdentifiers.Where(known.Contains).Distinct(StringComparer.Ordinal).ToList();
        var sensitive = remembered.SensitiveAttributes.Where(c => known.Contains(c) && !quasi.Contains(c)).Distinct(StringComparer.Ordinal).ToList();
        return new ColumnChoices(quasi, sensitive);
    }
}
