using System.Text;
using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace FairDatabase.Tests.Anonymization.Workspace;

[Collection(AppCollection.Name)]
public sealed class GeneralizationWorkflowTests
{
    private const string Csv = "name,age,sex,notes,diagnosis\nAnn,34,F,,flu\nBob,35,M,x,cold\nCid,61,M,,flu\nDee,62,F,,cold\n";
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static GeneralizationWorkflow WorkflowFor(Guid user)
    {
        var db = Clients.User(user);
        var catalog = new UserTableCatalog(db, new MemoryCache(new MemoryCacheOptions()));
        return new GeneralizationWorkflow(new AnonymizationWorkspaceStore(db), new StoredDatasetSource(db, catalog, new RecordedHeaders(db)));
    }

    private static async Task<GeneralizationWorkflow> CompletedWorkflowAsync(Guid user)
    {
        var w = WorkflowFor(user);
        await w.StartFromCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(Csv)), "people.csv", Ct);
        await w.DropIdentifiersAsync(["name"], Ct);
        await w.DropMissingValueColumnsAsync(["notes"], Ct);
        await w.ChooseQuasiIdentifiersAsync(["age", "sex"], Ct);
        await w.ApplyMappingAsync(new Dictionary<string, string> { ["34"] = "30-39", ["35"] = "30-39", ["61"] = "60-69", ["62"] = "60-69" }, Ct);
        return w;
    }

    [Fact]
    public async Task Each_step_changes_the_working_copy_and_advances()
    {
        var w = await CompletedWorkflowAsync(await TestDatabase.CreateUserAsync());
        var view = await w.ApplyMappingAsync(new Dictionary<string, string> { ["F"] = "*", ["M"] = "*" }, Ct);

        Assert.Equal(WorkflowStep.Complete, view.State.Step);
        Assert.Equal(["age", "sex", "diagnosis"], view.Table!.ColumnNames);
        Assert.Equal(["30-39|*|flu", "30-39|*|cold", "60-69|*|flu", "60-69|*|cold"], Tables.Lines(view.Table));
        Assert.Equal("sex", view.LastMapped!.Column);
        Assert.Equal(100.0, Assert.Single(view.LastMapped.Values).Percent);
    }

    [Theory]
    [InlineData(2, WorkflowStep.DropIdentifiers, "name|age|sex|notes|diagnosis")]
    [InlineData(3, WorkflowStep.MissingValues, "age|sex|notes|diagnosis")]
    [InlineData(4, WorkflowStep.QuasiIdentifiers, "age|sex|diagnosis")]
    public async Task Going_back_replays_the_earlier_choices_on_the_original(int state, WorkflowStep step, string columns)
    {
        var user = await TestDatabase.CreateUserAsync();
        var w = await CompletedWorkflowAsync(user);

        var view = await w.ReturnToAsync(state, Ct);

        Assert.Equal(step, view.State.Step);
        Assert.Equal(columns.Split('|'), view.Table!.ColumnNames);
        Assert.Empty(view.State.Mappings);
        Assert.Empty(view.State.QuasiIdentifiers);
        Assert.Equal(["34", "35", "61", "62"], view.Table.Column("age").Values); // the mapping is undone
        Assert.Equal(step, (await WorkflowFor(user).GetAsync(Ct)).State.Step); // and stored
    }

    [Fact]
    public async Task Going_back_to_1_forgets_the_working_copy()
    {
        var user = await TestDatabase.CreateUserAsync();
        var w = await CompletedWorkflowAsync(user);
        await w.ReturnToAsync(1, Ct);
        var view = await WorkflowFor(user).GetAsync(Ct);
        Assert.Equal(WorkflowStep.Upload, view.State.Step);
        Assert.Null(view.Table);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task An_unknown_return_state_is_refused(int state)
    {
        var e = await Assert.ThrowsAsync<AnonymizationValidationException>(() => WorkflowFor(Guid.NewGuid()).ReturnToAsync(state, Ct));
        Assert.Contains($"Unknown workflow state {state}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_posted_out_of_turn_is_refused_and_changes_nothing()
    {
        var user = await TestDatabase.CreateUserAsync();
        var w = WorkflowFor(user);
        await w.StartFromCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(Csv)), "people.csv", Ct);

        var e = await Assert.ThrowsAsync<WorkflowStepException>(() => w.ChooseQuasiIdentifiersAsync(["age"], Ct));

        Assert.Equal(WorkflowStep.DropIdentifiers, e.Current);
        Assert.Equal(WorkflowStep.DropIdentifiers, (await w.GetAsync(Ct)).State.Step);
    }

    [Fact]
    public async Task Choosing_no_quasi_identifiers_completes_the_workflow()
    {
        var w = WorkflowFor(await TestDatabase.CreateUserAsync());
        await w.StartFromCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(Csv)), "people.csv", Ct);
        await w.DropIdentifiersAsync([], Ct);
        await w.DropMissingValueColumnsAsync([], Ct);
        var view = await w.ChooseQuasiIdentifiersAsync([], Ct);
        Assert.Equal(WorkflowStep.Complete, view.State.Step);
        Assert.Equal(5, view.Table!.Columns.Count);
    }
}
