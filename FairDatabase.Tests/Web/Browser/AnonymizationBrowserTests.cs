using System.Text;
using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FairDatabase.Tests.Web.Browser;

/// <summary>
/// The whole anonymization workflow in Chromium on a 200-row × 2,005-column microbiome table,
/// using the column pickers as a person would: upload → drop the id → drop ten taxa at once with
/// "select all matching" → an interval rule on age (previewed, then applied) → P29 → local DP → save.
/// Screenshots of every page land in TestResults/screenshots.
/// </summary>
[Collection(RealBrowserCollection.Name)]
public sealed class AnonymizationBrowserTests(RealBrowserFixture fixture)
{
    [Fact]
    public async Task A_wide_table_goes_through_generalization_P29_and_local_DP_to_a_saved_dataset()
    {
        var page = await fixture.NewSignedInPageAsync();
        var csv = await WideCsvAsync();
        try
        {
            await page.GotoAsync("/data/data_generalization");
            await page.SetInputFilesAsync("#upload-form input[name=file]", csv);
            await page.ClickAsync("#upload-form button[value=submit_file]");
            await page.WaitForSelectorAsync("#identifiers-form");
            Assert.Equal("Step 2 of 6: Drop direct identifiers", (await page.TextContentAsync("#step"))!.Trim());

            // Pick the id column by typing into the filterable picker.
            await PickAsync(page, "columns_to_drop", "sample_id");
            await RealBrowserFixture.ScreenshotAsync(page, "anon-1-identifiers");
            Assert.Equal(["sample_id"], await SelectedAsync(page, "#identifiers-form select[name=columns_to_drop]"));
            await SubmitAsync(page, "#identifiers-form button[value=submit_columns]");

            // Missing values: bmi first, the complete columns summarised; drop ten taxa at once.
            await page.WaitForSelectorAsync("#missing-form");
            Assert.Equal("bmi", await page.GetAttributeAsync("#missing-values .bar", "data-label"));
            Assert.Equal("2,003 columns have no missing values.", (await page.TextContentAsync("#complete-summary"))!.Trim());
            await page.FillAsync("#columns_to_drop-ts-control", "otu0001");
            var selectMatching = page.Locator("#missing-form [data-picker-action=select-matching]");
            await Expect(selectMatching, "Select all 10 matching “otu0001”");
            await selectMatching.ClickAsync();
            await RealBrowserFixture.ScreenshotAsync(page, "anon-2-missing-values");
            var dropped = await SelectedAsync(page, "#missing-form select[name=columns_to_drop]");
            Assert.Equal(Enumerable.Range(10, 10).Select(i => $"g__Taxon_otu000{i}"), dropped);
            await SubmitAsync(page, "#missing-form button[value=submit_missing_values]");

            await page.WaitForSelectorAsync("#qi-form");
            await PickAsync(page, "quasi_identifiers", "age");
            await PickAsync(page, "quasi_identifiers", "sex");
            await SubmitAsync(page, "#qi-form button[value=submit_quasi_identifiers]");

            // Age: an interval rule of width 10, previewed, then applied.
            await page.WaitForSelectorAsync("#mapping-form");
            await page.SelectOptionAsync("#mapping-form select[name=rule]", "interval");
            await page.FillAsync("#interval_width", "10");
            await page.ClickAsync("#mapping-form button[value=preview_mapping]");
            await page.WaitForSelectorAsync("#rule-preview");
            var classes = await page.Locator("#rule-preview tbody tr td:first-child").AllTextContentsAsync();
            Assert.Contains("[20, 30)", classes);
            Assert.All(classes, c => Assert.Matches(@"^\[\d+, \d+\)$", c));
            Assert.Equal("10", await page.InputValueAsync("#interval_width"));
            await RealBrowserFixture.ScreenshotAsync(page, "anon-3-rule-preview");
            await page.ClickAsync("#mapping-form button[value=submit_mapping]");
            await page.WaitForSelectorAsync("#mapping-form input[name=mapping_column][value=sex]", new() { State = WaitForSelectorState.Attached });
            await page.ClickAsync("#mapping-form button[value=submit_mapping]");
            await page.WaitForSelectorAsync("#complete");
            await RealBrowserFixture.ScreenshotAsync(page, "anon-4-complete");

            // P29: the quasi-identifiers come preselected; the sensitive attribute is picked.
            await page.GotoAsync("/data/p29score");
            Assert.Equal(["age", "sex"], await SelectedAsync(page, "select[name=quasi_identifiers]"));
            await PickAsync(page, "sensitive_attributes", "body_site");
            await SubmitAsync(page, "#score-form button[type=submit]");
            await page.WaitForSelectorAsync("#class-sizes canvas[data-chart-ready=true]");
            Assert.NotNull(await page.GetAttributeAsync("#guidance", "data-band"));
            await RealBrowserFixture.ScreenshotAsync(page, "anon-5-p29");

            // Local DP: both choices preselected, the other 1,991 columns typed automatically; bmi overridden.
            await page.GotoAsync("/privacy/differential_privacy");
            Assert.Equal(["age", "sex"], await SelectedAsync(page, "select[name=quasi_identifiers]"));
            Assert.Equal(["body_site"], await SelectedAsync(page, "select[name=sensitive_attributes]"));
            Assert.Equal("1991", await page.GetAttributeAsync("#typing-summary", "data-numerical"));
            await PickAsync(page, "categorical_columns", "bmi");
            await SubmitAsync(page, "#dp-form button[value=preview_typing]");
            await page.WaitForSelectorAsync("#typing-summary[data-categorical='1']");
            await page.ClickAsync("#typing-list summary");
            await page.FillAsync("#typing-filter", "bmi");
            Assert.Equal(1, await page.Locator("#typing-table tbody tr:visible").CountAsync());
            await page.FillAsync("#seed", "7");
            await SubmitAsync(page, "#dp-form button[value=Apply]");
            await page.WaitForSelectorAsync("#dp-compare canvas[data-chart-ready=true]");
            await RealBrowserFixture.ScreenshotAsync(page, "anon-6-differential-privacy");

            await page.GotoAsync("/data/data_generalization");
            await page.FillAsync("#dataset_name", "wide-anonymized");
            await page.ClickAsync("#save-form button[type=submit]");
            await page.WaitForSelectorAsync("#message");
            Assert.StartsWith("Saved as dataset 'wide-anonymized' (200 rows", (await page.TextContentAsync("#message"))!.Trim(), StringComparison.Ordinal);
            await RealBrowserFixture.ScreenshotAsync(page, "anon-7-saved");
        }
        finally
        {
            File.Delete(csv);
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Types into a tom-select picker and chooses the option with exactly that value.</summary>
    private static async Task PickAsync(IPage page, string select, string value)
    {
        await page.FillAsync($"#{select}-ts-control", value);
        await page.ClickAsync($"#{select}-ts-dropdown .option[data-value='{value}']");
        await page.Locator($".ts-control:has(#{select}-ts-control) .item[data-value='{value}']").WaitForAsync();
    }

    /// <summary>Clicks away from the pickers first, as a person does, so no open list lies over the button.</summary>
    private static async Task SubmitAsync(IPage page, string button)
    {
        await page.ClickAsync("h1");
        await page.Keyboard.PressAsync("Escape");
        // A dispatched click: an option list still animating closed must not swallow the submit.
        await page.Locator(button).DispatchEventAsync("click");
    }

    private static async Task<string[]> SelectedAsync(IPage page, string selector) =>
        await page.EvalOnSelectorAsync<string[]>(selector, "s => Array.from(s.selectedOptions).map(o => o.value)");

    private static async Task Expect(ILocator locator, string text)
    {
        await locator.Filter(new() { HasText = text }).WaitForAsync();
        Assert.Equal(text, (await locator.TextContentAsync())!.Trim());
    }

    /// <summary>The benchmark's shape at 200 rows: id, age, sex, bmi, body_site and 2,000 taxa; bmi blank in every 7th row.</summary>
    private static async Task<string> WideCsvAsync()
    {
        using var buffer = new MemoryStream();
        await new MicrobiomeCsvGenerator { Rows = 200 }.WriteAsync(buffer);
        var lines = Encoding.UTF8.GetString(buffer.ToArray()).TrimEnd('\n').Split('\n');
        for (var i = 7; i < lines.Length; i += 7)
        {
            var fields = lines[i].Split(',');
            fields[3] = "";
            lines[i] = string.Join(',', fields);
        }
        var path = Path.Combine(Path.GetTempPath(), $"wide-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
