namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// The SPDX licence list gives every identifier a page at https://spdx.org/licenses/{id}, which
/// is the licence URL the exports use (schema.org license, DataCite rightsUri, RO-Crate license).
/// Whether the id is on the list is checked when the release is created.
/// </summary>
public static class LicenseLink
{
    public const string SpdxListUrl = "https://spdx.org/licenses/";

    public static string For(string spdxId) => SpdxListUrl + Uri.EscapeDataString(spdxId);
}
