using System.Net;
using Dapper;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Anonymization.Web;

[Collection(AppCollection.Name)]
public sealed class SaveDatasetPageTests(AppFixture fixture)
{
    [Fact]
    public async Task The_result_is_saved_as_a_dataset_that_records_its_source_and_steps_and_can_be_started_from()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_34", "30s"), ("mapping_35", "30s")));
        var done = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping")));
        Assert.NotNull(done.QuerySelector("#save-form"));

        var saved = await Ok(browser.PostAsync("/data/save_dataset", ("dataset_name", "people-anon"), ("description", "for sharing")));
        Assert.StartsWith("Saved as dataset 'people-anon' (5 rows", Message(saved), StringComparison.Ordinal);

        await using var admin = await TestDatabase.OpenAdminAsync();
        var (description, origin, rows) = await admin.QuerySingleAsync<(string, string, long)>(
            "SELECT description, origin, row_count FROM fairdb.datasets WHERE user_id = @user AND display_name = 'people-anon'",
            new { user = await browser.UserIdAsync() });
        Assert.Equal("for sharing", description);
        Assert.Equal(5, rows);
        Assert.Contains("anonymized from upload 'people.csv'", origin, StringComparison.Ordinal);
        Assert.Contains("dropped identifiers: name", origin, StringComparison.Ordinal);
        Assert.Contains("dropped for missing values: notes", origin, StringComparison.Ordinal);
        Assert.Contains("generalized age: 34 -> 30s, 35 -> 30s", origin, StringComparison.Ordinal);

        await Ok(browser.PostAsync("/data/consolidated_return", ("state", "1")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_dataset"), ("dataset", "people-anon")));
        var csv = await browser.DownloadAsync();
        Assert.Equal(["anonymized_row", "age", "sex", "diagnosis"], csv[0]);
        Assert.Equal(["30s", "F", "flu"], csv[1][1..]);
        Assert.Equal(6, csv.Count);
    }

    [Fact]
    public async Task Saving_needs_a_name_and_a_working_copy()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var noCopy = await browser.PostAsync("/data/save_dataset", ("dataset_name", "x"));
        Assert.Equal(HttpStatusCode.NotFound, noCopy.StatusCode);
        Assert.Equal("There is no working copy to save.", Message(await BrowserSession.ParseAsync(noCopy)));

        await browser.ReachMappingAsync();
        using var noName = await browser.PostAsync("/data/save_dataset", ("dataset_name", " "));
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal("Give the new dataset a name.", Message(await BrowserSession.ParseAsync(noName)));
    }
}
