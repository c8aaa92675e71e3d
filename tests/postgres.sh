#!/usr/bin/env bash
# A private PostgreSQL server for the evaluation and the benchmarks, made from Debian's packages like the tests' own:
#   tests/postgres.sh start DIR   initialises DIR when empty, starts the server on 127.0.0.1 and a spare port, and
#                                 prints its connection string (the database 'postgres', user 'postgres', trust auth)
#   tests/postgres.sh stop DIR    stops it and deletes what start made in DIR
# Example: cs=$(tests/postgres.sh start /tmp/hw-pg) && dotnet run ... --postgres "$cs"; tests/postgres.sh stop /tmp/hw-pg
# Runs the server as the 'postgres' user when called as root. The server keeps PostgreSQL's durable defaults (fsync on),
# so figures measured against it are not flattered.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
command=$1
dir=$2

bin=$(compgen -G "/usr/lib/postgresql/*/bin" | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "PostgreSQL is missing: install Debian's 'postgresql' package (apt-get install -y postgresql)." >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/port" ] && as_postgres "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; then
      echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres;Database=postgres"
      exit 0
    fi
    mkdir -p "$dir/socket"
    [ "$(id -u)" = "0" ] && chown -R postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_postgres "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_postgres "$bin/pg_ctl" stop -D "$dir/data" -m fast -w >/dev/null 2>&1 || true
      # Only what start made: DIR itself goes only when nothing else is left in it.
      rm -rf "$dir/data" "$dir/socket" "$dir/server.log" "$dir/initdb.log" "$dir/port"
      rmdir "$dir" 2>/dev/null || true
    fi
    ;;
  *)
    usage
    ;;
esac
