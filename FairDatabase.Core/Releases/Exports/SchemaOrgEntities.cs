using System.Text.Json.Nodes;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>schema.org objects shared by the JSON-LD and the RO-Crate: creators and privacy figures.</summary>
public static class SchemaOrgEntities
{
    public static JsonObject For(CreatorName c, string? id = null)
    {
        var entity = new JsonObject();
        if (id is not null) entity["@id"] = id;
        entity["@type"] = c.IsPerson ? "Person" : "Organization";
        entity["name"] = c.Name;
        if (c.IsPerson)
        {
            entity["givenName"] = c.GivenName;
            entity["familyName"] = c.FamilyName;
        }
        return entity;
    }

    public static JsonObject PropertyValue(PrivacyFigure f, string? id = null)
    {
        var entity = new JsonObject();
        if (id is not null) entity["@id"] = id;
        entity["@type"] = "PropertyValue";
        entity["propertyID"] = f.Id;
        entity["name"] = f.Name;
        entity["value"] = ReleaseJson.Number(f.Value);
        entity["description"] = f.Description;
        return entity;
    }
}
