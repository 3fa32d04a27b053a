using FairDatabase.Core.Anonymization.Perturbation;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// Turns a local-DP request into a recorded <see cref="PerturbationStep"/>. Columns the form did
/// not declare are typed from the statistics kept at start: numeric when every non-missing value
/// parses as a number, else categorical. A column's range (max − min) and categories are its
/// domain: taken over the whole source column after generalization, not only the rows privacy
/// processing kept — so applying needs no pass over the cells of unmapped numerical columns, and
/// the noise does not depend on which rows were removed.
/// </summary>
internal static class DifferentialPrivacyPlanner
{
    public static IReadOnlyList<ColumnTyping> Type(WorkingCopy copy, DifferentialPrivacyRequest request)
    {
        DifferentialPrivacyValidation.Validate(copy.Columns, request, everyColumnDeclared: false);
        var unchanged = new HashSet<string>(request.QuasiIdentifiers.Concat(request.SensitiveAttributes), StringComparer.Ordinal);
        var numerical = new HashSet<string>(request.NumericalColumns, StringComparer.Ordinal);
        var categorical = new HashSet<string>(request.CategoricalColumns, StringComparer.Ordinal);
        return copy.Columns.Select(c =>
            unchanged.Contains(c) ? new ColumnTyping(c, ColumnTyping.UnchangedKind, true)
            : numerical.Contains(c) ? new ColumnTyping(c, ColumnTyping.NumericalKind, true)
            : categorical.Contains(c) ? new ColumnTyping(c, ColumnTyping.CategoricalKind, true)
            : new ColumnTyping(c, copy.Layout.StatsOf(c).Numeric && !copy.IsMapped(c) ? ColumnTyping.NumericalKind : ColumnTyping.CategoricalKind, false)).ToList();
    }

    public static async Task<(PerturbationStep Step, DifferentialPrivacySummary Summary)> PlanAsync(
        WorkingCopy copy, DifferentialPrivacyRequest request, CancellationToken ct)
    {
        var typing = Type(copy, request);
        var secret = request.Seed is { } seed ? CellRandom.SecretFromSeed(seed) : CellRandom.NewSecret();
        var numerical = typing.Where(t => t.Kind == ColumnTyping.NumericalKind).Select(t => t.Column).ToList();
        var categorical = typing.Where(t => t.Kind == ColumnTyping.CategoricalKind).Select(t => t.Column).ToList();
        // Columns whose kept statistics no longer describe them (mapped, or perturbed before) are read; the rest are not.
        var stale = new HashSet<string>(copy.State.Perturbations.SelectMany(p => p.Columns).Select(c => c.Name), StringComparer.Ordinal);
        var toRead = categorical.Concat(numerical.Where(c => copy.IsMapped(c) || stale.Contains(c) || !copy.Layout.StatsOf(c).Numeric)).ToList();
        var read = toRead.Count == 0 ? null : await copy.ReadAsync(toRead, ct, keptOnly: false);

        var perturbed = new List<PerturbedColumn>();
        var noises = new List<NumericalNoise>();
        var responses = new List<CategoricalResponse>();
        var rows = copy.Layout.RowCount;
        foreach (var name in numerical)
        {
            var stats = copy.Layout.StatsOf(name);
            var (min, max, numbers) = read is not null && read.HasColumn(name)
                ? Range(read.Column(name))
                : (stats.Min, stats.Max, rows - stats.Missing);
            var scale = (max - min) / request.Epsilon;
            perturbed.Add(new PerturbedColumn(name, true, scale, []));
            var noised = scale == 0.0 ? 0 : numbers;
            noises.Add(new NumericalNoise(name, min, max, scale, noised, rows - noised));
        }
        foreach (var name in categorical)
        {
            var column = read!.Column(name);
            var categories = column.Values.Where(v => !AnonColumn.IsMissing(v)).Order(StringComparer.Ordinal).ToList();
            perturbed.Add(new PerturbedColumn(name, false, 0, categories));
            var values = new string[column.RowCount];
            for (var r = 0; r < values.Length; r++) values[r] = column.ValueAt(r);
            var replaced = ColumnPerturbation.Categorical(secret, name, request.KeepProbability, categories).Apply(values, 0);
            responses.Add(new CategoricalResponse(name, categories.Count, replaced, Missing(column)));
        }
        var step = new PerturbationStep(Convert.ToBase64String(secret), request.Epsilon, request.KeepProbability, perturbed);
        return (step, new DifferentialPrivacySummary(typing, noises, responses, request.Epsilon, request.KeepProbability, request.Seed));
    }

    private static (double Min, double Max, int Numbers) Range(AnonColumn column)
    {
        var (min, max) = LocalDifferentialPrivacy.NumericRange(column);
        var counts = column.CountByCode();
        var numbers = 0;
        for (var code = 0; code < counts.Length; code++)
            if (!AnonColumn.IsMissing(column.Values[code]) && AnonColumn.TryParseNumber(column.Values[code], out _)) numbers += counts[code];
        return (min, max, numbers);
    }

    private static int Missing(AnonColumn column)
    {
        var counts = column.CountByCode();
        var missing = 0;
        for (var code = 0; code < counts.Length; code++)
            if (AnonColumn.IsMissing(column.Values[code])) missing += counts[code];
        return missing;
    }
}
