# Sourced by test.sh: makes sure PostgreSQL (for the database tests) and Chromium (for the
# browser test) are there, installing them from Debian's packages when this user may.

apt_updated=""
apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Cannot install $* here (needs root and apt-get); install it and run again." >&2
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    apt-get update -qq >&2 && apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_try() { PGPASSWORD=postgres PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; }

# Exports BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING for a server on 127.0.0.1:5432:
# the one already running there, or Debian's PostgreSQL installed and started here.
ensure_postgres() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    return 0
  fi
  if ! port_open 5432; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
      echo "Installing PostgreSQL (Debian package) ..." >&2
      apt_install postgresql || return 1
    fi
    local version
    version="$(ls /etc/postgresql | sort -n | tail -1)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || return 1
    for _ in $(seq 1 30); do port_open 5432 && break; sleep 1; done
  fi
  command -v psql >/dev/null || apt_install postgresql-client || return 1
  if ! pg_try; then
    # a fresh Debian cluster: give the postgres role the password the tests use
    su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >&2 || return 1
    pg_try || { echo "Cannot log in to PostgreSQL on 127.0.0.1:5432 as postgres" >&2; return 1; }
  fi
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres:postgres@127.0.0.1:5432
}

# Sets CHROMIUM_PATH to Debian's Chromium, installing it when missing.
ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$CHROMIUM_PATH" ]; then
    echo "Installing Chromium (Debian package) ..." >&2
    apt_install chromium || return 1
  fi
}
