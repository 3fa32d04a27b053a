#!/usr/bin/env bash
# Release ZIP benchmark (run through scripts/bench.sh release-zip): a public release of a 10,000 ×
# 2,005 microbiome table (stored as the release store keeps it), fetched as /releases/{id}.zip
# without a session. Prints the time, the ZIP's size against its stated Content-Length, whether
# unzip -t and the data.csv hash agree with datapackage.json, and the app's peak RSS, which stays
# flat because data.csv goes from the stored chunks straight into the response.
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
app_pid=""; release=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null
  [ -n "$release" ] && scripts/db.sh psql -c "DELETE FROM fairdb_releases.releases WHERE id = '$release'" >/dev/null 2>&1 || true
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
