using System.Text.Json;
using System.Text.Json.Nodes;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// The anonymization recipe as it may be published. A differential-privacy seed would let anyone
/// undo the noise, so every property whose name mentions a seed is removed, at any depth, even
/// though the stored recipe is not meant to hold one. A recipe that is not JSON is not published.
/// </summary>
public static class PublishedRecipe
{
    public static JsonNode? From(string recipeJson)
    {
        JsonNode? recipe;
        try
        {
            recipe = JsonNode.Parse(recipeJson);
        }
        catch (JsonException)
        {
            return null;
        }
        RemoveSeeds(recipe);
        return recipe;
    }

    /// <summary>The recipe on one line, for text fields; "{}" when there is none.</summary>
    public static string AsText(JsonNode? recipe) => recipe?.ToJsonString(ReleaseJson.Serializer) ?? "{}";

    private static void RemoveSeeds(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(k => k.Contains("seed", StringComparison.OrdinalIgnoreCase)).ToList())
                    obj.Remove(key);
                foreach (var (_, child) in obj) RemoveSeeds(child);
                break;
            case JsonArray array:
                foreach (var child in array) RemoveSeeds(child);
                break;
        }
    }
}
