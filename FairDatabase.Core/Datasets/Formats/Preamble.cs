using CsvHelper;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// The lines before a delimited file's data: <c>#</c> comment lines (the biom tool writes
/// <c># Constructed from biom file</c>), then the header, which may itself start with <c>#</c>
/// (<c>#OTU ID</c>, <c>#SampleID</c>, <c>#Sample ID</c>, <c>#Feature ID</c>).
/// </summary>
internal sealed record Preamble(int Comments, bool FromBiomTool)
{
    private static readonly string[] HashHeaders = ["#OTU ID", "#OTUID", "#SampleID", "#Sample ID", "#Sample-ID", "#Feature ID", "#FeatureID", "#id", "#sample_id", "#sample-id"];

    /// <summary>Reads up to and including the header record; null when the file has none.</summary>
    public static Preamble? Read(CsvReader reader)
    {
        var comments = 0;
        var biomComment = false;
        while (reader.Read())
        {
            var raw = reader.RawRecord;
            if (raw.IsEmpty || raw[0] != (byte)'#' || IsHashHeader(reader.GetString(0)))
                return new Preamble(comments, biomComment || reader.GetString(0).StartsWith("#OTU", StringComparison.OrdinalIgnoreCase));
            comments++;
            biomComment |= raw.StartsWith("# Constructed from biom file"u8);
        }
        return null;
    }

    private static bool IsHashHeader(string first) =>
        HashHeaders.Any(h => first.Trim().Equals(h, StringComparison.OrdinalIgnoreCase));
}
