using FairDatabase.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Tests.Web;

/// <summary>
/// Added to the app only by <see cref="DatabaseFailurePagesTests"/>: each URL makes PostgreSQL fail
/// for real, with one SqlState, through the app's own service-role client, and leaves the
/// failure to the app's filters and error page.
/// </summary>
[AllowAnonymous]
[Route("test-probe")]
public sealed class FailureProbeController(IServiceRoleClient db) : Controller
{
    public static readonly IReadOnlyDictionary<string, string> Statements = new Dictionary<string, string>
    {
        ["undefined-table"] = "SELECT * FROM _realtime.probe_table_that_does_not_exist",
        ["insufficient-privilege"] = "SET LOCAL ROLE anon; SELECT count(*) FROM _realtime.metadata_tables",
        ["unique-violation"] = "CREATE TEMP TABLE probe (x int UNIQUE); INSERT INTO probe VALUES (1), (1)",
        ["invalid-text"] = "SELECT 'probe'::integer",
        ["statement-timeout"] = "SET LOCAL statement_timeout = 20; SELECT pg_sleep(1)",
        ["cannot-connect-now"] = "DO $$ BEGIN RAISE EXCEPTION 'probe' USING ERRCODE = '57P03'; END $$",
        ["internal"] = "DO $$ BEGIN RAISE EXCEPTION 'probe internal detail' USING ERRCODE = 'XX000'; END $$",
    };

    [HttpGet("db/{failure}")]
    public async Task<IActionResult> Database(string failure, CancellationToken ct)
    {
        await db.RunAsync(s => s.ExecuteAsync(Statements[failure]), ct);
        return Content("no failure");
    }

    [HttpGet("plain")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "MVC actions must be instance methods.")]
    public IActionResult Plain() => throw new InvalidOperationException("probe secret detail that must not reach the page");
}
