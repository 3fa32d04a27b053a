# Shared settings for the scripts; sourced, not run.
# shellcheck shell=bash
FAIRDB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FAIRDB_STATE_DIR="${FAIRDB_STATE_DIR:-$FAIRDB_ROOT/.data}"
FAIRDB_DATA_DIR="${FAIRDB_DATA_DIR:-$FAIRDB_STATE_DIR/postgres}"
FAIRDB_PG_PORT="${FAIRDB_PG_PORT:-54322}"
FAIRDB_DB_NAME="${FAIRDB_DB_NAME:-fairdb}"
FAIRDB_APP_ROLE="${FAIRDB_APP_ROLE:-fairdb_app}"
# Passwords and keys live beside the cluster, readable only by the user who ran the script.
FAIRDB_SECRETS_DIR="${FAIRDB_SECRETS_DIR:-$(dirname "$FAIRDB_DATA_DIR")/secrets}"

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# A random secret kept in $FAIRDB_SECRETS_DIR/$1, created on first use.
secret() {
  local file="$FAIRDB_SECRETS_DIR/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$FAIRDB_SECRETS_DIR" && chmod 700 "$FAIRDB_SECRETS_DIR"
    # Written aside and renamed, so a concurrent reader never sees a half-written secret.
    local aside="$file.$BASHPID"
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$aside" && mv -n "$aside" "$file"; rm -f "$aside")
  fi
  cat "$file"
}

# Installs Debian packages when we may (root + apt-get); otherwise says what to install.
ensure_packages() {
  local missing=("$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} with apt-get"
    # Another apt run (unattended upgrades, a second script) may hold the lock: wait for it.
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null \
      && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null \
      || die "apt-get could not install ${missing[*]}"
  else
    die "missing ${missing[*]}: install with 'sudo apt-get install ${missing[*]}'"
  fi
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (https://dot.net): 'dotnet' is not on PATH"
}
