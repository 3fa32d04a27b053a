using System.Text;
using CsvHelper;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Tests.Datasets;

public sealed class MicrobiomeCsvGeneratorTests
{
    private static async Task<byte[]> GenerateAsync(MicrobiomeCsvGenerator generator)
    {
        using var output = new MemoryStream();
        var length = await generator.WriteAsync(output);
        Assert.Equal(output.Length, length);
        return output.ToArray();
    }

    [Fact]
    public async Task The_same_settings_give_the_same_bytes_and_another_seed_other_bytes()
    {
        var first = await GenerateAsync(new MicrobiomeCsvGenerator { Rows = 50, TaxaColumns = 30 });
        var second = await GenerateAsync(new MicrobiomeCsvGenerator { Rows = 50, TaxaColumns = 30 });
        var reseeded = await GenerateAsync(new MicrobiomeCsvGenerator { Rows = 50, TaxaColumns = 30, Seed = 7 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, reseeded);
    }

    [Fact]
    public async Task It_writes_the_requested_shape_with_the_sample_id_first_and_counts_after_the_metadata()
    {
        var generator = new MicrobiomeCsvGenerator { Rows = 200, TaxaColumns = 40 };
        var bytes = await GenerateAsync(generator);

        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false });
        Assert.True(reader.Read());
        Assert.Equal(generator.TotalColumns, reader.FieldCount);
        Assert.Equal("sample_id", reader.GetString(0));
        var rows = 0;
        var ids = new HashSet<string>();
        while (reader.Read())
        {
            rows++;
            Assert.Equal(45, reader.FieldCount);
            ids.Add(reader.GetString(0));
            for (var c = MicrobiomeCsvGenerator.MetadataColumns; c < reader.FieldCount; c++)
                Assert.True(int.TryParse(reader.GetString(c), out var count) && count >= 0);
        }
        Assert.Equal(200, rows);
        Assert.Equal(200, ids.Count);
        Assert.Contains(",0,", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }
}
