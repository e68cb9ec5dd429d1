package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// TestSeedTimebank: Seed issues the local currency to the Buurttuin, which
// thanks three volunteers with hours and Akkertjes; the bewoner pays the
// initiatiefnemer; the books stay whole and a second run books nothing.
func TestSeedTimebank(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		res, err := demo.Seed(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		w := res.Wijk
		// Seed runs it, after the rest of the books.
		seq, hash, err := s.LedgerHead(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.LedgerTransactions(ctx, w.ID, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		ours := 0
		for _, tx := range all {
			if strings.HasPrefix(tx.IdempotencyKey, "demo-tijdbank-") {
				ours++
			}
		}
		if ours != 1+2*3+1 {
			t.Errorf("time bank bookings=%d, want 8: an issue, two thanks for three volunteers and a payment", ours)
		}
		if broken, bad, err := s.VerifyLedger(ctx, w.ID); err != nil || broken != 0 || len(bad) != 0 {
			t.Errorf("VerifyLedger: %d %v %v", broken, bad, err)
		}
		lc, err := s.LocalCurrency(ctx, w.ID)
		if err != nil || lc.Code != "AKK" || lc.Name != "Akkertje" || lc.Decimals != 2 {
			t.Fatalf("LocalCurrency=%+v %v", lc, err)
		}

		orgs, err := s.Organisations(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		var tuin string
		for _, o := range orgs {
			if strings.HasPrefix(o.Name, "Buurttuin") {
				tuin = o.ID
			}
		}
		hs, err := s.InitiativeHoldings(ctx, w.ID, tuin)
		if err != nil || len(hs) != 2 || hs[0].Balance != -360 || hs[1].Balance != 120_00 {
			t.Errorf("the Buurttuin's holdings=%+v %v, want -360 minutes and 120,00 AKK", hs, err)
		}
		people, err := s.People(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		thanked := 0
		for _, p := range people {
			hist, err := s.ResidentHistory(ctx, w.ID, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range hist {
				if e.Category == store.CategoryVolunteer && len(e.With) == 1 && e.With[0].OrganisationID == tuin && e.Asset == ledger.Time && e.Amount == 120 {
					thanked++
				}
			}
			switch p.DisplayName {
			case "Ria J.", "Naima B.":
				want := int64(-7_50)
				if p.DisplayName == "Naima B." {
					want = 7_50
				}
				hs, err := s.ResidentHoldings(ctx, w.ID, p.ID)
				if err != nil || len(hs) != 2 || hs[1].Balance != want {
					t.Errorf("%s's holdings=%+v %v, want %d AKK", p.DisplayName, hs, err, want)
				}
				if code, err := s.TimebankCode(ctx, w.ID, p.ID); err != nil || code == "" {
					t.Errorf("%s has no tijdbank-code: %v", p.DisplayName, err)
				}
			}
		}
		if thanked != 3 {
			t.Errorf("volunteers thanked with hours=%d, want 3", thanked)
		}
		txs, err := s.LedgerTransactions(ctx, w.ID, now.AddDate(0, 0, -1), now)
		if err != nil {
			t.Fatal(err)
		}
		for i, tx := range txs {
			if i > 0 && (tx.On.Before(txs[i-1].On) || tx.CreatedAt.Before(txs[i-1].CreatedAt) || tx.CreatedAt.After(now)) {
				t.Errorf("seq %d: created %v, out of order or after the seed", tx.Seq, tx.CreatedAt)
			}
			if tx.CreatedBy == "" {
				t.Errorf("seq %d: no creator", tx.Seq)
			}
			for _, p := range people {
				if first := strings.Fields(p.DisplayName)[0]; strings.Contains(tx.Description, first) && strings.HasPrefix(tx.IdempotencyKey, "demo-tijdbank") {
					t.Errorf("seq %d: the public purpose %q names %s", tx.Seq, tx.Description, first)
				}
			}
		}

		// A second run on the same day books nothing twice.
		if err := demo.SeedTimebank(ctx, s, w.ID, now); err != nil {
			t.Fatal(err)
		}
		if s2, h2, _ := s.LedgerHead(ctx, w.ID); s2 != seq || h2 != hash {
			t.Errorf("second run: head %d, want %d", s2, seq)
		}
	})
}
