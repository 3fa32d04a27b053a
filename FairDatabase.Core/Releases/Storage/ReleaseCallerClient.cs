using FairDatabase.Core.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FairDatabase.Core.Releases.Storage;

/// <summary>
/// Runs as whoever asks: the signed-in user (authenticated + claims) or, without a session, as
/// <c>anon</c> — never as service_role — so the release policies decide what a visitor may read.
/// </summary>
public sealed class ReleaseCallerClient(NpgsqlDataSource dataSource, IUserContext user, DbRetryPipeline retry, IOptions<DatabaseOptions> options)
    : DbClient(dataSource, () => user.Identity ?? DbIdentity.Anonymous, retry, options);
