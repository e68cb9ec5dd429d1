#!/usr/bin/env bash
# Benchmarks of the wijkboekhouding on SQLite and PostgreSQL, and the
# balance report against hledger on the same books; prints a table.
#
# Starts nothing: PostgreSQL is WEI_TEST_POSTGRES_URL (default the local
# test database below; each benchmark works in a fresh schema and drops
# it). The 1,000,000-transaction report dataset is generated once (about
# two minutes) and cached in $TMPDIR as wei-bench-reports-<version>.*.
#
#   bench/ledger.sh                 # POST_BENCHTIME=2s REPORT_RUNS=3 VERIFY_RUNS=2 PUBLIC_RUNS=2
set -euo pipefail
cd "$(dirname "$0")/.."

export WEI_TEST_POSTGRES_URL=${WEI_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

bench() { go test ./internal/store -run '^$' -count 1 -timeout 30m -v "$@" | grep -v -e '^=== RUN' -e '^goos:' -e '^goarch:' -e '^pkg:' | tee -a "$out"; }
echo "# posting (each benchmark starts from an empty database)"
bench -bench '^BenchmarkPost' -benchtime "${POST_BENCHTIME:-2s}"
echo "# reports over 1,000,000 transactions: cached month totals and, in the same run, the scan of all postings"
bench -bench '^BenchmarkReports$/^(balance|income-statement|mid-month-period)(-scan)?$' -benchtime "${REPORT_RUNS:-3}x"
echo "# verification: full (VerifyLedger) and the public page's check from the stored checkpoint (CheckedLedger)"
bench -bench '^BenchmarkReports$/^verify-(full|page)$' -benchtime "${VERIFY_RUNS:-2}x"
echo "# the public page and API over 1,000,000 transactions, one year: before (CheckedLedger + NewFlows) and after (CheckLedgerTail + PublicFlows)"
bench -bench '^BenchmarkPublicPage$' -benchtime "${PUBLIC_RUNS:-2}x"
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
	printf "%-40s %12s %12s %12s\n", "reports, 1,000,000 transactions (s)", "cached", "scan", "scan/cached"
	n = split("balance balance report (all time)|income-statement income statement, one year|mid-month-period 15 Mar 2023 .. 20 Sep 2024", rows, "|")
	for (r = 1; r <= n; r++) {
		split(rows[r], f, " ")
		c = "BenchmarkReports/" f[1]; sc = c "-scan"
		label = rows[r]; sub(/^[^ ]+ /, "", label)
		printf "%-40s %12s %12s %12s\n", label, secs(ns[c]), secs(ns[sc]), ratio(ns[sc], ns[c])
	}
	h = "BenchmarkReports/hledger-balance"; b = "BenchmarkReports/balance"
	printf "%-40s %12s\n", "hledger bal --flat --no-total, same books", secs(ns[h])
	printf "hledger / WEI: %s (cached), %s (scan)\n", ratio(ns[h], ns[b]), ratio(ns[h], ns[b "-scan"])
	print ""
	printf "%-40s %12s\n", "verification, 1,000,000 transactions (s)", "time"
	printf "%-40s %12s\n", "full: VerifyLedger (wei, audits)", secs(ns["BenchmarkReports/verify-full"])
	printf "%-40s %12s\n", "public page: CheckedLedger (checkpoint)", secs(ns["BenchmarkReports/verify-page"])
	print ""
	o = "BenchmarkPublicPage/old"; p = "BenchmarkPublicPage/new"
	printf "%-40s %12s %12s %12s\n", "public page, 1,000,000 transactions (s)", "before", "after", "before/after"
	printf "%-40s %12s %12s %12s\n", "check and figures of 2024", secs(ns[o]), secs(ns[p]), ratio(ns[o], ns[p])
}' "$out"
