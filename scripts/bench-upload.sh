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

rows=10000; columns=2000; rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --columns) columns="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --large) rows=200000; columns=2000; rounds=1; shift ;;   # ~1 GB
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

max_upload_bytes=$(( $(stat -c %s "$csv") + 1048576 ))
source "$FAIRDB_ROOT/scripts/bench-app.sh"
upload_token="$(token /dashboard/upload)"

# psql \copy of the same rows into identically shaped tables (same chunking, same column types,
# same indexes and foreign key). Splitting the file per table — and, for the "hashed" variant,
# replacing each id by its SHA-256 hex as the app stores it — is preparation, untimed.
ncols=$(awk -F, '{print NF; exit}' "$csv")
chunk=1200
mkdir -p "$work/raw" "$work/hashed"
dotnet run -c Release --project FairDatabase.Bench -- prep-copy --in "$csv" --out-dir "$work/raw" --chunk "$chunk" >/dev/null
dotnet run -c Release --project FairDatabase.Bench -- prep-copy --in "$csv" --out-dir "$work/hashed" --chunk "$chunk" --hash >/dev/null
prep="$work/prep.sql"; : > "$prep"; drop=""
: > "$work/copy-raw.sql"; : > "$work/copy-hashed.sql"
start=2; i=1
while [ "$start" -le "$ncols" ]; do
  end=$(( start + chunk - 1 )); [ "$end" -gt "$ncols" ] && end=$ncols
  cols="c1"; for c in $(seq "$start" "$end"); do cols="$cols, c$c"; done
  defs="c1 text NOT NULL"; for c in $(seq "$start" "$end"); do defs="$defs, c$c text"; done
  echo "DROP TABLE IF EXISTS _realtime.bench_copy_p$i; CREATE TABLE _realtime.bench_copy_p$i (rowid serial PRIMARY KEY, user_id uuid NOT NULL DEFAULT '$user_id' REFERENCES auth.users (id), $defs); CREATE INDEX ON _realtime.bench_copy_p$i (user_id); CREATE INDEX ON _realtime.bench_copy_p$i (c1);" >> "$prep"
  for v in raw hashed; do
    echo "\\copy _realtime.bench_copy_p$i ($cols) FROM '$work/$v/chunk$i.csv' WITH (FORMAT csv)" >> "$work/copy-$v.sql"
  done
  drop="$drop DROP TABLE _realtime.bench_copy_p$i;"
  start=$(( end + 1 )); i=$(( i + 1 ))
done

# Autovacuum analyzes freshly loaded tables (heavy for 1200 columns); waiting for it to finish
# keeps one timed step from paying for the previous one.
quiesce() {
  for _ in $(seq 1 120); do
    [ "$(scripts/db.sh psql -tA -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" = 0 ] && return
    sleep 0.5
  done
}
# Removes what the benchmark user uploaded (untimed), so runs do not pile up data.
drop_uploads() {
  scripts/db.sh psql -tA -c "SELECT format('DROP TABLE IF EXISTS _realtime.%I;', table_name) FROM _realtime.metadata_tables WHERE user_id = '$user_id'" \
    | scripts/db.sh psql >/dev/null
  scripts/db.sh psql -c "DELETE FROM _realtime.metadata_tables WHERE user_id = '$user_id'; DELETE FROM fairdb.datasets WHERE user_id = '$user_id'" >/dev/null
}

# One untimed upload first: a running server has its code compiled (JIT) and its pools filled.
say "warm-up upload (untimed) ..."
curl -s -o /dev/null -b "$jar" -c "$jar" -H "RequestVerificationToken: $upload_token" -H "Accept: application/json" \
  -F "file=@$csv;type=text/csv" "$base/dashboard/upload"
drop_uploads

# Rounds alternate app and psql so both meet the same cluster state; the best and the median count.
app_times=(); app_cpus=(); copy_times=(); hashed_times=()
for round in $(seq 1 "$rounds"); do
  quiesce
  say "round $round/$rounds: uploading through the app ..."
  cpu0=$(app_cpu)
  t=$(curl -s -o "$work/upload.json" -w '%{time_total}' -b "$jar" -c "$jar" -H "RequestVerificationToken: $upload_token" \
    -H "Accept: application/json" -F "description=benchmark" -F "origin=bench" -F "file=@$csv;type=text/csv" "$base/dashboard/upload")
  grep -q '"rows"' "$work/upload.json" || { cat "$work/upload.json" >&2; die "the upload failed"; }
  app_times+=("$t"); app_cpus+=("$(awk -v a="$cpu0" -v b="$(app_cpu)" 'BEGIN { print b - a }')")
  drop_uploads
  for v in raw hashed; do
    scripts/db.sh psql -f "$prep" >/dev/null
    quiesce
    say "round $round/$rounds: loading the same rows ($v ids) with psql \\copy ..."
    t0=$(date +%s.%N)
    scripts/db.sh psql --single-transaction -f "$work/copy-$v.sql" >/dev/null
    t1=$(date +%s.%N)
    elapsed="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
    if [ "$v" = raw ]; then copy_times+=("$elapsed"); else hashed_times+=("$elapsed"); fi
    scripts/db.sh psql -c "$drop" >/dev/null
  done
done
peak_mb=$(peak_rss_mb)

best() { printf '%s\n' "$@" | sort -g | head -n1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
app_best=$(best "${app_times[@]}"); copy_best=$(best "${copy_times[@]}")
app_median=$(median "${app_times[@]}"); copy_median=$(median "${copy_times[@]}")
hashed_best=$(best "${hashed_times[@]}"); hashed_median=$(median "${hashed_times[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

printf 'file:            %s rows x %s columns, %s\n' "$rows" "$ncols" "$(du -h "$csv" | cut -f1)"
printf 'app upload:      %s s (HTTP, end to end; each round)\n' "${app_times[*]}"
printf 'app CPU:         %s s (the app process, user + system; each round)\n' "${app_cpus[*]}"
printf 'load average:    %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'psql \\copy raw:  %s s (ids as in the file; each round)\n' "${copy_times[*]}"
printf 'psql \\copy hash: %s s (ids hashed as the app stores them; each round)\n' "${hashed_times[*]}"
printf 'best:            app %.2f s, psql raw %.2f s (%s x), psql hashed %.2f s (%s x)\n' "$app_best" "$copy_best" "$(ratio "$app_best" "$copy_best")" "$hashed_best" "$(ratio "$app_best" "$hashed_best")"
printf 'median:          app %.2f s, psql raw %.2f s (%s x), psql hashed %.2f s (%s x)\n' "$app_median" "$copy_median" "$(ratio "$app_median" "$copy_median")" "$hashed_median" "$(ratio "$app_median" "$hashed_median")"
printf 'app peak RSS:    %d MB\n' "$peak_mb"
grep -h "Imported" "$work/app.log" | sed "s/^/  /" || true
