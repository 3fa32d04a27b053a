using System.Text.Json;
using PureHDF;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// BIOM 2.1 (HDF5, also what a QIIME 2 feature table holds), read with PureHDF:
/// <c>observation/ids</c>, <c>sample/ids</c>, the observations' compressed sparse rows in
/// <c>observation/matrix/{data,indices,indptr}</c> and per-observation metadata datasets in
/// <c>observation/metadata</c> (taxonomy: one row of levels per observation).
/// </summary>
internal static class BiomHdf5Reader
{
    /// <summary>HDF5's signature; it may follow a user block of 512, 1024, 2048… bytes.</summary>
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    public static bool IsHdf5(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        for (long offset = 0; offset < stream.Length && offset <= 1 << 20; offset = offset == 0 ? 512 : offset * 2)
        {
            stream.Position = offset;
            if (stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(Signature)) return true;
        }
        return false;
    }

    public static BiomTable Read(Stream stream, long maxCells, CancellationToken ct)
    {
        try
        {
            stream.Position = 0;
            using var file = H5File.Open(stream, leaveOpen: true);
            if (!file.LinkExists("observation/ids") || !file.LinkExists("sample/ids") || !file.LinkExists("observation/matrix/indptr"))
                throw BiomProblems.BadBiom("The HDF5 file has no observation/ids, sample/ids or observation/matrix: it is not a BIOM 2.1 table.");
            var features = file.Dataset("observation/ids").Read<string[]>();
            var samples = file.Dataset("sample/ids").Read<string[]>();
            var metadata = ReadMetadata(file, features.Length);
            var table = new BiomTable(features, samples, metadata, maxCells);
            ct.ThrowIfCancellationRequested();
            var data = ReadDoubles(file.Dataset("observation/matrix/data"));
            var indices = ReadLongs(file.Dataset("observation/matrix/indices"));
            var indptr = ReadLongs(file.Dataset("observation/matrix/indptr"));
            if (indptr.Length != features.Length + 1 || indices.Length != data.Length || indptr[^1] != data.Length)
                throw BiomProblems.BadBiom("The BIOM matrix's indptr, indices and data do not fit together.");
            for (var f = 0; f < features.Length; f++)
            {
                for (var k = indptr[f]; k < indptr[f + 1]; k++)
                {
                    if (indices[k] < 0 || indices[k] >= samples.Length)
                        throw BiomProblems.BadBiom($"The BIOM matrix names sample {indices[k]}, but the table has {samples.Length:N0}.");
                    table.Set(f, (int)indices[k], data[k]);
                }
            }
            return table;
        }
        catch (Exception e) when (e is not UploadValidationException and not OperationCanceledException)
        {
            throw BiomProblems.BadBiom($"The HDF5 file could not be read as a BIOM 2.1 table ({e.GetType().Name}).");
        }
    }

    /// <summary>Per observation, a JSON object of its metadata (e.g. <c>{"taxonomy": ["k__Bacteria", …]}</c>); null without any.</summary>
    private static string?[] ReadMetadata(PureHDF.VOL.Native.NativeFile file, int features)
    {
        var result = new string?[features];
        if (!file.LinkExists("observation/metadata")) return result;
        var columns = new List<(string Name, string[] Values, int PerFeature)>();
        foreach (var child in file.Group("observation/metadata").Children())
        {
            if (child is not IH5Dataset dataset || dataset.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength)) continue;
            var dims = dataset.Space.Dimensions;
            if (dims.Length == 0 || (long)dims[0] != features) continue;
            var values = dataset.Read<string[]>();
            columns.Add((child.Name, values, values.Length / features));
        }
        if (columns.Count == 0) return result;
        for (var f = 0; f < features; f++)
        {
            var entry = new Dictionary<string, object?>();
            foreach (var (name, values, per) in columns)
                entry[name] = per == 1 ? values[f] : values.AsSpan(f * per, per).ToArray();
            result[f] = JsonSerializer.Serialize(entry);
        }
        return result;
    }

    private static double[] ReadDoubles(IH5Dataset dataset) => (dataset.Type.Class, dataset.Type.Size) switch
    {
        (H5DataTypeClass.FloatingPoint, 8) => dataset.Read<double[]>(),
        (H5DataTypeClass.FloatingPoint, 4) => Array.ConvertAll(dataset.Read<float[]>(), v => (double)v),
        (H5DataTypeClass.FixedPoint, _) => Array.ConvertAll(ReadLongs(dataset), v => (double)v),
        _ => throw BiomProblems.BadBiom("The BIOM matrix's data are not numbers."),
    };

    private static long[] ReadLongs(IH5Dataset dataset) => dataset.Type.Size switch
    {
        8 => dataset.Read<long[]>(),
        4 => Array.ConvertAll(dataset.Read<int[]>(), v => (long)v),
        2 => Array.ConvertAll(dataset.Read<short[]>(), v => (long)v),
        _ => throw BiomProblems.BadBiom("The BIOM matrix's indices are not integers."),
    };
}
