#!/usr/bin/env bash
# Upload benchmark (run through scripts/bench.sh upload). Generates a wide microbiome-style CSV
# with the project's own generator, then times (a) the app's end-to-end upload over HTTP to a
# freshly started app on the embedded cluster and (b) psql \copy of the same rows into identically
# shaped tables on the same cluster (preparation untimed). Prints both times, their ratio and the
# app's peak RSS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"
ensure_dotnet
command -v curl >/dev/null || ensure_packages curl

rows=10000; columns=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --columns) columns="$2"; shift 2 ;;
    --large) rows=200000; columns=2000; shift ;;   # ~1 GB
    *) die "unknown option $1" ;;
  esac
done

work="$(mktemp -d /tmp/fairdb-bench.XXXXXX)"; chmod 755 "$work"
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

csv="$work/microbiome.csv"
say "generating $rows rows x $columns count columns (+5 metadata) ..."
dotnet run -c Release --project FairDatabase.Bench -- gen-csv --rows "$rows" --columns "$columns" --out "$csv" >/dev/null
say "file: $(du -h "$csv" | cut -f1)"

scripts/db.sh start >/dev/null 2>&1
scripts/db.sh migrate >/dev/null 2>&1

# The app, published in Release and started fresh so its peak RSS belongs to this run.
dotnet publish FairDatabase.Web -c Release -o "$work/app" >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
base="http://127.0.0.1:$port"
Database__ConnectionString="$(scripts/db.sh app-url)" Database__MigrationConnectionString="$(scripts/db.sh url)" \
  Auth__JwtSecret="$(secret jwt_secret)" RateLimiting__GlobalPermitPerMinute=100000 RateLimiting__AuthPermitPerMinute=1000 \
  ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning \
  dotnet "$work/app/FairDatabase.Web.dll" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$base/healthz" >/dev/null || { cat "$work/app.log" >&2; die "the app did not start"; }

jar="$work/cookies"
token() { curl -fs -b "$jar" -c "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -n1 | sed 's/.*value="\([^"]*\)".*/\1/'; }
email="bench-$RANDOM$RANDOM@example.test"; password="bench-password-$RANDOM$RANDOM"
curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=$email" --data-urlencode "password=$password" \
  --data-urlencode "__RequestVerificationToken=$(token /auth/register)" "$base/auth/register"
curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=$email" --data-urlencode "password=$password" \
  --data-urlencode "__RequestVerificationToken=$(token /auth/login)" "$base/auth/login"
upload_token="$(token /dashboard/upload)"
[ -n "$upload_token" ] || die "could not sign in to the app"

say "uploading through the app ..."
app_seconds=$(curl -s -o "$work/upload.html" -w '%{time_total}' -b "$jar" -c "$jar" -H "RequestVerificationToken: $upload_token" \
  -H "Accept: application/json" -F "file=@$csv;type=text/csv" -F "description=benchmark" -F "origin=bench" "$base/dashboard/upload")
grep -q '"rows"' "$work/upload.html" || { cat "$work/upload.html" >&2; die "the upload failed"; }
peak_kb=$(grep VmHWM "/proc/$app_pid/status" | awk '{print $2}')

# psql \copy of the same rows into identically shaped tables (same chunking, same column types).
say "loading the same rows with psql \\copy ..."
header="$(head -n1 "$csv")"
ncols=$(awk -F, '{print NF; exit}' "$csv")
chunk=1200; user_id="$(scripts/db.sh psql -tA -c "SELECT id FROM auth.users WHERE email = '$email'")"
prep="$work/prep.sql"; : > "$prep"; copy="$work/copy.sql"; : > "$copy"
start=2; i=1
while [ "$start" -le "$ncols" ]; do
  end=$(( start + chunk - 1 )); [ "$end" -gt "$ncols" ] && end=$ncols
  cut -d, -f1,"$start"-"$end" "$csv" | tail -n +2 > "$work/chunk$i.csv"
  cols="c1"; for c in $(seq "$start" "$end"); do cols="$cols, c$c"; done
  defs="c1 text NOT NULL"; for c in $(seq "$start" "$end"); do defs="$defs, c$c text"; done
  echo "DROP TABLE IF EXISTS _realtime.bench_copy_p$i; CREATE TABLE _realtime.bench_copy_p$i (rowid serial PRIMARY KEY, user_id uuid NOT NULL DEFAULT '$user_id' REFERENCES auth.users (id), $defs); CREATE INDEX ON _realtime.bench_copy_p$i (user_id); CREATE INDEX ON _realtime.bench_copy_p$i (c1);" >> "$prep"
  echo "\\copy _realtime.bench_copy_p$i ($cols) FROM '$work/chunk$i.csv' WITH (FORMAT csv)" >> "$copy"
  start=$(( end + 1 )); i=$(( i + 1 ))
done
scripts/db.sh psql -f "$prep" >/dev/null
t0=$(date +%s.%N)
scripts/db.sh psql --single-transaction -f "$copy" >/dev/null
t1=$(date +%s.%N)
copy_seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
scripts/db.sh psql -c "$(for j in $(seq 1 $(( i - 1 ))); do printf 'DROP TABLE _realtime.bench_copy_p%s;' "$j"; done)" >/dev/null

printf 'file:            %s rows x %s columns, %s\n' "$rows" "$ncols" "$(du -h "$csv" | cut -f1)"
printf 'app upload:      %.2f s (HTTP, end to end)\n' "$app_seconds"
printf 'psql \\copy:      %.2f s\n' "$copy_seconds"
printf 'ratio:           %.2f x\n' "$(awk -v a="$app_seconds" -v b="$copy_seconds" 'BEGIN { print a / b }')"
printf 'app peak RSS:    %d MB\n' "$(( peak_kb / 1024 ))"
