using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace FairDatabase.Tests.Datasets;

/// <summary>
/// The 60-second per-user table list: inside the window the list is not read again, after it a
/// new table shows up without anyone invalidating, and one user's list never reaches another.
/// The clients are the real ones on the test database; a thin wrapper only counts the units of
/// work that read the list of tables and columns (a cheaper check may run on every call, such as
/// whether the caller's grants changed).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class UserTableCatalogTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;
    private readonly ManualClock _clock = new();

    private MemoryCache NewCache() => new(new MemoryCacheOptions { Clock = new CacheClock(_clock) });

    [Fact]
    public async Task A_second_listing_inside_the_window_does_not_read_the_tables_again()
    {
        var user = await TestDatabase.CreateUserAsync();
        var first = await TestTables.CreateAsync(user, ["count"], ["s1", "1"]);
        using var cache = NewCache();
        var client = new CountingClient(Clients.User(user));
        var catalog = new UserTableCatalog(client, cache);

        var before = await catalog.GetAsync(CancellationToken.None);
        var second = await TestTables.CreateAsync(user, ["count"], ["s1", "1"]);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var within = await catalog.GetAsync(CancellationToken.None);

        Assert.Equal([first], before.Select(t => t.Name));
        Assert.Equal(1, client.ListingReads);
        Assert.Same(before, within);
        Assert.DoesNotContain(second, within.Select(t => t.Name));
    }

    [Fact]
    public async Task After_the_window_a_new_table_appears_without_invalidation()
    {
        var user = await TestDatabase.CreateUserAsync();
        var first = await TestTables.CreateAsync(user, ["count"], ["s1", "1"]);
        using var cache = NewCache();
        var client = new CountingClient(Clients.User(user));
        var catalog = new UserTableCatalog(client, cache);

        await catalog.GetAsync(CancellationToken.None);
        var second = await TestTables.CreateAsync(user, ["depth"], ["s1", "2"]);
        _clock.Advance(TimeSpan.FromSeconds(61));
        var after = await catalog.GetAsync(CancellationToken.None);

        Assert.Equal(2, client.ListingReads);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), after.Select(t => t.Name));
        Assert.Equal(["rowid", "user_id", "patient_id", "depth"], after.Single(t => t.Name == second).Columns);
    }

    [Fact]
    public async Task User_B_never_receives_As_cached_listing()
    {
        var a = await TestDatabase.CreateUserAsync();
        var b = await TestDatabase.CreateUserAsync();
        var tableOfA = await TestTables.CreateAsync(a, ["secret"], ["s1", "x"]);
        var tableOfB = await TestTables.CreateAsync(b, ["other"], ["s1", "y"]);
        using var cache = NewCache(); // one cache for the whole app, as registered
        var clientOfB = new CountingClient(Clients.User(b));

        var listOfA = await new UserTableCatalog(Clients.User(a), cache).GetAsync(CancellationToken.None);
        var listOfB = await new UserTableCatalog(clientOfB, cache).GetAsync(CancellationToken.None);

        Assert.Equal([tableOfA], listOfA.Select(t => t.Name));
        Assert.Equal([tableOfB], listOfB.Select(t => t.Name));
        Assert.Equal(1, clientOfB.ListingReads);
    }

    [Fact]
    public async Task Invalidate_makes_the_next_listing_read_again()
    {
        var user = await TestDatabase.CreateUserAsync();
        await TestTables.CreateAsync(user, ["count"], ["s1", "1"]);
        using var cache = NewCache();
        var client = new CountingClient(Clients.User(user));
        var catalog = new UserTableCatalog(client, cache);

        await catalog.GetAsync(CancellationToken.None);
        var second = await TestTables.CreateAsync(user, ["count"], ["s1", "1"]);
        catalog.Invalidate(user);
        var after = await catalog.GetAsync(CancellationToken.None);

        Assert.Equal(2, client.ListingReads);
        Assert.Contains(second, after.Select(t => t.Name));
    }

    /// <summary>The memory cache reads time through this; the test moves it with <see cref="ManualClock"/>.</summary>
    private sealed class CacheClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }

    /// <summary>
    /// The real user client, counting the units of work (one connection and transaction each)
    /// that return rows of (table, column): the listing itself.
    /// </summary>
    private sealed class CountingClient(IUserClient inner) : IUserClient
    {
        private int _listings;

        public int ListingReads => _listings;

        public DbIdentity Identity => inner.Identity;

        public Task<T> RunAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct)
        {
            Count<T>();
            return inner.RunAsync(work, ct);
        }

        public Task<T> RunOnceAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct)
        {
            Count<T>();
            return inner.RunOnceAsync(work, ct);
        }

        private void Count<T>()
        {
            if (typeof(IEnumerable<(string, string)>).IsAssignableFrom(typeof(T))) Interlocked.Increment(ref _listings);
        }
    }
}
