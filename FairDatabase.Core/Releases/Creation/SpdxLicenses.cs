using System.Collections.Frozen;

namespace FairDatabase.Core.Releases.Creation;

/// <summary>
/// The licences a release may carry: a shipped selection of SPDX License List identifiers that
/// suit data and code (Creative Commons, open data, common software licences), not the whole
/// list. SPDX ids match case-insensitively; the canonical spelling is stored.
/// </summary>
public static class SpdxLicenses
{
    public static readonly IReadOnlyList<string> Ids =
    [
        "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0",
        "CC-BY-3.0", "CC-BY-SA-3.0", "CC-BY-NC-3.0", "CC-BY-2.0", "PDDL-1.0", "ODC-By-1.0", "ODbL-1.0",
        "OGL-UK-3.0", "etalab-2.0", "DL-DE-BY-2.0", "DL-DE-ZERO-2.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0",
        "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "GPL-2.0-only", "GPL-2.0-or-later",
        "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-only", "LGPL-3.0-only", "AGPL-3.0-only", "MPL-2.0",
        "EUPL-1.2", "Unlicense", "0BSD", "Artistic-2.0", "BSL-1.0", "Zlib", "OFL-1.1",
    ];

    private static readonly FrozenDictionary<string, string> Canonical =
        Ids.ToFrozenDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical id, or null when <paramref name="id"/> is not on the list.</summary>
    public static string? Find(string? id) =>
        id is not null && Canonical.TryGetValue(id.Trim(), out var canonical) ? canonical : null;
}
