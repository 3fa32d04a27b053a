#!/usr/bin/env bash
# Manages the embedded PostgreSQL 15 cluster: start|stop|status|reset|psql|url|app-url|migrate|grant-admin EMAIL.
# Settings: FAIRDB_DATA_DIR (default .data/postgres), FAIRDB_PG_PORT (default 54322),
# FAIRDB_DB_NAME (fairdb), FAIRDB_APP_ROLE (fairdb_app), FAIRDB_PG_BIN (server binaries).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_BIN="${FAIRDB_PG_BIN:-/usr/lib/postgresql/15/bin}"

ensure_server() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    ensure_packages postgresql-15
    [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 server binaries not found in $PG_BIN (set FAIRDB_PG_BIN)"
  fi
  command -v psql >/dev/null || ensure_packages postgresql-client-15
}

# initdb and postgres refuse to run as root: then the server runs as the postgres OS user.
as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

superuser_password() { secret pg_superuser_password; }
app_password() { secret pg_app_password; }

admin_psql() {
  PGOPTIONS='-c client_min_messages=warning' PGPASSWORD="$(superuser_password)" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$FAIRDB_PG_PORT" -U postgres "$@"
}

is_running() {
  [ -f "$FAIRDB_DATA_DIR/PG_VERSION" ] && as_server_user "$PG_BIN/pg_ctl" -D "$FAIRDB_DATA_DIR" status >/dev/null 2>&1
}

init_cluster() {
  say "creating PostgreSQL cluster in $FAIRDB_DATA_DIR"
  mkdir -p "$FAIRDB_DATA_DIR"
  local pwfile
  pwfile="$(mktemp)"
  superuser_password > "$pwfile"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$FAIRDB_DATA_DIR" "$pwfile"
    # The server user must be able to reach its data directory.
    local d; d="$(dirname "$FAIRDB_DATA_DIR")"
    while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
  fi
  chmod 700 "$FAIRDB_DATA_DIR"
  as_server_user "$PG_BIN/initdb" -D "$FAIRDB_DATA_DIR" -U postgres --pwfile="$pwfile" \
    --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --no-locale >/dev/null
  rm -f "$pwfile"
  {
    echo "# FairDatabase embedded cluster"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = ''"
    echo "max_connections = 100"
    echo "shared_buffers = 256MB"
    echo "max_wal_size = 4GB"
    echo "logging_collector = off"
    # A throwaway test cluster trades durability for speed.
    if [ "${FAIRDB_EPHEMERAL:-0}" = 1 ]; then
      echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
    fi
  } | as_server_user tee -a "$FAIRDB_DATA_DIR/postgresql.conf" >/dev/null
}

start() {
  ensure_server
  if is_running; then say "PostgreSQL already running on port $FAIRDB_PG_PORT"; return 0; fi
  [ -f "$FAIRDB_DATA_DIR/PG_VERSION" ] || init_cluster
  as_server_user "$PG_BIN/pg_ctl" -D "$FAIRDB_DATA_DIR" -l "$FAIRDB_DATA_DIR/server.log" \
    -o "-p $FAIRDB_PG_PORT" -w -t 60 start >/dev/null \
    || { tail -n 20 "$FAIRDB_DATA_DIR/server.log" >&2 || true; die "PostgreSQL did not start"; }
  if ! admin_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$FAIRDB_DB_NAME'" | grep -q 1; then
    admin_psql -d postgres -c "CREATE DATABASE \"$FAIRDB_DB_NAME\""
  fi
  say "PostgreSQL running on 127.0.0.1:$FAIRDB_PG_PORT (database $FAIRDB_DB_NAME)"
}

stop() {
  if is_running; then
    as_server_user "$PG_BIN/pg_ctl" -D "$FAIRDB_DATA_DIR" -m fast -w stop >/dev/null
    say "PostgreSQL stopped"
  else
    say "PostgreSQL is not running"
  fi
}

journal_ddl="CREATE SCHEMA IF NOT EXISTS fairdb_meta;
CREATE TABLE IF NOT EXISTS fairdb_meta.applied_sql (
  name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"

# Same journal as the app's SqlMigrator: each file once, in name order, compat layer first.
migrate() {
  admin_psql -d "$FAIRDB_DB_NAME" -c "$journal_ddl"
  local folder file name sum known
  for folder in supabase-compat migrations; do
    for file in "$FAIRDB_ROOT/sql/$folder"/*.sql; do
      [ -e "$file" ] || continue
      name="$folder/$(basename "$file")"
      sum="$(sha256sum "$file" | cut -d' ' -f1)"
      known="$(admin_psql -d "$FAIRDB_DB_NAME" -tA -v name="$name" <<<"SELECT checksum FROM fairdb_meta.applied_sql WHERE name = :'name'")"
      if [ -n "$known" ]; then
        [ "$known" = "$sum" ] || say "warning: $name changed after it was applied (released migrations must not be edited)"
        continue
      fi
      admin_psql -d "$FAIRDB_DB_NAME" --single-transaction -f "$file" \
        -c "INSERT INTO fairdb_meta.applied_sql (name, checksum) VALUES ('$name', '$sum')" >/dev/null
      say "applied $name"
    done
  done
  ensure_app_role
}

# The app logs in as its own non-superuser role that may SET ROLE to the three API roles.
ensure_app_role() {
  admin_psql -d "$FAIRDB_DB_NAME" -v role="$FAIRDB_APP_ROLE" -v pw="$(app_password)" -v db="$FAIRDB_DB_NAME" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I LOGIN NOINHERIT', :'role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('GRANT anon, authenticated, service_role TO %I', :'role') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', :'db', :'role') \gexec
SQL
}

# Makes a registered account an administrator (/admin). Says so when there is no such account.
grant_admin() {
  [ -n "${1:-}" ] || die "usage: $0 grant-admin EMAIL"
  local id
  id="$(admin_psql -d "$FAIRDB_DB_NAME" -tA -v email="$1" <<<"SELECT id FROM auth.users WHERE email = lower(btrim(:'email'))")"
  [ -n "$id" ] || die "no account with the e-mail $1 (register first)"
  admin_psql -d "$FAIRDB_DB_NAME" -v id="$id" <<<"INSERT INTO fairdb.user_roles (user_id, role) VALUES (:'id', 'admin') ON CONFLICT DO NOTHING" >/dev/null
  say "$1 is an administrator"
}

url() { echo "postgresql://postgres:$(superuser_password)@127.0.0.1:$FAIRDB_PG_PORT/$FAIRDB_DB_NAME"; }
app_url() { echo "postgresql://$FAIRDB_APP_ROLE:$(app_password)@127.0.0.1:$FAIRDB_PG_PORT/$FAIRDB_DB_NAME"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running on 127.0.0.1:$FAIRDB_PG_PORT ($FAIRDB_DATA_DIR)"; else echo "stopped"; exit 3; fi ;;
  reset) stop; rm -rf "$FAIRDB_DATA_DIR" "$FAIRDB_SECRETS_DIR/pg_superuser_password" "$FAIRDB_SECRETS_DIR/pg_app_password"; start; migrate ;;
  psql) shift; admin_psql -d "$FAIRDB_DB_NAME" "$@" ;;
  url) url ;;
  app-url) app_url ;;
  migrate) migrate ;;
  grant-admin) shift; grant_admin "${1:-}" ;;
  *) echo "usage: $0 start|stop|status|reset|psql [args]|url|app-url|migrate|grant-admin EMAIL" >&2; exit 2 ;;
esac
