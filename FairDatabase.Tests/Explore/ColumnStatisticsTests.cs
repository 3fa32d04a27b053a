using System.Globalization;
using System.Text;
using Dapper;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Explore;
using FairDatabase.Tests.Datasets;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Explore;

/// <summary>Column statistics computed from the stored tables as the owner, kept, and forgotten on change.</summary>
public sealed class ColumnStatisticsTests
{
    private static ColumnStatisticsService Service(Guid user) =>
        new(Clients.User(user), new ColumnStatisticsStore(Clients.User(user)), new ColumnStatisticsCalculator(Clients.User(user)));

    [Fact]
    public async Task Statistics_match_the_hand_computed_figures()
    {
        var user = await TestDatabase.CreateUserAsync();
        var dataset = await ExploreTables.ImportAsync(user);

        var columns = (await Service(user).GetAsync(dataset.DatasetId, CancellationToken.None))!.ToDictionary(c => c.OriginalName);

        var age = columns["age"];
        Assert.Equal(ColumnStatistics.Numeric, age.Type);
        Assert.Equal(0.2, age.Missing, 12);
        Assert.Equal(4, age.Distinct);
        Assert.Equal((30.0, 60.0, 45.0, 45.0), (age.Min!.Value, age.Max!.Value, age.Mean!.Value, age.Median!.Value));
        // Ten bins of width 3 from 30: 40 falls in bin 3, 50 in bin 6, 60 in the last (closed) bin.
        Assert.Equal([1L, 0, 0, 1, 0, 0, 1, 0, 0, 1], age.Histogram!.Counts);
        Assert.Equal(30, age.Histogram.Edges[0]);
        Assert.Equal(60, age.Histogram.Edges[^1]);

        var site = columns["site"];
        Assert.Equal(ColumnStatistics.Categorical, site.Type);
        Assert.Equal(3, site.Distinct);
        Assert.Equal([("gut", 3L), ("oral", 1L), ("skin", 1L)], site.Top.Select(t => (t.Value, t.Count)));

        Assert.Equal(ColumnStatistics.Empty, columns["blank"].Type);
        Assert.Equal(1.0, columns["blank"].Missing);
        Assert.Equal((12.0, 10.0), (columns["taxon_a"].Mean!.Value, columns["taxon_a"].Median!.Value));
        Assert.Equal(ColumnStatistics.Categorical, columns["sample"].Type);
        Assert.Equal(5, columns["sample"].Distinct);
    }

    [Fact]
    public async Task A_wide_table_read_in_parallel_pieces_gives_the_figures_of_a_direct_computation()
    {
        var user = await TestDatabase.CreateUserAsync();
        using var file = new MemoryStream();
        await new MicrobiomeCsvGenerator { Rows = 120, TaxaColumns = 1_300, Seed = 5 }.WriteAsync(file);
        var dataset = await ImportHelpers.ImportAsync(file.ToArray(), "wide.csv", user);
        Assert.True(dataset.Tables.Count >= 2);

        var stats = (await Service(user).GetAsync(dataset.DatasetId, CancellationToken.None))!;

        var lines = Encoding.UTF8.GetString(file.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(header, stats.Select(s => s.OriginalName));
        for (var c = 0; c < header.Length; c++)
        {
            var column = cells.Select(r => r[c]).ToArray();
            var numbers = column.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray();
            if (numbers.Any(double.IsNaN))
            {
                Assert.Equal(ColumnStatistics.Categorical, stats[c].Type);
                Assert.Equal(column.Distinct().Count(), stats[c].Distinct);
                continue;
            }
            var sorted = numbers.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            Assert.Equal(ColumnStatistics.Numeric, stats[c].Type);
            Assert.Equal((sorted[0], sorted[^1], median, (long)sorted.Distinct().Count()), (stats[c].Min, stats[c].Max, stats[c].Median, stats[c].Distinct));
            Assert.Equal(sorted.Average(), stats[c].Mean!.Value, 9);
            Assert.Equal(sorted.Length, stats[c].Histogram!.Counts.Sum());
        }
    }

    [Fact]
    public async Task Statistics_are_kept_until_invalidated_and_only_the_owner_sees_them()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var other = await TestDatabase.CreateUserAsync();
        var dataset = await ExploreTables.ImportAsync(owner);

        var first = await Service(owner).GetJsonAsync(dataset.DatasetId, CancellationToken.None);
        var kept = await new ColumnStatisticsStore(Clients.User(owner)).GetJsonAsync(dataset.DatasetId, CancellationToken.None);
        var seenByOther = await Service(other).GetJsonAsync(dataset.DatasetId, CancellationToken.None);
        var keptForOther = await new ColumnStatisticsStore(Clients.User(other)).GetJsonAsync(dataset.DatasetId, CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(kept);
        Assert.Null(seenByOther);
        Assert.Null(keptForOther);

        await new ColumnStatisticsStore(Clients.User(owner)).InvalidateTablesAsync(dataset.Tables, CancellationToken.None);
        await using var admin = await TestDatabase.OpenAdminAsync();
        Assert.Equal(0, await admin.ExecuteScalarAsync<long>("SELECT count(*) FROM fairdb.column_statistics WHERE dataset_id = @id", new { id = dataset.DatasetId }));
    }

    [Fact]
    public async Task A_result_computed_before_an_invalidation_is_not_stored()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var dataset = await ExploreTables.ImportAsync(owner);
        var store = new ColumnStatisticsStore(Clients.User(owner));

        var claim = await store.ClaimAsync(dataset.DatasetId, CancellationToken.None) ?? throw new InvalidOperationException("The owner claims.");
        await store.InvalidateAsync(dataset.DatasetId, CancellationToken.None);
        await store.SaveAsync(dataset.DatasetId, claim, "[]", CancellationToken.None);

        Assert.Null(await store.GetJsonAsync(dataset.DatasetId, CancellationToken.None));
    }

    [Fact]
    public async Task A_grantee_gets_the_statistics_and_reads_the_kept_ones_but_never_writes_them()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var granteeEmail = $"grantee-{Guid.NewGuid():N}@example.test";
        var grantee = await TestDatabase.CreateUserAsync(granteeEmail);
        var dataset = await ExploreTables.ImportAsync(owner);
        Assert.True(await Clients.User(owner).RunAsync(s => s.ExecuteScalarAsync<bool>(
            "SELECT fairdb.share_dataset(@id, @email)", new { id = dataset.DatasetId, email = granteeEmail }), CancellationToken.None));

        var computed = await Service(grantee).GetJsonAsync(dataset.DatasetId, CancellationToken.None);
        Assert.NotNull(computed);
        var store = new ColumnStatisticsStore(Clients.User(grantee));
        Assert.Null(await store.GetJsonAsync(dataset.DatasetId, CancellationToken.None)); // not kept for the grantee
        Assert.Null(await store.ClaimAsync(dataset.DatasetId, CancellationToken.None));

        await Service(owner).GetJsonAsync(dataset.DatasetId, CancellationToken.None); // the owner computes and keeps them
        var ownersCopy = await new ColumnStatisticsStore(Clients.User(owner)).GetJsonAsync(dataset.DatasetId, CancellationToken.None);
        Assert.NotNull(ownersCopy);
        Assert.Equal(ownersCopy, await store.GetJsonAsync(dataset.DatasetId, CancellationToken.None)); // and the grantee reads that copy
    }
}
