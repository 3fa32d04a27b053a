namespace FairDatabase.Core.Releases;

/// <summary>Settings of releases (section <c>Releases</c>).</summary>
public sealed class ReleaseOptions
{
    public const string Section = "Releases";

    /// <summary>
    /// A row whose class gives 1/f above this is "at risk", and a public release is refused while
    /// the highest prosecutor risk (1 / smallest class) exceeds it. 0.2 = classes of at least 5.
    /// </summary>
    public double RiskThreshold { get; set; } = 0.2;
}
