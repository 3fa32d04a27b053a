#!/usr/bin/env bash
# Explore benchmark (run through scripts/bench.sh explore): uploads three deterministic
# microbiome tables through the app (untimed), then times columns.json on 10,000 × 2,005 (first
# call computes and keeps the statistics, later ones read the kept copy; then it is computed again
# twice with the app warmed up) and diversity.json (Bray–Curtis, PCoA, coloured by body_site) on
# 300 samples × 550 taxa and on 2,000 × 2,000. Prints each time with the app's CPU seconds, and
# the app's peak RSS so far (VmHWM: it only grows).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"
ensure_dotnet
command -v curl >/dev/null || ensure_packages curl

work="$(mktemp -d /tmp/fairdb-bench.XXXXXX)"; chmod 755 "$work"
app_pid=""; user_id=""
cleanup() {
  if [ -n "$user_id" ]; then
    scripts/db.sh psql -tA -c "SELECT format('DROP TABLE IF EXISTS _realtime.%I;', table_name) FROM _realtime.metadata_tables WHERE user_id = '$user_id'" \
      | scripts/db.sh psql >/dev/null 2>&1 || true
    scripts/db.sh psql -c "DELETE FROM _realtime.metadata_tables WHERE user_id = '$user_id'; DELETE FROM fairdb.datasets WHERE user_id = '$user_id'" >/dev/null 2>&1 || true
  fi
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
source "$FAIRDB_ROOT/scripts/bench-app.sh"
upload_token="$(token /dashboard/upload)"

# upload ROWS TAXA NAME: generates the CSV and uploads it; prints the dataset id.
upload() {
  dotnet run -c Release --project FairDatabase.Bench -- gen-csv --rows "$1" --columns "$2" --out "$work/$3.csv" >/dev/null
  curl -s -b "$jar" -c "$jar" -H "RequestVerificationToken: $upload_token" -H "Accept: application/json" \
    -F "description=explore benchmark" -F "origin=bench" -F "file=@$work/$3.csv;type=text/csv" "$base/dashboard/upload" \
    | grep -o '"datasetId":"[^"]*"' | cut -d'"' -f4
}
# timed PATH: GETs PATH (must answer 200) and prints the seconds it took and the app's CPU seconds.
timed() {
  local out status cpu0
  cpu0=$(app_cpu)
  out=$(curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -b "$jar" -c "$jar" "$base$1")
  status=${out% *}
  [ "$status" = 200 ] || { head -c 500 "$work/answer.json" >&2; die "GET $1 answered $status"; }
  echo "${out#* } $(awk -v a="$cpu0" -v b="$(app_cpu)" 'BEGIN { print b - a }')"
}
# report LABEL "SECONDS CPU": one line of figures.
report() { set -- "$1" $2; printf '%-56s %7.3f s   app CPU %6.3f s\n' "$1" "$2" "$3"; }

say "uploading 10,000 × 2,005, 300 × 555 and 2,000 × 2,005 tables (untimed) ..."
wide=$(upload 10000 2000 wide); small=$(upload 300 550 small); square=$(upload 2000 2000 square)
[ -n "$wide" ] && [ -n "$small" ] && [ -n "$square" ] || die "an upload failed"
query="metric=bray_curtis&exclude=age&exclude=bmi&group=body_site"

report "columns.json 10,000 x 2,005, first (computes and keeps)" "$(timed "/datasets/$wide/columns.json")"
for i in 1 2 3; do report "columns.json 10,000 x 2,005, kept copy ($i)" "$(timed "/datasets/$wide/columns.json")"; done
# The first call again, recomputed (the kept copy removed, untimed): the app's code is compiled by now.
for i in 1 2; do
  scripts/db.sh psql -c "DELETE FROM fairdb.column_statistics WHERE dataset_id = '$wide'" >/dev/null
  report "columns.json 10,000 x 2,005, computed again ($i)" "$(timed "/datasets/$wide/columns.json")"
done
printf 'app peak RSS so far: %d MB\n' "$(peak_rss_mb)"

timed "/datasets/$small/columns.json" >/dev/null   # statistics say which columns are numeric
for i in 1 2 3; do report "diversity.json 300 x 550 Bray-Curtis ($i)" "$(timed "/datasets/$small/diversity.json?$query")"; done
report "diversity.json 300 x 550 Aitchison" "$(timed "/datasets/$small/diversity.json?metric=aitchison&exclude=age&exclude=bmi&group=body_site")"

timed "/datasets/$square/columns.json" >/dev/null
for i in 1 2; do report "diversity.json 2,000 x 2,000 Bray-Curtis ($i)" "$(timed "/datasets/$square/diversity.json?$query")"; done
report "diversity.json 2,000 x 2,000 Aitchison" "$(timed "/datasets/$square/diversity.json?metric=aitchison&exclude=age&exclude=bmi&group=body_site")"
printf 'app peak RSS (whole run, uploads included): %d MB\n' "$(peak_rss_mb)"
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
