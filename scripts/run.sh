#!/usr/bin/env bash
# Starts FairDatabase on http://localhost:5000 (ASPNETCORE_URLS overrides). With no external
# database configured (Database__ConnectionString unset) it starts the embedded PostgreSQL 15
# cluster, applies sql/, and runs the app as its own auth server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"
ensure_dotnet

if [ -z "${Database__ConnectionString:-}" ]; then
  "$FAIRDB_ROOT/scripts/db.sh" start
  "$FAIRDB_ROOT/scripts/db.sh" migrate
  export FairDatabase__Mode="${FairDatabase__Mode:-Embedded}"
  export Database__ConnectionString="$("$FAIRDB_ROOT/scripts/db.sh" app-url)"
  export Database__MigrationConnectionString="$("$FAIRDB_ROOT/scripts/db.sh" url)"
  # Generated once and kept under .data/ so sessions survive restarts.
  export Auth__JwtSecret="${Auth__JwtSecret:-$(secret jwt_secret)}"
fi
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5000}"
# Cookies are Secure (and __Host- prefixed) unless switched off; a plain-HTTP address needs it off.
case "$ASPNETCORE_URLS" in https://*) ;; *) export Auth__CookieSecure="${Auth__CookieSecure:-false}" ;; esac
say "FairDatabase starting on $ASPNETCORE_URLS"
exec dotnet run --project FairDatabase.Web -c Release --no-launch-profile
