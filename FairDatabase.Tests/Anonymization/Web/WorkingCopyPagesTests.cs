using System.Globalization;
using System.Net;
using System.Text;
using FairDatabase.Core.Anonymization;
using FairDatabase.Tests.Anonymization.Workspace;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Anonymization.Web;

/// <summary>The recipe-backed working copy through the real app: rules, a vanished source, streamed downloads of wide tables.</summary>
[Collection(AppCollection.Name)]
public sealed class WorkingCopyPagesTests(AppFixture fixture)
{
    [Fact]
    public async Task A_dataset_deleted_mid_workflow_answers_with_a_clear_message_and_the_workflow_starts_again()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var name = await WorkspaceTestKit.CreateTwoChunkDatasetAsync(await browser.UserIdAsync());
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_dataset"), ("dataset", name)));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "patient_id")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "age")));
        await WorkspaceTestKit.DropDatasetAsync(name);

        using var response = await browser.Client.GetAsync(Workflow);
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains($"'{name}'", Message(page), StringComparison.Ordinal);
        Assert.Contains("no longer available", Message(page), StringComparison.Ordinal);
        Assert.Equal(1, Step(page));
        Assert.Equal(1, Step(await browser.GetDocumentAsync(Workflow)));
    }

    [Theory]
    [InlineData("interval", "interval_width", "0", "interval_width")]
    [InlineData("mask", "keep", "-2", "keep")]
    [InlineData("date", "unit", "fortnight", "unit")]
    public async Task A_rule_with_a_bad_parameter_is_a_400_naming_the_field_and_the_mapping_step_stays(string rule, string field, string value, string named)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();

        using var response = await browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "age"), ("rule", rule), (field, value));
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(named + ":", Message(page), StringComparison.Ordinal);
        Assert.Equal(5, Step(page));
    }

    [Fact]
    public async Task An_interval_rule_previews_without_applying_then_applies_and_the_download_shows_it()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.ReachMappingAsync();

        var preview = await Ok(browser.PostAsync(Workflow, ("submit_button", "preview_mapping"), ("mapping_column", "age"), ("rule", "interval"), ("interval_width", "10")));
        Assert.Equal(5, Step(preview));
        Assert.NotNull(preview.QuerySelector("input[name=mapping_34]")); // still age's turn
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "age"), ("rule", "interval"), ("interval_width", "10")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"), ("mapping_column", "sex")));

        var csv = await browser.DownloadAsync();
        Assert.Equal(["[30, 40)", "[30, 40)", "[60, 70)", "[60, 70)", "[70, 80)"], csv.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task A_wide_download_streams_in_blocks_and_equals_the_in_memory_result_of_the_same_seeded_local_DP()
    {
        const int columns = 600, rows = 700; // 416 rows a block at this width: the download takes two
        var header = Enumerable.Range(0, columns).Select(c => c == 0 ? "site" : c == 1 ? "group" : "otu" + c.ToString(CultureInfo.InvariantCulture)).ToArray();
        var table = Enumerable.Range(0, rows).Select(r => header.Select((_, c) => c switch
        {
            0 => r % 3 == 0 ? "gut" : "skin",
            1 => (r % 5).ToString(CultureInfo.InvariantCulture),
            _ => ((r * c) % 17 == 0 ? 0 : (r + c) % 40).ToString(CultureInfo.InvariantCulture),
        }).ToArray()).ToArray();
        var text = new StringBuilder(string.Join(',', header)).Append('\n');
        foreach (var row in table) text.Append(string.Join(',', row)).Append('\n');
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await Ok(browser.UploadCsvAsync(text.ToString(), "wide.csv"));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers")));

        await Ok(browser.PostAsync("/privacy/differential_privacy", ("quasi_identifiers", "group"), ("sensitive_attributes", "site"), ("seed", "99")));
        var downloaded = await browser.DownloadAsync();

        var expected = LocalDifferentialPrivacy.Apply(AnonTable.FromRows(header, table),
            new DifferentialPrivacyRequest(["group"], ["site"], [], [.. header.Skip(2)], Seed: 99)).Table;
        Assert.Equal(header, downloaded[0]);
        Assert.Equal(Tables.Lines(expected), downloaded.Skip(1).Select(r => string.Join('|', r)));
        Assert.NotEqual(table[5][7], downloaded[6][7]); // perturbed
    }
}
