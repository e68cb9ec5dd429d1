package store_test

// Benchmarks of the wijkboekhouding (issue 4, "Measured"). They are not
// part of CI; bench/ledger.sh runs them and prints a table.
//
//	go test ./internal/store -run '^$' -bench 'BenchmarkPost' -benchtime 2s
//	go test ./internal/store -run '^$' -bench 'BenchmarkReports' -benchtime 5x -timeout 30m

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// postAccounts is the number of accounts transfers move money between.
const postAccounts = 8

// postBooks makes a wijk with a fund and postAccounts accounts that hold
// plenty, so benchmark transfers are never refused for lack of balance.
func postBooks(b *testing.B, s *store.Store, slug string) (string, ledger.Account, []ledger.Account) {
	b.Helper()
	accts := []ledger.Account{{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true}}
	for i := range postAccounts {
		accts = append(accts, ledger.Account{Code: fmt.Sprintf("Rekening:%d", i), Type: ledger.TypeBank})
	}
	w, a := books(b, s, slug, accts...)
	out := make([]ledger.Account, postAccounts)
	for i := range out {
		out[i] = a[fmt.Sprintf("Rekening:%d", i)]
		if _, _, err := s.Post(b.Context(), transfer(w, "start-"+out[i].Code, a["Fonds"], out[i], 1_000_000_000_000)); err != nil {
			b.Fatal(err)
		}
	}
	return w, a["Fonds"], out
}

func reportTxPerSec(b *testing.B, n int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(n)/s, "tx/s")
	}
}

// benchPostSequential posts one transfer at a time, each its own
// transaction, between a few accounts.
func benchPostSequential(b *testing.B, s *store.Store) {
	w, _, accts := postBooks(b, s, "sequentieel")
	ctx := b.Context()
	n := 0
	for b.Loop() {
		from, to := accts[n%postAccounts], accts[(n+1+n/postAccounts)%postAccounts]
		if from.ID == to.ID {
			to = accts[(n+1)%postAccounts]
		}
		if _, _, err := s.Post(ctx, transfer(w, fmt.Sprintf("seq-%d", n), from, to, int64(1+n%500))); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportTxPerSec(b, n)
}

func BenchmarkPostSQLite(b *testing.B)   { benchPostSequential(b, OpenTestSQLite(b)) }
func BenchmarkPostPostgres(b *testing.B) { benchPostSequential(b, OpenTestPostgres(b)) }

// postWorkers is the number of goroutines posting at once: the 32
// concurrent clients of the issue.
const postWorkers = 32

// benchPostParallel has postWorkers goroutines post b.N transfers between
// random (so overlapping) pairs of accounts. With several wijken each
// goroutine posts in one of them: a wijk's chain head is locked for every
// post, so one wijk is a serial queue on PostgreSQL too.
func benchPostParallel(b *testing.B, open func(testing.TB) *store.Store) {
	for _, wijken := range []int{1, 4} {
		b.Run(fmt.Sprintf("wijken=%d", wijken), func(b *testing.B) {
			s := open(b)
			type book struct {
				id    string
				accts []ledger.Account
			}
			bks := make([]book, wijken)
			for i := range bks {
				id, _, accts := postBooks(b, s, fmt.Sprintf("parallel-%d", i))
				bks[i] = book{id, accts}
			}
			ctx := b.Context()
			var next atomic.Int64
			var refused atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for g := range postWorkers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					bk := bks[g%wijken]
					r := rand.New(rand.NewPCG(uint64(g), uint64(b.N)))
					for {
						i := next.Add(1)
						if i > int64(b.N) {
							return
						}
						from := r.IntN(postAccounts)
						to := (from + 1 + r.IntN(postAccounts-1)) % postAccounts
						_, _, err := s.Post(ctx, transfer(bk.id, fmt.Sprintf("par-%d-%d", g, i), bk.accts[from], bk.accts[to], int64(1+r.IntN(500))))
						if wei.ErrorCode(err) == wei.EINVALID {
							refused.Add(1)
						} else if err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.StopTimer()
			if refused.Load() > 0 {
				b.Fatalf("%d transfers refused; the accounts should hold enough", refused.Load())
			}
			reportTxPerSec(b, b.N)
		})
	}
}

func BenchmarkPostParallelSQLite(b *testing.B)   { benchPostParallel(b, OpenTestSQLite) }
func BenchmarkPostParallelPostgres(b *testing.B) { benchPostParallel(b, OpenTestPostgres) }

// The report dataset: one wijk, a year and a half of a busy wijk's books
// times a thousand. Bump reportsVersion when the generator or the schema
// of the ledger changes, so a cached file is not reused.
const (
	reportsVersion = "v3"
	reportsTx      = 1_000_000
	reportsBatch   = 1000 // rows per INSERT statement
	reportsDays    = 730  // 2023-01-01 .. 2024-12-31
)

var reportsStart = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// reportsData is the cached dataset: the SQLite file, the journal
// exported from it, and the wijk.
type reportsData struct {
	db, journal, wijkID string
}

// reportsDataset returns the cached dataset in os.TempDir(), generating it
// when it is missing (about a minute and a half on 2 cores).
func reportsDataset(b *testing.B) reportsData {
	b.Helper()
	base := filepath.Join(os.TempDir(), "wei-bench-reports-"+reportsVersion)
	d := reportsData{db: base + ".db", journal: base + ".journal"}
	if id, err := os.ReadFile(base + ".ok"); err == nil {
		d.wijkID = strings.TrimSpace(string(id))
		return d
	}
	for _, f := range []string{d.db, d.db + "-wal", d.db + "-shm", d.journal} {
		os.Remove(f)
	}
	start := time.Now()
	s, err := store.Open(context.Background(), d.db, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	d.wijkID = generateReportBooks(b, s)
	b.Logf("generated %d transactions in %s", reportsTx, time.Since(start).Round(time.Millisecond))
	t := time.Now()
	broken, bad, err := s.VerifyLedger(context.Background(), d.wijkID)
	if err != nil || broken != 0 || len(bad) != 0 {
		b.Fatalf("VerifyLedger on the generated books = %d %v %v", broken, bad, err)
	}
	b.Logf("VerifyLedger over %d transactions passed in %s", reportsTx, time.Since(t).Round(time.Millisecond))
	t = time.Now()
	if err := exportJournal(b, s, d.wijkID, d.journal); err != nil {
		b.Fatal(err)
	}
	b.Logf("exported the journal in %s", time.Since(t).Round(time.Millisecond))
	if err := os.WriteFile(base+".ok", []byte(d.wijkID+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return d
}

// sqlQuote renders a string as an SQL literal.
func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// generateReportBooks writes reportsTx transactions straight into the
// tables, in a few large transactions of multi-row INSERTs: Post would take
// an hour. The hashes are computed by ledger.Transaction.ChainHash and the
// fingerprints as Post computes them, and the balances and month totals
// are set to the sums of the postings, so VerifyLedger passes. There is no ANALYZE, as WEI
// runs none: with sqlite_stat1 filled SQLite plans AccountTotals as one
// probe of the postings per transaction per account (45 x 1M), several
// times slower.
func generateReportBooks(b *testing.B, s *store.Store) string {
	ctx := context.Background()
	w := wijk.Wijk{Slug: "rapport", Name: "Rapportwijk", CBSCode: "WK036301", CBSYear: 2024, Municipality: "Amsterdam"}
	if err := s.CreateWijk(ctx, &w); err != nil {
		b.Fatal(err)
	}
	if err := s.EnsureAsset(ctx, ledger.Asset{WijkID: w.ID, Code: ledger.EUR, Name: "Euro", Kind: ledger.KindEuro, Decimals: 2}); err != nil {
		b.Fatal(err)
	}
	// The chart: the standard accounts, three funders, and twelve
	// initiatives with a budget, income and expenses each. Limits are not
	// checked on this path, so every account may go below zero.
	chart := []ledger.Account{
		{Code: store.CodeBank, Type: ledger.TypeBank}, {Code: store.CodeWijkbudget, Type: ledger.TypeFund},
		{Code: store.CodeSuspense, Type: ledger.TypeSuspense}, {Code: store.CodePayable, Type: ledger.TypePayable},
		{Code: store.CodeWorld, Type: ledger.TypeWorld}, {Code: store.CodeCoop + ":Wijkcooperatie", Type: ledger.TypeFund},
	}
	for _, f := range []string{"Gemeente", "Fonds", "Woningcorporatie"} {
		chart = append(chart, ledger.Account{Code: store.CodeFunders + ":" + f, Type: ledger.TypeFunder})
	}
	for i := range 12 {
		base := fmt.Sprintf("%s:Initiatief %02d", store.CodeInitiative, i)
		chart = append(chart, ledger.Account{Code: base + ":Budget", Type: ledger.TypeBudget},
			ledger.Account{Code: base + ":Inkomsten", Type: ledger.TypeIncome}, ledger.Account{Code: base + ":Uitgaven", Type: ledger.TypeExpense})
	}
	byType := map[ledger.AccountType][]ledger.Account{}
	for i := range chart {
		a := &chart[i]
		a.WijkID, a.Asset, a.AllowOverdraft = w.ID, ledger.EUR, true
		if err := s.CreateAccount(ctx, a); err != nil {
			b.Fatal(err)
		}
		byType[a.Type] = append(byType[a.Type], *a)
	}
	bank, suspense, payable, world := byType[ledger.TypeBank][0], byType[ledger.TypeSuspense][0], byType[ledger.TypePayable][0], byType[ledger.TypeWorld][0]
	funders, budgets, incomes, expenses := byType[ledger.TypeFunder], byType[ledger.TypeBudget], byType[ledger.TypeIncome], byType[ledger.TypeExpense]

	r := rand.New(rand.NewPCG(4, 2025))
	balances := map[string]int64{}
	type monthKey struct{ account, month string }
	monthTotals := map[monthKey]int64{}
	run := func(q string) {
		if err := s.ExecForTest(ctx, q); err != nil {
			b.Fatalf("%.200s: %v", q, err)
		}
	}
	created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	prev := ""
	var txSQL, pSQL strings.Builder
	flush := func() {
		if txSQL.Len() > 0 {
			run("INSERT INTO ledger_transactions (id, wijk_id, seq, on_date, description, category, idempotency_key, fingerprint, reverses_id, prev_hash, hash, created_by, created_at) VALUES " + txSQL.String())
			run("INSERT INTO ledger_postings (transaction_id, position, account_id, asset, amount, memo) VALUES " + pSQL.String())
			txSQL.Reset()
			pSQL.Reset()
		}
	}
	run("BEGIN IMMEDIATE")
	for i := range reportsTx {
		seq := int64(i + 1)
		t := ledger.Transaction{ID: wei.NewID(), WijkID: w.ID, Seq: seq, On: reportsStart.AddDate(0, 0, i*reportsDays/reportsTx),
			IdempotencyKey: fmt.Sprintf("gen-%07d", seq), PrevHash: prev, CreatedBy: "bench"}
		amount := int64(100 + r.IntN(50_000))
		ini := r.IntN(len(budgets))
		pair := func(debit, credit ledger.Account) {
			t.Postings = []ledger.Posting{{AccountID: debit.ID, Asset: ledger.EUR, Amount: amount}, {AccountID: credit.ID, Asset: ledger.EUR, Amount: -amount}}
		}
		switch k := i % 20; {
		case k == 0:
			t.Description, t.Category = "Subsidie", "subsidie"
			pair(bank, funders[r.IntN(len(funders))])
			t.Postings[0].Amount, t.Postings[1].Amount = 40*amount, -40*amount
		case k < 4:
			t.Description, t.Category = "Toekenning wijkbudget", "toekenning"
			pair(budgets[ini], bank)
		case k < 12:
			t.Description, t.Category = "Uitgave", "materiaal"
			pair(expenses[ini], budgets[ini])
		case k < 15:
			t.Description, t.Category = "Inkomsten activiteit", "inkomsten"
			pair(budgets[ini], incomes[ini])
		case k < 17:
			t.Description, t.Category = "Banklijn", "import"
			pair(bank, suspense)
		case k < 19:
			t.Description, t.Category = "Declaratie", "declaratie"
			pair(expenses[ini], payable)
		default: // a split payment: the claim and a supplier from the bank
			t.Description, t.Category = "Betaling", "betaling"
			half := amount / 2
			t.Postings = []ledger.Posting{{AccountID: payable.ID, Asset: ledger.EUR, Amount: half},
				{AccountID: world.ID, Asset: ledger.EUR, Amount: amount - half}, {AccountID: bank.ID, Asset: ledger.EUR, Amount: -amount}}
		}
		t.Hash = t.ChainHash(prev)
		prev = t.Hash
		fp := sha256.Sum256([]byte(t.Fingerprint()))
		if txSQL.Len() > 0 {
			txSQL.WriteByte(',')
		}
		fmt.Fprintf(&txSQL, "(%s,%s,%d,%s,%s,%s,%s,'%s','',%s,%s,'bench',%d)", sqlQuote(t.ID), sqlQuote(w.ID), seq, sqlQuote(t.On.Format(time.DateOnly)),
			sqlQuote(t.Description), sqlQuote(t.Category), sqlQuote(t.IdempotencyKey), hex.EncodeToString(fp[:]), sqlQuote(t.PrevHash), sqlQuote(t.Hash), created)
		for pos, p := range t.Postings {
			if pSQL.Len() > 0 {
				pSQL.WriteByte(',')
			}
			fmt.Fprintf(&pSQL, "(%s,%d,%s,'EUR',%d,'')", sqlQuote(t.ID), pos, sqlQuote(p.AccountID), p.Amount)
			balances[p.AccountID] += p.Amount
			monthTotals[monthKey{p.AccountID, t.On.Format("2006-01")}] += p.Amount
		}
		if seq%reportsBatch == 0 {
			flush()
		}
		if seq%250_000 == 0 { // a few transactions keep the WAL small
			run("COMMIT")
			run("BEGIN IMMEDIATE")
		}
	}
	flush()
	for id, bal := range balances {
		run(fmt.Sprintf("UPDATE ledger_accounts SET balance = %d WHERE id = %s", bal, sqlQuote(id)))
	}
	// The cached month totals, as Post keeps them.
	var mSQL strings.Builder
	for k, total := range monthTotals {
		if mSQL.Len() > 0 {
			mSQL.WriteByte(',')
		}
		fmt.Fprintf(&mSQL, "(%s,%s,%s,%d)", sqlQuote(w.ID), sqlQuote(k.account), sqlQuote(k.month), total)
	}
	run("INSERT INTO ledger_month_totals (wijk_id, account_id, month, total) VALUES " + mSQL.String())
	run(fmt.Sprintf("INSERT INTO ledger_heads (wijk_id, seq, hash) VALUES (%s, %d, %s)", sqlQuote(w.ID), reportsTx, sqlQuote(prev)))
	run("COMMIT")
	return w.ID
}

// exportJournal writes the books as an hledger journal with
// ledger.WriteJournal, a month at a time so the whole ledger is never in
// memory; the header of every month after the first is dropped.
func exportJournal(b *testing.B, s *store.Store, wijkID, path string) error {
	ctx := context.Background()
	accts, err := s.LedgerAccounts(ctx, wijkID)
	if err != nil {
		return err
	}
	byID := map[string]ledger.Account{}
	for _, a := range accts {
		byID[a.ID] = a
	}
	assets, err := s.Assets(ctx, wijkID)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	var buf bytes.Buffer
	n := 0
	for m := reportsStart; m.Before(reportsStart.AddDate(0, 0, reportsDays)); m = m.AddDate(0, 1, 0) {
		txs, err := s.LedgerTransactions(ctx, wijkID, m, m.AddDate(0, 1, -1))
		if err != nil {
			return err
		}
		buf.Reset()
		if err := ledger.WriteJournal(&buf, "Rapportwijk", txs, byID, assets); err != nil {
			return err
		}
		out := buf.Bytes()
		if n > 0 {
			i := bytes.Index(out, []byte("\n2"))
			if i < 0 {
				return fmt.Errorf("journal of %s: no transactions", m.Format("2006-01"))
			}
			out = out[i+1:]
		}
		bw.Write(out)
		n += len(txs)
	}
	if n != reportsTx {
		return fmt.Errorf("exported %d transactions, want %d", n, reportsTx)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// BenchmarkReports times the reports over 1,000,000 transactions: the
// balance report and a year's income statement from the cached month
// totals (AccountTotals), and in the same run from a scan of the postings
// (AccountTotalsFromPostings: what AccountTotals did before the month
// totals); a period that starts and ends mid-month; the full verification
// (VerifyLedger) against the check of the public page, which rehashes only
// the chain after the stored checkpoint (CheckedLedger); and hledger's
// balance report over the same books exported as a journal (hledger reads
// the whole journal for every report).
func BenchmarkReports(b *testing.B) {
	d := reportsDataset(b)
	s, err := store.Open(context.Background(), d.db, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	type totalsFunc func(context.Context, string, time.Time, time.Time) ([]store.AccountTotal, error)
	results := map[string][]store.AccountTotal{}
	report := func(name string, f totalsFunc, from, to time.Time, check func(*testing.B, []store.AccountTotal)) {
		b.Run(name, func(b *testing.B) {
			var out []store.AccountTotal
			for b.Loop() {
				if out, err = f(b.Context(), d.wijkID, from, to); err != nil {
					b.Fatal(err)
				}
			}
			check(b, out)
			results[name] = out
		})
	}
	sumZero := func(b *testing.B, ts []store.AccountTotal) {
		var sum int64
		for _, at := range ts {
			sum += at.Total
		}
		if len(ts) == 0 || sum != 0 {
			b.Fatalf("balance report: %d accounts, sum %d", len(ts), sum)
		}
	}
	hasResult := func(b *testing.B, ts []store.AccountTotal) {
		var result int64
		for _, at := range ts {
			if at.Type == ledger.TypeIncome || at.Type == ledger.TypeExpense {
				result += at.Total
			}
		}
		if result == 0 {
			b.Fatal("income statement: no income or expenses in the period")
		}
	}
	year := [2]time.Time{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)}
	odd := [2]time.Time{time.Date(2023, 3, 15, 0, 0, 0, 0, time.UTC), time.Date(2024, 9, 20, 0, 0, 0, 0, time.UTC)}
	report("balance", s.AccountTotals, time.Time{}, time.Time{}, sumZero)
	report("balance-scan", s.AccountTotalsFromPostings, time.Time{}, time.Time{}, sumZero)
	report("income-statement", s.AccountTotals, year[0], year[1], hasResult)
	report("income-statement-scan", s.AccountTotalsFromPostings, year[0], year[1], hasResult)
	report("mid-month-period", s.AccountTotals, odd[0], odd[1], hasResult)
	report("mid-month-period-scan", s.AccountTotalsFromPostings, odd[0], odd[1], hasResult)
	// The cached and the scanned figures must agree, account by account.
	for _, pair := range [][2]string{{"balance", "balance-scan"}, {"income-statement", "income-statement-scan"}, {"mid-month-period", "mid-month-period-scan"}} {
		got, want := results[pair[0]], results[pair[1]]
		if got == nil || want == nil {
			continue
		}
		for i := range want {
			if got[i].ID != want[i].ID || got[i].Total != want[i].Total {
				b.Errorf("%s: %s = %d, the scan says %d", pair[0], got[i].Code, got[i].Total, want[i].Total)
			}
		}
	}
	b.Run("verify-full", func(b *testing.B) {
		for b.Loop() {
			broken, bad, err := s.VerifyLedger(b.Context(), d.wijkID)
			if err != nil || broken != 0 || len(bad) != 0 {
				b.Fatalf("VerifyLedger = %d %v %v", broken, bad, err)
			}
		}
	})
	b.Run("verify-page", func(b *testing.B) {
		// The first check sets the checkpoint (when verify-full did not).
		if _, broken, bad, err := s.CheckedLedger(b.Context(), d.wijkID); err != nil || broken != 0 || len(bad) != 0 {
			b.Fatalf("CheckedLedger = %d %v %v", broken, bad, err)
		}
		for b.Loop() {
			_, broken, bad, err := s.CheckedLedger(b.Context(), d.wijkID)
			if err != nil || broken != 0 || len(bad) != 0 {
				b.Fatalf("CheckedLedger = %d %v %v", broken, bad, err)
			}
		}
	})
	b.Run("hledger-balance", func(b *testing.B) {
		hl, err := exec.LookPath("hledger")
		if err != nil {
			b.Skip("hledger is not installed: skipping the comparison")
		}
		balance := results["balance"]
		if balance == nil { // the balance sub-benchmark did not run
			if balance, err = s.AccountTotals(b.Context(), d.wijkID, time.Time{}, time.Time{}); err != nil {
				b.Fatal(err)
			}
		}
		var out []byte
		for b.Loop() {
			out, err = exec.CommandContext(b.Context(), hl, "-f", d.journal, "bal", "--flat", "--no-total").Output()
			if err != nil {
				b.Fatalf("hledger: %v", err)
			}
		}
		// hledger must agree with WEI, account by account.
		got := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			if len(f) >= 3 {
				got[strings.Join(f[2:], " ")] = f[0]
			}
		}
		for _, at := range balance {
			want := ledger.FormatAmount(at.Total, 2, false)
			if at.Total == 0 {
				continue // hledger leaves out zero balances
			}
			if got[at.Code] != want {
				b.Errorf("hledger balance of %s = %q, WEI %s", at.Code, got[at.Code], want)
			}
		}
	})
}
