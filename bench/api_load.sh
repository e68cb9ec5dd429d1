#!/usr/bin/env bash
# Load on `wei serve` with 32 concurrent clients: HTTP reads, single ledger
# transactions posted over the JSON API (POST .../ledger/transactions), and
# for comparison store.Post into the same database. First on a fresh SQLite
# file, then on a fresh schema of WEI_TEST_POSTGRES_URL when it is set; with
# both, a last table puts the rates side by side with their ratio. Starts
# only wei itself, on 127.0.0.1; each phase is bounded (DURATION, default 5s).
#
#   bench/api_load.sh
#   WEI_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' bench/api_load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

go run ./bench/cmd/apiload --duration "${DURATION:-5s}" --postgres "${WEI_TEST_POSTGRES_URL:-}"
