using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FairDatabase.Tests.Datasets;

[Collection(AppCollection.Name)]
public sealed class UploadOptionsTests(AppFixture fixture)
{
    [Fact]
    public void The_app_registers_the_importer_with_the_default_limits()
    {
        var importer = fixture.Factory.Services.GetRequiredService<IDatasetImporter>();
        var options = fixture.Factory.Services.GetRequiredService<IOptions<UploadOptions>>().Value;

        Assert.IsType<DatasetImporter>(importer);
        Assert.Equal(160L * 1024 * 1024, options.MaxFileSizeBytes);
        Assert.Equal(20_000, options.MaxColumns);
    }

    [Theory]
    [InlineData("Upload:MaxFileSizeBytes", "0")]
    [InlineData("Upload:MaxColumns", "1")]
    [InlineData("Upload:IdHashKey", "too-short-secret")]
    [InlineData("Upload:TempDirectory", "/no/such/folder")]
    public void A_bad_upload_setting_stops_start_up_naming_the_setting_but_not_the_secret(string key, string value)
    {
        using var factory = new FairDbFactory(new Dictionary<string, string?> { [key] = value, ["Database:ApplyMigrationsOnStart"] = "false" });

        var e = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = e as OptionsValidationException ?? e.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains(key, validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short-secret", validation.Message, StringComparison.Ordinal);
    }
}
