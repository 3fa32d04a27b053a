using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using FairDatabase.Core.Releases.Exports;

namespace FairDatabase.Tests.Releases.Exports;

public sealed class ReleaseZipTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(SampleReleases.DataCsv);

    [Fact]
    public async Task The_zip_holds_data_csv_and_the_four_files_exactly_as_served()
    {
        var release = SampleReleases.Gut();
        var files = ReleaseFiles.Build(release, SampleReleases.Links);

        var bytes = await ExportFiles.ZipAsync(release, files, Data);

        Assert.Equal(files.ZipBytes, bytes.Length);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(["data.csv", "datapackage.json", "datacite.json", "ro-crate-metadata.json", "privacy-report.json"], zip.Entries.Select(e => e.FullName));
        foreach (var (name, content) in files.Metadata) Assert.Equal(content, Read(zip, name));
        var csv = Read(zip, "data.csv");
        Assert.Equal(Data, csv);
        var package = System.Text.Json.Nodes.JsonNode.Parse(Read(zip, "datapackage.json"))!["resources"]![0]!;
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(csv)), (string?)package["hash"]);
        Assert.Equal(csv.Length, (long)package["bytes"]!);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2026, 11, 23, 14, 5, 6), e.LastWriteTime.DateTime));
    }

    [Fact]
    public async Task Unzip_tests_the_archive_without_error()
    {
        var release = SampleReleases.Gut();
        var path = Path.Combine(Path.GetTempPath(), $"release-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, await ExportFiles.ZipAsync(release, ReleaseFiles.Build(release, SampleReleases.Links), Data));
        try
        {
            var unzip = new ProcessStartInfo("unzip", ["-t", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
            Process process;
            try
            {
                process = Process.Start(unzip)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Fail("unzip is not installed (scripts/test.sh installs it).");
                return;
            }
            using (process)
            {
                var output = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, output);
                Assert.Contains("No errors detected", output, StringComparison.Ordinal);
                Assert.Contains("testing: data.csv", output, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Data_that_differs_in_length_from_the_record_fails_the_download()
    {
        var release = SampleReleases.Gut();
        var files = ReleaseFiles.Build(release, SampleReleases.Links);

        await Assert.ThrowsAsync<InvalidDataException>(() => ExportFiles.ZipAsync(release, files, Data[..^1]));
        await Assert.ThrowsAsync<InvalidDataException>(() => ExportFiles.ZipAsync(release, files, [.. Data, (byte)'\n']));
    }

    [Fact]
    public async Task Data_that_cannot_be_read_fails_the_download()
    {
        var release = SampleReleases.Gut();
        var files = ReleaseFiles.Build(release, SampleReleases.Links);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ReleaseZip.WriteAsync(release, files, _ => Task.FromResult(false), new MemoryStream(), CancellationToken.None));
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var entry = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }
}
