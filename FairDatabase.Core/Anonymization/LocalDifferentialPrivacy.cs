using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FairDatabase.Core.Anonymization;

/// <summary>
/// Local differential privacy (DESIGN §6.3), applied cell by cell:
/// numerical columns get Laplace(0, (max − min)/ε) noise on every numeric cell; categorical columns
/// get randomized response (keep with probability p, else a uniform draw from the column's
/// non-missing values, which may return the same value). Missing cells, and non-numeric cells of a
/// numerical column, are left as they are: there is no value to protect and inventing one would
/// change the column's missingness. Columns are processed in table order, rows in row order, so a
/// seed gives the same output whatever order the columns were declared in.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness",
    Justification = "The output must be reproducible from a seed, which a cryptographic generator cannot give.")]
public static class LocalDifferentialPrivacy
{
    public const double DefaultEpsilon = 2.0;
    public const double DefaultKeepProbability = 0.5;

    public static DifferentialPrivacyResult Apply(AnonTable table, DifferentialPrivacyRequest request)
    {
        DifferentialPrivacyValidation.Validate(table, request);
        var random = request.Seed is { } seed ? new Random(seed) : new Random();
        var categorical = new HashSet<string>(request.CategoricalColumns, StringComparer.Ordinal);
        var numerical = new HashSet<string>(request.NumericalColumns, StringComparer.Ordinal);
        var noises = new List<NumericalNoise>();
        var responses = new List<CategoricalResponse>();
        var result = table;
        foreach (var column in table.Columns)
        {
            if (numerical.Contains(column.Name))
            {
                var (noised, noise) = AddLaplaceNoise(column, request.Epsilon, random);
                result = result.WithColumn(noised);
                noises.Add(noise);
            }
            else if (categorical.Contains(column.Name))
            {
                var (randomized, response) = RandomizedResponse(column, request.KeepProbability, random);
                result = result.WithColumn(randomized);
                responses.Add(response);
            }
        }
        return new DifferentialPrivacyResult(result, noises.AsReadOnly(), responses.AsReadOnly(), request.Epsilon, request.KeepProbability, request.Seed);
    }

    /// <summary>A Laplace(0, scale) draw by inverting the CDF: −b·sign(u)·ln(1 − 2|u|), u uniform on (−½, ½).</summary>
    internal static double SampleLaplace(Random random, double scale)
    {
        double u;
        do u = random.NextDouble() - 0.5;
        while (u == -0.5); // ln(0) would be −∞
        return -scale * Math.Sign(u) * Math.Log(1.0 - 2.0 * Math.Abs(u));
    }

    private static (AnonColumn, NumericalNoise) AddLaplaceNoise(AnonColumn column, double epsilon, Random random)
    {
        // Parse each distinct value once; NaN marks a cell that stays as it is.
        var numberOfCode = new double[column.Cardinality];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var code = 0; code < numberOfCode.Length; code++)
        {
            numberOfCode[code] = AnonColumn.TryParseNumber(column.ValueArray[code], out var number) ? number : double.NaN;
            if (double.IsNaN(numberOfCode[code])) continue;
            min = Math.Min(min, number);
            max = Math.Max(max, number);
        }
        if (min > max)
            min = max = 0.0;
        var scale = (max - min) / epsilon;

        var codes = column.CodeArray;
        var output = new string[codes.Length];
        var noised = 0;
        for (var r = 0; r < codes.Length; r++)
        {
            var number = numberOfCode[codes[r]];
            if (double.IsNaN(number) || scale == 0.0)
            {
                output[r] = column.ValueArray[codes[r]];
                continue;
            }
            output[r] = (number + SampleLaplace(random, scale)).ToString(CultureInfo.InvariantCulture);
            noised++;
        }
        return (ColumnRecoder.FromRowValues(column.Name, output), new NumericalNoise(column.Name, min, max, scale, noised, codes.Length - noised));
    }

    private static (AnonColumn, CategoricalResponse) RandomizedResponse(AnonColumn column, double keepProbability, Random random)
    {
        var missingCode = Array.IndexOf(column.ValueArray, AnonColumn.Missing);
        var categories = new int[column.Cardinality - (missingCode >= 0 ? 1 : 0)];
        for (int code = 0, i = 0; code < column.Cardinality; code++)
            if (code != missingCode) categories[i++] = code;

        var codes = column.CodeArray;
        var output = new int[codes.Length];
        int replaced = 0, missing = 0;
        for (var r = 0; r < codes.Length; r++)
        {
            output[r] = codes[r];
            if (codes[r] == missingCode)
                missing++;
            else if (random.NextDouble() >= keepProbability)
            {
                output[r] = categories[random.Next(categories.Length)];
                replaced++;
            }
        }
        var randomized = ColumnRecoder.Compact(column.Name, output, column.ValueArray);
        return (randomized, new CategoricalResponse(column.Name, categories.Length, replaced, missing));
    }
}
