using FairDatabase.Core.Anonymization.Perturbation;

namespace FairDatabase.Core.Anonymization;

/// <summary>
/// Local differential privacy (README, "local differential privacy") on an in-memory table:
/// numerical columns get Laplace(0, (max − min)/ε) noise on every numeric cell, min and max taken
/// over the table's column; categorical columns get randomized response (keep with probability
/// p, else a uniform draw from the column's non-missing values, which may return the same value).
/// Missing cells, and non-numeric cells of a numerical column, are left as they are. The draws
/// come from <see cref="ColumnPerturbation"/>, the code the working copy replays lazily: a seed
/// gives the same output whatever order the columns were declared in; without one the secret is
/// drawn from the operating system's CSPRNG.
/// </summary>
public static class LocalDifferentialPrivacy
{
    public const double DefaultEpsilon = 2.0;
    public const double DefaultKeepProbability = 0.5;

    public static DifferentialPrivacyResult Apply(AnonTable table, DifferentialPrivacyRequest request)
    {
        DifferentialPrivacyValidation.Validate(table, request);
        var secret = request.Seed is { } seed ? CellRandom.SecretFromSeed(seed) : CellRandom.NewSecret();
        var categorical = new HashSet<string>(request.CategoricalColumns, StringComparer.Ordinal);
        var numerical = new HashSet<string>(request.NumericalColumns, StringComparer.Ordinal);
        var noises = new List<NumericalNoise>();
        var responses = new List<CategoricalResponse>();
        var result = table;
        foreach (var column in table.Columns)
        {
            if (numerical.Contains(column.Name))
            {
                var (min, max) = NumericRange(column);
                var scale = (max - min) / request.Epsilon;
                var values = RowValues(column);
                var noised = ColumnPerturbation.Numerical(secret, column.Name, scale).Apply(values, 0);
                result = result.WithColumn(ColumnRecoder.FromRowValues(column.Name, values));
                noises.Add(new NumericalNoise(column.Name, min, max, scale, noised, column.RowCount - noised));
            }
            else if (categorical.Contains(column.Name))
            {
                var categories = column.Values.Where(v => !AnonColumn.IsMissing(v)).Order(StringComparer.Ordinal).ToList();
                var values = RowValues(column);
                var replaced = ColumnPerturbation.Categorical(secret, column.Name, request.KeepProbability, categories).Apply(values, 0);
                result = result.WithColumn(ColumnRecoder.FromRowValues(column.Name, values));
                responses.Add(new CategoricalResponse(column.Name, categories.Count, replaced, MissingCells(column)));
            }
        }
        return new DifferentialPrivacyResult(result, noises.AsReadOnly(), responses.AsReadOnly(), request.Epsilon, request.KeepProbability, request.Seed);
    }

    /// <summary>Smallest and largest numeric value of the column; (0, 0) when none parses.</summary>
    public static (double Min, double Max) NumericRange(AnonColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in column.Values)
        {
            if (AnonColumn.IsMissing(value) || !AnonColumn.TryParseNumber(value, out var number)) continue;
            min = Math.Min(min, number);
            max = Math.Max(max, number);
        }
        return min > max ? (0.0, 0.0) : (min, max);
    }

    private static string[] RowValues(AnonColumn column)
    {
        var values = new string[column.RowCount];
        for (var r = 0; r < values.Length; r++) values[r] = column.ValueAt(r);
        return values;
    }

    private static int MissingCells(AnonColumn column)
    {
        var counts = column.CountByCode();
        var missing = 0;
        for (var code = 0; code < counts.Length; code++)
            if (AnonColumn.IsMissing(column.Values[code])) missing += counts[code];
        return missing;
    }
}
