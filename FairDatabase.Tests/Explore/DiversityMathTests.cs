using FairDatabase.Core.Explore.Diversity;
using MathNet.Numerics.LinearAlgebra;

namespace FairDatabase.Tests.Explore;

/// <summary>Alpha, Bray–Curtis, Aitchison and PCoA against figures worked out by hand.</summary>
public sealed class DiversityMathTests
{
    [Fact]
    public void Shannon_and_Simpson_of_a_small_sample_match_the_hand_computed_values()
    {
        // Counts 1, 0, 1, 2: T = 4, p = ¼, ¼, ½ over the three present features.
        // H = −(¼ ln ¼ + ¼ ln ¼ + ½ ln ½) = ½ ln 4 + ½ ln 2 = 1.5 ln 2.
        // Simpson = 1 − (1/16 + 1/16 + 1/4) = 1 − 6/16 = 0.625.
        var alpha = AlphaDiversity.Of([1, 0, 1, 2]);

        Assert.Equal(3, alpha.Observed);
        Assert.Equal(1.5 * Math.Log(2), alpha.Shannon, 12);
        Assert.Equal(0.625, alpha.Simpson, 12);
    }

    [Fact]
    public void The_streamed_alpha_sums_give_the_same_figures_as_the_direct_definition()
    {
        double[] counts = [3, 0, 17, 250, 1, 0, 9];
        var sums = new SampleSums(1);
        foreach (var c in counts) sums.Add(0, c);
        var streamed = sums.Alpha([0]);
        var direct = AlphaDiversity.Of(counts);

        Assert.Equal(direct.Observed, streamed.Observed[0]);
        Assert.Equal(direct.Shannon, streamed.Shannon[0], 12);
        Assert.Equal(direct.Simpson, streamed.Simpson[0], 12);
    }

    [Fact]
    public void Bray_Curtis_between_two_samples_matches_the_hand_computed_value()
    {
        // a = (6, 7, 4), b = (10, 0, 6): Σ|a − b| = 4 + 7 + 2 = 13, Σ(a + b) = 17 + 16 = 33.
        var d = BetaDistances.BrayCurtis([6, 7, 4, 10, 0, 6], 2, 3);

        Assert.Equal(13.0 / 33.0, d[1], 12);
        Assert.Equal(d[1], d[2]);
        Assert.Equal(0, d[0]);
    }

    [Fact]
    public void Aitchison_distance_is_the_euclidean_distance_of_the_clr_transforms()
    {
        // x = (1, 3) and y = (3, 1) with pseudocount 1: x + 1 = (2, 4), clr = (−½ ln 2, ½ ln 2);
        // y + 1 = (4, 2), clr = (½ ln 2, −½ ln 2); the distance is √(2 (ln 2)²) = √2 ln 2.
        var d = BetaDistances.Aitchison([1, 3, 3, 1], 2, 2, 1);

        Assert.Equal(Math.Sqrt(2) * Math.Log(2), d[1], 12);
    }

    [Fact]
    public void Aitchison_with_zeros_and_no_pseudocount_is_refused_with_a_reason()
    {
        var e = Assert.Throws<DiversityInputException>(() => BetaDistances.Aitchison([0, 3, 3, 1], 2, 2, 0));
        Assert.Contains("pseudocount", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pcoa_of_four_rectangle_corners_explains_64_and_36_percent()
    {
        // Samples at the corners of a 4 × 3 rectangle: (0,0), (4,0), (0,3), (4,3), so the
        // distances are 4, 3, 5 (sides and diagonal). Centred, the points are (±2, ±1.5), and for
        // Euclidean distances −½ J D² J = Xc Xcᵀ, e.g. b₁₁ = 4 + 2.25 = 6.25, b₁₂ = −4 + 2.25 = −1.75,
        // b₁₃ = 4 − 2.25 = 1.75, b₁₄ = −4 − 2.25 = −6.25. Its non-zero eigenvalues are those of
        // Xcᵀ Xc = diag(4·2², 4·1.5²) = diag(16, 9); the other two are 0. So the proportions are
        // 16/25 = 0.64 and 9/25 = 0.36, and the coordinates are ±2 on PC1 and ±1.5 on PC2.
        double[] d =
        [
            0, 4, 3, 5,
            4, 0, 5, 3,
            3, 5, 0, 4,
            5, 3, 4, 0,
        ];
        var b = Pcoa.DoubleCentre(d, 4);
        Assert.Equal(6.25, b[0], 12);
        Assert.Equal(-1.75, b[1], 12);
        Assert.Equal(1.75, b[2], 12);
        Assert.Equal(-6.25, b[3], 12);

        var result = Pcoa.Run(d, 4);

        Assert.Equal(16, result.Eigenvalues[0], 9);
        Assert.Equal(9, result.Eigenvalues[1], 9);
        Assert.Equal(0.64, result.ProportionExplained[0], 12);
        Assert.Equal(0.36, result.ProportionExplained[1], 12);
        Assert.All(result.ProportionExplained.Skip(2), p => Assert.Equal(0, p, 12));
        double[] pc1 = [-2, 2, -2, 2], pc2 = [-1.5, -1.5, 1.5, 1.5];
        var sign1 = Math.Sign(result.Coordinates[0][0]) * Math.Sign(pc1[0]);
        var sign2 = Math.Sign(result.Coordinates[0][1]) * Math.Sign(pc2[0]);
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(pc1[s] * sign1, result.Coordinates[s][0], 9);
            Assert.Equal(pc2[s] * sign2, result.Coordinates[s][1], 9);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(60)]
    [InlineData(301)]
    public void The_eigen_solver_agrees_with_a_full_decomposition(int n)
    {
        var random = new Random(n);
        var counts = new double[n * 40];
        for (var i = 0; i < counts.Length; i++) counts[i] = random.Next(4) == 0 ? 0 : random.Next(1, 500);
        var b = Pcoa.DoubleCentre(BetaDistances.BrayCurtis(counts, n, 40), n);
        var reference = Matrix<double>.Build.Dense(n, n, (i, j) => b[(i * n) + j]).Evd(Symmetricity.Symmetric);
        var expected = reference.EigenValues.Select(v => v.Real).OrderByDescending(v => v).ToArray();

        var (values, vectors) = SymmetricEigen.Decompose((double[])b.Clone(), n, 3);

        if (n >= 60) Assert.True(expected.Any(v => v < -1e-9), "Bray–Curtis gives some negative eigenvalues, which PCoA must leave out.");
        for (var i = 0; i < n; i++) Assert.Equal(expected[i], values[i], 9);
        for (var k = 0; k < 3; k++)
        {
            for (var i = 0; i < n; i++)
            {
                double bv = 0;
                for (var j = 0; j < n; j++) bv += b[(i * n) + j] * vectors[k][j];
                Assert.Equal(values[k] * vectors[k][i], bv, 9);
            }
        }
        var positive = expected.Where(v => v > 1e-10 * expected[0]).Sum();
        var proportions = Pcoa.Run(BetaDistances.BrayCurtis(counts, n, 40), n).ProportionExplained;
        Assert.Equal(expected[0] / positive, proportions[0], 9);
    }

    [Fact]
    public void The_seeded_subset_is_reproducible_sorted_and_of_the_asked_size()
    {
        var candidates = Enumerable.Range(0, 5000).Where(i => i % 7 != 0).ToArray();
        var first = DiversityService.SeededSubset(candidates, 100, 12);
        var again = DiversityService.SeededSubset(candidates, 100, 12);

        Assert.Equal(100, first.Length);
        Assert.Equal(first, again);
        Assert.Equal(first.Order(), first);
        Assert.All(first, i => Assert.Contains(i, candidates));
        Assert.Equal(100, first.Distinct().Count());
    }
}
