using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Rules;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Workspace.WorkspaceTestKit;

namespace FairDatabase.Tests.Anonymization.Workspace;

[Collection(AppCollection.Name)]
public sealed class GeneralizationWorkflowTests
{
    private const string People = "name,age,sex,notes,diagnosis\nAnn,34,F,,flu\nBob,35,M,x,cold\nCid,61,M,NA,flu\nDee,62,F,,cold\n";

    private static async Task<GeneralizationWorkflow> CompletedWorkflowAsync(Guid user)
    {
        var w = Workflow(user);
        await w.StartFromCsvAsync(Csv(People), "people.csv", Ct);
        await w.DropIdentifiersAsync(["name"], Ct);
        await w.DropMissingValueColumnsAsync(["notes"], Ct);
        await w.ChooseQuasiIdentifiersAsync(["age", "sex"], Ct);
        await w.ApplyMappingAsync(new Dictionary<string, string> { ["34"] = "30-39", ["35"] = "30-39", ["61"] = "60-69", ["62"] = "60-69" }, Ct);
        return w;
    }

    [Fact]
    public async Task Each_step_extends_the_recipe_and_the_rows_replay_it()
    {
        var user = await TestDatabase.CreateUserAsync();
        var w = await CompletedWorkflowAsync(user);
        var view = await w.ApplyMappingAsync(new Dictionary<string, string> { ["F"] = "*", ["M"] = "*" }, Ct);

        Assert.Equal(WorkflowStep.Complete, view.State.Step);
        Assert.Equal(["age", "sex", "diagnosis"], view.Table!.ColumnNames);
        Assert.Equal(["30-39|*|flu", "30-39|*|cold", "60-69|*|flu", "60-69|*|cold"], await RowsAsync(user));
        Assert.Equal("sex", view.LastMapped!.Column);
        Assert.Equal(100.0, Assert.Single(view.LastMapped.Values).Percent);
    }

    [Fact]
    public async Task The_missing_value_step_counts_empty_and_NA_cells_from_the_statistics_kept_at_start()
    {
        var w = Workflow(await TestDatabase.CreateUserAsync());
        await w.StartFromCsvAsync(Csv(People), "people.csv", Ct);
        var view = await w.DropIdentifiersAsync(["name"], Ct);

        var notes = Assert.Single(view.MissingValues, m => m.Column == "notes");
        Assert.Equal((3, 75.0), (notes.MissingCount, notes.Percent));
        Assert.Equal(["age", "sex", "notes", "diagnosis"], view.MissingValues.Select(m => m.Column));
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
        var copy = await Loader(user).OpenAsync(Ct);
        Assert.Equal(["34", "35", "61", "62"], (await copy!.ReadAsync(["age"], Ct)).Column("age").Values); // the mapping is undone
        Assert.Equal(step, (await Workflow(user).GetAsync(Ct)).State.Step); // and stored
    }

    [Fact]
    public async Task Going_back_to_1_forgets_the_working_copy()
    {
        var user = await TestDatabase.CreateUserAsync();
        var w = await CompletedWorkflowAsync(user);
        await w.ReturnToAsync(1, Ct);
        var view = await Workflow(user).GetAsync(Ct);
        Assert.Equal(WorkflowStep.Upload, view.State.Step);
        Assert.Null(view.Table);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task An_unknown_return_state_is_refused(int state)
    {
        var e = await Assert.ThrowsAsync<AnonymizationValidationException>(() => Workflow(Guid.NewGuid()).ReturnToAsync(state, Ct));
        Assert.Contains($"Unknown workflow state {state}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_posted_out_of_turn_is_refused_and_changes_nothing()
    {
        var user = await TestDatabase.CreateUserAsync();
        var w = Workflow(user);
        await w.StartFromCsvAsync(Csv(People), "people.csv", Ct);

        var e = await Assert.ThrowsAsync<WorkflowStepException>(() => w.ChooseQuasiIdentifiersAsync(["age"], Ct));

        Assert.Equal(WorkflowStep.DropIdentifiers, e.Current);
        Assert.Equal(WorkflowStep.DropIdentifiers, (await w.GetAsync(Ct)).State.Step);
    }

    [Fact]
    public async Task Choosing_no_quasi_identifiers_completes_the_workflow()
    {
        var w = Workflow(await TestDatabase.CreateUserAsync());
        await w.StartFromCsvAsync(Csv(People), "people.csv", Ct);
        await w.DropIdentifiersAsync([], Ct);
        await w.DropMissingValueColumnsAsync([], Ct);
        var view = await w.ChooseQuasiIdentifiersAsync([], Ct);
        Assert.Equal(WorkflowStep.Complete, view.State.Step);
        Assert.Equal(5, view.Table!.ColumnNames.Count);
    }

    [Fact]
    public async Task A_rule_is_previewed_without_applying_then_applied_with_per_value_overrides_and_kept_in_the_recipe()
    {
        var user = await TestDatabase.CreateUserAsync();
        var w = Workflow(user);
        await w.StartFromCsvAsync(Csv("age,d\n34,a\n35,b\n61,a\nunknown,b\n,a\n"), "ages.csv", Ct);
        await w.DropIdentifiersAsync([], Ct);
        await w.DropMissingValueColumnsAsync([], Ct);
        await w.ChooseQuasiIdentifiersAsync(["age"], Ct);
        var rule = new GeneralizationRule(GeneralizationRule.Interval, Width: 10);

        var preview = await w.PreviewRuleAsync(rule, Ct);
        Assert.Equal(WorkflowStep.Mapping, (await w.GetAsync(Ct)).State.Step);
        var view = await w.ApplyMappingAsync(new Dictionary<string, string> { ["61"] = "60+", ["34"] = "34" }, Ct, rule);

        Assert.Equal(["", "[30, 40)", "[60, 70)", "unknown"], preview.Classes.Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.Equal((1, 1), (preview.UnreadableValues, preview.UnreadableRows));
        Assert.Equal(["[30, 40)|a", "[30, 40)|b", "60+|a", "unknown|b", "|a"], await RowsAsync(user));
        Assert.Equal(rule, view.State.Mappings[0].Rule);
    }

    [Fact]
    public async Task A_stored_dataset_starts_without_a_copy_and_its_chunks_read_as_one_table()
    {
        var user = await TestDatabase.CreateUserAsync();
        var name = await CreateTwoChunkDatasetAsync(user);
        var w = Workflow(user);

        var view = await w.StartFromDatasetAsync(name, Ct);

        Assert.Equal(["patient_id", "age", "sex", "diagnosis"], view!.Table!.ColumnNames);
        Assert.Equal(["h1|34|F|flu", "h2|61||cold"], await RowsAsync(user));
        Assert.Null(await Workflow(await TestDatabase.CreateUserAsync()).StartFromDatasetAsync(name, Ct)); // not another user's
    }

    [Fact]
    public async Task A_dataset_deleted_mid_workflow_gives_a_clear_message_and_returns_to_the_start()
    {
        var user = await TestDatabase.CreateUserAsync();
        var name = await CreateTwoChunkDatasetAsync(user);
        var w = Workflow(user);
        await w.StartFromDatasetAsync(name, Ct);
        await w.DropIdentifiersAsync(["patient_id"], Ct);
        await w.DropMissingValueColumnsAsync([], Ct);
        await w.ChooseQuasiIdentifiersAsync(["age"], Ct);
        await DropDatasetAsync(name);

        var e = await Assert.ThrowsAsync<Core.Anonymization.Workspace.Sources.WorkingCopySourceGoneException>(() => w.GetAsync(Ct));

        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no longer available", e.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowStep.Upload, (await w.GetAsync(Ct)).State.Step);
    }
}
