using System.Globalization;
using System.Net;
using FairDatabase.Tests.Anonymization.Workspace;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Anonymization.Web;

[Collection(AppCollection.Name)]
public sealed class GeneralizationPagesTests(AppFixture fixture)
{
    [Fact]
    public async Task The_workflow_goes_through_its_five_steps_and_the_result_downloads()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        Assert.Equal(1, Step(await browser.GetDocumentAsync(Workflow)));

        var identifiers = await Ok(browser.UploadCsvAsync(PeopleCsv));
        Assert.Equal(2, Step(identifiers));
        Assert.Equal(["name", "age", "sex", "notes", "diagnosis"],
            identifiers.QuerySelectorAll("select[name=columns_to_drop] option").Select(o => o.GetAttribute("value")));

        var missing = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "name")));
        Assert.Equal(3, Step(missing));
        var notesBar = missing.QuerySelector(".bar[data-label=notes]")!;
        Assert.Equal(60.0, double.Parse(notesBar.GetAttribute("data-percent")!, CultureInfo.InvariantCulture), 9);
        Assert.Null(missing.QuerySelector(".bar[data-label=age]"));
        Assert.Equal("3", missing.QuerySelector("#complete-summary")!.GetAttribute("data-count"));

        var qi = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values"), ("columns_to_drop", "notes")));
        Assert.Equal(4, Step(qi));

        var mapAge = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "age"), ("quasi_identifiers", "sex")));
        Assert.Equal(5, Step(mapAge));
        Assert.NotNull(mapAge.QuerySelector("input[name=mapping_34]"));

        var mapSex = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "age"),
            ("mapping_34", "30-39"), ("mapping_35", "30-39"), ("mapping_61", "60+"), ("mapping_62", "60+"), ("mapping_70", "60+")));
        Assert.Equal(5, Step(mapSex));
        var bars = mapSex.QuerySelectorAll("#mapped-distribution .bar").ToDictionary(b => b.GetAttribute("data-label")!, b => b.GetAttribute("data-percent")!);
        Assert.Equal(new Dictionary<string, string> { ["30-39"] = "40", ["60+"] = "60" }, bars);

        // The index-based fields work as well as mapping_<value>: sex's distinct values are F (0), M (1).
        var done = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("generalized_0", "person"), ("generalized_1", "person")));
        Assert.Equal(6, Step(done));
        Assert.Contains("age: 34 → 30-39", done.QuerySelector("#provenance")!.TextContent.Replace("Generalized ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var csv = await browser.DownloadAsync();
        Assert.Equal(["age", "sex", "diagnosis"], csv[0]);
        Assert.Equal(["30-39", "person", "flu"], csv[1]);
        Assert.Equal(["60+", "person", "flu"], csv[5]);
        Assert.Equal(6, csv.Count);
    }

    [Fact]
    public async Task Values_awkward_in_field_names_are_mapped_through_their_index_or_their_name()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await Ok(browser.UploadCsvAsync("id,city\n1,\"a b.c[0]\"\n2,\"line\nbreak\"\n3,\n"));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values")));
        var mapping = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "city")));

        // Missing first, then ordinal: "", "a b.c[0]", "line\nbreak"; the line break one gets an index field.
        Assert.NotNull(mapping.QuerySelector("input[name='mapping_a b.c[0]']"));
        Assert.NotNull(mapping.QuerySelector("input[name=generalized_2]"));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"),
            ("mapping_", "unknown"), ("mapping_a b.c[0]", "X"), ("generalized_2", "Y")));

        var csv = await browser.DownloadAsync();
        Assert.Equal(["X", "Y", "unknown"], csv.Skip(1).Select(r => r[1]));
    }

    [Theory]
    [InlineData("4", 4, "age|sex|diagnosis")]
    [InlineData("3", 3, "age|sex|notes|diagnosis")]
    [InlineData("2", 2, "name|age|sex|notes|diagnosis")]
    public async Task Consolidated_return_goes_back_to_the_chosen_step_with_earlier_choices_kept(string state, int step, string columns)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_34", "30s")));

        var back = await Ok(browser.PostAsync("/data/consolidated_return", ("state", state)));

        Assert.Equal(step, Step(back));
        var csv = await browser.DownloadAsync();
        Assert.Equal(columns.Split('|'), csv[0]);
        Assert.Equal("34", csv[1][csv[0].ToList().IndexOf("age")]); // the mapping was undone
        Assert.Equal(step, Step(await browser.GetDocumentAsync(Workflow)));
    }

    [Fact]
    public async Task Consolidated_return_1_restarts_the_workflow()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();

        var restarted = await Ok(browser.PostAsync("/data/consolidated_return", ("state", "1")));

        Assert.Equal(1, Step(restarted));
        Assert.NotNull(restarted.QuerySelector("#upload-form input[type=file][name=file]"));
        using var download = await browser.Client.GetAsync("/data/download");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("two")]
    [InlineData("")]
    public async Task An_invalid_consolidated_return_state_is_a_400_with_a_message(string state)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await browser.PostAsync("/data/consolidated_return", ("state", state));
        var doc = await BrowserSession.ParseAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith($"Unknown workflow state '{state}'", Message(doc), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_from_a_stored_dataset_lists_it_and_loads_all_its_tables()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var name = await Workspace.WorkspaceTestKit.CreateTwoChunkDatasetAsync(await browser.UserIdAsync());

        var start = await browser.GetDocumentAsync(Workflow);
        Assert.Contains(name, start.QuerySelectorAll("select[name=dataset] option").Select(o => o.GetAttribute("value")));
        var identifiers = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_dataset"), ("dataset", name)));

        Assert.Equal(2, Step(identifiers));
        Assert.Equal(["patient_id", "age", "sex", "diagnosis"], (await browser.DownloadAsync())[0]);
    }

    [Fact]
    public async Task The_working_copy_is_kept_in_the_database_so_a_second_app_instance_continues_it()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();

        await using var second = new FairDbFactory();
        using var elsewhere = new BrowserSession(second, browser.Cookies);
        var page = await elsewhere.GetDocumentAsync(Workflow);
        Assert.Equal(5, Step(page));
        var done = await Ok(elsewhere.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_34", "30s")));
        Assert.Equal(5, Step(done)); // now mapping sex
        Assert.Equal("30s", (await browser.DownloadAsync())[1][0]); // and the first instance sees it
    }

    [Fact]
    public async Task Another_user_does_not_see_the_working_copy()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await alice.ReachMappingAsync();
        using var bob = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);

        Assert.Equal(1, Step(await bob.GetDocumentAsync(Workflow)));
        using var download = await bob.Client.GetAsync("/data/download");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.NotNull((await bob.GetDocumentAsync("/data/p29score")).QuerySelector("#no-working-copy"));
        Assert.Equal(5, Step(await alice.GetDocumentAsync(Workflow)));
    }

    [Fact]
    public async Task Return_to_dashboard_asks_on_GET_and_resets_the_workflow_on_POST()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();

        var confirmation = await browser.GetDocumentAsync("/dashboard/return_to_dashboard");
        Assert.NotNull(confirmation.QuerySelector("form#return-form[method=post]"));
        Assert.Equal(5, Step(await browser.GetDocumentAsync(Workflow))); // the GET changed nothing
        using var response = await browser.PostFormAsync("/dashboard/return_to_dashboard", new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
        Assert.Equal(1, Step(await browser.GetDocumentAsync(Workflow)));
    }
}
