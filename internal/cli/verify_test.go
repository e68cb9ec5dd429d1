package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// verifyBooks makes a wijk with a funder and a bank account and books n
// subsidies; it returns the transactions.
func verifyBooks(t *testing.T, s *store.Store, slug, cbs string, n int) []ledger.Transaction {
	t.Helper()
	ctx := context.Background()
	w := wijk.Wijk{Slug: slug, Name: "Wijk " + slug, CBSCode: cbs, CBSYear: 2025, Municipality: "Testgemeente"}
	if err := s.CreateWijk(ctx, &w); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureAsset(ctx, ledger.Asset{WijkID: w.ID, Code: ledger.EUR, Name: "Euro", Kind: ledger.KindEuro, Decimals: 2}); err != nil {
		t.Fatal(err)
	}
	funder := ledger.Account{WijkID: w.ID, Code: "Financiers:Gemeente", Type: ledger.TypeFunder, Asset: ledger.EUR, AllowOverdraft: true}
	bank := ledger.Account{WijkID: w.ID, Code: "Bank", Type: ledger.TypeBank, Asset: ledger.EUR}
	for _, a := range []*ledger.Account{&funder, &bank} {
		if err := s.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	var out []ledger.Transaction
	for i := range n {
		tx, _, err := s.Post(ctx, ledger.Transaction{WijkID: w.ID, On: time.Date(2025, 3, 1+i, 0, 0, 0, 0, time.UTC), Description: "Subsidie",
			Category: "subsidie", IdempotencyKey: fmt.Sprintf("%s-%d", slug, i), Postings: []ledger.Posting{
				{AccountID: bank.ID, Asset: ledger.EUR, Amount: int64(10_000 + i)}, {AccountID: funder.ID, Asset: ledger.EUR, Amount: -int64(10_000 + i)}}})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tx)
	}
	return out
}

// TestVerifyCommand: wei verify passes intact books, names the first
// broken transaction and why, and an account whose balance is off, and
// then fails with exit code 1.
func TestVerifyCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wei.db")
	if _, err := run(t, "", "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	noord := verifyBooks(t, s, "noord", "WK099901", 4)
	zuid := verifyBooks(t, s, "zuid", "WK099902", 2)
	verifyBooks(t, s, "leeg", "WK099903", 0)

	out, err := run(t, "", "verify", "--db", db)
	if err != nil {
		t.Fatalf("verify of intact books: %v\n%s", err, out)
	}
	for _, want := range []string{
		"noord: 4 transactions, head 4 " + noord[3].Hash + ": OK\n",
		"zuid: 2 transactions, head 2 " + zuid[1].Hash + ": OK\n",
		"leeg: no transactions: OK\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s", want, out)
		}
	}

	// A changed description in transaction 2 of noord, and a balance that
	// is off in zuid.
	exec := func(q string) {
		t.Helper()
		if err := s.ExecForTest(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("UPDATE ledger_transactions SET description = 'Vervalst' WHERE id = '" + noord[1].ID + "'")
	exec("UPDATE ledger_accounts SET balance = balance + 250 WHERE code = 'Bank' AND wijk_id = '" + zuid[0].WijkID + "'")
	out, err = run(t, "", "verify", "--db", db)
	if err == nil || ExitCode(err) != 1 {
		t.Fatalf("verify of broken books: err=%v (exit %d), want exit 1\n%s", err, ExitCode(err), out)
	}
	for _, want := range []string{
		"noord: 4 transactions, head 4 " + noord[3].Hash + ": FAULT\n",
		"  the chain breaks at transaction 2: its content no longer gives its hash: it was changed after it was booked\n",
		"zuid: 2 transactions, head 2 " + zuid[1].Hash + ": FAULT\n",
		"  account Bank: balance 202.51 EUR, but its postings sum to 200.01 EUR\n",
		"leeg: no transactions: OK\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(err.Error(), "2 of 3 wijken") {
		t.Errorf("error %q does not count the wijken", err)
	}

	// One wijk.
	out, err = run(t, "", "verify", "--db", db, "--wijk", "leeg")
	if err != nil || strings.Contains(out, "noord") || !strings.Contains(out, "leeg: no transactions: OK") {
		t.Errorf("verify --wijk leeg: %v\n%s", err, out)
	}
	if out, err = run(t, "", "verify", "--db", db, "--wijk", "noord"); ExitCode(err) != 1 || !strings.Contains(out, "FAULT") {
		t.Errorf("verify --wijk noord: %v\n%s", err, out)
	}
	if _, err := run(t, "", "verify", "--db", db, "--wijk", "nergens"); err == nil || !strings.Contains(err.Error(), `"nergens"`) {
		t.Errorf("verify of an unknown wijk: %v", err)
	}
	if _, err := run(t, "", "verify", "--db", db, "--bogus"); ExitCode(err) != 2 {
		t.Errorf("verify --bogus: exit %d, want 2", ExitCode(err))
	}
}
