package ledger

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// reportBooks is a small wijk: a subsidy and a gift come in, the
// wijkbudget grants two initiatives, they spend and earn, two residents
// swap time. The figures in the tests below are worked out by hand.
func reportBooks() ([]Transaction, map[string]Account) {
	accounts := map[string]Account{}
	for _, a := range []Account{
		{ID: "bank", Code: "Bank", Type: TypeBank, Asset: EUR},
		{ID: "wb", Code: "Wijkbudget", Type: TypeFund, Asset: EUR},
		{ID: "gem", Code: "Financiers:Gemeente", Type: TypeFunder, Asset: EUR, OrganisationID: "p1"},
		{ID: "gift", Code: "Financiers:Gift", Type: TypeFunder, Asset: EUR},
		{ID: "tb", Code: "Initiatieven:Buurttuin:Budget", Type: TypeBudget, Asset: EUR, OrganisationID: "o1"},
		{ID: "ti", Code: "Initiatieven:Buurttuin:Inkomsten", Type: TypeIncome, Asset: EUR, OrganisationID: "o1"},
		{ID: "tu", Code: "Initiatieven:Buurttuin:Uitgaven", Type: TypeExpense, Asset: EUR, OrganisationID: "o1"},
		{ID: "kb", Code: "Initiatieven:Kookclub:Budget", Type: TypeBudget, Asset: EUR, OrganisationID: "o2"},
		{ID: "ku", Code: "Initiatieven:Kookclub:Uitgaven", Type: TypeExpense, Asset: EUR, OrganisationID: "o2"},
		{ID: "ria", Code: "Tijdbank:Ria", Name: "Ria de Vries", Type: TypeTime, Asset: Time, PersonID: "per1"},
		{ID: "aziz", Code: "Tijdbank:Aziz", Type: TypeTime, Asset: Time, PersonID: "per2"},
	} {
		accounts[a.ID] = a
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tr := func(on time.Time, cat, to, from string, amount int64) Transaction {
		asset := accounts[to].Asset
		return Transaction{On: on, Description: "Boeking", Category: cat,
			Postings: []Posting{{AccountID: to, Asset: asset, Amount: amount}, {AccountID: from, Asset: asset, Amount: -amount}}}
	}
	txs := []Transaction{
		tr(day(2024, 12, 20), "subsidie", "kb", "gem", 10_000),   // before the period
		tr(day(2025, 1, 10), "subsidie", "bank", "gem", 500_000), // in
		tr(day(2025, 1, 15), "gift", "bank", "gift", 20_000),     // in, a donor who is no organisation
		tr(day(2025, 2, 1), "", "wb", "bank", 300_000),           // inside the wijk
		tr(day(2025, 2, 10), "toekenning", "tb", "wb", 120_000),  // grant
		tr(day(2025, 2, 11), "toekenning", "kb", "wb", 50_000),   // grant
		tr(day(2025, 3, 1), "materiaal", "tu", "tb", 45_050),     // out
		tr(day(2025, 3, 5), "verkoop", "tb", "ti", 10_000),       // income, not a grant
		tr(day(2025, 3, 6), "materiaal", "ku", "kb", 20_000),     // out
		tr(day(2025, 3, 7), "tijd", "ria", "aziz", 90),           // time: never public
		tr(day(2025, 4, 1), "subsidie", "gem", "bank", 5_000),    // back to the gemeente
		tr(day(2025, 7, 1), "materiaal", "tu", "tb", 1_000),      // after the period
	}
	for i := range txs {
		txs[i].Seq = int64(i + 1)
	}
	return txs, accounts
}

// totalsOf sums the postings per account dated from..to, as the store's
// AccountTotals does.
func totalsOf(txs []Transaction, accounts map[string]Account, from, to time.Time) []AccountTotal {
	sums := map[string]int64{}
	for _, t := range txs {
		if (!from.IsZero() && t.On.Before(from)) || t.On.After(to) {
			continue
		}
		for _, p := range t.Postings {
			sums[p.AccountID] += p.Amount
		}
	}
	// In the order of the account codes, as the store returns them.
	var out []AccountTotal
	for _, code := range []string{"Bank", "Financiers:Gemeente", "Financiers:Gift", "Initiatieven:Buurttuin:Budget", "Initiatieven:Buurttuin:Inkomsten",
		"Initiatieven:Buurttuin:Uitgaven", "Initiatieven:Kookclub:Budget", "Initiatieven:Kookclub:Uitgaven", "Tijdbank:Aziz", "Tijdbank:Ria", "Wijkbudget"} {
		for _, a := range accounts {
			if a.Code == code {
				out = append(out, AccountTotal{Account: a, Total: sums[a.ID]})
			}
		}
	}
	return out
}

var (
	periodFrom = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	periodTo   = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
)

func TestBalanceSheet(t *testing.T) {
	t.Parallel()
	txs, accounts := reportBooks()
	totals := totalsOf(txs, accounts, time.Time{}, periodTo)
	if got, want := ReportAssets(totals), []string{EUR, Time}; !cmp.Equal(got, want) {
		t.Errorf("ReportAssets=%v, want %v", got, want)
	}
	b := NewBalanceSheet(EUR, totals)
	// Bank 500,000 + 20,000 - 300,000 - 5,000; Wijkbudget 300,000 -
	// 120,000 - 50,000; budgets 120,000 - 45,050 + 10,000 and 10,000 +
	// 50,000 - 20,000; funders -(10,000 + 500,000 - 5,000) and -20,000.
	wantType := map[string]int64{"bank": 215_000, "fund": 130_000, "budget": 84_950 + 40_000, "funder": -505_000 - 20_000}
	var keys []string
	for _, g := range b.ByType {
		keys = append(keys, g.Key)
		if g.Total != wantType[g.Key] {
			t.Errorf("type %s total=%d, want %d", g.Key, g.Total, wantType[g.Key])
		}
	}
	if want := []string{"bank", "fund", "budget", "funder"}; !cmp.Equal(keys, want) {
		t.Errorf("types=%v, want %v", keys, want)
	}
	if b.Total != -55_050 || b.Result != -55_050 || !b.Balanced() {
		t.Errorf("Total=%d Result=%d, want both -55050 (income 10,000 less expenses 65,050)", b.Total, b.Result)
	}
	var orgs []string
	wantOrg := map[string]int64{"": 215_000 - 20_000 + 130_000, "p1": -505_000, "o1": 84_950, "o2": 40_000}
	for _, g := range b.ByOrganisation {
		orgs = append(orgs, g.Key)
		if g.Total != wantOrg[g.Key] {
			t.Errorf("organisation %q total=%d, want %d", g.Key, g.Total, wantOrg[g.Key])
		}
	}
	if want := []string{"", "p1", "o1", "o2"}; !cmp.Equal(orgs, want) {
		t.Errorf("organisations=%v, want %v", orgs, want)
	}
	m := NewBalanceSheet(Time, totals)
	if m.Total != 0 || m.Result != 0 || len(m.ByType) != 1 || len(m.ByType[0].Lines) != 2 {
		t.Errorf("time sheet: %+v", m)
	}
	// One initiative's accounts: its budget; its result does not balance
	// against it, and that is expected.
	one := NewBalanceSheet(EUR, OfOrganisation(totals, "o1"))
	if one.Total != 84_950 || one.Result != -35_050 || one.Balanced() {
		t.Errorf("Buurttuin sheet: Total=%d Result=%d", one.Total, one.Result)
	}
}

func TestIncomeStatement(t *testing.T) {
	t.Parallel()
	txs, accounts := reportBooks()
	s := NewIncomeStatement(EUR, totalsOf(txs, accounts, periodFrom, periodTo))
	if s.Income.Total != 10_000 || s.Expenses.Total != 65_050 || s.Result != -55_050 {
		t.Errorf("income=%d expenses=%d result=%d", s.Income.Total, s.Expenses.Total, s.Result)
	}
	if len(s.Income.Lines) != 1 || s.Income.Lines[0].Amount != 10_000 || s.Income.Lines[0].Account.ID != "ti" {
		t.Errorf("income lines=%+v", s.Income.Lines)
	}
	want := []OrganisationResult{{"o1", 10_000, 45_050, -35_050}, {"o2", 0, 20_000, -20_000}}
	if diff := cmp.Diff(want, s.ByOrganisation); diff != "" {
		t.Errorf("by organisation (-want +got):\n%s", diff)
	}
	// The whole year holds the July expense too.
	y := NewIncomeStatement(EUR, totalsOf(txs, accounts, periodFrom, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)))
	if y.Expenses.Total != 66_050 {
		t.Errorf("year expenses=%d, want 66050", y.Expenses.Total)
	}
	if e := NewIncomeStatement(Time, totalsOf(txs, accounts, periodFrom, periodTo)); len(e.Income.Lines)+len(e.Expenses.Lines) != 0 || e.Result != 0 {
		t.Errorf("time statement=%+v, want empty", e)
	}
}

func TestFlows(t *testing.T) {
	t.Parallel()
	txs, accounts := reportBooks()
	f := NewFlows(EUR, periodFrom, periodTo, txs, accounts)
	// In: 500,000 + 20,000 - 5,000 from funders, 10,000 income.
	if f.In != 525_000 || f.Out != 65_050 {
		t.Errorf("In=%d Out=%d, want 525000 and 65050", f.In, f.Out)
	}
	wantInit := []InitiativeFlow{
		// The income booked on its budget is no grant; the July expense is
		// after the period.
		{OrganisationID: "o1", Granted: 120_000, Income: 10_000, Spent: 45_050, Left: 84_950},
		// The grant of December counts for what is left, not for the period.
		{OrganisationID: "o2", Granted: 50_000, Spent: 20_000, Left: 40_000},
	}
	if diff := cmp.Diff(wantInit, f.Initiatives); diff != "" {
		t.Errorf("initiatives (-want +got):\n%s", diff)
	}
	if f.Initiatives[0].In() != 130_000 {
		t.Errorf("Buurttuin In()=%d, want 130000", f.Initiatives[0].In())
	}
	wantFunders := []FunderFlow{{OrganisationID: "p1", In: 500_000, Out: 5_000}, {OrganisationID: "", In: 20_000}}
	if diff := cmp.Diff(wantFunders, f.Funders); diff != "" {
		t.Errorf("funders (-want +got):\n%s", diff)
	}
	wantCats := []CategoryFlow{{"gift", 20_000, 0}, {"materiaal", 0, 65_050}, {"subsidie", 495_000, 0}, {"verkoop", 10_000, 0}}
	if diff := cmp.Diff(wantCats, f.Categories); diff != "" {
		t.Errorf("categories (-want +got):\n%s", diff)
	}
	// Everything: from the start, no end.
	all := NewFlows(EUR, time.Time{}, time.Time{}, txs, accounts)
	if all.In != 535_000 || all.Out != 66_050 || all.Initiatives[1].Granted != 60_000 {
		t.Errorf("all time: In=%d Out=%d Kookclub granted=%d", all.In, all.Out, all.Initiatives[1].Granted)
	}
	// Minutes are never shown, not even when asked for.
	if m := NewFlows(Time, time.Time{}, time.Time{}, txs, accounts); m.In != 0 || m.Out != 0 || len(m.Categories) != 0 {
		t.Errorf("time flows=%+v, want none", m)
	}
}

func TestFlowsSkipPersons(t *testing.T) {
	t.Parallel()
	accounts := map[string]Account{
		"bank":  {ID: "bank", Code: "Bank", Type: TypeBank, Asset: EUR},
		"donor": {ID: "donor", Code: "Financiers:Jansen", Type: TypeFunder, Asset: EUR, PersonID: "per1"},
		"u":     {ID: "u", Code: "Uitgaven", Type: TypeExpense, Asset: EUR, PersonID: "per2"},
	}
	txs := []Transaction{
		{On: periodFrom, Category: "gift", Postings: []Posting{{AccountID: "bank", Asset: EUR, Amount: 100}, {AccountID: "donor", Asset: EUR, Amount: -100}}},
		{On: periodFrom, Category: "vergoeding", Postings: []Posting{{AccountID: "u", Asset: EUR, Amount: 40}, {AccountID: "bank", Asset: EUR, Amount: -40}}},
	}
	f := NewFlows(EUR, time.Time{}, time.Time{}, txs, accounts)
	if f.In != 0 || f.Out != 0 || len(f.Funders) != 0 || len(f.Categories) != 0 {
		t.Errorf("flows with accounts of persons: %+v, want nothing", f)
	}
}
