#!/usr/bin/env bash
# Throwaway PostgreSQL 15 on loopback for tests and CI.
#   scripts/services/postgres.sh start DIR [PORT]  → prints the database URL
#   scripts/services/postgres.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?state dir}; port=${3:-55432}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ ! -x "$PGBIN/initdb" ]; then echo "PostgreSQL 15 binaries not found in $PGBIN (apt-get install -y postgresql-15)" >&2; exit 3; fi
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"; chmod 700 "$dir"
    # A folder from an earlier start is reused (a dev database survives a reboot); a new one is created.
    [ -f "$dir/data/PG_VERSION" ] ||
      as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    if ! as_pg "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    fi
    "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname = 'igny8_test'" | grep -q 1 ||
      "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres igny8_test
    echo "postgres://postgres@127.0.0.1:$port/igny8_test"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
