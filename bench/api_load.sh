#!/usr/bin/env bash
# Load on `wei serve` with 32 concurrent clients: HTTP reads, and posting
# into the same database through store.Post (there is no HTTP route for
# posting ledger transactions yet). First on a fresh SQLite file, then on a
# fresh schema of WEI_TEST_POSTGRES_URL when it is set. Starts only wei
# itself, on 127.0.0.1; each phase is bounded (DURATION, default 5s).
#
#   bench/api_load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

d=${DURATION:-5s}
go run ./bench/cmd/apiload --duration "$d"
if [ -n "${WEI_TEST_POSTGRES_URL:-}" ]; then
	echo
	go run ./bench/cmd/apiload --duration "$d" --db "$WEI_TEST_POSTGRES_URL"
else
	echo "postgres: skipped (WEI_TEST_POSTGRES_URL is not set)"
fi
