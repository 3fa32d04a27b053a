namespace FairDatabase.Core.Auth;

public sealed partial class EmbeddedAuthService
{
    private enum Outcome { Issued, NotFound, SessionGone, Reused }

    /// <summary>
    /// Rotation as GoTrue does it. The presented token's row is locked, so concurrent refreshes
    /// of one token queue up. A revoked token is answered again only within the reuse interval
    /// and only while its child is still active (two tabs refreshing at once get sibling tokens);
    /// any other reuse means the token leaked: every token of the session is revoked and the
    /// session ended, which also kills its outstanding access tokens.
    /// </summary>
    public async Task<AuthSession> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var hash = RefreshTokens.Hash(refreshToken);
        var next = RefreshTokens.New();
        var reuse = options.Value.RefreshTokenReuseIntervalSeconds;
        var (outcome, user, sessionId) = await db.RunAsync(async s =>
        {
            var row = await s.QuerySingleOrDefaultAsync<TokenRow>(
                $"""
                SELECT {UserRow.Columns}, rt.session_id AS SessionId, rt.revoked AS Revoked,
                       rt.updated_at > now() - make_interval(secs => @reuse) AS Recent,
                       ({SessionRules.Alive}) AS Alive, ses.aal AS Aal,
                       (SELECT coalesce(json_agg(json_build_object('method', c.authentication_method,
                                                                   'timestamp', extract(epoch FROM c.created_at)::bigint)
                                                 ORDER BY c.created_at DESC), '[]')::text
                        FROM auth.mfa_amr_claims c WHERE c.session_id = ses.id) AS Amr
                FROM auth.refresh_tokens rt
                JOIN auth.sessions ses ON ses.id = rt.session_id
                JOIN auth.users u ON u.id = rt.user_id
                WHERE rt.token = @hash
                FOR UPDATE OF rt, ses
                """, SessionRules.Parameters(new { hash, reuse = (double)reuse }, options.Value, time));
            if (row is null) return (Outcome.NotFound, null, Guid.Empty);
            if (!row.Alive) return (Outcome.SessionGone, null, Guid.Empty);
            if (row.Revoked)
            {
                var activeChild = await s.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM auth.refresh_tokens WHERE parent = @hash AND NOT revoked)", new { hash });
                if (!row.Recent || !activeChild)
                {
                    await s.ExecuteAsync(
                        """
                        UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE session_id = @SessionId AND NOT revoked;
                        UPDATE auth.sessions SET not_after = now(), updated_at = now() WHERE id = @SessionId;
                        """, new { row.SessionId });
                    return (Outcome.Reused, null, Guid.Empty);
                }
            }
            await s.ExecuteAsync(
                """
                UPDATE auth.refresh_tokens SET revoked = true, updated_at = now() WHERE token = @hash AND NOT revoked;
                INSERT INTO auth.refresh_tokens (token, user_id, session_id, parent) VALUES (@next, @Id, @SessionId, @hash);
                UPDATE auth.sessions SET refreshed_at = @now AT TIME ZONE 'utc', updated_at = now() WHERE id = @SessionId;
                """, new { hash, next = RefreshTokens.Hash(next), row.Id, row.SessionId, now = time.GetUtcNow() });
            return (Outcome.Issued, (TokenRow?)row, row.SessionId);
        }, ct);

        return outcome switch
        {
            Outcome.Issued => Pair(user!, sessionId, next, new SessionAssurance(user!.Aal, user.Amr)),
            Outcome.NotFound => throw new AuthException(AuthErrorCode.RefreshTokenNotFound, "Invalid Refresh Token: Refresh Token Not Found"),
            Outcome.SessionGone => throw new AuthException(AuthErrorCode.SessionNotFound, "Invalid Refresh Token: Session Expired"),
            _ => throw new AuthException(AuthErrorCode.RefreshTokenAlreadyUsed, "Invalid Refresh Token: Already Used"),
        };
    }

    private sealed class TokenRow : UserRow
    {
        public Guid SessionId { get; set; }

        public bool Revoked { get; set; }

        public bool Recent { get; set; }

        public bool Alive { get; set; }

        public string Aal { get; set; } = "aal1";

        /// <summary>The session's amr claim (JSON) from auth.mfa_amr_claims.</summary>
        public string Amr { get; set; } = "[]";
    }
}
