using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

/// <summary>Each kind of problem sets P29 to 0 and is explained, with the classes it concerns.</summary>
public sealed class PrivacyProblemsTests
{
    [Fact]
    public void Classes_of_one_row_are_a_problem_and_are_listed()
    {
        var table = Tables.Of("age|sex|dx", "30|F|a", "30|F|b", "40|M|a", "50|F|b", "30|M|a");

        var report = PrivacyScorer.Evaluate(table, ["age", "sex"], ["dx"]);

        Assert.Equal(0.0, report.P29);
        Assert.Equal(1, report.MinK);
        Assert.Contains("3 classes have k = 1 (a single row identifies a person).", report.Reasons);
        Assert.Equal(3, report.ProblemClassCount);
        Assert.Equal(["age: 40, sex: M", "age: 50, sex: F", "age: 30, sex: M"], report.ProblemClasses.Select(p => p.Description));
        Assert.All(report.ProblemClasses, p => Assert.Contains("k = 1", p.Issues));
    }

    [Fact]
    public void L_zero_in_the_second_sensitive_attribute_alone_is_a_problem()
    {
        // s1 is mixed in both classes; s2 is 1 throughout A and 2 throughout B: l(s2) = 0 in both.
        // t(s2) = ½(|1 − ½| + |0 − ½|) = ½ in both classes: not above 0.5, so only l is at fault.
        var table = Tables.Of("g|s1|s2", "A|x|1", "A|y|1", "B|x|2", "B|y|2");

        var report = PrivacyScorer.Evaluate(table, ["g"], ["s1", "s2"]);

        Assert.True(report.HasProblems);
        Assert.Equal(0.0, report.P29);
        Assert.Equal(0.0, report.MinL);
        Assert.Equal(0.5, report.MaxT, 1e-12);
        Assert.Equal(["2 classes have l = 0 for s2 (all rows of the class share one value, so it is disclosed)."], report.Reasons);
        Assert.Equal(1.0, report.Attributes[0].MinL);
        Assert.Equal(2, report.Attributes[1].ClassesWithLZero);
        Assert.Equal(["l = 0 for s2"], report.ProblemClasses[0].Issues);
    }

    [Fact]
    public void A_missing_quasi_identifier_value_is_its_own_class_described_as_empty()
    {
        var table = AnonTable.FromRows(["age", "sex", "dx"],
            [["30", "F", "a"], ["30", "F", "b"], [null, "F", "a"], ["30", "F", "a"]]);

        var report = PrivacyScorer.Evaluate(table, ["age", "sex"], ["dx"]);

        Assert.Equal(2, report.ClassCount);
        var problem = Assert.Single(report.ProblemClasses);
        Assert.Equal("age: , sex: F", problem.Description);
        Assert.Equal(1, problem.K);
    }

    [Fact]
    public void At_most_ten_problem_classes_are_listed_but_all_are_counted()
    {
        var rows = Enumerable.Range(0, 25).Select(i => $"{i}|{(i % 2 == 0 ? "a" : "b")}").ToArray();

        var report = PrivacyScorer.Evaluate(Tables.Of("id|dx", rows), ["id"], ["dx"]);

        Assert.Equal(25, report.ProblemClassCount);
        Assert.Equal(PrivacyScorer.ListedProblemClasses, report.ProblemClasses.Count);
        Assert.Equal("id: 0", report.ProblemClasses[0].Description);
        Assert.Equal("id: 9", report.ProblemClasses[9].Description);
    }

    [Fact]
    public void An_empty_table_scores_zero_with_a_reason()
    {
        var report = PrivacyScorer.Evaluate(AnonTable.FromRows(["g", "s"], []), ["g"], ["s"]);

        Assert.Equal((0.0, 0, 0), (report.P29, report.MinK, report.ClassCount));
        Assert.Equal(["The table has no rows, so there is nothing to measure."], report.Reasons);
    }
}
