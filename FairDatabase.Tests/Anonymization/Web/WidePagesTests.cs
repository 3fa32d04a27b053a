using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Anonymization.Web;

/// <summary>The anonymization pages' wide-table behaviour: pickers, step names, missing-value summary, P29 guidance.</summary>
[Collection(AppCollection.Name)]
public sealed class WidePagesTests(AppFixture fixture)
{
    private static readonly string[] AnonPaths = [Workflow, "/data/p29score", "/privacy/privacy_processing", "/privacy/differential_privacy"];

    [Fact]
    public async Task Steps_are_named_in_words()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var start = await browser.GetDocumentAsync(Workflow);
        Assert.Equal("Step 1 of 6: Choose the data", start.QuerySelector("#step")!.TextContent.Trim());

        var identifiers = await Ok(browser.UploadCsvAsync(PeopleCsv));

        Assert.Equal("Step 2 of 6: Drop direct identifiers", identifiers.QuerySelector("#step")!.TextContent.Trim());
        var steps = identifiers.QuerySelectorAll("#steps li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["1. Choose the data", "2. Drop direct identifiers", "3. Review missing values", "4. Choose quasi-identifiers",
            "5. Generalize quasi-identifiers", "6. Done: download or save"], steps);
        Assert.Equal("step", identifiers.QuerySelectorAll("#steps li")[1].GetAttribute("aria-current"));
        Assert.Contains("from the uploaded file “people.csv”", identifiers.QuerySelector("#table-size")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("DropIdentifiers", identifiers.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_missing_value_view_lists_columns_with_missing_values_first_and_summarises_the_rest()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        // 3 columns with missing cells (c: 1 of 4, b: 3 of 4, a: 2 of 4) among 30 complete taxa.
        var taxa = Enumerable.Range(1, 30).Select(i => $"otu{i:D2}").ToList();
        var csv = new StringBuilder("id,a,b,c," + string.Join(',', taxa) + "\n");
        string[][] abc = [["1", "", "x"], ["", "", "y"], ["", "", ""], ["4", "5", "z"]];
        for (var r = 0; r < 4; r++) csv.Append(CultureInfo.InvariantCulture, $"s{r},{string.Join(',', abc[r])},{string.Join(',', taxa.Select(_ => r))}\n");
        await Ok(browser.UploadCsvAsync(csv.ToString(), "wide.csv"));

        var missing = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "id")));

        Assert.Equal(["b", "a", "c"], missing.QuerySelectorAll("#missing-values .bar").Select(b => b.GetAttribute("data-label")));
        Assert.Equal(["75", "50", "25"], missing.QuerySelectorAll("#missing-values .bar").Select(b => b.GetAttribute("data-percent")));
        Assert.Equal("30 columns have no missing values.", missing.QuerySelector("#complete-summary")!.TextContent.Trim());
        Assert.Contains("otu01, otu02", missing.QuerySelector("#complete-columns")!.TextContent, StringComparison.Ordinal);
        // Every column can still be dropped here.
        Assert.Equal(33, missing.QuerySelectorAll("#missing-form select[name=columns_to_drop] option").Length);
    }

    [Fact]
    public async Task Column_pickers_are_plain_multi_selects_enhanced_by_a_script_file_and_no_page_has_inline_script()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var identifiers = await Ok(browser.UploadCsvAsync(PeopleCsv));

        var select = identifiers.QuerySelector("#identifiers-form select[name=columns_to_drop]")!;
        Assert.True(select.HasAttribute("multiple"));
        Assert.True(select.HasAttribute("data-column-picker"));
        Assert.NotNull(identifiers.QuerySelector("#identifiers-form input[name=__RequestVerificationToken]"));
        foreach (var path in AnonPaths)
        {
            var page = await browser.GetDocumentAsync(path);
            var scripts = page.QuerySelectorAll("script").ToList();
            Assert.All(scripts, s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"{path} has an inline script"));
            Assert.Contains(scripts, s => s.GetAttribute("src")!.StartsWith("/js/column-picker.js", StringComparison.Ordinal));
            Assert.Contains(scripts, s => s.GetAttribute("src") == "/lib/tom-select/tom-select.complete.min.js");
            Assert.Empty(page.QuerySelectorAll("[onclick], [onchange], [onsubmit], [onload]"));
        }
    }

    [Fact]
    public async Task A_score_with_a_unique_class_is_explained_as_a_problem_and_the_class_sizes_are_drawn()
    {
        using var browser = await CompletedWorkflowAsync();

        var page = await Ok(browser.PostAsync("/data/p29score", ("submit_button", "Calculate Score"),
            ("quasi_identifiers", "age"), ("quasi_identifiers", "sex"), ("sensitive_attributes", "diagnosis")));

        // Classes (30s, F) = 2, (60+, M) = 2, (60+, F) = 1.
        Assert.Equal("0 — a privacy problem", page.QuerySelector("#guidance")!.GetAttribute("data-band"));
        Assert.Contains("1 of 3 classes hold a single row", page.QuerySelector("#next-steps")!.TextContent, StringComparison.Ordinal);
        var chart = Chart(page);
        Assert.Equal("Equivalence class sizes", chart.GetProperty("title").GetString());
        Assert.Equal("Class size (rows)", chart.GetProperty("xLabel").GetString());
        Assert.Equal("Number of classes", chart.GetProperty("yLabel").GetString());
        Assert.Equal(["1", "2"], chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([1.0, 2.0], chart.GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Contains(page.QuerySelectorAll("script"), s => s.GetAttribute("src")!.StartsWith("/js/anon-charts.js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_score_without_problems_gets_its_band_and_advice_for_small_classes()
    {
        using var browser = await CompletedWorkflowAsync();

        // By sex alone: F = 3 rows, M = 2; both classes mix flu and cold. P29 ≈ 0.615.
        var page = await Ok(browser.PostAsync("/data/p29score", ("submit_button", "Calculate Score"),
            ("quasi_identifiers", "sex"), ("sensitive_attributes", "diagnosis")));

        Assert.Equal("Moderate (0.5 to 0.75)", page.QuerySelector("#guidance")!.GetAttribute("data-band"));
        var advice = page.QuerySelector("#next-steps")!.TextContent;
        Assert.Contains("The smallest class has 2 rows", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("single row", advice, StringComparison.Ordinal);
        Assert.Equal([0.0, 1.0, 1.0], Chart(page).GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
    }

    private async Task<BrowserSession> CompletedWorkflowAsync()
    {
        var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "age"),
            ("mapping_34", "30s"), ("mapping_35", "30s"), ("mapping_61", "60+"), ("mapping_62", "60+"), ("mapping_70", "60+")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "sex")));
        return browser;
    }

    private static JsonElement Chart(IHtmlDocument page) =>
        JsonDocument.Parse(page.QuerySelector("#class-sizes canvas")!.GetAttribute("data-chart")!).RootElement;
}
