using FairDatabase.Core;
using FairDatabase.Web;
using FairDatabase.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.Locate(args),
});

builder.AddFairDatabaseCore();
builder.AddFairDatabaseWeb();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseFairDatabaseWeb();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
