using System.Xml.Linq;
using FairDatabase.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// The DataProtection key ring in fairdb_private.data_protection_keys (service_role only), so
/// restarts and every app instance on the same database open each other's cookies.
/// IXmlRepository is synchronous; DataProtection calls it only when it (re)loads the ring.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceRoleClient db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        db.RunAsync(s => s.QueryAsync<string>("SELECT xml FROM fairdb_private.data_protection_keys ORDER BY id"), CancellationToken.None)
            .GetAwaiter().GetResult()
            .Select(x => XElement.Parse(x))
            .ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        db.RunAsync(s => s.ExecuteAsync(
                """
                INSERT INTO fairdb_private.data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml)
                ON CONFLICT (friendly_name) DO UPDATE SET xml = excluded.xml
                """, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) }), CancellationToken.None)
            .GetAwaiter().GetResult();
}
