package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// TestLM3Study checks the example of the issue: an income of €10,000 of
// which €4,000 goes to local suppliers (who re-spend 40% locally), €3,000
// to local staff (50%) and €3,000 out of the wijk: LM3 = 2.01.
func TestLM3Study(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w, other := mustWijk(t, s, "lm3", "LM3-wijk"), mustWijk(t, s, "lm3b", "Andere")
		mustOrganisation(t, s, w.ID, "Woonstichting", wijk.FormPartner)
		mustOrganisation(t, s, other.ID, "Gemeente", wijk.FormPartner)
		for _, id := range []string{w.ID, other.ID} {
			if err := s.EnsureChart(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		funder, _ := s.AccountByCode(ctx, w.ID, store.CodeFunders+":Woonstichting", ledger.EUR)
		bank, _ := s.AccountByCode(ctx, w.ID, store.CodeBank, ledger.EUR)
		otherFunder, _ := s.AccountByCode(ctx, other.ID, store.CodeFunders+":Gemeente", ledger.EUR)
		in := func(key string, on time.Time, cents int64) {
			t.Helper()
			if _, _, err := s.Post(ctx, ledger.Transaction{WijkID: w.ID, On: on, Description: "Subsidie", IdempotencyKey: key,
				Postings: []ledger.Posting{{AccountID: bank.ID, Asset: ledger.EUR, Amount: cents}, {AccountID: funder.ID, Asset: ledger.EUR, Amount: -cents}}}); err != nil {
				t.Fatal(err)
			}
		}
		from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
		in("a", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), 600_000)
		in("b", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), 400_000)
		in("c", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 99_900) // after the period
		if r1, err := s.LM3Income(ctx, w.ID, funder.ID, from, to); err != nil || r1 != 1_000_000 {
			t.Fatalf("LM3Income=%d %v, want 1000000", r1, err)
		}
		_, err := s.LM3Income(ctx, w.ID, otherFunder.ID, from, to)
		wantInvalid(t, err, "account_id")
		_, err = s.LM3Income(ctx, w.ID, bank.ID, from, to)
		wantInvalid(t, err, "account_id") // the bank is not an income
		_, err = s.LM3StudyOf(ctx, w.ID, funder.ID, from, to)
		wantCode(t, err, wei.ENOTFOUND)

		spends := []store.LM3Spend{
			{Recipient: " Lokale  leveranciers ", AmountCents: 400_000, Local: true, RespendBasisPoints: 4000},
			{Recipient: "Lokaal personeel", AmountCents: 300_000, Local: true, RespendBasisPoints: 5000},
			{Recipient: "Leveranciers buiten de wijk", AmountCents: 300_000, RespendBasisPoints: 7000},
		}
		st := store.LM3Study{WijkID: w.ID, AccountID: funder.ID, From: from, To: to, Spends: spends, UpdatedBy: "u1"}
		res, err := s.SaveLM3Study(ctx, &st)
		if err != nil {
			t.Fatal(err)
		}
		if res.R1 != 1_000_000 || res.R2 != 700_000 || res.R3 != 310_000 || res.Leak != 300_000 || res.LeakRound3 != 390_000 {
			t.Errorf("result=%+v", res)
		}
		if got := (res.R1 + res.R2 + res.R3) * 100 / res.R1; got != 201 {
			t.Errorf("LM3×100=%d, want 201", got)
		}
		back, err := s.LM3StudyOf(ctx, w.ID, funder.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.LM3Spend{
			{Recipient: "Lokale leveranciers", AmountCents: 400_000, Local: true, RespendBasisPoints: 4000},
			{Recipient: "Lokaal personeel", AmountCents: 300_000, Local: true, RespendBasisPoints: 5000},
			{Recipient: "Leveranciers buiten de wijk", AmountCents: 300_000}, // not local: no re-spend
		}
		if diff := cmp.Diff(want, back.Spends); diff != "" || back.ID != st.ID || back.UpdatedBy != "u1" {
			t.Errorf("stored study (-want +got):\n%s", diff)
		}

		// Saving again replaces the recipients; the survey figures are kept per recipient.
		st2 := store.LM3Study{WijkID: w.ID, AccountID: funder.ID, From: from, To: to, UpdatedBy: "u2",
			Spends: []store.LM3Spend{{Recipient: "lokale leveranciers", AmountCents: 500_000, Local: true, RespendBasisPoints: 4500}}}
		if _, err := s.SaveLM3Study(ctx, &st2); err != nil {
			t.Fatal(err)
		}
		if back, _ := s.LM3StudyOf(ctx, w.ID, funder.ID, from, to); len(back.Spends) != 1 || back.ID != st.ID || back.UpdatedBy != "u2" {
			t.Errorf("after the second save: %+v", back)
		}
		rec, err := s.LM3Recipients(ctx, w.ID)
		if err != nil || len(rec) != 3 {
			t.Fatalf("LM3Recipients=%+v %v", rec, err)
		}
		if rec[2].Recipient != "lokale leveranciers" || rec[2].RespendBasisPoints != 4500 || !rec[2].Local {
			t.Errorf("survey figure of the suppliers=%+v", rec[2])
		}
		if other, _ := s.LM3Recipients(ctx, other.ID); len(other) != 0 {
			t.Errorf("another wijk sees %d recipients", len(other))
		}

		// Refusals: more spent than came in, bad figures, no recipients.
		for _, tc := range []struct {
			name   string
			st     store.LM3Study
			fields []string
		}{
			{"more than R1", store.LM3Study{WijkID: w.ID, AccountID: funder.ID, From: from, To: to,
				Spends: []store.LM3Spend{{Recipient: "A", AmountCents: 1_000_001}}}, []string{"amount"}},
			{"bad rows", store.LM3Study{WijkID: w.ID, AccountID: funder.ID, From: from, To: to,
				Spends: []store.LM3Spend{{Recipient: " ", AmountCents: 1}, {Recipient: "B", AmountCents: -1, Local: true, RespendBasisPoints: 10001}}},
				[]string{"recipient_0", "amount_1", "respend_1"}},
			{"no rows", store.LM3Study{WijkID: w.ID, AccountID: funder.ID, From: from, To: to}, []string{"spends"}},
			{"period backwards", store.LM3Study{WijkID: w.ID, AccountID: funder.ID, From: to, To: from,
				Spends: []store.LM3Spend{{Recipient: "A", AmountCents: 1}}}, []string{"to"}},
			{"no income in the period", store.LM3Study{WijkID: w.ID, AccountID: funder.ID, From: from.AddDate(-5, 0, 0), To: from.AddDate(-4, 0, 0),
				Spends: []store.LM3Spend{{Recipient: "A", AmountCents: 0}}}, []string{"r1"}},
			{"another wijk's account", store.LM3Study{WijkID: w.ID, AccountID: otherFunder.ID, From: from, To: to,
				Spends: []store.LM3Spend{{Recipient: "A", AmountCents: 1}}}, []string{"account_id"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.SaveLM3Study(ctx, &tc.st)
				wantInvalid(t, err, tc.fields...)
			})
		}
		if back, _ := s.LM3StudyOf(ctx, w.ID, funder.ID, from, to); len(back.Spends) != 1 || back.Spends[0].AmountCents != 500_000 {
			t.Errorf("a refused save changed the study: %+v", back)
		}
	})
}

// TestLM3StudyFromBooks checks that a recipient keeping its books in WEI
// gets its re-spend share from its own ledger. In 2025 the Buurttuin spent
// €400 of its own: €300 to the Repair Café (local), €100 to a supplier
// outside the wijk; so 75% stays local. The Repair Café booked no expenses,
// so its survey figure counts. R1 = €10,000; R2 = 4,000 + 1,000 + 2,000 =
// €7,000; R3 = 4,000×75% + 1,000×20% + 2,000×40% = €4,000; LM3 = 2.10.
func TestLM3StudyFromBooks(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w := mustWijk(t, s, "lm3books", "LM3-boeken")
		mustOrganisation(t, s, w.ID, "Fonds", wijk.FormPartner)
		tuin := mustOrganisation(t, s, w.ID, "Buurttuin", wijk.FormBurgerinitiatief)
		cafe := mustOrganisation(t, s, w.ID, "Repair Café", wijk.FormBurgerinitiatief)
		if err := s.EnsureChart(ctx, w.ID); err != nil {
			t.Fatal(err)
		}
		acct := func(code string) string {
			t.Helper()
			a, err := s.AccountByCode(ctx, w.ID, code, ledger.EUR)
			if err != nil {
				t.Fatal(code, err)
			}
			return a.ID
		}
		funder, bank, world := acct(store.CodeFunders+":Fonds"), acct(store.CodeBank), acct(store.CodeWorld)
		tuinExp, cafeIn := acct(store.CodeInitiative+":Buurttuin:Uitgaven"), acct(store.CodeInitiative+":Repair Café:Inkomsten")
		post := func(key string, on time.Time, debit, credit string, cents int64) {
			t.Helper()
			if _, _, err := s.Post(ctx, ledger.Transaction{WijkID: w.ID, On: on, Description: "Boeking " + key, IdempotencyKey: key,
				Postings: []ledger.Posting{{AccountID: debit, Asset: ledger.EUR, Amount: cents}, {AccountID: credit, Asset: ledger.EUR, Amount: -cents}}}); err != nil {
				t.Fatal(err)
			}
		}
		from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
		post("in", time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), bank, funder, 1_000_000)
		post("cafe", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), tuinExp, cafeIn, 30_000)
		post("out", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), tuinExp, world, 10_000)
		post("later", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), tuinExp, world, 50_000) // after the period

		books, err := s.LM3BooksOf(ctx, w.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		wantBooks := []store.LM3Books{
			{OrganisationID: tuin.ID, Name: "Buurttuin", Respend: ledger.Respend{Spent: 40_000, Local: 30_000}},
			{OrganisationID: cafe.ID, Name: "Repair Café"},
		}
		if diff := cmp.Diff(wantBooks, books); diff != "" {
			t.Errorf("LM3BooksOf (-want +got):\n%s", diff)
		}

		st := store.LM3Study{WijkID: w.ID, AccountID: funder, From: from, To: to, UpdatedBy: "u1", Spends: []store.LM3Spend{
			{Recipient: "buurttuin", AmountCents: 400_000, RespendBasisPoints: 9000}, // not ticked local, a survey figure: the books win
			{Recipient: "Repair Café", AmountCents: 100_000, Local: true, RespendBasisPoints: 2000},
			{Recipient: "Lokale bakker", AmountCents: 200_000, Local: true, RespendBasisPoints: 4000},
			{Recipient: "Buiten de wijk", AmountCents: 300_000},
		}}
		res, err := s.SaveLM3Study(ctx, &st)
		if err != nil {
			t.Fatal(err)
		}
		if res.R1 != 1_000_000 || res.R2 != 700_000 || res.R3 != 400_000 {
			t.Errorf("result=%+v, want R1 1000000 R2 700000 R3 400000", res)
		}
		if got := (res.R1 + res.R2 + res.R3) * 100 / res.R1; got != 210 {
			t.Errorf("LM3×100=%d, want 210", got)
		}
		back, err := s.LM3StudyOf(ctx, w.ID, funder, from, to)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.LM3Spend{
			{Recipient: "buurttuin", AmountCents: 400_000, Local: true, RespendBasisPoints: 7500, FromBooks: true, OrganisationID: tuin.ID},
			{Recipient: "Repair Café", AmountCents: 100_000, Local: true, RespendBasisPoints: 2000},
			{Recipient: "Lokale bakker", AmountCents: 200_000, Local: true, RespendBasisPoints: 4000},
			{Recipient: "Buiten de wijk", AmountCents: 300_000},
		}
		if diff := cmp.Diff(want, back.Spends); diff != "" {
			t.Errorf("stored study (-want +got):\n%s", diff)
		}

		// A later booking in the period changes the share the study shows:
		// €200 more to the outside world makes it 300 / 600 = 50%.
		post("out2", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), tuinExp, world, 20_000)
		back, err = s.LM3StudyOf(ctx, w.ID, funder, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if sp := back.Spends[0]; !sp.FromBooks || sp.RespendBasisPoints != 5000 {
			t.Errorf("after a new expense: %+v, want 5000 from the books", sp)
		}
	})
}
