using System.Globalization;
using System.Net;
using System.Text;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Web.Releases;

/// <summary>
/// A release at microbiome width: its landing page summarises the columns (how many, how many
/// numeric, the first names) and folds the full list away instead of printing a wall of names.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WideReleasePageTests(AppFixture fixture)
{
    private const int Taxa = 300;

    /// <summary>The balanced table (five rows per sex) with count columns.</summary>
    internal static string WideCsv(int taxa = Taxa)
    {
        var csv = new StringBuilder("name,sex,diagnosis");
        for (var t = 1; t <= taxa; t++) csv.Append(CultureInfo.InvariantCulture, $",otu{t:D4}");
        csv.Append('\n');
        string[] sexes = ["F", "F", "F", "F", "F", "M", "M", "M", "M", "M"];
        for (var row = 0; row < sexes.Length; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{row},{sexes[row]},{(row % 2 == 0 ? "flu" : "cold")}");
            for (var t = 1; t <= taxa; t++) csv.Append(CultureInfo.InvariantCulture, $",{(row * t) % 7}");
            csv.Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>Uploads the wide table, generalizes nothing (sex as the quasi-identifier), saves it and releases it.</summary>
    internal static async Task<Guid> ReleaseWideAsync(BrowserSession owner, int taxa, string visibility)
    {
        await Ok(owner.UploadCsvAsync(WideCsv(taxa), "wide.csv"));
        await Ok(owner.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "name")));
        await Ok(owner.PostAsync(Workflow, ("submit_button", "submit_missing_values")));
        await Ok(owner.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "sex")));
        await Ok(owner.PostAsync(Workflow, ("submit_button", "submit_mapping")));
        await Ok(owner.PostAsync("/data/save_dataset", ("dataset_name", "wide-release")));
        return await owner.CreateReleaseAsync(await ReleaseTestKit.DatasetIdAsync(owner, "wide-release"), visibility, "Wide study");
    }

    [Fact]
    public async Task The_landing_page_summarises_hundreds_of_columns_and_folds_the_full_list_away()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var releaseId = await ReleaseWideAsync(owner, Taxa, "private");

        var (status, page) = await owner.GetAsync($"/releases/{releaseId}");

        Assert.Equal(HttpStatusCode.OK, status);
        var summary = page.Text("#fields-summary");
        var columns = page.QuerySelectorAll("#fields-all li").Select(li => li.TextContent.Split(' ')[0]).ToList();
        Assert.StartsWith($"{columns.Count} columns: {Taxa} numeric, {columns.Count - Taxa} text. First: ", summary, StringComparison.Ordinal);
        Assert.EndsWith(", …", summary, StringComparison.Ordinal);
        Assert.Equal(Taxa + 3, columns.Count); // the saved dataset's row number, sex, diagnosis and the taxa
        Assert.Contains("otu0300", columns);
        Assert.Null(page.QuerySelector("#fields-all")!.GetAttribute("open")); // folded until asked for
    }
}
