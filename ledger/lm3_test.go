package ledger_test

import (
	"testing"

	"github.com/wei-platform/wei/ledger"
)

// TestOwnRespend checks the rule with figures worked out by hand. The
// initiative Buurttuin spends in the period:
//
//	€ 300,00 to the Repair Café (another initiative)          local 300,00
//	€ 100,00 on a claim paid out (payable and bank)           local   0,00
//	€ 200,00 split: € 50,00 to a resident's account and
//	         € 150,00 to the outside world                    local  50,00
//	€ 40,00 to the wijkcoöperatie, then reversed (−€ 40,00)   local   0,00
//	€ 60,00 from its budget to its expenses only              local   0,00
//	€ 25,00 to a supplier marked local                        local  25,00
//
// Spent = 300 + 100 + 200 + 40 − 40 + 60 + 25 = € 685,00; local =
// 300 + 50 + 40 − 40 + 25 = € 375,00; 37500 × 10000 / 68500 = 5474,45…,
// so 5474 basis points. Time, another asset, and the other initiative's own
// expenses do not count.
func TestOwnRespend(t *testing.T) {
	t.Parallel()
	const tuin, cafe = "org-tuin", "org-cafe"
	accounts := map[string]ledger.Account{}
	add := func(id string, a ledger.Account) string {
		a.ID, a.Asset = id, ledger.EUR
		accounts[id] = a
		return id
	}
	exp := add("tuin-exp", ledger.Account{Type: ledger.TypeExpense, OrganisationID: tuin, Local: true})
	budget := add("tuin-budget", ledger.Account{Type: ledger.TypeBudget, OrganisationID: tuin, Local: true})
	cafeIn := add("cafe-in", ledger.Account{Type: ledger.TypeIncome, OrganisationID: cafe, Local: true})
	cafeExp := add("cafe-exp", ledger.Account{Type: ledger.TypeExpense, OrganisationID: cafe, Local: true})
	coop := add("coop", ledger.Account{Type: ledger.TypeFund, OrganisationID: "org-coop", Local: true})
	payable := add("payable", ledger.Account{Type: ledger.TypePayable})
	bank := add("bank", ledger.Account{Type: ledger.TypeBank})
	world := add("world", ledger.Account{Type: ledger.TypeWorld})
	resident := add("resident", ledger.Account{Type: ledger.TypeTime, PersonID: "p1"})
	baker := add("baker", ledger.Account{Type: ledger.TypeWorld, Local: true})
	p := func(id string, cents int64) ledger.Posting {
		return ledger.Posting{AccountID: id, Asset: ledger.EUR, Amount: cents}
	}
	txs := []ledger.Transaction{
		{Postings: []ledger.Posting{p(exp, 30000), p(cafeIn, -30000)}},
		{Postings: []ledger.Posting{p(exp, 10000), p(payable, -10000), p(budget, -10000), p(bank, 10000)}},
		{Postings: []ledger.Posting{p(exp, 20000), p(resident, -5000), p(world, -15000)}},
		{Postings: []ledger.Posting{p(exp, 4000), p(coop, -4000)}},
		{Postings: []ledger.Posting{p(exp, -4000), p(coop, 4000)}},
		{Postings: []ledger.Posting{p(exp, 6000), p(budget, -6000)}},
		{Postings: []ledger.Posting{p(exp, 2500), p(baker, -2500)}},
		{Postings: []ledger.Posting{p(cafeExp, 9900), p(world, -9900)}},                                                                          // the café's own spending
		{Postings: []ledger.Posting{{AccountID: exp, Asset: ledger.Time, Amount: 120}, {AccountID: resident, Asset: ledger.Time, Amount: -120}}}, // minutes
		{Postings: []ledger.Posting{p("unknown", 100), p(world, -100)}},
	}
	got := ledger.OwnRespend(tuin, txs, accounts)
	if want := (ledger.Respend{Spent: 68500, Local: 37500}); got != want {
		t.Fatalf("OwnRespend=%+v, want %+v", got, want)
	}
	if bp, ok := got.BasisPoints(); !ok || bp != 5474 {
		t.Errorf("BasisPoints=%d %v, want 5474 true", bp, ok)
	}
	// The café spent only outside the wijk.
	if bp, ok := ledger.OwnRespend(cafe, txs, accounts).BasisPoints(); !ok || bp != 0 {
		t.Errorf("café BasisPoints=%d %v, want 0 true", bp, ok)
	}
	// An organisation that spent nothing has no figure from its books.
	if r := ledger.OwnRespend("org-coop", txs, accounts); r.Spent != 0 {
		t.Errorf("coop Spent=%d, want 0", r.Spent)
	} else if _, ok := r.BasisPoints(); ok {
		t.Error("coop BasisPoints ok, want false")
	}
	if r := ledger.OwnRespend("", txs, accounts); r != (ledger.Respend{}) {
		t.Errorf("no organisation: %+v, want zero", r)
	}
	// Large amounts do not overflow.
	big := ledger.Respend{Spent: 4_000_000_000_000_000_000, Local: 1_000_000_000_000_000_000}
	if bp, _ := big.BasisPoints(); bp != 2500 {
		t.Errorf("large BasisPoints=%d, want 2500", bp)
	}
	// More local than spent (a correction elsewhere) stays at 100%.
	if bp, _ := (ledger.Respend{Spent: 100, Local: 150}).BasisPoints(); bp != 10000 {
		t.Errorf("capped BasisPoints=%d, want 10000", bp)
	}
}
