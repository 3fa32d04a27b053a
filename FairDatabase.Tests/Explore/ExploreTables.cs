using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Datasets;

namespace FairDatabase.Tests.Explore;

/// <summary>A small microbiome-like table whose statistics and diversity are worked out by hand in the tests.</summary>
internal static class ExploreTables
{
    // age: 30, 40, NA, 50, 60 → missing 1/5, mean 45, median (40 + 50) / 2 = 45.
    // site: gut ×3, skin, oral. blank: only missing tokens. taxon_a/taxon_b: the features;
    // s5 has no counts at all, so diversity leaves it out.
    public const string Csv =
        """
        sample,age,site,blank,taxon_a,taxon_b
        s1,30,gut,,10,0
        s2,40,skin,NA,0,5
        s3,NA,gut,null,20,5
        s4,50,oral,,30,0
        s5,60,gut,N/A,0,0

        """;

    public static Task<ImportResult> ImportAsync(Guid user, string name = "microbes.csv") => ImportHelpers.ImportAsync(Csv, name, user);
}
