using Dapper;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Auth;

/// <summary>
/// When an embedded session is still alive, as one SQL condition over <c>auth.sessions ses</c> joined
/// to <c>auth.users u</c>: not ended (<c>not_after</c>), younger than Auth:SessionLifetimeHours, used
/// (refreshed) within Auth:SessionInactivityMinutes, and its user not banned. Checked on every
/// request and at every refresh, against the app's clock so tests can move time.
/// </summary>
internal static class SessionRules
{
    public const string Alive =
        """
        (ses.not_after IS NULL OR ses.not_after > @now)
        AND ses.created_at > @now - make_interval(hours => @lifetime)
        AND coalesce(ses.refreshed_at AT TIME ZONE 'utc', ses.created_at) > @now - make_interval(mins => @inactivity)
        AND (u.banned_until IS NULL OR u.banned_until <= @now)
        """;

    /// <summary>A batch statement with @now, @lifetime and @inactivity already given.</summary>
    public static DbStatement Statement(string sql, AuthOptions options, TimeProvider time) =>
        new DbStatement(sql).With("now", time.GetUtcNow()).With("lifetime", options.SessionLifetimeHours)
            .With("inactivity", options.SessionInactivityMinutes);

    /// <summary><paramref name="values"/> plus @now, @lifetime and @inactivity.</summary>
    public static DynamicParameters Parameters(object values, AuthOptions options, TimeProvider time)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add("now", time.GetUtcNow());
        parameters.Add("lifetime", options.SessionLifetimeHours);
        parameters.Add("inactivity", options.SessionInactivityMinutes);
        return parameters;
    }
}
