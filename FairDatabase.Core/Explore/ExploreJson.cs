using System.Text.Json.Serialization;

namespace FairDatabase.Core.Explore;

/// <summary>
/// columns.json's serializer, generated at build time: the first request after a start does not
/// spend its time building reflection metadata for the statistics types.
/// </summary>
[JsonSerializable(typeof(IReadOnlyList<ColumnStatistics>))]
[JsonSerializable(typeof(List<ColumnStatistics>))]
internal sealed partial class ExploreJson : JsonSerializerContext;
