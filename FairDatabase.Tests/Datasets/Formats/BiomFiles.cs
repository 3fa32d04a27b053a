using System.IO.Compression;
using System.Text;
using PureHDF;

namespace FairDatabase.Tests.Datasets.Formats;

/// <summary>
/// Small feature tables written by the tests: 3 observations (OTUs) × 2 samples, with taxonomy.
/// Counts: OTU1 = (10, 0), OTU2 = (0, 5), OTU3 = (7, 2.5).
/// </summary>
internal static class BiomFiles
{
    public static readonly string[] Features = ["OTU1", "OTU2", "OTU3"];
    public static readonly string[] Samples = ["S1", "S2"];
    public static readonly double[,] Counts = { { 10, 0 }, { 0, 5 }, { 7, 2.5 } };

    /// <summary>BIOM 1.0 JSON, sparse or dense, written by hand as the format describes it.</summary>
    public static byte[] Json(bool sparse)
    {
        var rows = string.Join(",", Features.Select((f, i) =>
            "{\"id\": \"" + f + "\", \"metadata\": {\"taxonomy\": [\"k__Bacteria\", \"p__Phylum" + i + "\"]}}"));
        var columns = string.Join(",", Samples.Select(s => "{\"id\": \"" + s + "\", \"metadata\": null}"));
        var data = sparse
            ? "[[0,0,10],[1,1,5],[2,0,7],[2,1,2.5]]"
            : "[[10,0],[0,5],[7,2.5]]";
        return Encoding.UTF8.GetBytes($$"""
            {"id": "test table", "format": "Biological Observation Matrix 1.0.0", "format_url": "http://biom-format.org",
             "type": "OTU table", "generated_by": "tests", "date": "2026-11-23T00:00:00",
             "matrix_type": "{{(sparse ? "sparse" : "dense")}}", "matrix_element_type": "float", "shape": [3, 2],
             "data": {{data}}, "rows": [{{rows}}], "columns": [{{columns}}]}
            """);
    }

    /// <summary>BIOM 2.1 HDF5 written with PureHDF: ids, CSR observation matrix, CSC sample matrix, taxonomy.</summary>
    public static byte[] Hdf5()
    {
        var taxonomy = new string[Features.Length * 2];
        for (var f = 0; f < Features.Length; f++) (taxonomy[2 * f], taxonomy[(2 * f) + 1]) = ("k__Bacteria", $"p__Phylum{f}");
        var file = new H5File
        {
            ["observation"] = new H5Group
            {
                ["ids"] = Features,
                ["matrix"] = new H5Group
                {
                    ["data"] = new double[] { 10, 5, 7, 2.5 },
                    ["indices"] = new int[] { 0, 1, 0, 1 },
                    ["indptr"] = new int[] { 0, 1, 2, 4 },
                },
                ["metadata"] = new H5Group { ["taxonomy"] = new H5Dataset(taxonomy, fileDims: [(ulong)Features.Length, 2]) },
            },
            ["sample"] = new H5Group
            {
                ["ids"] = Samples,
                ["matrix"] = new H5Group
                {
                    ["data"] = new double[] { 10, 7, 5, 2.5 },
                    ["indices"] = new int[] { 0, 2, 1, 2 },
                    ["indptr"] = new int[] { 0, 2, 4 },
                },
            },
        };
        file.Attributes["format-version"] = new int[] { 2, 1 };
        file.Attributes["shape"] = new int[] { Features.Length, Samples.Length };
        using var stream = new MemoryStream();
        file.Write(stream);
        return stream.ToArray();
    }

    /// <summary>A QIIME 2 artifact: <c>&lt;uuid&gt;/metadata.yaml</c> naming <paramref name="type"/>, and the table.</summary>
    public static byte[] Artifact(string type, byte[]? featureTable)
    {
        var root = Guid.NewGuid().ToString();
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, $"{root}/metadata.yaml", Encoding.UTF8.GetBytes($"uuid: {root}\ntype: {type}\nformat: BIOMV210DirFmt\n"));
            Write(zip, $"{root}/VERSION", Encoding.UTF8.GetBytes("QIIME 2\narchive: 5\nframework: 2024.10.0\n"));
            if (featureTable is not null) Write(zip, $"{root}/data/feature-table.biom", featureTable);
        }
        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(content);
    }
}
