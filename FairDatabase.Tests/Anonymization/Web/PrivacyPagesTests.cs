using System.Net;
using System.Text.Json;
using FairDatabase.Core.Anonymization;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Anonymization.Web;

[Collection(AppCollection.Name)]
public sealed class PrivacyPagesTests(AppFixture fixture)
{
    private const string Score = "/data/p29score";
    private const string Processing = "/privacy/privacy_processing";
    private const string Dp = "/privacy/differential_privacy";

    /// <summary>Five people after dropping name: two 30s, three 60+ once age is generalized.</summary>
    private static async Task<BrowserSession> WithCompletedWorkflowAsync(AppFixture fixture)
    {
        var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"),
            ("mapping_34", "30s"), ("mapping_35", "30s"), ("mapping_61", "60+"), ("mapping_62", "60+"), ("mapping_70", "60+")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping")));
        return browser;
    }

    [Fact]
    public async Task Without_a_working_copy_the_score_page_says_so_and_the_report_is_a_404_json()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var page = await browser.GetDocumentAsync(Score);
        Assert.Equal("/data/data_generalization", page.QuerySelector("#no-working-copy a")!.GetAttribute("href"));

        using var report = await browser.Client.GetAsync(Score + "/report");
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        Assert.Equal("application/json", report.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No privacy score", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "diagnosis", "Choose at least one quasi-identifier.")]
    [InlineData("age", "", "Choose at least one sensitive attribute.")]
    [InlineData("age", "age", "A column cannot be both a quasi-identifier and a sensitive attribute: 'age'.")]
    [InlineData("height", "diagnosis", "Unknown quasi-identifier: 'height' (not a column of the table).")]
    public async Task Invalid_score_parameters_are_a_400_with_the_message_and_the_form_again(string qi, string sensitive, string message)
    {
        using var browser = await WithCompletedWorkflowAsync(fixture);
        var fields = new List<(string, string)> { ("submit_button", "Calculate Score") };
        if (qi.Length > 0) fields.Add(("quasi_identifiers", qi));
        if (sensitive.Length > 0) fields.Add(("sensitive_attributes", sensitive));

        using var response = await browser.PostAsync(Score, [.. fields]);
        var doc = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, Message(doc));
        Assert.NotNull(doc.QuerySelector("#score-form select[name=quasi_identifiers]"));
    }

    [Fact]
    public async Task The_score_shows_gauges_and_the_report_equals_the_engine_at_full_precision()
    {
        using var browser = await WithCompletedWorkflowAsync(fixture);
        var page = await Ok(browser.PostAsync(Score, ("submit_button", "Calculate Score"),
            ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis")));

        var working = await browser.DownloadAsync();
        var expected = PrivacyScorer.Evaluate(AnonTable.FromRows(working[0], working.Skip(1).Select(r => (string?[])r)), ["age"], ["diagnosis"]);
        Assert.Equal(expected.MinK.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#k-value span")!.TextContent);
        Assert.NotNull(page.QuerySelector("#p29 .progress-bar"));
        Assert.NotNull(page.QuerySelector("#min-l .progress-bar"));
        Assert.NotNull(page.QuerySelector("#max-t .progress-bar"));

        using var response = await browser.Client.GetAsync(Score + "/report");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var r = json.RootElement;
        Assert.Equal(expected.P29, r.GetProperty("p29").GetDouble());
        Assert.Equal(expected.MinK, r.GetProperty("min_k").GetInt32());
        Assert.Equal(expected.MinL!.Value, r.GetProperty("min_l").GetDouble());
        Assert.Equal(expected.MaxT, r.GetProperty("max_t").GetDouble());
        Assert.Equal(expected.ClassCount, r.GetProperty("classes").GetInt32());
        Assert.Equal(5, r.GetProperty("rows").GetInt32());
        Assert.Equal(expected.Reasons, r.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(expected.ProblemClasses.Select(c => c.Description), r.GetProperty("problems").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["age"], r.GetProperty("quasi_identifiers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["diagnosis"], r.GetProperty("sensitive_attributes").EnumerateArray().Select(e => e.GetString()));
        // Classes of 2 and 3 with mixed diagnoses: no problem, so the numbers compared are not zeros.
        Assert.True(expected.P29 > 0.25 && expected.MaxT > 0 && expected.MinL < 1);
    }

    [Fact]
    public async Task Privacy_processing_removes_the_failing_classes_and_the_result_becomes_the_working_copy()
    {
        using var browser = await WithCompletedWorkflowAsync(fixture);
        // Classes by age: 30s (2 rows), 60+ (3 rows). k_min 2 keeps only classes of 3 or more.
        var page = await Ok(browser.PostAsync(Processing, ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis"),
            ("k_min", "2"), ("l_min", "0"), ("t_max", "1")));

        Assert.StartsWith("2", page.QuerySelector("#rows-removed")!.TextContent.Trim(), StringComparison.Ordinal);
        var before = page.QuerySelectorAll("#metrics-before td");
        var after = page.QuerySelectorAll("#metrics-after td");
        Assert.Equal("5", before[before.Length - 1].TextContent);
        Assert.Equal("3", after[after.Length - 1].TextContent);
        var csv = await browser.DownloadAsync();
        Assert.Equal(4, csv.Count);
        Assert.All(csv.Skip(1), row => Assert.Equal("60+", row[0]));
    }

    [Theory]
    [InlineData("x", "0", "0.5", "k_min must be a whole number (got 'x').")]
    [InlineData("1", "zero", "0.5", "l_min must be a number such as 0.5 (got 'zero').")]
    [InlineData("1", "0", "2", "t_max must be between 0 and 1 (got 2).")]
    [InlineData("-1", "0", "0.5", "k_min must be 0 or more (got -1).")]
    public async Task Invalid_thresholds_are_a_400_with_the_message_and_the_values_shown_again(string k, string l, string t, string message)
    {
        using var browser = await WithCompletedWorkflowAsync(fixture);
        using var response = await browser.PostAsync(Processing, ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis"),
            ("k_min", k), ("l_min", l), ("t_max", t));
        var doc = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, Message(doc));
        Assert.Equal(k, doc.QuerySelector("input[name=k_min]")!.GetAttribute("value"));
        Assert.Equal(5, (await browser.DownloadAsync()).Count - 1); // nothing removed
    }

    [Fact]
    public async Task The_processing_form_offers_the_documented_defaults()
    {
        using var browser = await WithCompletedWorkflowAsync(fixture);
        var page = await browser.GetDocumentAsync(Processing);
        Assert.Equal(["1", "0.0", "0.5"], new[] { "k_min", "l_min", "t_max" }.Select(n => page.QuerySelector($"input[name={n}]")!.GetAttribute("value")));
    }

    [Fact]
    public async Task An_invalid_categorical_numerical_split_is_a_400_with_a_message()
    {
        using var browser = await WithCompletedWorkflowAsync(fixture);
        using var response = await browser.PostAsync(Dp, ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis"),
            ("categorical_columns", "sex"), ("numerical_columns", "sex"));
        var doc = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("both categorical and numerical: 'sex'", Message(doc), StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("#dp-form"));
    }

    [Fact]
    public async Task Differential_privacy_with_a_seed_is_reproducible_and_p_is_accepted_for_keep_probability()
    {
        async Task<List<string[]>> RunAsync(string probabilityField)
        {
            using var browser = await WithCompletedWorkflowAsync(fixture);
            var page = await Ok(browser.PostAsync(Dp, ("quasi_identifiers", "age"), ("sensitive_attributes", "diagnosis"),
                ("categorical_columns", "sex"), ("epsilon", "1.5"), (probabilityField, "0.1"), ("seed", "42")));
            Assert.Contains("sex", page.QuerySelector("#categorical-response")!.TextContent, StringComparison.Ordinal);
            return await browser.DownloadAsync();
        }

        var first = await RunAsync("keep_probability");
        var second = await RunAsync("p");

        Assert.Equal(first, second);
        Assert.Equal(6, first.Count);
    }

    [Fact]
    public async Task Differential_privacy_noises_numerical_columns_and_reports_the_scale()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await Ok(browser.UploadCsvAsync("id,age,weight\n1,30,60\n2,40,80\n3,50,100\n"));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers")));

        var page = await Ok(browser.PostAsync(Dp, ("quasi_identifiers", "age"), ("sensitive_attributes", "id"),
            ("numerical_columns", "weight"), ("epsilon", "2"), ("seed", "7")));

        var row = page.QuerySelector("#numerical-noise tbody tr")!.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["weight", "60", "100", "20", "3", "0"], row);
        var weights = (await browser.DownloadAsync()).Skip(1).Select(r => r[2]).ToList();
        Assert.NotEqual(["60", "80", "100"], weights);
    }

    [Fact]
    public async Task Every_form_on_the_anonymization_pages_carries_an_antiforgery_token()
    {
        using var browser = await WithCompletedWorkflowAsync(fixture);
        foreach (var path in new[] { Workflow, Score, Processing, Dp })
        {
            var doc = await browser.GetDocumentAsync(path);
            var forms = doc.QuerySelectorAll("main form[method=post]");
            Assert.NotEmpty(forms);
            Assert.All(forms, f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
        }
        using var content = new FormUrlEncodedContent([new("state", "1")]);
        using var forged = await browser.Client.PostAsync("/data/consolidated_return", content);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(6, Step(await browser.GetDocumentAsync(Workflow)));
    }
}
