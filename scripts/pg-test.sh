#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for the test suite.
#   pg-test.sh start DIR   initdb + pg_ctl start on a free local port under DIR;
#                          prints the connection URL on stdout
#   pg-test.sh stop DIR    stops it (idempotent)
# As root, the cluster runs as the unprivileged 'postgres' user (PostgreSQL
# refuses to run as root). Installs PostgreSQL from Debian when missing.
set -euo pipefail
cmd="${1:?usage: pg-test.sh start|stop|newdb DIR [NAME]}"
dir="${2:?usage: pg-test.sh start|stop|newdb DIR [NAME]}"

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if [ "$cmd" = stop ]; then exit 0; fi
  echo "pg-test: installing postgresql" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
  port=""
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
  [ -n "$port" ] || { echo "pg-test: no free port" >&2; exit 1; }
  as_owner "$bindir/initdb" -D "$dir/data" -U hazardnet -A trust -E UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U hazardnet hazardnet_test
  echo "$port" >"$dir/port"
  echo "postgresql://hazardnet@127.0.0.1:$port/hazardnet_test"
  ;;
newdb)
  # newdb DIR NAME: a fresh database in the running cluster; prints its URL
  name="${3:?usage: pg-test.sh newdb DIR NAME}"
  port="$(cat "$dir/port")"
  as_owner "$bindir/dropdb" --if-exists -h 127.0.0.1 -p "$port" -U hazardnet "$name" >/dev/null 2>&1 || true
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U hazardnet "$name"
  echo "postgresql://hazardnet@127.0.0.1:$port/$name"
  ;;
stop)
  [ -d "$dir/data" ] || exit 0
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  ;;
*) echo "usage: pg-test.sh start|stop|newdb DIR [NAME]" >&2; exit 2 ;;
esac
