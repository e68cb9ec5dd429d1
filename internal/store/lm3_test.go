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
