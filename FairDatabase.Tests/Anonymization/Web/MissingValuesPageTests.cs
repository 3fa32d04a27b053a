using System.Globalization;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Anonymization.Web;

/// <summary>
/// The missing-values step draws the share of empty cells of each column that has any, 100 % for a
/// column empty everywhere, and summarises the complete columns in one line.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MissingValuesPageTests(AppFixture fixture)
{
    [Fact]
    public async Task A_column_missing_in_every_row_shows_100_percent()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await AnonPages.Ok(browser.UploadCsvAsync("id,age,never_filled,half\n1,34,,a\n2,61,,\n3,70,,b\n4,35,,\n"));
        var page = await AnonPages.Ok(browser.PostAsync(AnonPages.Workflow, ("submit_button", "submit_columns")));

        var shares = page.QuerySelectorAll(".bar[data-label]").ToDictionary(
            b => b.GetAttribute("data-label")!, b => double.Parse(b.GetAttribute("data-percent")!, CultureInfo.InvariantCulture));
        Assert.Equal(3, AnonPages.Step(page));
        Assert.Equal(new Dictionary<string, double> { ["never_filled"] = 100, ["half"] = 50 }, shares);
        Assert.Contains("2 columns have no missing values.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("100%", page.QuerySelector(".bar[data-label=never_filled]")?.TextContent, StringComparison.Ordinal);
    }
}
