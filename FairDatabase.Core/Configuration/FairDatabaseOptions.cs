namespace FairDatabase.Core.Configuration;

/// <summary>How the deployment is wired: its own PostgreSQL and auth server, or a Supabase project.</summary>
public enum DeploymentMode
{
    Embedded,
    Supabase,
}

/// <summary>Section <c>FairDatabase</c>: settings that choose the deployment shape.</summary>
public sealed class FairDatabaseOptions
{
    public const string Section = "FairDatabase";

    public DeploymentMode Mode { get; set; } = DeploymentMode.Embedded;
}
