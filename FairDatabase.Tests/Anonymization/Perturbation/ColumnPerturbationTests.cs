using FairDatabase.Core.Anonymization.Perturbation;

namespace FairDatabase.Tests.Anonymization.Perturbation;

public sealed class ColumnPerturbationTests
{
    private static readonly byte[] Secret = CellRandom.SecretFromSeed(7);

    private static string[] Numbers(int n) => [.. Enumerable.Range(0, n).Select(i => (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void A_block_of_rows_comes_out_as_the_same_rows_of_the_whole_column()
    {
        var whole = Numbers(1000);
        ColumnPerturbation.Numerical(Secret, "x", 3.0).Apply(whole, 0);
        var block = Numbers(1000)[300..420];
        ColumnPerturbation.Numerical(Secret, "x", 3.0).Apply(block, 300);

        Assert.Equal(whole[300..420], block);
    }

    [Fact]
    public void Each_column_has_its_own_stream_and_each_secret_its_own_output()
    {
        string[] Perturbed(byte[] secret, string column)
        {
            var values = Numbers(200);
            ColumnPerturbation.Numerical(secret, column, 1.0).Apply(values, 0);
            return values;
        }

        Assert.Equal(Perturbed(Secret, "x"), Perturbed(CellRandom.SecretFromSeed(7), "x"));
        Assert.NotEqual(Perturbed(Secret, "x"), Perturbed(Secret, "y"));
        Assert.NotEqual(Perturbed(Secret, "x"), Perturbed(CellRandom.SecretFromSeed(8), "x"));
        Assert.NotEqual(Perturbed(CellRandom.NewSecret(), "x"), Perturbed(CellRandom.NewSecret(), "x"));
    }

    [Fact]
    public void Categorical_cells_are_redrawn_at_rate_one_minus_p_from_the_given_categories_and_missing_cells_stay()
    {
        var values = Enumerable.Repeat("a", 20_000).Concat(["", "NA"]).ToArray();

        var redrawn = ColumnPerturbation.Categorical(Secret, "c", 0.25, ["a", "b"]).Apply(values, 0);

        Assert.InRange(redrawn, 14_700, 15_300); // 75 % of 20,000
        Assert.InRange(values.Count(v => v == "b"), 7_200, 7_800); // half the redrawn
        Assert.Equal(["", "NA"], values[^2..]);
    }
}
