using Microsoft.Extensions.Caching.Memory;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>A working copy's start (<see cref="WorkspaceSource.Copy"/>) and the cache its decoded columns go to.</summary>
public readonly record struct CachedCopy(DecodedColumnCache Cache, Guid Copy);

/// <summary>
/// Decoded working-copy columns kept in this instance's memory, by working copy start and column.
/// The blocks of a start never change (a new start has a new name), so a kept column is always
/// what PostgreSQL holds; the copy's name is only ever read from the user's own workspace row
/// (RLS), so one user cannot reach another's columns. Repeated scores and previews of a
/// quasi-identifier then skip reading and decoding its blocks. Bounded; an instance without the
/// column reads PostgreSQL as before.
/// </summary>
public sealed class DecodedColumnCache : IDisposable
{
    /// <summary>Approximate bytes kept at most (4 per row code, plus the values).</summary>
    public const long CapacityBytes = 64L << 20;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CapacityBytes });

    public AnonColumn? Get(Guid copy, int ordinal) => _cache.TryGetValue((copy, ordinal), out AnonColumn? column) ? column : null;

    public void Keep(Guid copy, int ordinal, AnonColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        _cache.Set((copy, ordinal), column, new MemoryCacheEntryOptions
        {
            Size = ((long)column.RowCount * sizeof(int)) + (64L * column.Cardinality),
            SlidingExpiration = TimeSpan.FromMinutes(10),
        });
    }

    public void Dispose() => _cache.Dispose();
}
