namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// A creator line read as a person or an organization. "Family, Given" is a person; a line with
/// an organization word (University, Institute, …) or a single word is an organization; any other
/// line of two or more words is a person whose last word is the family name.
/// </summary>
public sealed record CreatorName(string Name, bool IsPerson, string? GivenName, string? FamilyName)
{
    private static readonly string[] OrganizationWords =
    [
        "university", "universiteit", "universität", "université", "institute", "institut", "instituut",
        "college", "school", "hospital", "clinic", "centre", "center", "laboratory", "lab", "consortium",
        "foundation", "society", "group", "team", "department", "council", "agency", "ministry",
        "inc", "inc.", "ltd", "ltd.", "gmbh", "b.v.", "project", "network", "initiative",
    ];

    public static CreatorName Parse(string line)
    {
        var name = line.Trim();
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => OrganizationWords.Contains(w.Trim(',', '(', ')').ToLowerInvariant())))
            return new(name, false, null, null);
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && comma < name.Length - 1)
            return new(name, true, name[(comma + 1)..].Trim(), name[..comma].Trim());
        if (words.Length < 2) return new(name, false, null, null);
        return new(name, true, string.Join(' ', words[..^1]), words[^1]);
    }
}
