namespace FairDatabase.Core.Explore;

/// <summary>Settings of the explore pages (section <c>Explore</c>).</summary>
public sealed class ExploreOptions
{
    public const string Section = "Explore";

    /// <summary>Above this many samples a seeded random subset is ordinated (PCoA is cubic in the sample count).</summary>
    public int MaxOrdinationSamples { get; set; } = 2_000;

    /// <summary>Seed of that subset, so the same dataset always gives the same picture.</summary>
    public int OrdinationSeed { get; set; } = 12;
}
