#!/usr/bin/env bash
# Download benchmark (run through scripts/bench.sh download): a table of N rows (default
# 1,000,000) owned by a benchmark user, fetched as a ZIP through /dashboard/display. Prints the
# time, the ZIP size, the rows read back and the app's peak RSS, which stays flat because rows go
# from PostgreSQL's COPY straight into the ZIP stream.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"
ensure_dotnet
command -v curl >/dev/null || ensure_packages curl
command -v unzip >/dev/null || ensure_packages unzip

rows=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done

work="$(mktemp -d /tmp/fairdb-bench.XXXXXX)"; chmod 755 "$work"
app_pid=""; table="bench_download_$RANDOM$RANDOM"
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null
  scripts/db.sh psql -c "DROP TABLE IF EXISTS _realtime.$table; DELETE FROM _realtime.metadata_tables WHERE table_name = '$table'" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
source "$FAIRDB_ROOT/scripts/bench-app.sh"

say "making a $rows-row table for the benchmark user (untimed) ..."
scripts/db.sh psql >/dev/null <<SQL
SELECT public.create_data_table('_realtime', '$table', ARRAY['site', 'bacteroides_count', 'firmicutes_count', 'note'], 'sample_id');
INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES ('$table', '$table', '$user_id');
INSERT INTO _realtime.$table (user_id, sample_id, site, bacteroides_count, firmicutes_count, note)
  SELECT '$user_id', md5(i::text), (ARRAY['gut', 'skin', 'oral'])[1 + i % 3], (i % 997)::text, (i % 113)::text, 'note, "quoted" ' || i
  FROM generate_series(1, $rows) AS i;
SQL

say "downloading through the app ..."
seconds=$(curl -s -o "$work/out.zip" -w '%{time_total}' -b "$jar" -c "$jar" \
  --data-urlencode "search=bacteroides" --data-urlencode "__RequestVerificationToken=$(token /dashboard/search)" "$base/dashboard/display")
lines=$(unzip -p "$work/out.zip" | grep -c '^[0-9a-f]\{32\},')
printf 'rows:            %s in the table, %s read back from the ZIP\n' "$rows" "$lines"
printf 'download:        %.2f s, ZIP %s\n' "$seconds" "$(du -h "$work/out.zip" | cut -f1)"
printf 'app peak RSS:    %d MB\n' "$(peak_rss_mb)"
