using System.Globalization;

namespace FairDatabase.Bench;

/// <summary>
/// A deterministic synthetic patient table: the value lists are fixed and every draw comes from
/// one seeded generator, so a given (rows, seed) always yields the same table.
/// </summary>
internal static class SyntheticPatients
{
    public static readonly string[] Header = ["patient_id", "age_group", "sex", "zip3", "country", "diagnosis", "bmi", "smoker"];

    private static readonly string[] AgeGroups = ["0-17", "18-34", "35-49", "50-64", "65+"];
    private static readonly string[] Sexes = ["F", "M"];
    private static readonly string[] Zip3 = [.. Enumerable.Range(100, 41).Select(z => z.ToString(CultureInfo.InvariantCulture))];
    private static readonly string[] Countries = ["BE", "NL", "DE"];
    private static readonly string[] Diagnoses = ["healthy", "ibd", "diabetes", "asthma", "hypertension"];
    private static readonly string[] Bmi = [.. Enumerable.Range(17, 24).Select(b => b.ToString(CultureInfo.InvariantCulture))];
    private static readonly string[] Smoker = ["yes", "no"];

    /// <summary>The rows as strings, as an upload would hand them over. Shared value strings keep memory down.</summary>
    public static string[][] Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var table = new string[rows][];
        for (var r = 0; r < rows; r++)
        {
            table[r] =
            [
                "P" + (r + 1).ToString("D7", CultureInfo.InvariantCulture),
                Pick(random, AgeGroups),
                Pick(random, Sexes),
                Pick(random, Zip3),
                Pick(random, Countries),
                Pick(random, Diagnoses),
                Pick(random, Bmi),
                random.NextDouble() < 0.2 ? Smoker[0] : Smoker[1],
            ];
        }
        return table;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
