#!/usr/bin/env bash
# Pages benchmark (run through scripts/bench.sh pages): 50 signed-in users, each with a wide
# dataset, browse the dashboard, the search page, a column search and a table preview. Runs against
# one app instance, then (unless --single) through scripts/cluster.sh: HAProxy, N instances and
# PgBouncer in transaction mode. The load generator is FairDatabase.Bench (one keep-alive
# connection and cookie jar per user), built in Release so it is not the bottleneck.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"
ensure_dotnet
command -v curl >/dev/null || ensure_packages curl

single_only=0; instances=2; load_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --single) single_only=1; shift ;;
    --instances) instances="$2"; shift 2 ;;
    --users | --seconds | --rate | --rows | --columns | --mix) load_args+=("$1" "$2"); shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done

# The benchmark's users share one address and send far more than a person would: the rate limits
# must not be what is measured (bench-app.sh and cluster.sh pass these on to the app).
export RateLimiting__GlobalPermitPerMinute=1000000 RateLimiting__AuthPermitPerMinute=1000

work="$(mktemp -d /tmp/fairdb-bench.XXXXXX)"; chmod 755 "$work"
app_pid=""; cluster_started=0
# The benchmark's users own their tables: drop those, then the users (the rest cascades).
remove_bench_users() {
  scripts/db.sh psql >/dev/null 2>&1 <<'SQL' || true
SELECT format('DROP TABLE IF EXISTS _realtime.%I', m.table_name)
  FROM _realtime.metadata_tables m JOIN auth.users u ON u.id = m.user_id
  WHERE u.email LIKE 'bench-pages-%@example.test' \gexec
DELETE FROM auth.users WHERE email LIKE 'bench-pages-%@example.test';
SQL
}
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null
  [ "$cluster_started" = 1 ] && scripts/cluster.sh stop >/dev/null 2>&1
  remove_bench_users
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish FairDatabase.Bench -c Release -o "$work/bench" >/dev/null
# The generator VACUUM ANALYZEs after its setup (so autovacuum of the new tables is not measured).
load() { FAIRDB_BENCH_ADMIN_URL="$(scripts/db.sh url)" dotnet "$work/bench/FairDatabase.Bench.dll" pages --base "$@" "${load_args[@]}"; }
postmaster_pid() { head -n1 "$FAIRDB_DATA_DIR/postmaster.pid"; }

say "one instance ..."
source "$FAIRDB_ROOT/scripts/bench-app.sh"
echo "== one instance, straight to PostgreSQL =="
# CPU per request of the app and of PostgreSQL (postmaster and backends): unlike the times,
# it hardly depends on what else the machine is running.
load "$base" --cpu-pids "$app_pid,$(postmaster_pid)"
printf 'app peak RSS:    %d MB\n' "$(peak_rss_mb)"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
remove_bench_users

[ "$single_only" = 1 ] && exit 0
say "cluster of $instances instances ..."
cluster_started=1
scripts/cluster.sh start --instances "$instances" >/dev/null
echo "== cluster: HAProxy, $instances instances, PgBouncer (transaction mode) =="
load "$(scripts/cluster.sh url)"
