#!/usr/bin/env bash
# A real PostgreSQL for the end-to-end stories, as tests/cli/postgres.rs
# makes one for the command's: Debian's `postgresql` binaries (15 or later),
# a cluster made by initdb in DIR, listening on 127.0.0.1:PORT only. Run as
# root (CI), the server runs as the `postgres` user, which initdb requires:
# DIR and the folders above it must be open to that user (a folder made by
# mktemp -d in /tmp is; DIR itself is opened here).
#
# The database `office` has Pacta's schema (set up by the real `pacta
# server init`); `admin` owns it and is trusted from 127.0.0.1; each ROLE
# (default: ana) is a login role in `pacta_member` whose password
# (ROLE-secret) is in the password file DIR/pgpass, as an office would set
# it up: give it to Pacta as PGPASSFILE.
#
#   postgres.sh start DIR PORT [ROLE…]   make the cluster and start it in the background
#   postgres.sh psql DIR SQL             run SQL in `office` as admin; prints the rows
#   postgres.sh stop DIR                 stop it at once (the cluster is thrown away)
#
# The pacta command: $PACTA_CLI_BIN, else target/debug/pacta.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pacta=${PACTA_CLI_BIN:-$root/target/debug/pacta}

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

# The newest installed server's binaries (/usr/lib/postgresql/N/bin).
binaries() {
  local best="" v
  for dir in /usr/lib/postgresql/*/bin; do
    v=$(basename "$(dirname "$dir")")
    [[ $v =~ ^[0-9]+$ && $v -ge 15 && -x $dir/initdb ]] || continue
    if [[ -z $best ]] || ((v > $(basename "$(dirname "$best")"))); then best=$dir; fi
  done
  [[ -n $best ]] || die "PostgreSQL 15 or later is not installed (Debian's postgresql; scripts/setup installs it)"
  echo "$best"
}

# A server program, run as `postgres` when we are root.
as_server_user() {
  if [[ $(id -u) == 0 ]]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else
    "$@"
  fi
}

psql_admin() { # DB SQL
  "$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(cat "$dir/port")" -U admin -d "$1" -c "$2"
}

cmd=${1:-}
dir=${2:-}
[[ -n $cmd && -n $dir ]] || die "usage: postgres.sh start DIR PORT [ROLE…] | psql DIR SQL | stop DIR"
bin=$(binaries)
dir=$(realpath -m "$dir")
data=$dir/data

case $cmd in
start)
  port=${3:-}
  [[ $port =~ ^[0-9]+$ ]] || die "start needs a port"
  shift 3
  roles=("$@")
  ((${#roles[@]})) || roles=(ana)
  mkdir -p "$data"
  echo "$port" >"$dir/port"
  if [[ $(id -u) == 0 ]]; then
    chmod 755 "$dir"
    chown postgres:postgres "$data"
  fi
  as_server_user "$bin/initdb" -D "$data" -U admin -A trust --no-sync -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    die "initdb failed: $(cat "$dir/initdb.log")"
  # The administrator on this machine is trusted; everyone else gives a
  # password, as on an office's server.
  printf 'local all all trust\nhost all admin 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n' >"$data/pg_hba.conf"
  # In the background, a session of its own, its output in DIR/postgres.log
  # (nothing left open on the caller's pipes).
  as_server_user setsid "$bin/postgres" -D "$data" -p "$port" \
    -c listen_addresses=127.0.0.1 -c "unix_socket_directories=$data" -c fsync=off -c max_connections=40 \
    </dev/null >"$dir/postgres.log" 2>&1 &
  for ((i = 0; ; i++)); do
    "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q && break
    ((i < 300)) || die "PostgreSQL did not start on port $port: $(cat "$dir/postgres.log")"
    sleep 0.1
  done
  psql_admin postgres "CREATE DATABASE office"
  # The server's administrator has no data dir of their own: given an empty one.
  "$pacta" --data-dir "$dir/admin" server init --url "postgres://admin@127.0.0.1:$port/office" >/dev/null
  : >"$dir/pgpass"
  chmod 600 "$dir/pgpass"
  for role in "${roles[@]}"; do
    [[ $role =~ ^[a-z][a-z0-9_]*$ ]] || die "not a role name: $role"
    psql_admin office "CREATE ROLE $role LOGIN PASSWORD '$role-secret' IN ROLE pacta_member"
    echo "*:$port:office:$role:$role-secret" >>"$dir/pgpass"
  done
  ;;
psql)
  [[ -n ${3:-} ]] || die "psql needs SQL"
  psql_admin office "$3"
  ;;
stop)
  [[ -f $data/postmaster.pid ]] || exit 0
  pid=$(head -n 1 "$data/postmaster.pid")
  # Immediate shutdown: the cluster is thrown away.
  kill -QUIT "$pid" 2>/dev/null || exit 0
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || exit 0
    sleep 0.1
  done
  die "PostgreSQL (pid $pid) did not stop"
  ;;
*)
  die "unknown command: $cmd"
  ;;
esac
