package store_test

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// books makes a wijk with EUR and time, and the named accounts.
func books(t testing.TB, s *store.Store, slug string, accts ...ledger.Account) (string, map[string]ledger.Account) {
	t.Helper()
	w := mustWijk(t, s, slug, slug)
	for _, a := range []ledger.Asset{{WijkID: w.ID, Code: ledger.EUR, Name: "Euro", Kind: ledger.KindEuro, Decimals: 2},
		{WijkID: w.ID, Code: ledger.Time, Name: "Minuten", Kind: ledger.KindTime}} {
		if err := s.EnsureAsset(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]ledger.Account{}
	for _, a := range accts {
		a.WijkID = w.ID
		if a.Asset == "" {
			a.Asset = ledger.EUR
		}
		if err := s.CreateAccount(t.Context(), &a); err != nil {
			t.Fatalf("CreateAccount(%s): %v", a.Code, err)
		}
		out[a.Code] = a
	}
	return w.ID, out
}

func transfer(wijkID, key string, from, to ledger.Account, amount int64) ledger.Transaction {
	return ledger.Transaction{WijkID: wijkID, On: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), Description: "Overboeking", IdempotencyKey: key,
		Postings: []ledger.Posting{{AccountID: to.ID, Asset: to.Asset, Amount: amount}, {AccountID: from.ID, Asset: from.Asset, Amount: -amount}}}
}

func balanceOf(t testing.TB, s *store.Store, a ledger.Account) int64 {
	t.Helper()
	b, err := s.Balance(t.Context(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPostBasics(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, a := books(t, s, "boeken",
			ledger.Account{Code: "Gemeente:Subsidie", Type: ledger.TypeFunder, AllowOverdraft: true},
			ledger.Account{Code: "Bank", Type: ledger.TypeBank},
			ledger.Account{Code: "Buurttuin:Budget", Type: ledger.TypeBudget},
			ledger.Account{Code: "Ria:Tijd", Type: ledger.TypeTime, Asset: ledger.Time, MinBalance: -600},
			ledger.Account{Code: "Aziz:Tijd", Type: ledger.TypeTime, Asset: ledger.Time, MinBalance: -600})
		sub, bank, budget := a["Gemeente:Subsidie"], a["Bank"], a["Buurttuin:Budget"]
		first, replay, err := s.Post(t.Context(), transfer(w, "sub-1", sub, bank, 500_000))
		if err != nil || replay || first.Seq != 1 || first.PrevHash != "" || first.Hash == "" {
			t.Fatalf("first post: %+v replay=%v err=%v", first, replay, err)
		}
		// The same key and content: the first booking, not a second one.
		again, replay, err := s.Post(t.Context(), transfer(w, "sub-1", sub, bank, 500_000))
		if err != nil || !replay || again.ID != first.ID || balanceOf(t, s, bank) != 500_000 {
			t.Fatalf("replay: %+v replay=%v err=%v balance=%d", again, replay, err, balanceOf(t, s, bank))
		}
		// The same key with other content is refused.
		_, _, err = s.Post(t.Context(), transfer(w, "sub-1", sub, bank, 400_000))
		wantCode(t, err, wei.ECONFLICT)
		// No overdraft: the budget has nothing yet.
		_, _, err = s.Post(t.Context(), transfer(w, "spend-1", budget, bank, 100))
		wantInvalid(t, err, "postings")
		if _, _, err := s.Post(t.Context(), transfer(w, "grant-1", bank, budget, 120_000)); err != nil {
			t.Fatal(err)
		}
		// Time bank: Ria helps Aziz for 90 minutes; Aziz may go to -600.
		if _, _, err := s.Post(t.Context(), transfer(w, "tijd-1", a["Aziz:Tijd"], a["Ria:Tijd"], 90)); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.Post(t.Context(), transfer(w, "tijd-2", a["Aziz:Tijd"], a["Ria:Tijd"], 600))
		wantInvalid(t, err, "postings")
		// Assets must match the account.
		bad := transfer(w, "mix", sub, bank, 10)
		bad.Postings[0].Asset = ledger.Time
		bad.Postings[1].Asset = ledger.Time
		_, _, err = s.Post(t.Context(), bad)
		wantInvalid(t, err, "postings")
		// A correction is a reversal; the original stays.
		rev := first.Reversal(time.Date(2025, 5, 2, 0, 0, 0, 0, time.UTC), "rev-1", "pm")
		_, _, err = s.Post(t.Context(), rev)
		wantInvalid(t, err, "postings") // the bank cannot give back what the budget already holds
		if balanceOf(t, s, bank) != 380_000 || balanceOf(t, s, budget) != 120_000 || balanceOf(t, s, a["Ria:Tijd"]) != 90 {
			t.Errorf("balances bank=%d budget=%d ria=%d", balanceOf(t, s, bank), balanceOf(t, s, budget), balanceOf(t, s, a["Ria:Tijd"]))
		}
		seq, head, err := s.LedgerHead(t.Context(), w)
		if err != nil || seq != 3 || head == "" {
			t.Fatalf("head=%d %q %v", seq, head, err)
		}
		broken, bad2, err := s.VerifyLedger(t.Context(), w)
		if err != nil || broken != 0 || len(bad2) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad2, err)
		}
		totals, err := s.AccountTotals(t.Context(), w, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		sums := map[string]int64{}
		for _, at := range totals {
			sums[at.Asset] += at.Total
		}
		if sums[ledger.EUR] != 0 || sums[ledger.Time] != 0 {
			t.Errorf("totals per asset=%v, want zero", sums)
		}
	})
}

func TestPostRefusesOtherWijksAccounts(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w1, a1 := books(t, s, "een", ledger.Account{Code: "Bank", Type: ledger.TypeBank}, ledger.Account{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true})
		_, a2 := books(t, s, "twee", ledger.Account{Code: "Bank", Type: ledger.TypeBank})
		_, _, err := s.Post(t.Context(), transfer(w1, "x", a1["Fonds"], a2["Bank"], 100))
		wantInvalid(t, err, "postings")
		if seq, _, _ := s.LedgerHead(t.Context(), w1); seq != 0 {
			t.Errorf("head seq=%d after a refused post, want 0", seq)
		}
	})
}

// TestPostConcurrentInvariants: random transfers from many goroutines keep
// every invariant: the sum per asset is zero, no balance drops below its
// limit, every acknowledged transaction is booked exactly once, and the
// hash chain holds.
func TestPostConcurrentInvariants(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		var accts []ledger.Account
		accts = append(accts, ledger.Account{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true})
		for i := range 6 {
			accts = append(accts, ledger.Account{Code: fmt.Sprintf("Rekening:%d", i), Type: ledger.TypeBank})
		}
		w, a := books(t, s, "gelijktijdig", accts...)
		fund := a["Fonds"]
		for i := range 6 {
			if _, _, err := s.Post(t.Context(), transfer(w, fmt.Sprintf("start-%d", i), fund, a[fmt.Sprintf("Rekening:%d", i)], 1000)); err != nil {
				t.Fatal(err)
			}
		}
		const workers, each = 8, 25
		var wg sync.WaitGroup
		var mu sync.Mutex
		acked := map[string]bool{}
		for g := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(g), 7))
				for i := range each {
					from, to := r.IntN(6), r.IntN(6)
					if from == to {
						to = (to + 1) % 6
					}
					key := fmt.Sprintf("w%d-%d", g, i)
					tx, _, err := s.Post(t.Context(), transfer(w, key, a[fmt.Sprintf("Rekening:%d", from)], a[fmt.Sprintf("Rekening:%d", to)], int64(1+r.IntN(400))))
					if err != nil && wei.ErrorCode(err) != wei.EINVALID {
						t.Errorf("post %s: %v", key, err)
						continue
					}
					if err == nil {
						mu.Lock()
						acked[tx.ID] = true
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		broken, bad, err := s.VerifyLedger(t.Context(), w)
		if err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}
		txs, err := s.LedgerTransactions(t.Context(), w, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		booked := map[string]int{}
		for _, tx := range txs {
			booked[tx.ID]++
		}
		for id := range acked {
			if booked[id] != 1 {
				t.Errorf("acknowledged transaction %s booked %d times", id, booked[id])
			}
		}
		if len(txs) != 6+len(acked) {
			t.Errorf("%d transactions booked, want %d", len(txs), 6+len(acked))
		}
		var total int64
		for i := range 6 {
			b := balanceOf(t, s, a[fmt.Sprintf("Rekening:%d", i)])
			if b < 0 {
				t.Errorf("account %d below its limit: %d", i, b)
			}
			total += b
		}
		if total != 6000 || balanceOf(t, s, fund) != -6000 {
			t.Errorf("money created or lost: accounts hold %d, fund %d", total, balanceOf(t, s, fund))
		}
	})
}

func TestEnsureChart(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "kaart", "Kaartwijk")
		mustOrganisation(t, s, w.ID, "Buurttuin: De Akker", "burgerinitiatief")
		mustOrganisation(t, s, w.ID, "Gemeente", "partner")
		for range 2 { // a second call adds nothing
			if err := s.EnsureChart(t.Context(), w.ID); err != nil {
				t.Fatal(err)
			}
		}
		accts, err := s.LedgerAccounts(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(accts) != 5+3+1 {
			t.Fatalf("%d accounts, want 9: %+v", len(accts), accts)
		}
		if _, err := s.AccountByCode(t.Context(), w.ID, "Initiatieven:Buurttuin De Akker:Budget", ledger.EUR); err != nil {
			t.Errorf("initiative budget account: %v", err)
		}
		if _, err := s.AccountByCode(t.Context(), w.ID, store.CodeFunders+":Gemeente", ledger.EUR); err != nil {
			t.Errorf("funder account: %v", err)
		}
	})
}

func TestTimeBank(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "tijd", "Tijdwijk")
		ria, aziz := mustPerson(t, s, w.ID, "Ria"), mustPerson(t, s, w.ID, "Aziz")
		on := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
		if _, err := s.PayTime(t.Context(), w.ID, aziz.ID, ria.ID, 90, on, "Hulp bij verhuizen", "t1", ""); err != nil {
			t.Fatal(err)
		}
		_, err := s.PayTime(t.Context(), w.ID, aziz.ID, ria.ID, 600, on, "Nog meer hulp", "t2", "")
		wantInvalid(t, err, "postings") // Aziz would go below -600 minutes
		_, err = s.PayTime(t.Context(), w.ID, ria.ID, ria.ID, 30, on, "Zelf", "t3", "")
		wantInvalid(t, err, "to")
		ra, _ := s.EnsureTimeAccount(t.Context(), w.ID, ria.ID)
		if b := balanceOf(t, s, ra); b != 90 || ra.Name != "Ria" {
			t.Fatalf("Ria's time account: balance %d name %q", b, ra.Name)
		}
		if err := s.ErasePerson(t.Context(), w.ID, ria.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		after, _ := s.LedgerAccount(t.Context(), ra.ID)
		if after.Name == "Ria" || balanceOf(t, s, ra) != 90 {
			t.Errorf("after erasure: name %q balance %d; want the name gone and the balance kept", after.Name, balanceOf(t, s, ra))
		}
	})
}

// wantAlreadyReversed fails unless err is Post's refusal of a second
// reversal.
func wantAlreadyReversed(t testing.TB, err error) {
	t.Helper()
	var e *wei.Error
	if !errors.As(err, &e) || e.Code != wei.ECONFLICT || e.Fields["reverses_id"] != "error.already_reversed" {
		t.Fatalf("err=%v, want ECONFLICT error.already_reversed", err)
	}
}

func TestReverseOnce(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, a := books(t, s, "correctie",
			ledger.Account{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true},
			ledger.Account{Code: "Bank", Type: ledger.TypeBank})
		first, _, err := s.Post(t.Context(), transfer(w, "sub", a["Fonds"], a["Bank"], 10_000))
		if err != nil {
			t.Fatal(err)
		}
		on := time.Date(2025, 5, 2, 0, 0, 0, 0, time.UTC)
		rev, _, err := s.Post(t.Context(), first.Reversal(on, "rev-1", "pm"))
		if err != nil {
			t.Fatal(err)
		}
		// The same request again is a replay, not a second reversal.
		again, replay, err := s.Post(t.Context(), first.Reversal(on, "rev-1", "pm"))
		if err != nil || !replay || again.ID != rev.ID {
			t.Fatalf("replay of the reversal: %+v replay=%v err=%v", again, replay, err)
		}
		// Another key, another day: refused.
		_, _, err = s.Post(t.Context(), first.Reversal(on.AddDate(0, 0, 1), "rev-2", "pm"))
		wantAlreadyReversed(t, err)
		if got := balanceOf(t, s, a["Bank"]); got != 0 {
			t.Errorf("bank=%d after one reversal, want 0", got)
		}
		// Reversing the reversal books the money again, once.
		if _, _, err := s.Post(t.Context(), rev.Reversal(on, "rev-rev", "pm")); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.Post(t.Context(), rev.Reversal(on, "rev-rev-2", "pm"))
		wantAlreadyReversed(t, err)
		if got := balanceOf(t, s, a["Bank"]); got != 10_000 {
			t.Errorf("bank=%d, want 10000", got)
		}
		if headSeq(t, s, w) != 3 {
			t.Errorf("head=%d, want 3 transactions", headSeq(t, s, w))
		}
	})
}

// TestReverseOnceConcurrent: many reversals of one transaction at once,
// each with its own key, book exactly one.
func TestReverseOnceConcurrent(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, a := books(t, s, "correctie-tegelijk",
			ledger.Account{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true},
			ledger.Account{Code: "Bank", Type: ledger.TypeBank, AllowOverdraft: true})
		first, _, err := s.Post(t.Context(), transfer(w, "sub", a["Fonds"], a["Bank"], 10_000))
		if err != nil {
			t.Fatal(err)
		}
		const workers = 16
		var ok, refused atomic.Int64
		var wg sync.WaitGroup
		start := make(chan struct{})
		for g := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, _, err := s.Post(t.Context(), first.Reversal(time.Date(2025, 5, 2, 0, 0, 0, 0, time.UTC), fmt.Sprintf("rev-%d", g), "pm"))
				var e *wei.Error
				switch {
				case err == nil:
					ok.Add(1)
				case errors.As(err, &e) && e.Code == wei.ECONFLICT && e.Fields["reverses_id"] == "error.already_reversed":
					refused.Add(1)
				default:
					t.Errorf("reversal %d: %v", g, err)
				}
			}()
		}
		close(start)
		wg.Wait()
		if ok.Load() != 1 || refused.Load() != workers-1 {
			t.Fatalf("%d reversals booked, %d refused; want 1 and %d", ok.Load(), refused.Load(), workers-1)
		}
		if got := balanceOf(t, s, a["Bank"]); got != 0 {
			t.Errorf("bank=%d, want 0", got)
		}
		if broken, bad, err := s.VerifyLedger(t.Context(), w); err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}
	})
}

// totalsByID maps account IDs to totals.
func totalsByID(ts []store.AccountTotal) map[string]int64 {
	out := map[string]int64{}
	for _, at := range ts {
		out[at.ID] = at.Total
	}
	return out
}

// TestAccountTotalsProperty: after random postings (and reversals) on
// random days, the totals from the cached month totals equal a scan of the
// postings, for random periods and for the edge cases of months.
func TestAccountTotalsProperty(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		accts := []ledger.Account{{Code: "Fonds", Type: ledger.TypeFunder, AllowOverdraft: true}}
		for i := range 5 {
			accts = append(accts, ledger.Account{Code: fmt.Sprintf("Pot:%d", i), Type: ledger.TypeFund, AllowOverdraft: true})
		}
		accts = append(accts, ledger.Account{Code: "Tijd:A", Type: ledger.TypeTime, Asset: ledger.Time, AllowOverdraft: true},
			ledger.Account{Code: "Tijd:B", Type: ledger.TypeTime, Asset: ledger.Time, AllowOverdraft: true})
		w, a := books(t, s, "totalen", accts...)
		// Another wijk's postings must not count.
		w2, a2 := books(t, s, "totalen-ander", ledger.Account{Code: "X", Type: ledger.TypeFund, AllowOverdraft: true}, ledger.Account{Code: "Y", Type: ledger.TypeFund, AllowOverdraft: true})
		r := rand.New(rand.NewPCG(42, uint64(s.Dialect())))
		start := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)
		randomDay := func() time.Time { return start.AddDate(0, 0, r.IntN(800)) }
		pots := []ledger.Account{a["Fonds"], a["Pot:0"], a["Pot:1"], a["Pot:2"], a["Pot:3"], a["Pot:4"]}
		var booked []ledger.Transaction
		for i := range 250 {
			var tr ledger.Transaction
			switch {
			case i%25 == 24 && len(booked) > 0:
				orig := booked[r.IntN(len(booked))]
				tr = orig.Reversal(randomDay(), fmt.Sprintf("rev-%d", i), "")
			case i%7 == 0:
				tr = transfer(w, fmt.Sprintf("tijd-%d", i), a["Tijd:A"], a["Tijd:B"], int64(1+r.IntN(120)))
			case i%5 == 0: // one pot to two others
				x, y := int64(1+r.IntN(9_999)), int64(1+r.IntN(9_999))
				tr = ledger.Transaction{WijkID: w, Description: "Verdeling", IdempotencyKey: fmt.Sprintf("split-%d", i), Postings: []ledger.Posting{
					{AccountID: pots[1+r.IntN(5)].ID, Asset: ledger.EUR, Amount: x}, {AccountID: pots[1+r.IntN(5)].ID, Asset: ledger.EUR, Amount: y},
					{AccountID: pots[0].ID, Asset: ledger.EUR, Amount: -x - y}}}
			default:
				from, to := r.IntN(len(pots)), r.IntN(len(pots))
				if from == to {
					to = (to + 1) % len(pots)
				}
				tr = transfer(w, fmt.Sprintf("t-%d", i), pots[from], pots[to], int64(1+r.IntN(99_999)))
			}
			tr.On = randomDay()
			got, _, err := s.Post(t.Context(), tr)
			if wei.ErrorCode(err) == wei.ECONFLICT { // a transaction reversed before
				continue
			}
			if err != nil {
				t.Fatalf("post %d: %v", i, err)
			}
			booked = append(booked, got)
			if i%10 == 0 {
				o := transfer(w2, fmt.Sprintf("ander-%d", i), a2["X"], a2["Y"], 777)
				o.On = tr.On
				if _, _, err := s.Post(t.Context(), o); err != nil {
					t.Fatal(err)
				}
			}
		}
		d := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
		type period struct{ from, to time.Time }
		periods := []period{
			{}, {to: d(2024, 2, 29)}, {from: d(2024, 2, 1)}, {d(2024, 2, 1), d(2024, 2, 29)}, {d(2024, 2, 2), d(2024, 2, 28)},
			{d(2024, 1, 31), d(2024, 3, 1)}, {d(2024, 3, 15), d(2024, 3, 15)}, {d(2024, 3, 15), d(2024, 4, 14)}, {d(2024, 5, 1), d(2024, 4, 30)},
			{d(2023, 12, 31), d(2025, 1, 1)}, {d(2024, 1, 1), d(2024, 12, 31)}, {d(2020, 1, 1), d(2021, 1, 1)}, {d(2023, 11, 1), d(2026, 12, 31)},
		}
		for range 150 {
			f, l := randomDay().AddDate(0, 0, -20), randomDay()
			if f.After(l) {
				f, l = l, f
			}
			switch r.IntN(5) {
			case 0:
				f = time.Time{}
			case 1:
				l = time.Time{}
			}
			periods = append(periods, period{f, l})
		}
		for _, p := range periods {
			got, err := s.AccountTotals(t.Context(), w, p.from, p.to)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.AccountTotalsFromPostings(t.Context(), w, p.from, p.to)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%s..%s: %d accounts, want %d", p.from.Format(time.DateOnly), p.to.Format(time.DateOnly), len(got), len(want))
			}
			for i := range want {
				if got[i].ID != want[i].ID || got[i].Total != want[i].Total {
					t.Errorf("%s..%s: %s total %d, the postings say %s %d", p.from.Format(time.DateOnly), p.to.Format(time.DateOnly),
						got[i].Code, got[i].Total, want[i].Code, want[i].Total)
				}
			}
		}
		// The totals over all time are the balances.
		all, err := s.AccountTotals(t.Context(), w, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for id, total := range totalsByID(all) {
			if b, _ := s.Balance(t.Context(), id); b != total {
				t.Errorf("account %s: total %d, balance %d", id, total, b)
			}
		}
		if broken, bad, err := s.VerifyLedger(t.Context(), w); err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}
	})
}

// sqlQ renders a string as an SQL literal for ExecForTest.
func sqlQ(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// TestLedgerCheckpoint: the page check verifies only the tail after the
// checkpoint; a full verification still finds an old row changed behind
// the chain's back, and then the page check finds it too.
func TestLedgerCheckpoint(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, a := books(t, s, "controle",
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
		check := func(full bool) (int64, []string) {
			t.Helper()
			var broken int64
			var bad []string
			var err error
			if full {
				broken, bad, err = s.VerifyLedger(t.Context(), w)
			} else {
				_, broken, bad, err = s.CheckedLedger(t.Context(), w)
			}
			if err != nil {
				t.Fatal(err)
			}
			return broken, bad
		}
		post(10)
		if seq, _, _ := s.LedgerCheckpoint(t.Context(), w); seq != 0 {
			t.Fatalf("checkpoint %d before any check", seq)
		}
		if broken, bad := check(false); broken != 0 || len(bad) != 0 {
			t.Fatalf("CheckedLedger=%d %v", broken, bad)
		}
		if seq, hash, _ := s.LedgerCheckpoint(t.Context(), w); seq != 10 || hash != txs[9].Hash {
			t.Fatalf("checkpoint=%d %q, want 10 and the head's hash", seq, hash)
		}
		post(5)
		// A change in the tail (after the checkpoint) is caught by the
		// page check.
		if err := s.ExecForTest(t.Context(), "UPDATE ledger_transactions SET description = 'Iets anders' WHERE id = "+sqlQ(txs[12].ID)); err != nil {
			t.Fatal(err)
		}
		if broken, _ := check(false); broken != 13 {
			t.Fatalf("CheckedLedger broken=%d, want 13", broken)
		}
		if seq, _, _ := s.LedgerCheckpoint(t.Context(), w); seq != 10 {
			t.Errorf("checkpoint moved to %d over a broken chain", seq)
		}
		if err := s.ExecForTest(t.Context(), "UPDATE ledger_transactions SET description = 'Overboeking' WHERE id = "+sqlQ(txs[12].ID)); err != nil {
			t.Fatal(err)
		}
		if broken, bad := check(false); broken != 0 || len(bad) != 0 {
			t.Fatalf("CheckedLedger after repair=%d %v", broken, bad)
		}
		// An old row (before the checkpoint) changed without touching an
		// amount: the page check does not rehash it; the full check does.
		if err := s.ExecForTest(t.Context(), "UPDATE ledger_transactions SET description = 'Vervalst' WHERE id = "+sqlQ(txs[2].ID)); err != nil {
			t.Fatal(err)
		}
		if broken, _ := check(false); broken != 0 {
			t.Fatalf("CheckedLedger broken=%d: expected to trust the checkpoint", broken)
		}
		if broken, _ := check(true); broken != 3 {
			t.Fatalf("VerifyLedger broken=%d, want 3", broken)
		}
		// The full check removed the checkpoint: the page sees it too now.
		if seq, _, _ := s.LedgerCheckpoint(t.Context(), w); seq != 0 {
			t.Errorf("checkpoint=%d after a failed full check, want none", seq)
		}
		if broken, _ := check(false); broken != 3 {
			t.Errorf("CheckedLedger after the full check: broken=%d, want 3", broken)
		}
		if err := s.ExecForTest(t.Context(), "UPDATE ledger_transactions SET description = 'Overboeking' WHERE id = "+sqlQ(txs[2].ID)); err != nil {
			t.Fatal(err)
		}
		if broken, bad := check(true); broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger after repair=%d %v", broken, bad)
		}
		// A changed amount in an old row, or a changed cached total, shows
		// in both checks as a balance that disagrees.
		for _, q := range []string{
			"UPDATE ledger_postings SET amount = amount + 1 WHERE position = 0 AND transaction_id = " + sqlQ(txs[1].ID),
			"UPDATE ledger_month_totals SET total = total + 1 WHERE account_id = " + sqlQ(a["Bank"].ID),
		} {
			if err := s.ExecForTest(t.Context(), q); err != nil {
				t.Fatal(err)
			}
			for _, full := range []bool{false, true} {
				if _, bad := check(full); len(bad) == 0 {
					t.Errorf("full=%v: no account reported after %q", full, q)
				}
			}
			undo := strings.Replace(q, "+ 1", "- 1", 1)
			if err := s.ExecForTest(t.Context(), undo); err != nil {
				t.Fatal(err)
			}
		}
		// A month total moved to another month: the sum per account still
		// holds, only the full check compares months.
		if err := s.ExecForTest(t.Context(), "UPDATE ledger_month_totals SET month = '2025-04' WHERE account_id = "+sqlQ(a["Bank"].ID)); err != nil {
			t.Fatal(err)
		}
		if _, bad := check(true); len(bad) != 1 || bad[0] != a["Bank"].ID {
			t.Errorf("VerifyLedger bad=%v, want the bank account", bad)
		}
	})
}

// TestMigrationBackfillsMonthTotals: books written before the month totals
// existed get them from the migration.
func TestMigrationBackfillsMonthTotals(t *testing.T) {
	t.Parallel()
	for _, open := range []func(testing.TB) *store.Store{openEmptySQLite, openEmptyPostgres} {
		s := open(t)
		ctx := t.Context()
		if _, err := s.MigrateTo(ctx, 6); err != nil {
			t.Fatal(err)
		}
		run := func(q string) {
			t.Helper()
			if err := s.ExecForTest(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		run("INSERT INTO wijken (id, slug, name, cbs_code, cbs_year, municipality, created_at) VALUES ('w', 'w', 'W', 'WK000001', 2024, 'X', 0)")
		run("INSERT INTO ledger_assets (wijk_id, code, name, kind, decimals) VALUES ('w', 'EUR', 'Euro', 'euro', 2)")
		ids := []string{"a1", "a2", "a3"}
		for _, id := range ids {
			run(fmt.Sprintf("INSERT INTO ledger_accounts (id, wijk_id, code, name, type, asset, allow_overdraft, created_at) VALUES (%s, 'w', %s, %s, 'fund', 'EUR', TRUE, 0)", sqlQ(id), sqlQ(id), sqlQ(id)))
		}
		r := rand.New(rand.NewPCG(7, 7))
		balances := map[string]int64{}
		prev := ""
		for i := range 60 {
			from, to := ids[r.IntN(3)], ids[r.IntN(3)]
			if from == to {
				to = ids[(r.IntN(2)+1+slices.Index(ids, from))%3]
			}
			amount := int64(1 + r.IntN(10_000))
			tr := ledger.Transaction{ID: fmt.Sprintf("t%03d", i), WijkID: "w", Seq: int64(i + 1), On: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(400)),
				Description: "Oud", IdempotencyKey: fmt.Sprintf("k%d", i), PrevHash: prev,
				Postings: []ledger.Posting{{AccountID: to, Asset: ledger.EUR, Amount: amount}, {AccountID: from, Asset: ledger.EUR, Amount: -amount}}}
			tr.Hash = tr.ChainHash(prev)
			prev = tr.Hash
			run(fmt.Sprintf(`INSERT INTO ledger_transactions (id, wijk_id, seq, on_date, description, category, idempotency_key, fingerprint, reverses_id, prev_hash, hash, created_by, created_at)
				VALUES (%s, 'w', %d, %s, 'Oud', '', %s, 'fp', '', %s, %s, '', 0)`, sqlQ(tr.ID), tr.Seq, sqlQ(tr.On.Format(time.DateOnly)), sqlQ(tr.IdempotencyKey), sqlQ(tr.PrevHash), sqlQ(tr.Hash)))
			for pos, p := range tr.Postings {
				run(fmt.Sprintf("INSERT INTO ledger_postings (transaction_id, position, account_id, asset, amount) VALUES (%s, %d, %s, 'EUR', %d)", sqlQ(tr.ID), pos, sqlQ(p.AccountID), p.Amount))
				balances[p.AccountID] += p.Amount
			}
		}
		for id, b := range balances {
			run(fmt.Sprintf("UPDATE ledger_accounts SET balance = %d WHERE id = %s", b, sqlQ(id)))
		}
		run(fmt.Sprintf("INSERT INTO ledger_heads (wijk_id, seq, hash) VALUES ('w', 60, %s)", sqlQ(prev)))
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if broken, bad, err := s.VerifyLedger(ctx, "w"); err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("%s: VerifyLedger after the migration=%d %v %v", s.Dialect(), broken, bad, err)
		}
		for _, p := range [][2]time.Time{{}, {time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC)}} {
			got, err1 := s.AccountTotals(ctx, "w", p[0], p[1])
			want, err2 := s.AccountTotalsFromPostings(ctx, "w", p[0], p[1])
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if g, w := totalsByID(got), totalsByID(want); !maps.Equal(g, w) {
				t.Errorf("%s: totals %v, the postings say %v", s.Dialect(), g, w)
			}
		}
	}
}
