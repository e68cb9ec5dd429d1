package store_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// publicBooks is a wijk with the chart of EnsureChart for three
// initiatives, two partners and a wijkcoöperatie, and beside it the
// accounts the public page must leave out or count without a name: a
// funder without organisation, a private donor and an expense of a
// person, the wijk's own income and expenses, a budget of no organisation
// and two time accounts.
type publicBooks struct {
	wijkID string
	acct   map[string]ledger.Account // by code
}

func newPublicBooks(t *testing.T, s *store.Store, slug string) publicBooks {
	t.Helper()
	w := mustWijk(t, s, slug, slug)
	for _, o := range []struct {
		name string
		form wijk.Form
	}{{"Buurttuin", wijk.FormBurgerinitiatief}, {"Kookclub", wijk.FormZelfstandigBurgerinitiatief}, {"Repair Café", wijk.FormBuurtbedrijf},
		{"Gemeente", wijk.FormPartner}, {"Woonstichting", wijk.FormPartner}, {"Wijkcoöperatie", wijk.FormWijkcooperatie}} {
		mustOrganisation(t, s, w.ID, o.name, o.form)
	}
	if err := s.EnsureChart(t.Context(), w.ID); err != nil {
		t.Fatal(err)
	}
	donor, helper := mustPerson(t, s, w.ID, "Jan Donateur"), mustPerson(t, s, w.ID, "Hanna Helper")
	for _, a := range []ledger.Account{
		{Code: "Financiers:Anoniem", Type: ledger.TypeFunder, AllowOverdraft: true},
		{Code: "Financiers:Jan", Type: ledger.TypeFunder, PersonID: donor.ID, AllowOverdraft: true},
		{Code: "Vergoedingen:Hanna", Type: ledger.TypeExpense, PersonID: helper.ID, AllowOverdraft: true},
		{Code: "Wijk:Inkomsten", Type: ledger.TypeIncome, AllowOverdraft: true},
		{Code: "Wijk:Uitgaven", Type: ledger.TypeExpense, AllowOverdraft: true},
		{Code: "Wijk:Reserve", Type: ledger.TypeBudget, AllowOverdraft: true},
		{Code: "Tijd:Jan", Type: ledger.TypeTime, Asset: ledger.Time, PersonID: donor.ID, AllowOverdraft: true},
		{Code: "Tijd:Hanna", Type: ledger.TypeTime, Asset: ledger.Time, PersonID: helper.ID, AllowOverdraft: true},
	} {
		a.WijkID = w.ID
		if a.Asset == "" {
			a.Asset = ledger.EUR
		}
		if err := s.CreateAccount(t.Context(), &a); err != nil {
			t.Fatalf("CreateAccount(%s): %v", a.Code, err)
		}
	}
	accts, err := s.LedgerAccounts(t.Context(), w.ID)
	if err != nil {
		t.Fatal(err)
	}
	b := publicBooks{wijkID: w.ID, acct: map[string]ledger.Account{}}
	for _, a := range accts {
		b.acct[a.Code] = a
	}
	return b
}

// oldFlows is what the public page computed before PublicFlows: every
// transaction through ledger.NewFlows.
func oldFlows(t testing.TB, s *store.Store, wijkID, asset string, from, to time.Time) ledger.Flows {
	t.Helper()
	txs, err := s.LedgerTransactions(t.Context(), wijkID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	accts, err := s.LedgerAccounts(t.Context(), wijkID)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]ledger.Account{}
	for _, a := range accts {
		m[a.ID] = a
	}
	return ledger.NewFlows(asset, from, to, txs, m)
}

// postRandomBooks books n random transactions in b: grants, expenses and
// income of initiatives, subsidies and refunds of funders, payments split
// over several accounts, money that moves inside the wijk, private donors,
// the time bank and reversals, dated over 500 days from November 2024;
// and, always, a category whose money comes in and goes back (a subsidy
// and its reversal, listed with nothing in and out) and one whose money
// only moves between two income accounts (not listed). Bookings that
// would take an account below its limit are left out. after is called
// after every booking.
func postRandomBooks(t *testing.T, s *store.Store, b publicBooks, r *rand.Rand, n int, after func(i int)) {
	t.Helper()
	a := func(code string) ledger.Account {
		t.Helper()
		x, ok := b.acct[code]
		if !ok {
			t.Fatalf("no account %s", code)
		}
		return x
	}
	start := time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)
	randomDay := func() time.Time { return start.AddDate(0, 0, r.IntN(500)) }
	inits := []string{"Buurttuin", "Kookclub", "Repair Café"}
	funders := []string{"Financiers:Gemeente", "Financiers:Woonstichting", "Financiers:Anoniem", "Financiers:Jan"}
	cats := []string{"", "subsidie", "materiaal", "huur", "toekenning", "verkoop"}
	bank, wb, world := a(store.CodeBank), a(store.CodeWijkbudget), a(store.CodeWorld)
	var booked []ledger.Transaction
	k := 0
	post := func(cat string, on time.Time, ps ...ledger.Posting) {
		t.Helper()
		k++
		got, _, err := s.Post(t.Context(), ledger.Transaction{WijkID: b.wijkID, On: on, Description: "Boeking", Category: cat,
			IdempotencyKey: fmt.Sprintf("k-%d", k), Postings: ps})
		switch {
		case wei.ErrorCode(err) == wei.EINVALID: // an account would go below its limit
			return
		case err != nil:
			t.Fatalf("post %d: %v", k, err)
		}
		booked = append(booked, got)
	}
	p := func(acc ledger.Account, amount int64) ledger.Posting {
		return ledger.Posting{AccountID: acc.ID, Asset: acc.Asset, Amount: amount}
	}
	post("subsidie", start, p(bank, 5_000_000), p(a("Financiers:Gemeente"), -5_000_000))
	post("", start, p(wb, 2_000_000), p(bank, -2_000_000))
	post("correctie", start.AddDate(0, 1, 3), p(bank, 12_345), p(a("Financiers:Woonstichting"), -12_345))
	post("correctie", start.AddDate(0, 1, 20), p(bank, -12_345), p(a("Financiers:Woonstichting"), 12_345))
	post("intern", start.AddDate(0, 2, 1), p(a("Initiatieven:Buurttuin:Inkomsten"), 500), p(a("Wijk:Inkomsten"), -500))
	for i := range n {
		on := randomDay()
		cat := cats[r.IntN(len(cats))]
		x := int64(1 + r.IntN(20_000))
		ini, other := inits[r.IntN(len(inits))], inits[r.IntN(len(inits))]
		budget, income, spent := a("Initiatieven:"+ini+":Budget"), a("Initiatieven:"+ini+":Inkomsten"), a("Initiatieven:"+ini+":Uitgaven")
		switch i % 16 {
		case 0:
			if len(booked) > 0 {
				orig := booked[r.IntN(len(booked))]
				rev := orig.Reversal(on, fmt.Sprintf("rev-%d", i), "")
				if got, _, err := s.Post(t.Context(), rev); err == nil {
					booked = append(booked, got)
				} else if c := wei.ErrorCode(err); c != wei.ECONFLICT && c != wei.EINVALID {
					t.Fatal(err)
				}
			}
		case 1: // a subsidy, from any funder
			post(cat, on, p(bank, 10*x), p(a(funders[r.IntN(len(funders))]), -10*x))
		case 2: // money given back to a funder
			post(cat, on, p(a(funders[r.IntN(len(funders))]), x), p(bank, -x))
		case 3, 4: // a grant from the wijkbudget
			post(cat, on, p(budget, x), p(wb, -x))
		case 5, 6: // an expense of the initiative
			post(cat, on, p(spent, x), p(budget, -x))
		case 7: // income of the initiative
			post(cat, on, p(budget, x), p(income, -x))
		case 8: // one initiative's budget pays another's expense
			post(cat, on, p(a("Initiatieven:"+other+":Uitgaven"), x), p(budget, -x))
		case 9: // a payment split over several accounts
			post(cat, on, p(spent, x), p(a("Wijk:Uitgaven"), x/2+1), p(world, 3), p(bank, -x-x/2-4))
		case 10: // a grant and an expense in one, on the same budget
			post(cat, on, p(wb, -x), p(budget, x), p(budget, -x/2-1), p(spent, x/2+1))
		case 11: // the wijk's own income and expenses, a person's expense
			post(cat, on, p(bank, x), p(a("Wijk:Inkomsten"), -x))
			post(cat, on, p(a("Vergoedingen:Hanna"), x/3+1), p(bank, -x/3-1))
		case 12: // a private donor, and the wijk's own reserve
			post(cat, on, p(bank, x), p(a("Financiers:Jan"), -x))
			post(cat, on, p(a("Wijk:Reserve"), x), p(wb, -x))
		case 13: // the time bank
			post("tijd", on, p(a("Tijd:Jan"), 30), p(a("Tijd:Hanna"), -30))
		case 14: // funds of the wijkcoöperatie
			post(cat, on, p(a("Wijkcooperatie:Wijkcoöperatie"), x), p(bank, -x))
		default: // a funder straight to an initiative
			post(cat, on, p(budget, x), p(a(funders[r.IntN(2)]), -x))
		}
		if after != nil {
			after(i)
		}
	}
}

// flowPeriod is a period of the public page; zero ends are open.
type flowPeriod struct{ from, to time.Time }

func (p flowPeriod) String() string {
	return p.from.Format(time.DateOnly) + ".." + p.to.Format(time.DateOnly)
}

// randomPeriod is a period of up to a year and a half within the random
// books, with an open end now and then.
func randomPeriod(r *rand.Rand) flowPeriod {
	start := time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)
	f, l := start.AddDate(0, 0, r.IntN(500)-30), start.AddDate(0, 0, r.IntN(500))
	if f.After(l) {
		f, l = l, f
	}
	switch r.IntN(6) {
	case 0:
		f = time.Time{}
	case 1:
		l = time.Time{}
	}
	return flowPeriod{f, l}
}

// flowsCoverage counts what the compared figures held, to see that the
// random books reach every branch.
type flowsCoverage struct{ initiatives, funders, zeroCats int }

// wantSameFlows compares PublicFlows with NewFlows over every transaction.
func wantSameFlows(t *testing.T, s *store.Store, wijkID, asset string, p flowPeriod, cov *flowsCoverage) {
	t.Helper()
	want := oldFlows(t, s, wijkID, asset, p.from, p.to)
	got, err := s.PublicFlows(t.Context(), wijkID, asset, p.from, p.to)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s %s: PublicFlows differs from NewFlows (-want +got):\n%s", asset, p, diff)
	}
	if cov != nil {
		cov.initiatives += len(want.Initiatives)
		cov.funders += len(want.Funders)
		for _, c := range want.Categories {
			if c.In == 0 && c.Out == 0 {
				cov.zeroCats++
			}
		}
	}
}

// TestPublicFlowsEqualNewFlows: on random books the figures of the public
// page from the kept sums and the tail are the figures NewFlows computes
// from every transaction: while the books grow and the tail is folded in
// at random moments, and at the end for fixed periods (whole and broken
// months, a single day, open ends, a period without bookings, one that
// ends before it starts) and random ones, in euros and in minutes (none).
func TestPublicFlowsEqualNewFlows(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newPublicBooks(t, s, "openbaar")
		r := rand.New(rand.NewPCG(7, uint64(s.Dialect())))
		folds := 0
		postRandomBooks(t, s, b, r, 400, func(i int) {
			if r.IntN(40) == 0 {
				if err := s.FoldPublicTotals(t.Context(), b.wijkID); err != nil {
					t.Fatal(err)
				}
				folds++
			}
			if i%50 == 49 {
				wantSameFlows(t, s, b.wijkID, ledger.EUR, randomPeriod(r), nil)
			}
		})
		if mark, err := s.PublicTotalsMark(t.Context(), b.wijkID); err != nil || folds == 0 || mark == 0 {
			t.Fatalf("%d folds, mark %d, %v: the tail was never folded", folds, mark, err)
		}
		d := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
		periods := []flowPeriod{
			{}, {to: d(2025, 6, 30)}, {from: d(2025, 3, 1)}, {d(2025, 1, 1), d(2025, 12, 31)}, {d(2025, 2, 2), d(2025, 2, 27)},
			{d(2024, 12, 1), d(2024, 12, 31)}, {d(2025, 5, 15), d(2025, 5, 15)}, {d(2025, 7, 10), d(2025, 9, 20)},
			{d(2020, 1, 1), d(2020, 12, 31)}, {d(2027, 1, 1), d(2027, 12, 31)}, {d(2025, 6, 1), d(2025, 5, 31)},
		}
		for range 40 {
			periods = append(periods, randomPeriod(r))
		}
		var cov flowsCoverage
		check := func() {
			for _, p := range periods {
				wantSameFlows(t, s, b.wijkID, ledger.EUR, p, &cov)
				wantSameFlows(t, s, b.wijkID, ledger.Time, p, nil)
			}
		}
		check() // with a tail
		if err := s.FoldPublicTotals(t.Context(), b.wijkID); err != nil {
			t.Fatal(err)
		}
		check() // all kept
		if cov.initiatives == 0 || cov.funders == 0 || cov.zeroCats == 0 {
			t.Errorf("%+v: the random books miss a case", cov)
		}
		for _, c := range oldFlows(t, s, b.wijkID, ledger.EUR, time.Time{}, time.Time{}).Categories {
			if c.Category == "intern" {
				t.Error("a category that only moved money inside the wijk is listed")
			}
		}
	})
}

// TestPublicTotalsFoldOnce: requests that fold at the same moment add the
// tail once.
func TestPublicTotalsFoldOnce(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		b := newPublicBooks(t, s, "samen")
		// The first fold makes the mark; the concurrent ones then find it.
		postRandomBooks(t, s, b, rand.New(rand.NewPCG(3, 3)), 120, func(i int) {
			if i == 60 {
				if err := s.FoldPublicTotals(t.Context(), b.wijkID); err != nil {
					t.Fatal(err)
				}
			}
		})
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() { errs <- s.FoldPublicTotals(t.Context(), b.wijkID) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		wantSameFlows(t, s, b.wijkID, ledger.EUR, flowPeriod{}, nil)
	})
}

// TestMigrationBackfillsPublicTotals: books written before the public
// totals existed get them, up to their head, from the migration.
func TestMigrationBackfillsPublicTotals(t *testing.T) {
	t.Parallel()
	for _, open := range []func(testing.TB) *store.Store{openEmptySQLite, openEmptyPostgres} {
		s := open(t)
		if _, err := s.MigrateTo(t.Context(), 13); err != nil {
			t.Fatal(err)
		}
		b := newPublicBooks(t, s, "oud")
		postRandomBooks(t, s, b, rand.New(rand.NewPCG(5, 5)), 150, nil)
		if _, err := s.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		seq, _, err := s.LedgerHead(t.Context(), b.wijkID)
		if err != nil {
			t.Fatal(err)
		}
		if mark, err := s.PublicTotalsMark(t.Context(), b.wijkID); err != nil || mark != seq {
			t.Fatalf("%s: mark %d (%v), want the head %d", s.Dialect(), mark, err, seq)
		}
		r := rand.New(rand.NewPCG(6, 6))
		for _, p := range []flowPeriod{{}, randomPeriod(r), randomPeriod(r), randomPeriod(r)} {
			wantSameFlows(t, s, b.wijkID, ledger.EUR, p, nil)
		}
	}
}

// TestCheckLedgerTail: the page check from the checkpoint finds what
// CheckedLedger finds, scenario by scenario, and rehashes only the tail.
func TestCheckLedgerTail(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, a := books(t, s, "staart",
			ledger.Account{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true},
			ledger.Account{Code: "Bank", Type: ledger.TypeBank})
		var txs []ledger.Transaction
		post := func(n int) {
			for range n {
				tx, _, err := s.Post(t.Context(), transfer(w, fmt.Sprintf("t-%d", len(txs)), a["Fonds"], a["Bank"], int64(100+len(txs))))
				if err != nil {
					t.Fatal(err)
				}
				txs = append(txs, tx)
			}
		}
		exec := func(q string) {
			t.Helper()
			if err := s.ExecForTest(t.Context(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		// check runs the tail check and, on the same state, CheckedLedger,
		// and wants the same answer from both.
		check := func(what string) store.LedgerCheck {
			t.Helper()
			c, err := s.CheckLedgerTail(t.Context(), w)
			if err != nil {
				t.Fatal(err)
			}
			_, broken, bad, err := s.CheckedLedger(t.Context(), w)
			if err != nil {
				t.Fatal(err)
			}
			if c.BrokenAt != broken || !cmp.Equal(c.Bad, bad, cmpopts.EquateEmpty()) {
				t.Errorf("%s: CheckLedgerTail broken=%d bad=%v, CheckedLedger broken=%d bad=%v", what, c.BrokenAt, c.Bad, broken, bad)
			}
			return c
		}
		if c := check("no books"); !c.OK() || c.HeadSeq != 0 || c.Rehashed != 0 {
			t.Fatalf("no books: %+v", c)
		}
		post(10)
		if c := check("first check"); !c.OK() || c.HeadSeq != 10 || c.HeadHash != txs[9].Hash || c.Rehashed != 10 {
			t.Fatalf("first check: %+v, want all 10 rehashed and the head", c)
		}
		if seq, _, _ := s.LedgerCheckpoint(t.Context(), w); seq != 10 {
			t.Fatalf("checkpoint=%d, want 10", seq)
		}
		post(5)
		if c, err := s.CheckLedgerTail(t.Context(), w); err != nil || !c.OK() || c.Rehashed != 5 {
			t.Fatalf("after 5 more: %+v %v, want only those 5 rehashed", c, err)
		}
		if c, _ := s.CheckLedgerTail(t.Context(), w); c.Rehashed != 0 || c.HeadSeq != 15 {
			t.Fatalf("nothing new: %+v, want nothing rehashed", c)
		}
		post(3)
		// In the tail.
		exec("UPDATE ledger_transactions SET description = 'Iets anders' WHERE id = " + sqlQ(txs[16].ID))
		if c := check("tail changed"); c.BrokenAt != 17 {
			t.Errorf("tail changed: broken=%d, want 17", c.BrokenAt)
		}
		exec("UPDATE ledger_transactions SET description = 'Overboeking' WHERE id = " + sqlQ(txs[16].ID))
		if c := check("tail repaired"); !c.OK() {
			t.Errorf("tail repaired: %+v", c)
		}
		// Before the checkpoint, amounts untouched: trusted until the full
		// check, which clears the checkpoint.
		exec("UPDATE ledger_transactions SET description = 'Vervalst' WHERE id = " + sqlQ(txs[2].ID))
		if c := check("old row changed"); !c.OK() {
			t.Errorf("old row changed: %+v, want the checkpoint trusted", c)
		}
		if broken, _, _ := s.VerifyLedger(t.Context(), w); broken != 3 {
			t.Fatalf("VerifyLedger broken=%d, want 3", broken)
		}
		if c := check("after the full check"); c.BrokenAt != 3 || c.Rehashed != 18 {
			t.Errorf("after the full check: %+v, want broken at 3, the whole chain rehashed", c)
		}
		exec("UPDATE ledger_transactions SET description = 'Overboeking' WHERE id = " + sqlQ(txs[2].ID))
		if c := check("repaired"); !c.OK() {
			t.Fatalf("repaired: %+v", c)
		}
		// An old amount, a cached total: a balance that disagrees.
		for _, q := range []string{
			"UPDATE ledger_postings SET amount = amount + 1 WHERE position = 0 AND transaction_id = " + sqlQ(txs[1].ID),
			"UPDATE ledger_month_totals SET total = total + 1 WHERE account_id = " + sqlQ(a["Bank"].ID),
			"UPDATE ledger_accounts SET balance = balance + 1 WHERE id = " + sqlQ(a["Fonds"].ID),
		} {
			exec(q)
			if c := check(q); len(c.Bad) != 1 {
				t.Errorf("%s: bad=%v, want one account", q, c.Bad)
			}
			exec(strings.Replace(q, "+ 1", "- 1", 1))
		}
		if c := check("all undone"); !c.OK() {
			t.Fatalf("all undone: %+v", c)
		}
		// A transaction before the checkpoint taken out: the numbers up to
		// the checkpoint no longer hold.
		exec("DELETE FROM ledger_postings WHERE transaction_id = " + sqlQ(txs[4].ID))
		exec("DELETE FROM ledger_transactions WHERE id = " + sqlQ(txs[4].ID))
		if c := check("deleted"); c.BrokenAt != 18 || len(c.Bad) != 2 {
			t.Errorf("deleted: %+v, want broken at the checkpoint (18) and both accounts off", c)
		}
	})
}

// TestAuditLedger: the full check says why the chain breaks where it does
// and what an account's sums are.
func TestAuditLedger(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, a := books(t, s, "audit",
			ledger.Account{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true},
			ledger.Account{Code: "Bank", Type: ledger.TypeBank})
		var txs []ledger.Transaction
		for i := range 6 {
			tx, _, err := s.Post(t.Context(), transfer(w, fmt.Sprintf("t-%d", i), a["Fonds"], a["Bank"], int64(100+i)))
			if err != nil {
				t.Fatal(err)
			}
			txs = append(txs, tx)
		}
		exec := func(q string) {
			t.Helper()
			if err := s.ExecForTest(t.Context(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		audit := func() store.LedgerAudit {
			t.Helper()
			au, err := s.AuditLedger(t.Context(), w)
			if err != nil {
				t.Fatal(err)
			}
			return au
		}
		if err := s.FoldPublicTotals(t.Context(), w); err != nil {
			t.Fatal(err)
		}
		if au := audit(); !au.OK() || au.Transactions != 6 || au.HeadSeq != 6 || au.HeadHash != txs[5].Hash {
			t.Fatalf("intact books: %+v", au)
		}
		// Kept sums of the public page that differ from the postings are
		// reported and dropped, so the page sums the books again.
		exec("UPDATE ledger_public_totals SET credits = credits - 1")
		if au := audit(); !au.PublicTotalsWrong || au.OK() {
			t.Errorf("changed public totals: %+v, want them reported", au)
		}
		if mark, _ := s.PublicTotalsMark(t.Context(), w); mark != 0 {
			t.Errorf("mark %d after wrong public totals, want them dropped", mark)
		}
		if au := audit(); !au.OK() {
			t.Errorf("after dropping the public totals: %+v", au)
		}
		if err := s.FoldPublicTotals(t.Context(), w); err != nil {
			t.Fatal(err)
		}
		exec("DELETE FROM ledger_public_moved")
		if au := audit(); !au.PublicTotalsWrong {
			t.Errorf("public counts of moving transactions gone: %+v, want them reported", au)
		}
		exec("UPDATE ledger_transactions SET description = 'Vervalst' WHERE id = " + sqlQ(txs[2].ID))
		if au := audit(); au.BrokenAt != 3 || au.Break != store.BreakHash {
			t.Errorf("changed description: broken=%d why=%q, want 3 %q", au.BrokenAt, au.Break, store.BreakHash)
		}
		exec("UPDATE ledger_transactions SET description = 'Overboeking' WHERE id = " + sqlQ(txs[2].ID))
		exec("UPDATE ledger_transactions SET prev_hash = 'abc' WHERE id = " + sqlQ(txs[3].ID))
		if au := audit(); au.BrokenAt != 4 || au.Break != store.BreakPrevHash {
			t.Errorf("changed prev_hash: broken=%d why=%q, want 4 %q", au.BrokenAt, au.Break, store.BreakPrevHash)
		}
		exec("UPDATE ledger_transactions SET prev_hash = " + sqlQ(txs[2].Hash) + " WHERE id = " + sqlQ(txs[3].ID))
		exec("UPDATE ledger_postings SET amount = amount + 7 WHERE position = 0 AND transaction_id = " + sqlQ(txs[1].ID))
		au := audit()
		if au.BrokenAt != 2 || au.Break != store.BreakHash || len(au.Bad) != 1 {
			t.Fatalf("changed amount: %+v, want broken at 2 (hash) and the bank account off", au)
		}
		if bad := au.Bad[0]; bad.Code != "Bank" || bad.Postings != bad.Balance+7 || bad.MonthTotals != bad.Balance {
			t.Errorf("bank sums: %+v, want the postings 7 above the balance and the month totals", bad)
		}
		exec("UPDATE ledger_postings SET amount = amount - 7 WHERE position = 0 AND transaction_id = " + sqlQ(txs[1].ID))
		exec("DELETE FROM ledger_postings WHERE transaction_id = " + sqlQ(txs[4].ID))
		exec("DELETE FROM ledger_transactions WHERE id = " + sqlQ(txs[4].ID))
		if au := audit(); au.BrokenAt != 5 || au.Break != store.BreakGap || au.Transactions != 5 || len(au.Bad) != 2 {
			t.Errorf("deleted transaction 5: %+v, want broken at 5 (gap), 5 transactions, two accounts off", au)
		}
	})
}

// TestLedgerTransactionBySeq: the lookup of the public page.
func TestLedgerTransactionBySeq(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, a := books(t, s, "nummer", ledger.Account{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true}, ledger.Account{Code: "Bank", Type: ledger.TypeBank})
		w2, _ := books(t, s, "nummer-ander")
		tx, _, err := s.Post(t.Context(), transfer(w, "een", a["Fonds"], a["Bank"], 100))
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.LedgerTransactionBySeq(t.Context(), w, 1)
		if err != nil || got.ID != tx.ID || got.Hash != tx.Hash || len(got.Postings) != 2 {
			t.Errorf("LedgerTransactionBySeq(1)=%+v, %v", got, err)
		}
		for _, c := range []struct {
			wijk string
			seq  int64
		}{{w, 2}, {w, 0}, {w2, 1}} {
			if _, err := s.LedgerTransactionBySeq(t.Context(), c.wijk, c.seq); wei.ErrorCode(err) != wei.ENOTFOUND {
				t.Errorf("LedgerTransactionBySeq(%d) in %s: %v, want not found", c.seq, c.wijk, err)
			}
		}
	})
}
