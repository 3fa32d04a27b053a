using System.Reflection;
using System.Text.RegularExpressions;

namespace FairDatabase.Tests.Docs;

/// <summary>
/// docs/pytest-equivalence.md stays true: one row per FAIRDatabase test function (221), and every
/// test it names exists here (xunit methods by reflection, pgTAP files on disk).
/// </summary>
public sealed partial class PytestEquivalenceMapTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FairDatabase.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (FairDatabase.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static string[] Rows() =>
        [.. File.ReadLines(Path.Combine(Root, "docs", "pytest-equivalence.md")).Where(line => RowPattern().IsMatch(line))];

    [Fact]
    public void Every_one_of_the_221_test_functions_has_one_row_in_order()
    {
        var numbers = Rows().Select(row => int.Parse(RowPattern().Match(row).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(Enumerable.Range(1, 221), numbers);
    }

    [Fact]
    public void Every_row_names_an_existing_test_or_says_why_not()
    {
        var tests = typeof(PytestEquivalenceMapTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()).Select(m => $"{t.Name}::{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var row in Rows())
        {
            var cells = row.Split('|');
            var coveredBy = cells[3].Trim();
            var named = XunitPattern().Matches(coveredBy).Select(m => m.Groups[1].Value).ToList();
            var tapFiles = TapPattern().Matches(coveredBy).Select(m => m.Groups[1].Value).ToList();
            if (coveredBy == "n/a")
            {
                if (cells[4].Trim().Length == 0) problems.Add($"{cells[2].Trim()}: n/a without a reason");
                continue;
            }
            if (named.Count + tapFiles.Count == 0) problems.Add($"{cells[2].Trim()}: names no test");
            problems.AddRange(named.Where(t => !tests.Contains(t)).Select(t => $"{cells[2].Trim()}: no test {t}"));
            problems.AddRange(tapFiles.Where(f => !File.Exists(Path.Combine(Root, f))).Select(f => $"{cells[2].Trim()}: no file {f}"));
        }

        Assert.True(problems.Count == 0, "docs/pytest-equivalence.md:\n" + string.Join('\n', problems));
    }

    [GeneratedRegex(@"^\| (\d+) \|")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"`([A-Za-z0-9]+::[A-Za-z0-9_]+)`")]
    private static partial Regex XunitPattern();

    [GeneratedRegex(@"`(sql/tests/[^`]+\.sql)`")]
    private static partial Regex TapPattern();
}
