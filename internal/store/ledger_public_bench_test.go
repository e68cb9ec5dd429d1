package store_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// publicDataset is the report dataset (reportsDataset) with organisations:
// its twelve initiatives and two of its three funders get one, as
// EnsureChart would have made them, so that the public page has
// initiatives and named funders to show. It is a copy, cached beside the
// report dataset as wei-bench-public-<version>.db.
func publicDataset(b *testing.B) reportsData {
	b.Helper()
	base := reportsDataset(b)
	d := reportsData{db: filepath.Join(os.TempDir(), "wei-bench-public-"+reportsVersion+".db"), wijkID: base.wijkID}
	ok := strings.TrimSuffix(d.db, ".db") + ".ok"
	if _, err := os.Stat(ok); err == nil {
		return d
	}
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(base.db+suffix, d.db+suffix); err != nil && !(suffix != "" && os.IsNotExist(err)) {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	s, err := store.Open(ctx, d.db, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	link := func(name string, form wijk.Form, codes ...string) {
		o := wijk.Organisation{WijkID: d.wijkID, Name: name, Form: form}
		if form == wijk.FormPartner {
			o.Domain = wijk.DomainGemeente
		}
		if err := s.CreateOrganisation(ctx, &o); err != nil {
			b.Fatal(err)
		}
		for _, code := range codes {
			if err := s.ExecForTest(ctx, "UPDATE ledger_accounts SET organisation_id = "+sqlQuote(o.ID)+" WHERE code = "+sqlQuote(code)); err != nil {
				b.Fatal(err)
			}
		}
	}
	for i := range 12 {
		name := fmt.Sprintf("Initiatief %02d", i)
		base := store.CodeInitiative + ":" + name
		link(name, wijk.FormBurgerinitiatief, base+":Budget", base+":Inkomsten", base+":Uitgaven")
	}
	link("Gemeente", wijk.FormPartner, store.CodeFunders+":Gemeente")
	link("Woningcorporatie", wijk.FormPartner, store.CodeFunders+":Woningcorporatie")
	// An account's organisation is set when it is made, before anything
	// is booked on it; here it came after the migration summed the books
	// for the public page. Sum them again: the first request folds all.
	for _, q := range []string{"DELETE FROM ledger_public_totals", "DELETE FROM ledger_public_moved", "DELETE FROM ledger_public_marks"} {
		if err := s.ExecForTest(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	if _, err := s.PublicFlows(ctx, d.wijkID, ledger.EUR, time.Time{}, time.Time{}); err != nil {
		b.Fatal(err)
	}
	b.Logf("summed %d transactions for the public page in %s", reportsTx, time.Since(start).Round(time.Millisecond))
	if err := os.WriteFile(ok, []byte(d.wijkID+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return d
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkPublicPage times what the public transparency page and the
// public API read per request over 1,000,000 transactions, for the year
// 2024 (half of them): before, the check of the whole chain from the
// checkpoint (CheckedLedger, which reads every transaction) and the flows
// of ledger.NewFlows over them; after, the check of the tail
// (CheckLedgerTail) and the flows from aggregates (PublicFlows). Both run
// on the same database in one run, and must give the same figures.
func BenchmarkPublicPage(b *testing.B) {
	d := publicDataset(b)
	s, err := store.Open(context.Background(), d.db, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	// The first check sets the checkpoint, when none is there.
	if c, err := s.CheckLedgerTail(b.Context(), d.wijkID); err != nil || !c.OK() {
		b.Fatalf("CheckLedgerTail = %+v, %v", c, err)
	}
	var before, after ledger.Flows
	b.Run("old", func(b *testing.B) {
		for b.Loop() {
			txs, broken, bad, err := s.CheckedLedger(b.Context(), d.wijkID)
			if err != nil || broken != 0 || len(bad) != 0 {
				b.Fatalf("CheckedLedger = %d %v %v", broken, bad, err)
			}
			accts, err := s.LedgerAccounts(b.Context(), d.wijkID)
			if err != nil {
				b.Fatal(err)
			}
			m := make(map[string]ledger.Account, len(accts))
			for _, a := range accts {
				m[a.ID] = a
			}
			before = ledger.NewFlows(ledger.EUR, from, to, txs, m)
		}
	})
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			c, err := s.CheckLedgerTail(b.Context(), d.wijkID)
			if err != nil || !c.OK() {
				b.Fatalf("CheckLedgerTail = %+v, %v", c, err)
			}
			if after, err = s.PublicFlows(b.Context(), d.wijkID, ledger.EUR, from, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	if before.Asset == "" || after.Asset == "" {
		return // one of them did not run
	}
	if before.In == 0 || len(before.Initiatives) != 12 || len(before.Funders) != 3 {
		b.Errorf("figures: in %d, %d initiatives, %d funders; want money in, 12 initiatives, 3 funders", before.In, len(before.Initiatives), len(before.Funders))
	}
	if diff := cmp.Diff(before, after, cmpopts.EquateEmpty()); diff != "" {
		b.Errorf("PublicFlows differs from NewFlows (-old +new):\n%s", diff)
	}
}
