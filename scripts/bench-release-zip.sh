#!/usr/bin/env bash
# Release ZIP benchmark (run through scripts/bench.sh release-zip): a public release of a 10,000 ×
# 2,005 microbiome table (stored as the release store keeps it), fetched as /releases/{id}.zip
# without a session. Prints the time, the ZIP's size against its stated Content-Length, whether
# unzip -t and the data.csv hash agree with datapackage.json, and the app's peak RSS, which stays
# flat because data.csv goes from the stored chunks straight into the response. Then the same
# table goes the researcher's way: uploaded, anonymized (quasi-identifier sex) and saved through
# the app (untimed), and released through the release form (timed: snapshot, risk figures, store).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"
ensure_dotnet
command -v curl >/dev/null || ensure_packages curl
command -v unzip >/dev/null || ensure_packages unzip

rows=10000; taxa=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --taxa) taxa="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done

work="$(mktemp -d /tmp/fairdb-bench.XXXXXX)"; chmod 755 "$work"
app_pid=""; release=""; user_id=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null
  if [ -n "$user_id" ]; then
    scripts/db.sh psql -c "DELETE FROM fairdb_releases.releases WHERE user_id = '$user_id'" >/dev/null 2>&1 || true
    scripts/db.sh psql -tA -c "SELECT format('DROP TABLE IF EXISTS _realtime.%I;', table_name) FROM _realtime.metadata_tables WHERE user_id = '$user_id'" \
      | scripts/db.sh psql >/dev/null 2>&1 || true
    scripts/db.sh psql -c "DELETE FROM _realtime.metadata_tables WHERE user_id = '$user_id'; DELETE FROM fairdb.datasets WHERE user_id = '$user_id'; DELETE FROM fairdb_work.workspaces WHERE user_id = '$user_id'" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
source "$FAIRDB_ROOT/scripts/bench-app.sh"

say "making and storing a $rows-row release with $taxa taxa (untimed) ..."
dotnet build -c Release -v q -nologo FairDatabase.Bench >/dev/null
dotnet run -c Release --no-build --project FairDatabase.Bench -- gen-csv --rows "$rows" --columns "$taxa" --out "$work/data.csv" >/dev/null
release="$(dotnet run -c Release --no-build --project FairDatabase.Bench -- store-release --csv "$work/data.csv" --owner "$user_id" --db "$(scripts/db.sh url)")"
# One warm-up request so the timed one does not include first-call start-up.
curl -fs -o /dev/null "$base/releases/$release/datapackage.json"

rss_before=$(( $(grep VmHWM "/proc/$app_pid/status" | awk '{print $2}') / 1024 ))
say "downloading the ZIP as a visitor ..."
read -r seconds size stated < <(curl -fs -o "$work/release.zip" -D "$work/headers" -w '%{time_total} %{size_download} ' "$base/releases/$release.zip"; \
  grep -i '^content-length:' "$work/headers" | tr -d '\r' | awk '{print $2}')
unzip_ok=$(unzip -tq "$work/release.zip" >/dev/null 2>&1 && echo yes || echo NO)
hash_zip=$(unzip -p "$work/release.zip" data.csv | sha256sum | cut -d' ' -f1)
hash_pkg=$(unzip -p "$work/release.zip" datapackage.json | grep -o '"sha256:[0-9a-f]*"' | tr -d '"' | cut -d: -f2)
printf 'release zip:     %s rows x %s columns, data.csv %s\n' "$rows" "$((taxa + 5))" "$(du -h "$work/data.csv" | cut -f1)"
printf 'zip download:    %.2f s, %s bytes (Content-Length %s)\n' "$seconds" "$size" "$stated"
printf 'zip checks:      unzip -t %s, data.csv sha256 %s datapackage.json\n' "$unzip_ok" "$([ "$hash_zip" = "$hash_pkg" ] && echo equals || echo DIFFERS_FROM)"
printf 'app peak RSS:    %d MB (%d MB before the download)\n' "$(peak_rss_mb)" "$rss_before"

say "uploading, anonymizing and saving the same table through the app (untimed) ..."
# post PATH FIELD...: a form POST with the session's antiforgery token (from the workflow page); prints the status.
post() {
  local path="$1"; shift
  curl -s -o "$work/page.html" -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "__RequestVerificationToken=$(token /data/data_generalization)" "$@" "$base$path"
}
curl -fs -o /dev/null -b "$jar" -c "$jar" -H "RequestVerificationToken: $(token /dashboard/upload)" -H "Accept: application/json" \
  -F "description=release benchmark" -F "origin=bench" -F "file=@$work/data.csv;type=text/csv" "$base/dashboard/upload"
stored="$(scripts/db.sh psql -tA -c "SELECT main_table FROM _realtime.metadata_tables WHERE user_id = '$user_id' ORDER BY id LIMIT 1")"
flow=/data/data_generalization
for form in "-d submit_button=submit_dataset --data-urlencode dataset=$stored" "-d submit_button=submit_columns -d columns_to_drop=sample_id" \
    "-d submit_button=submit_missing_values" "-d submit_button=submit_quasi_identifiers -d quasi_identifiers=sex" "-d submit_button=submit_mapping -d mapping_column=sex"; do
  # shellcheck disable=SC2086 # the form's fields are words on purpose
  [ "$(post $flow $form)" = 200 ] || die "the workflow step '$form' failed"
done
[ "$(post /data/save_dataset -d dataset_name=release-bench)" = 200 ] || die "saving the anonymized dataset failed"
dataset="$(scripts/db.sh psql -tA -c "SELECT id FROM fairdb.datasets WHERE user_id = '$user_id' AND display_name = 'release-bench'")"
say "releasing it through the release form ..."
read -r status seconds location < <(curl -s -o /dev/null -w '%{http_code} %{time_total} %{redirect_url}\n' -b "$jar" -c "$jar" \
  --data-urlencode "__RequestVerificationToken=$(token "/datasets/$dataset/release")" -d title=Benchmark -d description=Benchmark \
  -d creators=Benchmark -d license=CC-BY-4.0 -d keywords=benchmark -d visibility=public "$base/datasets/$dataset/release")
[ "$status" = 302 ] || die "the release form answered $status"
created="${location##*/releases/}"
curl -fs -o "$work/created.csv" "$base/releases/$created/data.csv"
lines=$(wc -l < "$work/created.csv")
fields=$(head -n1 "$work/created.csv" | awk -F, '{print NF}')
printf 'release created: %.2f s through the form (%s x %s columns: data.csv snapshot, risk figures, store)\n' "$seconds" "$((lines - 1))" "$fields"
printf 'app peak RSS:    %d MB (whole run)\n' "$(peak_rss_mb)"
