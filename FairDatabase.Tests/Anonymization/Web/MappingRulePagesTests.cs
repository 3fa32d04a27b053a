using System.Net;
using System.Text;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Anonymization.Web;

/// <summary>The mapping step's generalization rules: preview, refused parameters, applying, and the per-value fields.</summary>
[Collection(AppCollection.Name)]
public sealed class MappingRulePagesTests(AppFixture fixture)
{
    [Fact]
    public async Task Preview_shows_the_classes_an_interval_rule_gives_and_keeps_the_typed_rule_without_applying_it()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();

        var page = await Ok(browser.PostAsync(Workflow, ("submit_button", "preview_mapping"), ("mapping_column", "age"),
            ("rule", "interval"), ("interval_width", "10"), ("interval_start", "")));

        var rows = page.QuerySelectorAll("#rule-preview tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).Take(2).ToArray()).ToList();
        Assert.Equal([["[30, 40)", "2"], ["[60, 70)", "2"], ["[70, 80)", "1"]], rows);
        Assert.Equal("10", page.QuerySelector("#interval_width")!.GetAttribute("value"));
        Assert.Equal("interval", page.QuerySelector("#rule option[selected]")!.GetAttribute("value"));
        // Nothing applied yet: still age's step with its own values.
        Assert.Equal(5, Step(page));
        Assert.Equal("age", page.QuerySelector("input[name=mapping_column]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name=mapping_34]"));
    }

    [Theory]
    [InlineData("interval", "interval_width", "0", "interval_width")]
    [InlineData("interval", "interval_width", "ten", "interval_width")]
    [InlineData("mask", "keep", "-1", "keep")]
    [InlineData("date", "unit", "week", "unit")]
    public async Task A_bad_rule_parameter_is_a_400_naming_the_field_with_the_form_and_the_typed_values_again(string rule, string field, string value, string named)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();

        foreach (var submit in new[] { "preview_mapping", "submit_mapping" })
        {
            using var response = await browser.PostAsync(Workflow, ("submit_button", submit), ("mapping_column", "age"), ("rule", rule), (field, value));
            var page = await BrowserSession.ParseAsync(response);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith(named + ":", Message(page), StringComparison.Ordinal);
            Assert.Equal(rule, page.QuerySelector("#rule option[selected]")!.GetAttribute("value"));
            var input = page.QuerySelector($"#{field}")!;
            if (input.TagName == "INPUT")
            {
                Assert.Equal(value, input.GetAttribute("value"));
                Assert.Contains("is-invalid", input.ClassList);
            }
            Assert.Equal("age", page.QuerySelector("#mapping-form input[name=mapping_column]")!.GetAttribute("value"));
        }
        var csv = await browser.DownloadAsync();
        Assert.Equal("34", csv[1][0]); // nothing was applied
    }

    [Fact]
    public async Task An_applied_rule_generalizes_the_column_and_the_next_quasi_identifier_starts_with_an_empty_rule()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();

        var sex = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "age"),
            ("rule", "interval"), ("interval_width", "10"), ("top", "65"),
            ("mapping_34", "34"), ("mapping_35", "35"), ("mapping_61", "61"), ("mapping_62", "62"), ("mapping_70", "70")));

        Assert.Equal("sex", sex.QuerySelector("input[name=mapping_column]")!.GetAttribute("value"));
        Assert.Equal("", sex.QuerySelector("#rule option[selected]")?.GetAttribute("value") ?? "");
        Assert.Equal("", sex.QuerySelector("#interval_width")!.GetAttribute("value"));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "sex")));
        var csv = await browser.DownloadAsync();
        Assert.Equal(["[30, 40)", "[30, 40)", "[60, 70)", "[60, 70)", ">= 65"], csv.Skip(1).Select(r => r[0]));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(25, false)]
    public async Task Per_value_fields_stay_available_and_are_collapsed_when_there_are_many(int distinct, bool open)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var csv = new StringBuilder("id,code\n");
        for (var i = 0; i < distinct; i++) csv.Append($"s{i},v{i:D2}\n");
        await Ok(browser.UploadCsvAsync(csv.ToString(), "codes.csv"));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "id")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values")));

        var page = await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "code")));

        var details = page.QuerySelector("#per-value")!;
        Assert.Equal(open, details.HasAttribute("open"));
        Assert.Equal(distinct, details.QuerySelectorAll("input[name^=mapping_]").Length);
        Assert.NotNull(page.QuerySelector("#mapping-form select[name=rule]"));
    }
}
