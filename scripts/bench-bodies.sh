#!/usr/bin/env bash
# Bounded-body probe (run through scripts/bench.sh bodies): streams generated multi-GB bodies
# (never held anywhere, sent chunked by curl) at the running app and prints, per probe, the
# status, how much the app took before answering, the app's RSS and the temp disk it used.
# Target: every probe 413, the app under 300 MB RSS and under 200 MB of temp disk.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"
ensure_dotnet
command -v curl >/dev/null || ensure_packages curl

gigabytes=4
while [ $# -gt 0 ]; do
  case "$1" in
    --gigabytes) gigabytes="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done

work="$(mktemp -d /tmp/fairdb-bench.XXXXXX)"; chmod 755 "$work"
mkdir -p "$work/tmp"; chmod 777 "$work/tmp"
app_pid=""; sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# Everything the app stages or buffers lands in one folder, so its size is what the app used.
export Upload__TempDirectory="$work/tmp" ASPNETCORE_TEMP="$work/tmp"
source "$FAIRDB_ROOT/scripts/bench-app.sh"

rss_mb() { echo $(( $(grep VmRSS "/proc/$app_pid/status" | awk '{print $2}') / 1024 )); }
boundary="----fairdb-bench-boundary"
# A multipart body: what the function $1 prints (fields, may be empty), then one part of $gigabytes GB
# (a CSV file when $3 is set, else a text field).
body() {
  local fields="$1" part="$2" filename="${3:-}"
  [ -z "$fields" ] || "$fields"
  if [ -n "$filename" ]; then
    printf -- '--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: text/csv\r\n\r\n' "$boundary" "$part" "$filename"
  else
    printf -- '--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' "$boundary" "$part"
  fi
  # A file part is a valid CSV (so the checks while receiving do not stop it early), a field plain text.
  if [ -n "$filename" ]; then { echo 'sample_id,count'; yes 'S-1,12345'; } | head -c "$((gigabytes * 1024 * 1024 * 1024))"
  else head -c "$((gigabytes * 1024 * 1024 * 1024))" /dev/zero | tr '\0' 'a'; fi
  printf -- '\r\n--%s--\r\n' "$boundary"
}
field() { printf -- '--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' "$boundary" "$1" "$2"; }

# Samples RSS and temp disk every 0.2 s into $work/samples while a probe runs.
start_sampler() {
  : >"$work/samples"
  ( while kill -0 "$app_pid" 2>/dev/null; do
      echo "$(rss_mb) $(du -sm "$work/tmp" | awk '{print $1}')" >>"$work/samples"; sleep 0.2
    done ) &
  sampler=$!
}
stop_sampler() { kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; sampler=""; }

# probe NAME GENERATOR CURL-ARGS...: pipes the generator's output into curl, which streams it chunked.
probe() {
  local name="$1" generator="$2"; shift 2
  start_sampler
  local started result
  started=$(date +%s%N)
  result=$($generator | curl -s -o "$work/answer" -w '%{http_code} %{size_upload}' -X POST -T - "$@" 2>/dev/null || true)
  stop_sampler
  local status="${result%% *}" sent="${result##* }"
  local max_rss max_tmp
  max_rss=$(awk '{print $1}' "$work/samples" | sort -n | tail -n1)
  max_tmp=$(awk '{print $2}' "$work/samples" | sort -n | tail -n1)
  printf '%-48s status %s, app read %4d MB of %d GB in %5.1f s, RSS max %s MB, temp disk max %s MB, left %s MB\n' \
    "$name" "$status" "$(( ${sent%.*} / 1048576 ))" "$gigabytes" "$(awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN { print (b - a) / 1e9 }')" \
    "${max_rss:-?}" "${max_tmp:-?}" "$(du -sk "$work/tmp" | awk '{print int($1 / 1024)}')"
  [ "$status" = 413 ] || { say "unexpected answer:"; head -c 600 "$work/answer" >&2; say ""; }
}

say "app RSS before the probes: $(rss_mb) MB"
upload_token="$(token /dashboard/upload)"
workflow_token="$(token /data/data_generalization)"
mp="Content-Type: multipart/form-data; boundary=$boundary"
description_body() { body "" description; }
file_body() { body "" file huge.csv; }
upload_token_field() { field __RequestVerificationToken "$upload_token"; }
workflow_token_field() { field __RequestVerificationToken "$workflow_token"; }
file_after_token_body() { body upload_token_field file huge.csv; }
workflow_field_body() { body workflow_token_field submit_button; }
login_body() { printf 'email='; head -c "$((gigabytes * 1024 * 1024 * 1024))" /dev/zero | tr '\0' 'a'; }

probe "${gigabytes} GB description field (token header)" description_body \
  -b "$jar" -H "$mp" -H "RequestVerificationToken: $upload_token" -H 'Accept: application/json' "$base/dashboard/upload"
probe "${gigabytes} GB file part, no token header" file_body \
  -b "$jar" -H "$mp" -H 'Accept: application/json' "$base/dashboard/upload"
probe "${gigabytes} GB file part, token field first" file_after_token_body \
  -b "$jar" -H "$mp" -H 'Accept: application/json' "$base/dashboard/upload"
probe "${gigabytes} GB workflow text field" workflow_field_body \
  -b "$jar" -H "$mp" "$base/data/data_generalization"
probe "${gigabytes} GB form to /auth/login" login_body \
  -H 'Content-Type: application/x-www-form-urlencoded' "$base/auth/login"
say "app peak RSS over the whole run (VmHWM): $(peak_rss_mb) MB"
