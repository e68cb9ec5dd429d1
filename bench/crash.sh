#!/usr/bin/env bash
# Crash test of the wijkboekhouding: kill -9 a process that is posting from
# 16 goroutines, then check that every acknowledged transaction is booked
# exactly once and the books balance; restart it for a second round that
# also posts the acknowledged keys again (each must return its first
# booking), kill it again and check again.
#
# Runs on a SQLite file in a temporary folder and, when
# WEI_TEST_POSTGRES_URL is set, in a fresh schema of that PostgreSQL
# database (dropped afterwards). Starts nothing else; loopback only.
#
#   bench/crash.sh            # KILL_AFTER=3 seconds of posting per round
set -uo pipefail
cd "$(dirname "$0")/.."

kill_after=${KILL_AFTER:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/crashpost" ./bench/cmd/crashpost || exit 1

failed=0

# round DSN SCHEMA KEYS NAME [--replay KEYS]: post until killed.
round() {
	local dsn=$1 schema=$2 keys=$3 name=$4
	shift 4
	"$tmp/crashpost" --db "$dsn" --schema "$schema" --round "$name" "$@" >>"$keys" 2>>"$tmp/poster.log" &
	local pid=$!
	sleep "$kill_after"
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		echo "FAIL: the poster of $name stopped before it was killed (exit $?):"
		tail -n 5 "$tmp/poster.log"
		return 1
	fi
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	echo "  $name: killed after ${kill_after}s; $(wc -l <"$keys") keys acknowledged so far"
}

# engine LABEL DSN SCHEMA
engine() {
	local label=$1 dsn=$2 schema=$3 keys="$tmp/$1.keys"
	: >"$keys"
	echo "== $label"
	round "$dsn" "$schema" "$keys" r1 || return 1
	"$tmp/crashpost" --db "$dsn" --schema "$schema" --check --keys "$keys" || return 1
	round "$dsn" "$schema" "$keys" r2 --replay "$keys" || return 1
	"$tmp/crashpost" --db "$dsn" --schema "$schema" --check --keys "$keys" || return 1
}

engine sqlite "$tmp/crash.db" "" || failed=1

if [ -n "${WEI_TEST_POSTGRES_URL:-}" ]; then
	schema="crash_$(date +%s)_$$"
	engine postgres "$WEI_TEST_POSTGRES_URL" "$schema" || failed=1
	"$tmp/crashpost" --db "$WEI_TEST_POSTGRES_URL" --schema "$schema" --drop || true
else
	echo "== postgres: skipped (WEI_TEST_POSTGRES_URL is not set)"
fi

if [ "$failed" -ne 0 ]; then
	echo "FAIL"
	exit 1
fi
echo "PASS"
