#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for trove's tests: initdb into a temporary directory as an unprivileged
# user (PostgreSQL refuses to run as root), listening on a Unix socket in that directory and on 127.0.0.1
# at a free port, trust authentication, locale C.UTF-8, UTF8.
#
#   source scripts/test-postgres.sh        start one for this shell (CI): exports TROVE_TEST_POSTGRES and
#                                           stops the server when the shell exits; returns 1 when it can't
#   scripts/test-postgres.sh start         start one for development: prints the export line and the stop
#                                           command, and leaves it running
#   scripts/test-postgres.sh stop DIR      stop the server started in DIR and remove DIR
#   scripts/test-postgres.sh run CMD...    start one, run CMD with TROVE_TEST_POSTGRES set, stop it
#
# The URL names the superuser `postgres` and the database `postgres`; tests create their own schemas.

trove_pg_bin=/usr/lib/postgresql/15/bin

trove_pg_install() {
    [ -x "$trove_pg_bin/initdb" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "test-postgres: PostgreSQL 15 is missing (run: sudo apt-get install postgresql)" >&2
        return 1
    fi
    echo "test-postgres: installing postgresql" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql </dev/null >&2
}

# Runs its arguments as the server's owner: `trove-pg` (created when absent) under root, else the caller.
trove_pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u trove-pg -- "$@"
    else
        "$@"
    fi
}

# Starts a server; prints its directory, then its URL, one a line.
trove_pg_start() {
    trove_pg_install || return 1
    if [ "$(id -u)" -eq 0 ] && ! id trove-pg >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin trove-pg || return 1
    fi
    local dir
    dir=$(mktemp -d /tmp/trove-pg.XXXXXX) || return 1
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown trove-pg "$dir"
    if ! trove_pg_as_owner "$trove_pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust \
        --locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1; then
        echo "test-postgres: initdb failed:" >&2
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        return 1
    fi
    local attempt port
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 40000))
        if trove_pg_as_owner "$trove_pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null 2>&1; then
            printf '%s\n%s\n' "$dir" "postgresql://postgres@127.0.0.1:$port/postgres"
            return 0
        fi
    done
    echo "test-postgres: the server did not start:" >&2
    tail -n 20 "$dir/server.log" >&2
    rm -rf "$dir"
    return 1
}

trove_pg_stop() {
    local dir=$1
    [ -d "$dir/data" ] || return 0
    trove_pg_as_owner "$trove_pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: start one for the calling shell.
    trove_pg_started=$(trove_pg_start) || return 1
    TROVE_TEST_POSTGRES_DIR=$(sed -n 1p <<<"$trove_pg_started")
    TROVE_TEST_POSTGRES=$(sed -n 2p <<<"$trove_pg_started")
    export TROVE_TEST_POSTGRES
    trap 'trove_pg_stop "$TROVE_TEST_POSTGRES_DIR"' EXIT
    echo "test-postgres: PostgreSQL at $TROVE_TEST_POSTGRES" >&2
    return 0
fi

set -euo pipefail
case "${1:-}" in
start)
    started=$(trove_pg_start)
    dir=$(sed -n 1p <<<"$started")
    echo "export TROVE_TEST_POSTGRES=$(sed -n 2p <<<"$started")"
    echo "# stop it with: $0 stop $dir" >&2
    ;;
stop)
    trove_pg_stop "${2:?usage: $0 stop DIR}"
    ;;
run)
    shift
    started=$(trove_pg_start)
    dir=$(sed -n 1p <<<"$started")
    trap 'trove_pg_stop "$dir"' EXIT
    TROVE_TEST_POSTGRES=$(sed -n 2p <<<"$started") "$@"
    ;;
*)
    echo "usage: $0 start | stop DIR | run CMD... (or source it)" >&2
    exit 64
    ;;
esac
