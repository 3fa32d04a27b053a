using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Rules;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Workspace.WorkspaceTestKit;

namespace FairDatabase.Tests.Anonymization.Workspace;

[Collection(AppCollection.Name)]
public sealed class PrivacyWorkbenchTests
{
    private const string Header = "id,age,sex,diagnosis,count,site";
    private static readonly string[] People =
    [
        "1,34,F,flu,10,gut", "2,35,F,flu,0,skin", "3,36,M,cold,3,gut", "4,61,M,flu,NA,oral", "5,62,M,cold,7,gut",
        "6,63,F,cold,0,skin", "7,34,F,cold,1,gut", "8,61,M,flu,2,oral", "9,90,F,flu,5,gut", "10,36,M,cold,9,skin",
    ];

    private static readonly GeneralizationRule Decades = new(GeneralizationRule.Interval, Width: 10);

    /// <summary>The same table in memory, id dropped and age generalized to decades as the workflow does it.</summary>
    private static AnonTable Generalized()
    {
        var table = Tables.Of(Header.Replace(',', '|'), [.. People.Select(r => r.Replace(',', '|'))]).WithoutColumns(["id"]);
        var mapping = RuleCompiler.Compile(Decades, Generalization.DistinctValues(table, "age")).Mapping;
        return Generalization.ApplyMapping(table, "age", mapping.ToDictionary(p => p.Key, p => (string?)p.Value)).Table;
    }

    private static async Task<Guid> CompletedAsync()
    {
        var user = await TestDatabase.CreateUserAsync();
        var w = Workflow(user);
        await w.StartFromCsvAsync(Csv(Header + "\n" + string.Join("\n", People) + "\n"), "p.csv", Ct);
        await w.DropIdentifiersAsync(["id"], Ct);
        await w.DropMissingValueColumnsAsync([], Ct);
        await w.ChooseQuasiIdentifiersAsync(["age"], Ct);
        await w.ApplyMappingAsync(new Dictionary<string, string>(), Ct, Decades);
        return user;
    }

    [Fact]
    public async Task P29_over_the_recipe_equals_P29_of_the_same_table_in_memory()
    {
        var user = await CompletedAsync();

        var report = await Workbench(user).ScoreAsync(["age", "sex"], ["diagnosis"], Ct);
        var expected = PrivacyScorer.Evaluate(Generalized(), ["age", "sex"], ["diagnosis"]);

        Assert.Equal(PrivacyScoreDocument.From(expected).ToJson(), PrivacyScoreDocument.From(report!).ToJson());
    }

    [Fact]
    public async Task Processing_stores_a_kept_row_mask_that_download_and_later_scores_apply()
    {
        var user = await CompletedAsync();
        var expected = PrivacyEnforcer.Enforce(Generalized(), ["age", "sex"], ["diagnosis"], new PrivacyThresholds(KMin: 1));

        var result = await Workbench(user).ProcessAsync(["age", "sex"], ["diagnosis"], new PrivacyThresholds(KMin: 1), Ct);
        var after = await Workbench(user).ScoreAsync(["age", "sex"], ["diagnosis"], Ct);

        Assert.Equal(expected.RowsRemoved, result!.RowsRemoved);
        Assert.True(result.RowsRemoved > 0);
        Assert.Equal(Tables.Lines(expected.Table), await RowsAsync(user));
        Assert.Equal(expected.After.RowCount, after!.RowCount);
        Assert.Equal(expected.After.P29, after.P29);
        Assert.Equal(expected.Table.RowCount, (await Workbench(user).CurrentAsync(Ct))!.RowCount);
    }

    [Fact]
    public async Task Seeded_local_DP_replays_as_the_in_memory_perturbation_and_undeclared_columns_are_typed()
    {
        var user = await CompletedAsync();
        var request = new DifferentialPrivacyRequest(["age"], ["diagnosis"], ["sex"], [], Seed: 11);

        var summary = await Workbench(user).ApplyDifferentialPrivacyAsync(request, Ct);
        var inMemory = LocalDifferentialPrivacy.Apply(Generalized(), request with { NumericalColumns = ["count"], CategoricalColumns = ["sex", "site"] });

        Assert.Equal(["unchanged|True", "categorical|True", "unchanged|True", "numerical|False", "categorical|False"],
            summary!.Typing.Select(t => $"{t.Kind}|{t.Declared}"));
        Assert.Equal(Tables.Lines(inMemory.Table), await RowsAsync(user));
        Assert.Equal(inMemory.Numerical, summary.Numerical);
        Assert.Equal(inMemory.Categorical, summary.Categorical);
        Assert.DoesNotContain("11", ProvenanceText.Describe((await Loader(user).OpenAsync(Ct))!.State), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unseeded_local_DP_draws_a_fresh_secret_each_time_yet_replays_the_same_on_every_read()
    {
        var first = await CompletedAsync();
        var second = await CompletedAsync();
        var request = new DifferentialPrivacyRequest(["age"], ["diagnosis"], [], []);

        await Workbench(first).ApplyDifferentialPrivacyAsync(request, Ct);
        await Workbench(second).ApplyDifferentialPrivacyAsync(request, Ct);
        var once = await RowsAsync(first);

        Assert.Equal(once, await RowsAsync(first));
        Assert.NotEqual(once, await RowsAsync(second));
        var count = (await (await Loader(first).OpenAsync(Ct))!.ReadAsync(["count"], Ct)).Column("count");
        Assert.Equal(once.Select(line => line.Split('|')[3]), Enumerable.Range(0, count.RowCount).Select(count.ValueAt));
    }

    [Fact]
    public async Task Going_back_forgets_processing_and_local_DP()
    {
        var user = await CompletedAsync();
        await Workbench(user).ProcessAsync(["age", "sex"], ["diagnosis"], new PrivacyThresholds(KMin: 1), Ct);
        await Workbench(user).ApplyDifferentialPrivacyAsync(new DifferentialPrivacyRequest(["age"], ["diagnosis"], [], []), Ct);

        await Workflow(user).ReturnToAsync(4, Ct);

        var copy = (await Loader(user).OpenAsync(Ct))!;
        Assert.Equal((10, 0, 0), (copy.RowCount, copy.State.Perturbations.Count, copy.State.Operations.Count));
        Assert.Equal(People.Select(p => string.Join('|', p.Split(',').Skip(1))), await RowsAsync(user));
    }
}
