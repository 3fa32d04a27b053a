using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace FairDatabase.Tests.Datasets;

/// <summary>
/// The ten-minute per-user table list, with a manual clock. Whether the list was read again is
/// seen through a column added behind the catalog's back (an administrator's ALTER TABLE): a
/// change no cheap freshness check (table count, grants) would notice, which only a new read of
/// the tables and columns shows.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class UserTableCatalogTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;
    private readonly ManualClock _clock = new();

    private MemoryCache NewCache() => new(new MemoryCacheOptions { Clock = new CacheClock(_clock) });

    private static async Task AddColumnBehindTheCatalogsBackAsync(string table, string column)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        await admin.ExecuteAsync($"ALTER TABLE {SqlIdentifier.Qualified("_realtime", table)} ADD COLUMN {SqlIdentifier.Quote(column)} text");
    }

    private static IReadOnlyList<string> ColumnsOf(IReadOnlyList<UserTable> tables, string table) =>
        tables.Single(t => t.Name == table).Columns;

    [Fact]
    public async Task A_second_listing_inside_the_window_does_not_read_the_tables_again()
    {
        var user = await TestDatabase.CreateUserAsync();
        var table = await TestTables.CreateAsync(user, ["count"], ["s1", "1"]);
        using var cache = NewCache();
        var catalog = new UserTableCatalog(Clients.User(user), cache);

        var first = await catalog.GetAsync(CancellationToken.None);
        await AddColumnBehindTheCatalogsBackAsync(table, "added_later");
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var within = await catalog.GetAsync(CancellationToken.None);

        Assert.Equal(["rowid", "user_id", "patient_id", "count"], ColumnsOf(first, table));
        Assert.Same(first, within);
        Assert.DoesNotContain("added_later", ColumnsOf(within, table));
    }

    [Fact]
    public async Task After_the_window_the_tables_are_read_again_and_a_new_table_appears_without_invalidation()
    {
        var user = await TestDatabase.CreateUserAsync();
        var first = await TestTables.CreateAsync(user, ["count"], ["s1", "1"]);
        using var cache = NewCache();
        var catalog = new UserTableCatalog(Clients.User(user), cache);

        await catalog.GetAsync(CancellationToken.None);
        await AddColumnBehindTheCatalogsBackAsync(first, "added_later");
        var second = await TestTables.CreateAsync(user, ["depth"], ["s1", "2"]);
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var after = await catalog.GetAsync(CancellationToken.None);

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), after.Select(t => t.Name));
        Assert.Equal(["rowid", "user_id", "patient_id", "count", "added_later"], ColumnsOf(after, first));
        Assert.Equal(["rowid", "user_id", "patient_id", "depth"], ColumnsOf(after, second));
    }

    [Fact]
    public async Task User_B_never_receives_As_cached_listing()
    {
        var a = await TestDatabase.CreateUserAsync();
        var b = await TestDatabase.CreateUserAsync();
        var tableOfA = await TestTables.CreateAsync(a, ["secret"], ["s1", "x"]);
        var tableOfB = await TestTables.CreateAsync(b, ["other"], ["s1", "y"]);
        using var cache = NewCache(); // one cache for the whole app, as registered

        var listOfA = await new UserTableCatalog(Clients.User(a), cache).GetAsync(CancellationToken.None);
        var listOfB = await new UserTableCatalog(Clients.User(b), cache).GetAsync(CancellationToken.None);
        var listOfAAgain = await new UserTableCatalog(Clients.User(a), cache).GetAsync(CancellationToken.None);

        Assert.Equal([tableOfA], listOfA.Select(t => t.Name));
        Assert.Equal([tableOfB], listOfB.Select(t => t.Name));
        Assert.Equal([tableOfA], listOfAAgain.Select(t => t.Name));
    }

    [Fact]
    public async Task Invalidate_makes_the_next_listing_read_the_tables_again()
    {
        var user = await TestDatabase.CreateUserAsync();
        var table = await TestTables.CreateAsync(user, ["count"], ["s1", "1"]);
        using var cache = NewCache();
        var catalog = new UserTableCatalog(Clients.User(user), cache);

        await catalog.GetAsync(CancellationToken.None);
        await AddColumnBehindTheCatalogsBackAsync(table, "added_later");
        catalog.Invalidate(user);
        var after = await catalog.GetAsync(CancellationToken.None);

        Assert.Contains("added_later", ColumnsOf(after, table));
    }

    /// <summary>The memory cache reads time through this; the test moves it with <see cref="ManualClock"/>.</summary>
    private sealed class CacheClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
