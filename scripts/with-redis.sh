#!/usr/bin/env bash
# Usage: scripts/with-redis.sh CMD [ARGS...]
# Run CMD with REDIS_URL pointing at a throw-away, non-persistent redis-server on 127.0.0.1.
source "$(dirname "$0")/lib.sh"
(($#)) || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }

apt_ensure redis-server
tmp="$(mktemp -d "${TMPDIR:-/tmp}/redis.XXXXXX")"
port="$(free_port)"

redis-server --bind 127.0.0.1 --port "$port" --dir "$tmp" --save "" --appendonly no \
    --logfile "$tmp/redis.log" &
redis_pid=$!
cleanup() {
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Wait (up to 10 s) until the server answers.
for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    kill -0 "$redis_pid" 2>/dev/null || { cat "$tmp/redis.log" >&2; exit 1; }
    sleep 0.2
done
redis-cli -p "$port" ping >/dev/null

export REDIS_URL="redis://127.0.0.1:$port/0"
"$@"
