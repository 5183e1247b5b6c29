#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
# Run CMD with DATABASE_URL pointing at a throw-away PostgreSQL 15 server on 127.0.0.1.
# The server and its data directory are removed afterwards, whatever CMD does.
source "$(dirname "$0")/lib.sh"
(($#)) || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }

PG_BIN=/usr/lib/postgresql/15/bin
[[ -x $PG_BIN/initdb ]] || apt_ensure postgresql-15

# PostgreSQL refuses to run as root: as root, run it as the "postgres" system user.
as_pg=()
if [[ $EUID -eq 0 ]]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    as_pg=(runuser -u postgres --)
fi
# Run from the temp dir: the postgres user may not be allowed into the caller's directory.
pg() { (cd "$tmp" && "${as_pg[@]}" "$PG_BIN/$1" "${@:2}"); }

tmp=""
cleanup() {
    [[ -n $tmp ]] || return 0
    pg pg_ctl -D "$tmp/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pg15.XXXXXX")"
port="$(free_port)"
if ((${#as_pg[@]})); then chown postgres: "$tmp"; fi

# C.UTF-8 rather than C: pg_trgm extracts no trigrams from Chinese text under the C locale.
pg initdb -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Durability is pointless for a throw-away cluster; skipping fsync makes tests faster.
pg pg_ctl -D "$tmp/data" -l "$tmp/server.log" -w -s start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    || { cat "$tmp/server.log" >&2; exit 1; }
pg createdb -h 127.0.0.1 -p "$port" -U postgres budget

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/budget"
# libpq defaults too, so plain `psql` (or psql "") reaches the same database.
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGDATABASE=budget
"$@"
