using FairDatabase.Core.Anonymization;

namespace FairDatabase.Web.Models;

/// <summary>How local DP will treat every column, counted for the page's summary line.</summary>
public sealed record TypingSummary(IReadOnlyList<ColumnTyping> Columns)
{
    public int Numerical => Columns.Count(c => c.Kind == ColumnTyping.NumericalKind);

    public int Categorical => Columns.Count(c => c.Kind == ColumnTyping.CategoricalKind);

    public int Unchanged => Columns.Count(c => c.Kind == ColumnTyping.UnchangedKind);

    public int Automatic => Columns.Count(c => !c.Declared);

    public int Declared => Columns.Count(c => c.Declared && c.Kind != ColumnTyping.UnchangedKind);

    public static string Describe(ColumnTyping typing)
    {
        ArgumentNullException.ThrowIfNull(typing);
        return typing.Kind switch
        {
            ColumnTyping.UnchangedKind => "unchanged (quasi-identifier or sensitive attribute)",
            _ => typing.Kind + (typing.Declared ? " (declared)" : " (automatic)"),
        };
    }
}
