#!/usr/bin/env bash
# Benchmarks of the wijkboekhouding on SQLite and PostgreSQL, and the
# balance report against hledger on the same books; prints a table.
#
# Starts nothing: PostgreSQL is WEI_TEST_POSTGRES_URL (default the local
# test database below; each benchmark works in a fresh schema and drops
# it). The 1,000,000-transaction report dataset is generated once (about
# two minutes) and cached in $TMPDIR as wei-bench-reports-<version>.*.
#
#   bench/ledger.sh                 # POST_BENCHTIME=2s REPORT_RUNS=3
set -euo pipefail
cd "$(dirname "$0")/.."

export WEI_TEST_POSTGRES_URL=${WEI_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

bench() { go test ./internal/store -run '^$' -count 1 -timeout 30m -v "$@" | grep -v -e '^=== RUN' -e '^goos:' -e '^goarch:' -e '^pkg:' | tee -a "$out"; }
echo "# posting (each benchmark starts from an empty database)"
bench -bench '^BenchmarkPost' -benchtime "${POST_BENCHTIME:-2s}"
echo "# reports over 1,000,000 transactions"
bench -bench '^BenchmarkReports$/^(balance|income-statement)$' -benchtime "${REPORT_RUNS:-3}x"
if command -v hledger >/dev/null; then
	# hledger reads the whole journal for every report: one run is enough.
	bench -bench '^BenchmarkReports$/^hledger-balance$' -benchtime 1x
fi

echo
echo "# $(date -u +%Y-%m-%d), $(nproc) cores, $(go env GOVERSION), $(hledger --version 2>/dev/null | head -1 || echo 'no hledger')"
awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 2; i < NF; i++) {
		if ($(i+1) == "ns/op") ns[name] = $i
		if ($(i+1) == "tx/s") tx[name] = $i
	}
}
function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "-" : sprintf("%.2f", a / b) }
function val(v) { return v == "" ? "-" : v }
function secs(v) { return v == "" ? "-" : sprintf("%.3f", v / 1e9) }
END {
	printf "%-40s %12s %12s %12s\n", "posting (transactions per second)", "SQLite", "PostgreSQL", "PG/SQLite"
	n = split("PostSQLite PostPostgres one at a time|PostParallelSQLite/wijken=1 PostParallelPostgres/wijken=1 32 goroutines, 1 wijk|PostParallelSQLite/wijken=4 PostParallelPostgres/wijken=4 32 goroutines, 4 wijken", rows, "|")
	for (r = 1; r <= n; r++) {
		split(rows[r], f, " ")
		s = "Benchmark" f[1]; p = "Benchmark" f[2]
		label = rows[r]; sub(/^[^ ]+ [^ ]+ /, "", label)
		printf "%-40s %12s %12s %12s\n", label, val(tx[s]), val(tx[p]), ratio(tx[p], tx[s])
	}
	print ""
	printf "%-40s %12s %12s %12s\n", "reports, 1,000,000 transactions (s)", "WEI SQLite", "hledger", "hledger/WEI"
	b = "BenchmarkReports/balance"; h = "BenchmarkReports/hledger-balance"; i = "BenchmarkReports/income-statement"
	printf "%-40s %12s %12s %12s\n", "balance report (bal --flat --no-total)", secs(ns[b]), secs(ns[h]), ratio(ns[h], ns[b])
	printf "%-40s %12s %12s %12s\n", "income statement, one year", secs(ns[i]), "-", "-"
}' "$out"
