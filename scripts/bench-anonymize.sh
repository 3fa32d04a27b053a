#!/usr/bin/env bash
# Anonymization benchmark (run through scripts/bench.sh anonymize): the wide microbiome file
# (MicrobiomeCsvGenerator, default 10,000 rows x 2,005 columns) is uploaded through the app
# (untimed), then every step of the workflow is timed over HTTP, starting from the stored
# dataset: start, drop identifiers, missing values, quasi-identifiers, one mapping per
# quasi-identifier (interval rules for age and bmi), P29 with 3 quasi-identifiers and 1 sensitive
# attribute, privacy processing, local DP, download. Then a long 8-column patient table (default
# 100,000 rows) is uploaded and its P29 timed end to end, the POST included, and compared with
# the Python application's pandas P_29_score on the same file (scripts/p29_pandas.py, Debian's
# python3-pandas). Prints each step's seconds and the app's peak RSS (VmHWM). --no-download
# skips the full download (minutes at 100,000 rows).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"
ensure_dotnet
command -v curl >/dev/null || ensure_packages curl
# The reference P29 runs on Debian's own Python with its pandas (not whatever python3 is first on PATH).
/usr/bin/python3 -c 'import pandas' 2>/dev/null || ensure_packages python3-pandas

rows=10000; long_rows=100000; download=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --long-rows) long_rows="$2"; shift 2 ;;
    --no-download) download=0; shift ;;
    *) die "unknown option $1" ;;
  esac
done

work="$(mktemp -d /tmp/fairdb-bench.XXXXXX)"; chmod 755 "$work"
app_pid=""
max_upload_bytes=$(( 2 * 1024 * 1024 * 1024 - 1 ))
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null
  if [ -n "${user_id:-}" ]; then
    scripts/db.sh psql -tA -c "SELECT format('DROP TABLE IF EXISTS _realtime.%I;', table_name) FROM _realtime.metadata_tables WHERE user_id = '$user_id'" \
      | scripts/db.sh psql >/dev/null 2>&1 || true
    scripts/db.sh psql -c "DELETE FROM _realtime.metadata_tables WHERE user_id = '$user_id'; DELETE FROM fairdb.datasets WHERE user_id = '$user_id'; DELETE FROM fairdb_work.workspaces WHERE user_id = '$user_id'" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "generating the wide file ($rows rows) and the long table ($long_rows rows) ..."
dotnet run -c Release --project FairDatabase.Bench -- gen-csv --rows "$rows" --columns 2000 --out "$work/wide.csv"
dotnet run -c Release --project FairDatabase.Bench -- gen-patients --rows "$long_rows" --out "$work/long.csv"
source "$FAIRDB_ROOT/scripts/bench-app.sh"

upload() {
  curl -fs -o "$work/upload.json" -b "$jar" -c "$jar" -H "RequestVerificationToken: $(token /dashboard/upload)" \
    -H "Accept: application/json" -F "description=benchmark" -F "origin=bench" -F "file=@$1;type=text/csv" "$base/dashboard/upload"
  grep -q '"rows"' "$work/upload.json" || { cat "$work/upload.json" >&2; die "the upload failed"; }
  scripts/db.sh psql -tA -c "SELECT main_table FROM _realtime.metadata_tables WHERE user_id = '$user_id' AND table_name LIKE '$2%' ORDER BY id LIMIT 1"
}
# Times one POST to the workflow (form fields as curl arguments); fails on any status but 200.
step() {
  local label="$1" path="$2"; shift 2
  local out form cpu0
  form="__RequestVerificationToken=$(token "$path")"
  cpu0=$(app_cpu)
  out=$(curl -s -o "$work/page.html" -w '%{http_code} %{time_total}' -b "$jar" -c "$jar" --data-urlencode "$form" "$@" "$base$path")
  [ "${out%% *}" = 200 ] || { sed -n '/alert/,+3p' "$work/page.html" >&2; die "$label answered ${out%% *}"; }
  last_seconds="${out##* }"
  printf '%-46s %7.3f s   app CPU %6.3f s\n' "$label" "${out##* }" "$(awk -v a="$cpu0" -v b="$(app_cpu)" 'BEGIN { print b - a }')"
}
flow=/data/data_generalization

say "uploading the wide file (untimed) ..."
wide="$(upload "$work/wide.csv" wide)"
say "timing each step over HTTP on '$wide' ..."
step "start from the stored dataset" $flow -d submit_button=submit_dataset --data-urlencode "dataset=$wide"
step "drop identifiers" $flow -d submit_button=submit_columns -d columns_to_drop=sample_id
step "missing values" $flow -d submit_button=submit_missing_values
step "choose quasi-identifiers" $flow -d submit_button=submit_quasi_identifiers -d quasi_identifiers=age -d quasi_identifiers=sex -d quasi_identifiers=bmi
step "mapping age (interval rule, preview)" $flow -d submit_button=preview_mapping -d rule=interval -d interval_width=10 -d mapping_column=age
step "mapping age (interval rule)" $flow -d submit_button=submit_mapping -d rule=interval -d interval_width=10 -d mapping_column=age
step "mapping sex (per value)" $flow -d submit_button=submit_mapping -d mapping_column=sex
step "mapping bmi (interval rule)" $flow -d submit_button=submit_mapping -d rule=interval -d interval_width=5 -d mapping_column=bmi
qs=(-d quasi_identifiers=age -d quasi_identifiers=sex -d quasi_identifiers=bmi -d sensitive_attributes=body_site)
step "P29 (3 QIs, 1 SA)" /data/p29score "${qs[@]}" --data-urlencode "submit_button=Calculate Score"
step "privacy processing" /privacy/privacy_processing "${qs[@]}" -d k_min=1 -d l_min=0.0 -d t_max=0.5
step "local DP apply (columns typed automatically)" /privacy/differential_privacy "${qs[@]}" -d epsilon=2.0 -d keep_probability=0.5
if [ "$download" = 1 ]; then
cpu0=$(app_cpu)
out=$(curl -s -o "$work/download.csv" -w '%{http_code} %{time_total}' -b "$jar" -c "$jar" "$base/data/download")
[ "${out%% *}" = 200 ] || die "download answered ${out%% *}"
printf '%-46s %7.3f s   app CPU %6.3f s (%s rows, %s)\n' "download (CSV)" "${out##* }" "$(awk -v a="$cpu0" -v b="$(app_cpu)" 'BEGIN { print b - a }')" \
  "$(( $(wc -l <"$work/download.csv") - 1 ))" "$(du -h "$work/download.csv" | cut -f1)"
fi
printf '%-46s %7d MB\n' "app peak RSS (wide)" "$(peak_rss_mb)"
printf '%-46s %s\n' "load average during the run" "$(cut -d' ' -f1-3 /proc/loadavg)"

say "uploading the long table (untimed) and starting a workflow on it ..."
long="$(upload "$work/long.csv" long)"
curl -s -o /dev/null -b "$jar" -c "$jar" "$base/dashboard/return_to_dashboard"
step "long table: start (untimed figure)" $flow -d submit_button=submit_dataset --data-urlencode "dataset=$long"
lq=(-d quasi_identifiers=age_group -d quasi_identifiers=sex -d quasi_identifiers=zip3 -d sensitive_attributes=diagnosis -d sensitive_attributes=smoker)
step "long table P29 ($long_rows rows, POST)" /data/p29score "${lq[@]}" --data-urlencode "submit_button=Calculate Score"
first_p29="$last_seconds"; posts="$last_seconds"
for round in 2 3 4 5 6 7 8 9; do
  step "long table P29 again ($round)" /data/p29score "${lq[@]}" --data-urlencode "submit_button=Calculate Score"
  posts="$posts $last_seconds"
done
# median WORDS...: the middle value (the lower middle for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
say "timing the pandas P_29_score on the same file, 3 runs (scripts/p29_pandas.py) ..."
pd_runs=""
for round in 1 2 3; do
  IFS=$'\t' read -r pd_read pd_score pd_cpu pd_classes pd_p29 < <(/usr/bin/python3 scripts/p29_pandas.py "$work/long.csv" \
    --qi age_group --qi sex --qi zip3 --sa diagnosis --sa smoker)
  printf '%-46s %7.3f s   CPU %6.3f s (read_csv %.3f s; %s classes, P29 %s)\n' "pandas P_29_score, same file ($round)" "$pd_score" "$pd_cpu" "$pd_read" "$pd_classes" "$pd_p29"
  pd_runs="$pd_runs $pd_score"
done
# shellcheck disable=SC2086 # word splitting of the lists is intended
pd_median=$(median $pd_runs); post_median=$(median $posts); post_best=$(printf '%s\n' $posts | sort -g | head -n1)
our_p29=$(curl -fs -b "$jar" -c "$jar" "$base/data/p29score/report" | grep -o '"p29":[^,]*' | cut -d: -f2)
printf '%-46s %s (pandas %s)\n' "long table P29 score, this app" "$our_p29" "$pd_p29"
printf '%-46s %7.1fx median vs median (pandas %.3f s, POST %.3f s of 9); %.1fx first POST, %.1fx best POST\n' "long table P29: faster than pandas" \
  "$(awk -v a="$pd_median" -v b="$post_median" 'BEGIN { print a / b }')" "$pd_median" "$post_median" \
  "$(awk -v a="$pd_median" -v b="$first_p29" 'BEGIN { print a / b }')" "$(awk -v a="$pd_median" -v b="$post_best" 'BEGIN { print a / b }')"
printf '%-46s %7d MB\n' "app peak RSS (all)" "$(peak_rss_mb)"
