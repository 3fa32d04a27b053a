using System.Globalization;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// A BIOM table in memory: observations (features: OTUs, ASVs, taxa) × samples, dense, with
/// each feature's metadata (taxonomy) as JSON. Held whole, so its size is checked against the
/// transpose bound before the values are read.
/// </summary>
internal sealed class BiomTable
{
    public BiomTable(IReadOnlyList<string> featureIds, IReadOnlyList<string> sampleIds, IReadOnlyList<string?> featureMetadata, long maxCells)
    {
        if (featureIds.Count == 0 || sampleIds.Count == 0)
            throw BiomProblems.BadBiom($"The BIOM table has {featureIds.Count:N0} observations and {sampleIds.Count:N0} samples; it needs at least one of each.");
        TransposeBound.Check(featureIds.Count, sampleIds.Count + 1L, maxCells);
        FeatureIds = featureIds;
        SampleIds = sampleIds;
        FeatureMetadata = featureMetadata;
        Values = new double[(long)featureIds.Count * sampleIds.Count];
    }

    public IReadOnlyList<string> FeatureIds { get; }
    public IReadOnlyList<string> SampleIds { get; }

    /// <summary>Per feature, its BIOM metadata object as JSON (null when it has none).</summary>
    public IReadOnlyList<string?> FeatureMetadata { get; }

    /// <summary>Row-major: feature f, sample s at <c>f * samples + s</c>; absent (sparse) entries are 0.</summary>
    public double[] Values { get; }

    public void Set(int feature, int sample, double value)
    {
        if ((uint)feature >= (uint)FeatureIds.Count || (uint)sample >= (uint)SampleIds.Count)
            throw BiomProblems.BadBiom($"The BIOM data has an entry at observation {feature}, sample {sample}, outside the table's shape {FeatureIds.Count} × {SampleIds.Count}.");
        Values[((long)feature * SampleIds.Count) + sample] = value;
    }

    /// <summary>
    /// Writes the table as delimited text: samples as rows (<paramref name="samplesAsRows"/>, the
    /// usual case) or features as rows, as the file has them.
    /// </summary>
    public void WriteTo(ConvertedTable table, bool samplesAsRows, CancellationToken ct)
    {
        Span<byte> number = stackalloc byte[32];
        var features = FeatureIds.Count;
        var samples = SampleIds.Count;
        var (outer, inner) = samplesAsRows ? (samples, features) : (features, samples);
        table.Field(samplesAsRows ? ConvertedTable.SampleIdColumn : "#OTU ID");
        foreach (var id in samplesAsRows ? FeatureIds : SampleIds) table.Field(id);
        table.EndRecord();
        for (var o = 0; o < outer; o++)
        {
            if ((o & 63) == 0) ct.ThrowIfCancellationRequested();
            table.Field(samplesAsRows ? SampleIds[o] : FeatureIds[o]);
            for (var i = 0; i < inner; i++)
            {
                var value = samplesAsRows ? Values[((long)i * samples) + o] : Values[((long)o * samples) + i];
                value.TryFormat(number, out var written, default, CultureInfo.InvariantCulture);
                table.Field(number[..written]);
            }
            table.EndRecord();
        }
        table.Complete();
    }
}

internal static class BiomProblems
{
    public static UploadValidationException BadBiom(string detail) => new(UploadProblem.BadBiom,
        detail + " Export the table again with the biom tool (biom convert --to-hdf5, or --to-json) or from QIIME 2, or upload it as a tab-separated file.");
}
