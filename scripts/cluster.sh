#!/usr/bin/env bash
# Several app instances on one machine, as they would run in production:
#   HAProxy (round-robin) -> N app instances -> PgBouncer (transaction pooling) -> PostgreSQL.
#   scripts/cluster.sh start [--instances N]   (default 2; also starts the embedded PostgreSQL)
#   scripts/cluster.sh stop | status | url
# Ports (defaults follow FAIRDB_PG_PORT): PgBouncer FAIRDB_PGBOUNCER_PORT (+1), HAProxy
# FAIRDB_BALANCER_PORT (+2), instances FAIRDB_INSTANCE_PORT (+10) upwards. State, configuration
# and logs live in FAIRDB_CLUSTER_DIR (default .data/cluster). App settings given as
# environment variables (Section__Key) reach every instance.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"

CLUSTER_DIR="${FAIRDB_CLUSTER_DIR:-$FAIRDB_STATE_DIR/cluster}"
PGBOUNCER_PORT="${FAIRDB_PGBOUNCER_PORT:-$((FAIRDB_PG_PORT + 1))}"
BALANCER_PORT="${FAIRDB_BALANCER_PORT:-$((FAIRDB_PG_PORT + 2))}"
INSTANCE_PORT="${FAIRDB_INSTANCE_PORT:-$((FAIRDB_PG_PORT + 10))}"

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
balancer_url() { echo "http://127.0.0.1:$BALANCER_PORT"; }

# PgBouncer refuses to run as root: like PostgreSQL, it then runs as the postgres OS user.
as_pooler_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_pgbouncer() {
  local dir="$CLUSTER_DIR/pgbouncer"
  mkdir -p "$dir"
  alive "$dir/pgbouncer.pid" && return 0
  # The pooler logs in to PostgreSQL as the app role with the app's own password; clients
  # authenticate to it with SCRAM like they would to PostgreSQL.
  (umask 077; printf '"%s" "%s"\n' "$FAIRDB_APP_ROLE" "$(secret pg_app_password)" > "$dir/userlist.txt")
  cat > "$dir/pgbouncer.ini" <<INI
[databases]
$FAIRDB_DB_NAME = host=127.0.0.1 port=$FAIRDB_PG_PORT dbname=$FAIRDB_DB_NAME

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGBOUNCER_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
; Supabase's Supavisor on port 6543 works the same way: a server connection per transaction.
pool_mode = transaction
default_pool_size = 20
max_client_conn = 2000
; Npgsql sends this at start-up; PgBouncer need not track it.
ignore_startup_parameters = extra_float_digits
log_connections = 0
log_disconnections = 0
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  as_pooler_user /usr/sbin/pgbouncer -d -q "$dir/pgbouncer.ini" || die "PgBouncer did not start (see $dir/pgbouncer.log)"
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PGBOUNCER_PORT") 2>/dev/null && return 0; sleep 0.1; done
  die "PgBouncer is not listening on $PGBOUNCER_PORT"
}

start_instances() {
  local n="$1" i port
  mkdir -p "$CLUSTER_DIR/app"
  say "publishing the app (Release) ..."
  dotnet publish FairDatabase.Web -c Release -o "$CLUSTER_DIR/app" >"$CLUSTER_DIR/publish.log" 2>&1 \
    || { cat "$CLUSTER_DIR/publish.log" >&2; die "publishing the app failed"; }
  # Through the pooler: no session state survives a transaction, so no reset on close (it would
  # be a wasted round trip) and no server-side prepared statements (Npgsql's default).
  local pooled="Host=127.0.0.1;Port=$PGBOUNCER_PORT;Database=$FAIRDB_DB_NAME;Username=$FAIRDB_APP_ROLE;Password=$(secret pg_app_password);No Reset On Close=true;Max Auto Prepare=0"
  # Read once here: expansions in the backgrounded commands below would race to create it.
  local jwt="${Auth__JwtSecret:-$(secret jwt_secret)}"
  for i in $(seq 1 "$n"); do
    port=$((INSTANCE_PORT + i - 1))
    alive "$CLUSTER_DIR/app-$i.pid" && continue
    # Migrations ran once above, straight against PostgreSQL (their advisory lock is session-level).
    Database__ConnectionString="$pooled" Database__ApplyMigrationsOnStart=false Database__MaxAutoPrepare=0 \
      Auth__JwtSecret="$jwt" Instance__Name="app-$i" \
      Auth__CookieSecure="${Auth__CookieSecure:-false}" ForwardedHeaders__KnownProxies__0="${ForwardedHeaders__KnownProxies__0:-127.0.0.1}" \
      ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default="${Logging__LogLevel__Default:-Warning}" \
      setsid dotnet "$CLUSTER_DIR/app/FairDatabase.Web.dll" >"$CLUSTER_DIR/app-$i.log" 2>&1 < /dev/null &
    echo $! > "$CLUSTER_DIR/app-$i.pid"
    echo "$port" > "$CLUSTER_DIR/app-$i.port"
  done
  for i in $(seq 1 "$n"); do
    port="$(cat "$CLUSTER_DIR/app-$i.port")"
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { tail -n 30 "$CLUSTER_DIR/app-$i.log" >&2; die "instance app-$i did not start"; }
  done
}

start_haproxy() {
  local n="$1" i cfg="$CLUSTER_DIR/haproxy.cfg"
  alive "$CLUSTER_DIR/haproxy.pid" && return 0
  {
    cat <<CFG
global
    maxconn 4096

defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client 300s
    timeout server 300s

frontend web
    bind 127.0.0.1:$BALANCER_PORT
    default_backend apps

backend apps
    # Every request goes to the next instance: nothing may depend on which one answered.
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
CFG
    for i in $(seq 1 "$n"); do
      echo "    server app-$i 127.0.0.1:$(cat "$CLUSTER_DIR/app-$i.port") check inter 2s"
    done
  } > "$cfg"
  haproxy -c -q -f "$cfg" || die "HAProxy configuration is invalid ($cfg)"
  haproxy -D -f "$cfg" -p "$CLUSTER_DIR/haproxy.pid" || die "HAProxy did not start"
  for _ in $(seq 1 100); do curl -fs "$(balancer_url)/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "HAProxy does not answer on $(balancer_url)"
}

start() {
  local n=2
  while [ $# -gt 0 ]; do
    case "$1" in
      --instances) n="$2"; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ "$n" =~ ^[1-9][0-9]?$ ]] || die "--instances must be a number from 1 to 99"
  ensure_dotnet
  command -v curl >/dev/null || ensure_packages curl
  [ -x /usr/sbin/pgbouncer ] && [ -x /usr/sbin/haproxy ] || ensure_packages pgbouncer haproxy
  if alive "$CLUSTER_DIR/haproxy.pid"; then die "the cluster is already running (scripts/cluster.sh stop first)"; fi
  scripts/db.sh start
  scripts/db.sh migrate
  mkdir -p "$CLUSTER_DIR"
  start_pgbouncer
  start_instances "$n"
  start_haproxy "$n"
  say "cluster: $(balancer_url) -> $n instances -> PgBouncer 127.0.0.1:$PGBOUNCER_PORT (transaction mode) -> PostgreSQL 127.0.0.1:$FAIRDB_PG_PORT"
}

# Ends only the processes this script started, by the pids it recorded.
stop() {
  local f
  for f in "$CLUSTER_DIR/haproxy.pid" "$CLUSTER_DIR"/app-*.pid "$CLUSTER_DIR/pgbouncer/pgbouncer.pid"; do
    [ -s "$f" ] || continue
    if alive "$f"; then
      kill "$(cat "$f")" 2>/dev/null || true
      for _ in $(seq 1 50); do alive "$f" || break; sleep 0.1; done
    fi
    rm -f "$f"
  done
  rm -f "$CLUSTER_DIR"/app-*.port
  say "cluster stopped (PostgreSQL left running: scripts/db.sh stop)"
}

status() {
  local f up=0
  for f in "$CLUSTER_DIR/haproxy.pid" "$CLUSTER_DIR"/app-*.pid "$CLUSTER_DIR/pgbouncer/pgbouncer.pid"; do
    [ -e "$f" ] || continue
    if alive "$f"; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; up=1; else echo "$(basename "$f" .pid): stopped"; fi
  done
  [ "$up" = 1 ] && echo "balancer: $(balancer_url)" || { echo "stopped"; exit 3; }
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  url) balancer_url ;;
  *) echo "usage: $0 start [--instances N] | stop | status | url" >&2; exit 2 ;;
esac
