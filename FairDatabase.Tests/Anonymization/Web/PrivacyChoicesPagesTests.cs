using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using FairDatabase.Tests.Anonymization.Workspace;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Anonymization.Web;

/// <summary>Choices carried across the privacy pages, local DP's automatic typing and chart, and a dataset that vanishes mid-workflow.</summary>
[Collection(AppCollection.Name)]
public sealed class PrivacyChoicesPagesTests(AppFixture fixture)
{
    private const string Score = "/data/p29score";
    private const string Processing = "/privacy/privacy_processing";
    private const string Dp = "/privacy/differential_privacy";

    private const string PatientsCsv =
        "id,age,sex,bmi,site,diagnosis\n" +
        "1,34,F,22.5,stool,flu\n2,35,F,,oral,cold\n3,61,M,30.1,stool,flu\n4,62,M,27,skin,cold\n5,70,F,NA,oral,flu\n";

    [Fact]
    public async Task Quasi_identifiers_and_sensitive_attributes_are_preselected_on_the_next_pages()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "age")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "sex")));

        // The workflow's quasi-identifiers come first.
        var score = await browser.GetDocumentAsync(Score);
        Assert.Equal(["age", "sex"], Selected(score, "quasi_identifiers"));
        Assert.Empty(Selected(score, "sensitive_attributes"));

        await Ok(browser.PostAsync(Score, ("submit_button", "Calculate Score"), ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis")));

        foreach (var path in new[] { Score, Processing, Dp })
        {
            var page = await browser.GetDocumentAsync(path);
            Assert.Equal(["age"], Selected(page, "quasi_identifiers"));
            Assert.Equal(["diagnosis"], Selected(page, "sensitive_attributes"));
        }

        // Going back to the quasi-identifier step preselects them there too.
        var qi = await Ok(browser.PostAsync("/data/consolidated_return", ("state", "4")));
        Assert.Equal(["age"], Selected(qi, "quasi_identifiers"));
    }

    [Fact]
    public async Task Undeclared_columns_are_typed_automatically_shown_before_running_and_can_be_overridden()
    {
        using var browser = await WithPatientsAsync();

        var preview = await Ok(browser.PostAsync(Dp, ("submit_button", "preview_typing"),
            ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis")));

        Assert.Equal(("1", "2", "2"), Counts(preview));
        Assert.Equal(new Dictionary<string, string>
        {
            ["age"] = "unchanged", ["sex"] = "categorical", ["bmi"] = "numerical", ["site"] = "categorical", ["diagnosis"] = "unchanged",
        }, Kinds(preview));
        Assert.Contains("numerical (automatic)", preview.QuerySelector("#typing-table tr[data-column=bmi]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("22.5", (await browser.DownloadAsync())[1][2]); // a preview applies nothing

        var overridden = await Ok(browser.PostAsync(Dp, ("submit_button", "preview_typing"),
            ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis"), ("categorical_columns", "bmi")));
        Assert.Equal(("0", "3", "2"), Counts(overridden));
        Assert.Contains("categorical (declared)", overridden.QuerySelector("#typing-table tr[data-column=bmi]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["bmi"], Selected(overridden, "categorical_columns"));

        // The remembered choices type the columns on a plain visit too.
        Assert.Equal(("1", "2", "2"), Counts(await browser.GetDocumentAsync(Dp)));
    }

    [Fact]
    public async Task After_local_DP_a_changed_column_is_drawn_before_and_after()
    {
        using var browser = await WithPatientsAsync();

        var page = await Ok(browser.PostAsync(Dp, ("submit_button", "Apply"), ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis"),
            ("seed", "3")));

        var bmi = Chart(page);
        Assert.Contains("bmi", bmi.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(["Before", "After"], bmi.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        Assert.Equal(3.0, Sum(bmi, 0)); // the three numeric bmi values, before …
        Assert.Equal(3.0, Sum(bmi, 1)); // … and after noise
        Assert.Equal("Rows", bmi.GetProperty("yLabel").GetString());
        Assert.Equal(["bmi", "sex", "site"], page.QuerySelectorAll("#compare option").Select(o => o.GetAttribute("value")).Order());

        var site = Chart(await browser.GetDocumentAsync(Dp + "?compare=site"));
        Assert.Equal("Category", site.GetProperty("xLabel").GetString());
        var before = site.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)
            .Zip(site.GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDouble())).ToDictionary();
        Assert.Equal(new Dictionary<string, double> { ["oral"] = 2, ["stool"] = 2, ["skin"] = 1 }, before);
        Assert.Equal(5.0, Sum(site, 1));
    }

    [Fact]
    public async Task A_dataset_deleted_during_the_workflow_gives_a_clear_message_and_the_start_again()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var name = await WorkspaceTestKit.CreateTwoChunkDatasetAsync(await browser.UserIdAsync());
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_dataset"), ("dataset", name)));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "patient_id")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values")));
        await WorkspaceTestKit.DropDatasetAsync(name);

        using var response = await browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "age"));
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains($"'{name}'", Message(page), StringComparison.Ordinal);
        Assert.Contains("no longer available", Message(page), StringComparison.Ordinal);
        Assert.Equal(1, Step(page));
        Assert.NotNull(page.QuerySelector("#upload-form"));
        Assert.Equal(1, Step(await browser.GetDocumentAsync(Workflow)));
    }

    [Fact]
    public async Task A_dataset_deleted_before_a_privacy_page_runs_gives_the_message_and_the_way_back_to_the_start()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var name = await WorkspaceTestKit.CreateTwoChunkDatasetAsync(await browser.UserIdAsync());
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_dataset"), ("dataset", name)));
        await WorkspaceTestKit.DropDatasetAsync(name);

        using var response = await browser.PostAsync(Score, ("submit_button", "Calculate Score"), ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis"));
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("no longer available", Message(page), StringComparison.Ordinal);
        Assert.Equal("/data/data_generalization", page.QuerySelector("#no-working-copy a")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("#score-form"));
    }

    private async Task<BrowserSession> WithPatientsAsync()
    {
        var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await Ok(browser.UploadCsvAsync(PatientsCsv, "patients.csv"));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "id")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers")));
        return browser;
    }

    private static string[] Selected(IHtmlDocument page, string name) =>
        [.. page.QuerySelectorAll($"select[name={name}] option[selected]").Select(o => o.GetAttribute("value")!)];

    private static (string, string, string) Counts(IHtmlDocument page)
    {
        var summary = page.QuerySelector("#typing-summary")!;
        return (summary.GetAttribute("data-numerical")!, summary.GetAttribute("data-categorical")!, summary.GetAttribute("data-unchanged")!);
    }

    private static Dictionary<string, string> Kinds(IHtmlDocument page) =>
        page.QuerySelectorAll("#typing-table tbody tr").ToDictionary(r => r.GetAttribute("data-column")!, r => r.GetAttribute("data-kind")!);

    private static JsonElement Chart(IHtmlDocument page) =>
        JsonDocument.Parse(page.QuerySelector("#dp-compare canvas")!.GetAttribute("data-chart")!).RootElement;

    private static double Sum(JsonElement chart, int series) =>
        chart.GetProperty("series")[series].GetProperty("values").EnumerateArray().Sum(v => v.GetDouble());
}
