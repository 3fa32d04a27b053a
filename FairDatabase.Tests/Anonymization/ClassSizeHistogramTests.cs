using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

public sealed class ClassSizeHistogramTests
{
    [Fact]
    public void Small_classes_get_one_bin_per_size_up_to_the_largest()
    {
        var bins = ClassSizeHistogram.From([1, 2, 2, 4, 1]);

        Assert.Equal(["1", "2", "3", "4"], bins.Select(b => b.Label));
        Assert.Equal([2, 2, 0, 1], bins.Select(b => b.Classes));
        Assert.Equal([2L, 4, 0, 4], bins.Select(b => b.Rows));
    }

    [Fact]
    public void Large_classes_fall_into_one_two_five_bins_and_every_class_is_counted_once()
    {
        int[] sizes = [1, 1, 5, 6, 10, 11, 20, 21, 50, 51, 100, 101, 999, 1000, 1001, 4000];

        var bins = ClassSizeHistogram.From(sizes);

        Assert.Equal(["1", "2", "3", "4", "5", "6–10", "11–20", "21–50", "51–100", "101–200", "201–500", "501–1000", "1001–2000", "2001–5000"],
            bins.Select(b => b.Label));
        Assert.Equal([2, 0, 0, 0, 1, 2, 2, 2, 2, 1, 0, 2, 1, 1], bins.Select(b => b.Classes));
        Assert.Equal(sizes.Length, bins.Sum(b => b.Classes));
        Assert.Equal(sizes.Sum(s => (long)s), bins.Sum(b => b.Rows));
    }

    [Fact]
    public void The_privacy_report_carries_the_histogram_of_its_classes()
    {
        var table = Tables.Of("age|diagnosis", "30|flu", "30|cold", "40|flu", "50|flu", "50|cold", "50|flu");

        var report = PrivacyScorer.Evaluate(table, ["age"], ["diagnosis"]);

        Assert.Equal(["1", "2", "3"], report.ClassSizes.Select(b => b.Label));
        Assert.Equal([1, 1, 1], report.ClassSizes.Select(b => b.Classes));
    }
}
