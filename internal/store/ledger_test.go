package store_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
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
