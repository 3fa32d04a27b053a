using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>The upload page with the file formats: choices on the form, what was detected, tricky values out through the ZIP.</summary>
[Collection(AppCollection.Name)]
public sealed class FormatUploadPagesTests(AppFixture fixture)
{
    private static MultipartFormDataContent Form(byte[] content, string fileName, string orientation = "auto", string encoding = "auto")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent
        {
            { new StringContent("d"), "description" },
            { new StringContent("o"), "origin" },
            { new StringContent(orientation), "orientation" },
            { new StringContent(encoding), "encoding" },
            { file, "file", fileName },
        };
    }

    [Fact]
    public async Task The_form_explains_orientation_and_encoding_and_the_dashboard_shows_what_was_detected()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var form = await browser.GetDocumentAsync("/dashboard/upload");
        byte[] latin = [.. Encoding.ASCII.GetBytes("#OTU ID;S1;S2\nOTU1;1;2\nOTU2;3;"), 0xE9, (byte)'\n'];

        using var response = await browser.PostMultipartAsync("/dashboard/upload", Form(latin, "otus.csv"));
        var dashboard = await browser.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var detected = dashboard.QuerySelector("#detected-format")?.TextContent ?? "";

        Assert.Equal(["auto", "rows", "columns"], form.QuerySelectorAll("#orientation option").Select(o => o.GetAttribute("value") ?? "").ToArray());
        Assert.Equal(["auto", "utf-8", "windows-1252", "iso-8859-1"], form.QuerySelectorAll("#encoding option").Select(o => o.GetAttribute("value") ?? "").ToArray());
        Assert.Contains("Each stored row should be one sample", form.QuerySelector("#orientation-help")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Windows-1252", form.QuerySelector("#encoding-help")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("biom-tool table, semicolon-separated, encoding windows-1252", detected, StringComparison.Ordinal);
        Assert.Contains("transposed so that each row is a sample", detected, StringComparison.Ordinal);
        Assert.NotNull(dashboard.QuerySelector("#datasets .encoding-notice"));
    }

    [Fact]
    public async Task A_bad_choice_or_a_wrong_artifact_is_answered_400_naming_it()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var badEncoding = await browser.PostMultipartAsync("/dashboard/upload", Form("id,a\n1,2\n"u8.ToArray(), "a.csv", encoding: "ebcdic"));
        using var notBiom = await browser.PostMultipartAsync("/dashboard/upload", Form("just text"u8.ToArray(), "a.biom"));

        Assert.Equal(HttpStatusCode.BadRequest, badEncoding.StatusCode);
        Assert.Contains("Encoding must be", (await BrowserSession.ParseAsync(badEncoding)).QuerySelector("#upload-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notBiom.StatusCode);
        Assert.Contains("neither BIOM 1.0 (JSON) nor BIOM 2.1 (HDF5)", (await BrowserSession.ParseAsync(notBiom)).QuerySelector("#upload-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tricky_values_round_trip_through_binary_copy_and_the_zip_download()
    {
        string[] header = ["Sample", "tricky_value"];
        string[] values =
        [
            "say \"hi\", twice", "two\nlines", "crlf\r\nend", "日本語 🧫 µg/ml", "C:\\path\\n", "\\N", "NA", "", "  padded  ", "'quoted'", "5'11\"", "tab\there",
        ];
        var csv = new StringBuilder(string.Join(',', header) + "\n");
        for (var i = 0; i < values.Length; i++) csv.Append($"S{i},").Append(Quote(values[i])).Append('\n');
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/upload") { Content = Form(Encoding.UTF8.GetBytes(csv.ToString()), "tricky.csv") };
        request.Headers.Add("RequestVerificationToken", await browser.GetAntiforgeryTokenAsync("/dashboard/upload"));
        request.Headers.Accept.ParseAdd("application/json");
        using var upload = await browser.Client.SendAsync(request);
        using var json = JsonDocument.Parse(await upload.Content.ReadAsStringAsync());
        using var zipResponse = await browser.PostFormAsync("/dashboard/search", new() { ["search"] = "tricky_value" }, "/dashboard/display");
        using var zip = new ZipArchive(await zipResponse.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.Entries.Single().Open());
        var records = CsvRecords.Parse(await reader.ReadToEndAsync());

        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("delimited text", json.RootElement.GetProperty("detected").GetProperty("kind").GetString());
        Assert.Equal(header, records[0]);
        Assert.Equal(values, records.Skip(1).Select(r => r[1]).ToArray());
    }

    // The one quoting rule the test's own CSV needs: RFC 4180 for anything special, except the
    // unquoted stray quote, which must arrive as it is (lenient reading).
    private static string Quote(string value) =>
        value == "5'11\"" ? value
        : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim() ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
