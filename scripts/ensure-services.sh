#!/usr/bin/env bash
# Brings up PostgreSQL and Redis for local runs and tests, when DATABASE_URL / REDIS_URL are unset:
# uses a running local server, else starts an installed one, else installs Debian's packages (as root).
set -euo pipefail
log() { printf '[services] %s\n' "$*" >&2; }

have() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  if [ "$(id -u)" != 0 ]; then log "cannot install $* without root; install it or set the URL variables"; exit 1; fi
  log "installing $* from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "$@" >/dev/null
}

pg_up() { (have pg_isready && pg_isready -q -h 127.0.0.1 -p 5432) || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
ensure_postgres() {
  if pg_up; then return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql postgresql-contrib; fi
  local version; version=$(ls /etc/postgresql | sort -V | tail -n1)
  local conf="/etc/postgresql/$version/main"
  # Local development trusts loopback connections, like the CI machines.
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf" 2>/dev/null; then
    sed -i 's/^\(host\s\+all\s\+all\s\+127.0.0.1\/32\s\+\)\S\+/\1trust/; s/^\(host\s\+all\s\+all\s\+::1\/128\s\+\)\S\+/\1trust/; s/^\(local\s\+all\s\+postgres\s\+\)\S\+/\1trust/' "$conf/pg_hba.conf" || true
  fi
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && return; sleep 1; done
  log "PostgreSQL did not come up"; exit 1
}

redis_up() { (have redis-cli && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]) || (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
ensure_redis() {
  if redis_up; then return; fi
  have redis-server || apt_install redis-server
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --appendonly yes --dir /var/lib/redis --logfile /var/log/redis/praksisbro.log
  for _ in $(seq 1 20); do redis_up && return; sleep 0.5; done
  log "Redis did not come up"; exit 1
}

# Headless Chromium for the browser tests (`--with-chromium`, used by `npm test`): Debian's package, never a download.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return
  if [ "$(id -u)" != 0 ]; then log "/usr/bin/chromium is missing and this is not root: install Debian's chromium, or the browser tests fail"; return; fi
  log "installing chromium from Debian packages"
  (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null) \
    || log "could not install chromium: the browser tests will fail"
}

# The fault-tolerance tests (`--with-fault-tools`, used by `npm test`) start throw-away PostgreSQL clusters and
# redis-servers of their own: they need the server programs even when the shared services run elsewhere.
ensure_fault_tools() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
  have redis-server || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

[ -n "${DATABASE_URL:-}" ] || ensure_postgres
[ -n "${REDIS_URL:-}" ] || ensure_redis
for option in "$@"; do
  case "$option" in
    --with-chromium) ensure_chromium ;;
    --with-fault-tools) ensure_fault_tools ;;
    *) log "unknown option $option"; exit 2 ;;
  esac
done
