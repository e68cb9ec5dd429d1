package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

func TestTimebankCodes(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, other := mustWijk(t, s, "codes", "Codewijk"), mustWijk(t, s, "anders", "Anderewijk")
		ria, aziz := mustPerson(t, s, w.ID, "Ria de Vries"), mustPerson(t, s, w.ID, "Aziz")
		elders := mustPerson(t, s, other.ID, "Elders")
		code, err := s.TimebankCode(t.Context(), w.ID, ria.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(code) != 8 || strings.ContainsAny(code, "01IO") {
			t.Fatalf("code=%q, want 8 characters without 0, 1, I and O", code)
		}
		if again, err := s.TimebankCode(t.Context(), w.ID, ria.ID); err != nil || again != code {
			t.Fatalf("second TimebankCode=%q %v, want %q", again, err, code)
		}
		if az, _ := s.TimebankCode(t.Context(), w.ID, aziz.ID); az == code {
			t.Fatal("two residents got the same code")
		}
		// As a person types it: lower case, in groups.
		typed := strings.ToLower(store.FormatTimebankCode(code)[:4]) + " " + store.FormatTimebankCode(code)[4:]
		if p, err := s.PersonByTimebankCode(t.Context(), w.ID, typed); err != nil || p.ID != ria.ID {
			t.Fatalf("PersonByTimebankCode(%q)=%v %v, want Ria", typed, p.ID, err)
		}
		for _, bad := range []string{"", "ABC", code + "X", "!!!!!!!!"} {
			_, err := s.PersonByTimebankCode(t.Context(), w.ID, bad)
			wantCode(t, err, wei.ENOTFOUND)
		}
		// A code is of one wijk only.
		_, err = s.PersonByTimebankCode(t.Context(), other.ID, code)
		wantCode(t, err, wei.ENOTFOUND)
		_, err = s.TimebankCode(t.Context(), w.ID, elders.ID)
		wantCode(t, err, wei.ENOTFOUND)
		// An erased resident cannot be paid any more.
		if err := s.ErasePerson(t.Context(), w.ID, ria.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		_, err = s.PersonByTimebankCode(t.Context(), w.ID, code)
		wantCode(t, err, wei.ENOTFOUND)
		_, err = s.TimebankCode(t.Context(), w.ID, ria.ID)
		wantCode(t, err, wei.ENOTFOUND)
	})
}

func TestPayTimeIsOneTransaction(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, other := mustWijk(t, s, "een", "Eenwijk"), mustWijk(t, s, "twee", "Tweewijk")
		aziz, elders := mustPerson(t, s, w.ID, "Aziz"), mustPerson(t, s, other.ID, "Elders")
		on := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
		_, err := s.PayTime(t.Context(), w.ID, aziz.ID, elders.ID, 60, on, "Hulp", "x1", "")
		wantCode(t, err, wei.ENOTFOUND)
		// The payer's account was not opened: nothing of the refused payment stays.
		accts, err := s.LedgerAccounts(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(accts) != 0 {
			t.Fatalf("%d accounts after a refused payment, want 0: %+v", len(accts), accts)
		}
		_, err = s.PayTime(t.Context(), w.ID, aziz.ID, elders.ID, store.MaxTimePayment+1, on, "Hulp", "x2", "")
		wantInvalid(t, err, "minutes")
	})
}

func TestLocalCurrency(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w := mustWijk(t, s, "munt", "Muntwijk")
		ria, aziz := mustPerson(t, s, w.ID, "Ria"), mustPerson(t, s, w.ID, "Aziz")
		on := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
		_, err := s.PayLocal(ctx, w.ID, aziz.ID, ria.ID, 500, on, "Boodschappen", "l0", "")
		wantCode(t, err, wei.ENOTFOUND) // the wijk has no local currency yet
		if hs, err := s.ResidentHoldings(ctx, w.ID, ria.ID); err != nil || len(hs) != 1 || hs[0].Asset.Code != ledger.Time || hs[0].Min != store.TimeAccountLimit {
			t.Fatalf("holdings without a local currency=%+v %v", hs, err)
		}
		akk := ledger.Asset{WijkID: w.ID, Code: "akk", Name: "Akkertje", Decimals: 2}
		for range 2 {
			if err := s.EnsureLocalCurrency(ctx, akk); err != nil {
				t.Fatal(err)
			}
		}
		err = s.EnsureLocalCurrency(ctx, ledger.Asset{WijkID: w.ID, Code: "EEN", Name: "Een tweede", Decimals: 0})
		wantCode(t, err, wei.ECONFLICT)
		lc, err := s.LocalCurrency(ctx, w.ID)
		if err != nil || lc.Code != "AKK" || lc.Decimals != 2 || lc.Kind != ledger.KindLocal {
			t.Fatalf("LocalCurrency=%+v %v", lc, err)
		}
		// Aziz may go down to -25,00: 20,00 then 5,00 fits, one cent more does not.
		if _, err := s.PayLocal(ctx, w.ID, aziz.ID, ria.ID, 2000, on, "Boodschappen", "l1", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PayLocal(ctx, w.ID, aziz.ID, ria.ID, 500, on, "Fiets gemaakt", "l2", ""); err != nil {
			t.Fatal(err)
		}
		_, err = s.PayLocal(ctx, w.ID, aziz.ID, ria.ID, 1, on, "Nog een cent", "l3", "")
		wantInvalid(t, err, "postings")
		_, err = s.PayLocal(ctx, w.ID, aziz.ID, aziz.ID, 1, on, "Zelf", "l4", "")
		wantInvalid(t, err, "to")
		_, err = s.PayLocal(ctx, w.ID, aziz.ID, ria.ID, 0, on, "Niets", "l5", "")
		wantInvalid(t, err, "amount")
		hs, err := s.ResidentHoldings(ctx, w.ID, aziz.ID)
		if err != nil || len(hs) != 2 {
			t.Fatalf("holdings=%+v %v", hs, err)
		}
		if h := hs[1]; h.Asset.Code != "AKK" || h.Balance != -2500 || h.Min != -2500 || h.Spendable() != 0 || h.ID == "" {
			t.Errorf("Aziz's AKK holding=%+v", h)
		}
		if h := hs[0]; h.ID != "" || h.Balance != 0 || h.Spendable() != -store.TimeAccountLimit {
			t.Errorf("Aziz's unopened time holding=%+v", h)
		}
		a, err := s.AccountByCode(ctx, w.ID, store.LocalAccountCode(ria.ID), "AKK")
		if err != nil || a.PersonID != ria.ID || balanceOf(t, s, a) != 2500 || strings.Contains(a.Code, "Ria") {
			t.Fatalf("Ria's AKK account=%+v %v", a, err)
		}
	})
}

func TestRewardVolunteer(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w := mustWijk(t, s, "beloon", "Beloonwijk")
		tuin := mustOrganisation(t, s, w.ID, "Buurttuin: De Akker", wijk.FormBurgerinitiatief)
		partner := mustOrganisation(t, s, w.ID, "Gemeente", wijk.FormPartner)
		ria, aziz, gone := mustPerson(t, s, w.ID, "Ria"), mustPerson(t, s, w.ID, "Aziz"), mustPerson(t, s, w.ID, "Gone")
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		mustMembership(t, s, tuin.ID, ria.ID, wijk.MemberVrijwilliger, start)
		m := mustMembership(t, s, tuin.ID, gone.ID, wijk.MemberVrijwilliger, start)
		if err := s.EndMembership(ctx, m.ID, start.AddDate(0, 1, 0)); err != nil {
			t.Fatal(err)
		}
		on := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
		if _, err := s.RewardVolunteer(ctx, w.ID, tuin.ID, ria.ID, ledger.Time, 180, on, "Dank voor het snoeien", "r1", ""); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{aziz.ID, gone.ID} { // not a member, no longer a member
			_, err := s.RewardVolunteer(ctx, w.ID, tuin.ID, p, ledger.Time, 60, on, "Dank", "r2-"+p, "")
			wantInvalid(t, err, "person_id")
		}
		_, err := s.RewardVolunteer(ctx, w.ID, partner.ID, ria.ID, ledger.Time, 60, on, "Dank", "r3", "")
		wantInvalid(t, err, "person_id") // nobody is a member of the partner
		_, err = s.RewardVolunteer(ctx, w.ID, tuin.ID, ria.ID, "AKK", 100, on, "Dank", "r4", "")
		wantInvalid(t, err, "asset") // no local currency yet
		hs, err := s.InitiativeHoldings(ctx, w.ID, tuin.ID)
		if err != nil || len(hs) != 1 || hs[0].Balance != -180 || hs[0].Min != store.InitiativeTimeLimit {
			t.Fatalf("initiative holdings=%+v %v", hs, err)
		}
		a, err := s.AccountByCode(ctx, w.ID, "Initiatieven:Buurttuin De Akker:Tijdbank", ledger.Time)
		if err != nil || a.OrganisationID != tuin.ID || a.Type != ledger.TypeBudget {
			t.Fatalf("initiative time account=%+v %v", a, err)
		}

		// The local currency: the initiative spends what the wijk issued to it.
		if err := s.EnsureLocalCurrency(ctx, ledger.Asset{WijkID: w.ID, Code: "AKK", Name: "Akkertje", Decimals: 2}); err != nil {
			t.Fatal(err)
		}
		_, err = s.RewardVolunteer(ctx, w.ID, tuin.ID, ria.ID, "AKK", 1000, on, "Dank in Akkertjes", "r5", "")
		wantInvalid(t, err, "postings")
		la, err := s.InitiativeLocalAccount(ctx, w.ID, tuin.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.IssueLocal(ctx, w.ID, la.ID, 5000, on, "Akkertjes voor vrijwilligers", "i1", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RewardVolunteer(ctx, w.ID, tuin.ID, ria.ID, "AKK", 1000, on, "Dank in Akkertjes", "r5", ""); err != nil {
			t.Fatal(err)
		}
		hs, err = s.InitiativeHoldings(ctx, w.ID, tuin.ID)
		if err != nil || len(hs) != 2 || hs[1].Balance != 4000 || hs[1].Min != 0 {
			t.Fatalf("initiative holdings=%+v %v", hs, err)
		}

		// Ria's history: newest first, with the initiative as the other side.
		hist, err := s.ResidentHistory(ctx, w.ID, ria.ID)
		if err != nil || len(hist) != 2 {
			t.Fatalf("history=%+v %v", hist, err)
		}
		if e := hist[0]; e.Asset != "AKK" || e.Amount != 1000 || e.Purpose != "Dank in Akkertjes" || len(e.With) != 1 || e.With[0].OrganisationID != tuin.ID ||
			e.With[0].Name != "Buurttuin: De Akker" || e.Category != store.CategoryVolunteer {
			t.Errorf("history[0]=%+v", e)
		}
		if e := hist[1]; e.Asset != ledger.Time || e.Amount != 180 || !e.On.Equal(on) {
			t.Errorf("history[1]=%+v", e)
		}
	})
}

func TestResidentHistoryNamesResidents(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w := mustWijk(t, s, "hist", "Historiewijk")
		ria, aziz, sem := mustPerson(t, s, w.ID, "Ria de Vries"), mustPerson(t, s, w.ID, "Aziz"), mustPerson(t, s, w.ID, "Sem")
		on := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
		for i, p := range []struct {
			from, to wijk.Person
			min      int64
		}{{aziz, ria, 60}, {ria, sem, 30}, {sem, ria, 45}} {
			if _, err := s.PayTime(ctx, w.ID, p.from.ID, p.to.ID, p.min, on.AddDate(0, 0, i), "Hulp", "h"+string(rune('a'+i)), ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ErasePerson(ctx, w.ID, sem.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		hist, err := s.ResidentHistory(ctx, w.ID, ria.ID)
		if err != nil || len(hist) != 3 {
			t.Fatalf("history=%+v %v", hist, err)
		}
		want := []struct {
			amount int64
			with   string
			name   string
		}{{45, sem.ID, ""}, {-30, sem.ID, ""}, {60, aziz.ID, "Aziz"}}
		for i, wnt := range want {
			e := hist[i]
			if e.Amount != wnt.amount || len(e.With) != 1 || e.With[0].PersonID != wnt.with || e.With[0].PersonName != wnt.name {
				t.Errorf("history[%d]=%+v, want amount %d with %s named %q", i, e, wnt.amount, wnt.with, wnt.name)
			}
		}
		if h, err := s.ResidentHistory(ctx, w.ID, mustPerson(t, s, w.ID, "Nieuw").ID); err != nil || len(h) != 0 {
			t.Errorf("history of a newcomer=%v %v", h, err)
		}
	})
}
