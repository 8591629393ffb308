#!/usr/bin/env bash
# Runs every test: installs the dev requirements, Debian's chromium (browser tests) and
# PostgreSQL (store tests) when missing, starts a throwaway PostgreSQL, then pytest.
# Usage: bash scripts/test.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

log "python packages"
python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq; APT_UPDATED=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "cannot install $* (need root and apt-get); the tests that need it will be skipped"
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium for the browser tests"
  apt_install chromium fonts-dejavu-core
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "${HECHTING_TEST_DATABASE_URL:-}" ] && [ -z "$PG_BIN" ]; then
  log "installing PostgreSQL for the store tests"
  apt_install postgresql
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi

PGDATA_DIR=""
stop_pg() {
  if [ -n "$PGDATA_DIR" ]; then
    su postgres -c "$PG_BIN/pg_ctl -D $PGDATA_DIR -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$PGDATA_DIR"
  fi
}
trap stop_pg EXIT

if [ -z "${HECHTING_TEST_DATABASE_URL:-}" ] && [ -n "$PG_BIN" ] && [ "$(id -u)" = 0 ]; then
  log "starting a throwaway PostgreSQL"
  PGDATA_DIR=$(mktemp -d /tmp/hechting-pg.XXXXXX)
  PG_PORT=$(python -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  chown postgres "$PGDATA_DIR"
  su postgres -c "$PG_BIN/initdb -D $PGDATA_DIR -A trust -U postgres" >/dev/null
  su postgres -c "$PG_BIN/pg_ctl -D $PGDATA_DIR -o '-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c max_connections=300' -w -l $PGDATA_DIR/log start" >/dev/null
  su postgres -c "$PG_BIN/psql -h 127.0.0.1 -p $PG_PORT -U postgres -qc 'create database hechting_test'"
  export HECHTING_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/hechting_test"
fi

log "lint"
python -m ruff check .

log "tests"
python -m pytest -n 2 --dist loadfile "$@"
