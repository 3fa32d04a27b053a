#!/usr/bin/env bash
# Runs the whole suite against a throwaway PostgreSQL 15 cluster (temp dir, free port):
# pgTAP tests with pg_prove, then the xunit tests. Always stops the cluster. The last line is
# "N passed, N failed" (", N skipped" when any), totals of both.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"

ensure_dotnet
command -v pg_prove >/dev/null || ensure_packages libtap-parser-sourcehandler-pgtap-perl
[ -f /usr/share/postgresql/15/extension/pgtap.control ] || ensure_packages postgresql-15-pgtap
# Real-browser tests drive Debian's Chromium through Playwright (its own browser download cannot work offline).
command -v chromium >/dev/null || ensure_packages chromium
# The release ZIP tests also check the archive with Info-ZIP's unzip -t.
command -v unzip >/dev/null || ensure_packages unzip
export FAIRDB_CHROMIUM="${FAIRDB_CHROMIUM:-$(command -v chromium)}"

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port found"
}

tmp="$(mktemp -d /tmp/fairdb-test.XXXXXX)"
chmod 755 "$tmp"
export FAIRDB_DATA_DIR="$tmp/postgres" FAIRDB_SECRETS_DIR="$tmp/secrets" FAIRDB_PG_PORT="$(free_port)" FAIRDB_EPHEMERAL=1
export FAIRDB_CLUSTER_DIR="$tmp/cluster"
cleanup() {
  "$FAIRDB_ROOT/scripts/cluster.sh" stop >/dev/null 2>&1
  "$FAIRDB_ROOT/scripts/db.sh" stop >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

"$FAIRDB_ROOT/scripts/db.sh" start || die "could not start the test database"
"$FAIRDB_ROOT/scripts/db.sh" migrate || die "could not migrate the test database"
"$FAIRDB_ROOT/scripts/db.sh" psql -c "CREATE EXTENSION IF NOT EXISTS pgtap" >/dev/null || die "pgTAP is not available"

passed=0; failed=0; skipped=0

# The SQL must also apply with plain psql, file by file in name order, on an empty database.
plain_check() {
  "$FAIRDB_ROOT/scripts/db.sh" psql -d postgres -c "DROP DATABASE IF EXISTS fairdb_plain" -c "CREATE DATABASE fairdb_plain" >/dev/null || return 1
  local f
  for f in sql/supabase-compat/*.sql sql/migrations/*.sql; do
    "$FAIRDB_ROOT/scripts/db.sh" psql -d fairdb_plain -v ON_ERROR_STOP=1 -f "$f" >/dev/null || { say "plain psql failed on $f"; return 1; }
  done
  "$FAIRDB_ROOT/scripts/db.sh" psql -d postgres -c "DROP DATABASE fairdb_plain" >/dev/null
}
if plain_check; then echo "ok - sql/ applies with plain psql -f in name order"; passed=$((passed + 1));
else echo "not ok - sql/ does not apply with plain psql -f"; failed=$((failed + 1)); fi

# pgTAP: every test file runs in its own transaction and rolls back.
tap_log="$tmp/pgtap.log"
admin_url="$("$FAIRDB_ROOT/scripts/db.sh" url)"
pg_prove --verbose --ext .sql -d "$admin_url" sql/tests/ >"$tap_log" 2>&1
tap_rc=$?
cat "$tap_log"
tap_ok=$(grep -cE '^ *ok [0-9]+' "$tap_log")
tap_not_ok=$(grep -cE '^ *not ok [0-9]+' "$tap_log")
passed=$((passed + tap_ok)); failed=$((failed + tap_not_ok))
if [ "$tap_rc" -ne 0 ] && [ "$tap_not_ok" -eq 0 ]; then failed=$((failed + 1)); fi

# xunit: the app and the tests reach the same cluster.
export FAIRDB_TEST_ADMIN_URL="$admin_url"
export FAIRDB_TEST_APP_URL="$("$FAIRDB_ROOT/scripts/db.sh" app-url)"
# Counts one trx file into the totals; $2 is dotnet test's exit code.
count_trx() {
  local trx="$1" rc="$2" counters x_passed x_failed x_skipped
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
    attr() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    x_passed=$(attr passed); x_failed=$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
    x_skipped=$(attr notExecuted)
    passed=$((passed + x_passed)); failed=$((failed + x_failed)); skipped=$((skipped + x_skipped))
    if [ "$rc" -ne 0 ] && [ "$x_failed" -eq 0 ]; then failed=$((failed + 1)); fi
  else
    say "dotnet test produced no results (build failure?)"
    failed=$((failed + 1))
  fi
}

# The cluster tests need scripts/cluster.sh running: they get their own step below.
filter="Category!=Cluster${FAIRDB_TEST_FILTER:+&($FAIRDB_TEST_FILTER)}"
results="$tmp/results"
dotnet test FairDatabase.sln --nologo -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" \
  --filter "$filter" 2>&1 | tee "$tmp/dotnet.log" | grep -vE '^\s*$'
count_trx "$results/results.trx" "${PIPESTATUS[0]}"

# Cluster: HAProxy round-robin over two instances, PgBouncer in transaction mode, this cluster's
# PostgreSQL. Runs unless a filter leaves no cluster test in (FAIRDB_TEST_FILTER names "Cluster").
if [ -z "${FAIRDB_TEST_FILTER:-}" ] || [[ "$FAIRDB_TEST_FILTER" == *Cluster* ]]; then
  export FAIRDB_PGBOUNCER_PORT="$(free_port)" FAIRDB_BALANCER_PORT="$(free_port)" FAIRDB_INSTANCE_PORT="$(free_port)"
  if "$FAIRDB_ROOT/scripts/cluster.sh" start --instances 2 >"$tmp/cluster.log" 2>&1; then
    FAIRDB_TEST_BALANCER_URL="$("$FAIRDB_ROOT/scripts/cluster.sh" url)" \
      dotnet test FairDatabase.Tests --nologo -c Release --no-build --logger "trx;LogFileName=cluster.trx" --results-directory "$results" \
      --filter "Category=Cluster${FAIRDB_TEST_FILTER:+&($FAIRDB_TEST_FILTER)}" 2>&1 | grep -vE '^\s*$'
    count_trx "$results/cluster.trx" "${PIPESTATUS[0]}"
    "$FAIRDB_ROOT/scripts/cluster.sh" stop >/dev/null 2>&1
  else
    cat "$tmp/cluster.log"
    echo "not ok - scripts/cluster.sh did not start"; failed=$((failed + 1))
  fi
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo
echo "$summary"
[ "$failed" -eq 0 ]
