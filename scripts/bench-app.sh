# Shared by the HTTP benchmarks; sourced, not run. Publishes and starts the app on the embedded
# cluster (fresh, so its peak RSS belongs to this run) and signs up a benchmark user.
# Expects: $work (a temp folder), optional $max_upload_bytes. Sets: app_pid, base, jar, email, user_id.
# shellcheck shell=bash
scripts/db.sh start >/dev/null 2>&1
scripts/db.sh migrate >/dev/null 2>&1

dotnet publish FairDatabase.Web -c Release -o "$work/app" >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
base="http://127.0.0.1:$port"
Database__ConnectionString="$(scripts/db.sh app-url)" Database__MigrationConnectionString="$(scripts/db.sh url)" \
  Upload__MaxFileSizeBytes="${max_upload_bytes:-167772160}" \
  Auth__JwtSecret="$(secret jwt_secret)" Auth__CookieSecure=false RateLimiting__GlobalPermitPerMinute="${RateLimiting__GlobalPermitPerMinute:-100000}" RateLimiting__AuthPermitPerMinute="${RateLimiting__AuthPermitPerMinute:-1000}" \
  ASPNETCORE_URLS="$base" Logging__LogLevel__Default=Warning \
  dotnet "$work/app/FairDatabase.Web.dll" --Logging:LogLevel:FairDatabase.Core.Datasets=Information >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$base/healthz" >/dev/null || { cat "$work/app.log" >&2; die "the app did not start"; }

jar="$work/cookies"
# The antiforgery token of the first POST form on a page.
token() { curl -fs -b "$jar" -c "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -n1 | sed 's/.*value="\([^"]*\)".*/\1/'; }
email="bench-$RANDOM$RANDOM@example.test"; password="bench-password-$RANDOM$RANDOM"
curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=$email" --data-urlencode "password=$password" \
  --data-urlencode "__RequestVerificationToken=$(token /auth/register)" "$base/auth/register"
curl -fs -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=$email" --data-urlencode "password=$password" \
  --data-urlencode "__RequestVerificationToken=$(token /auth/login)" "$base/auth/login"
[ -n "$(token /dashboard/upload)" ] || die "could not sign in to the app"
user_id="$(scripts/db.sh psql -tA -c "SELECT id FROM auth.users WHERE email = '$email'")"

peak_rss_mb() { echo $(( $(grep VmHWM "/proc/$app_pid/status" | awk '{print $2}') / 1024 )); }
# CPU seconds the app has used so far (user + system): on a shared machine a wall time includes
# waiting for a core, this does not.
app_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$app_pid/stat"; }
