namespace FairDatabase.Tests.Infrastructure;

/// <summary>One app (and so one migrated database) shared by every test in the collection.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public FairDbFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        // Building the server runs the start-up migrations once for the whole collection.
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
