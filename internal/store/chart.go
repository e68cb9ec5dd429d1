package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// Account codes of the standard chart of a wijk. Initiatives, funders and
// the wijkcoöperatie get their own accounts below these.
const (
	CodeBank       = "Bank"
	CodeWijkbudget = "Wijkbudget"
	CodeSuspense   = "Te matchen"
	CodePayable    = "Te betalen declaraties"
	CodeWorld      = "Buiten de wijk"
	CodeFunders    = "Financiers"
	CodeInitiative = "Initiatieven"
	CodeCoop       = "Wijkcooperatie"
	CodeTime       = "Tijdbank"
)

// EnsureChart gives a wijk its standard chart: euro and time, the bank,
// the wijkbudget, the queue of unmatched bank lines, approved claims, the
// outside world, and for every funder (partner), initiative and the
// wijkcoöperatie their accounts. It is safe to call again: only what is
// missing is added.
func (s *Store) EnsureChart(ctx context.Context, wijkID string) error {
	for _, a := range []ledger.Asset{
		{WijkID: wijkID, Code: ledger.EUR, Name: "Euro", Kind: ledger.KindEuro, Decimals: 2},
		{WijkID: wijkID, Code: ledger.Time, Name: "Minuten", Kind: ledger.KindTime, Decimals: 0},
	} {
		if err := s.EnsureAsset(ctx, a); err != nil {
			return err
		}
	}
	existing, err := s.LedgerAccounts(ctx, wijkID)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, a := range existing {
		have[a.Code+"|"+a.Asset] = true
	}
	want := []ledger.Account{
		{Code: CodeBank, Name: "Bankrekening", Type: ledger.TypeBank},
		{Code: CodeWijkbudget, Name: "Wijkbudget", Type: ledger.TypeFund},
		{Code: CodeSuspense, Name: "Banklijnen die nog gematcht moeten worden", Type: ledger.TypeSuspense, AllowOverdraft: true},
		{Code: CodePayable, Name: "Goedgekeurde declaraties, nog te betalen", Type: ledger.TypePayable, AllowOverdraft: true},
		{Code: CodeWorld, Name: "Leveranciers en ontvangers buiten de wijk", Type: ledger.TypeWorld, AllowOverdraft: true},
	}
	orgs, err := s.Organisations(ctx, wijkID)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		name := accountName(o.Name)
		switch {
		case o.Form == wijk.FormPartner:
			want = append(want, ledger.Account{Code: CodeFunders + ":" + name, Name: o.Name, Type: ledger.TypeFunder, OrganisationID: o.ID, AllowOverdraft: true})
		case o.Form == wijk.FormWijkcooperatie:
			want = append(want, ledger.Account{Code: CodeCoop + ":" + name, Name: o.Name, Type: ledger.TypeFund, OrganisationID: o.ID, Local: true})
		case o.Form.IsInitiative():
			base := CodeInitiative + ":" + name
			want = append(want,
				ledger.Account{Code: base + ":Budget", Name: o.Name + " – budget", Type: ledger.TypeBudget, OrganisationID: o.ID, Local: true},
				ledger.Account{Code: base + ":Inkomsten", Name: o.Name + " – inkomsten", Type: ledger.TypeIncome, OrganisationID: o.ID, AllowOverdraft: true, Local: true},
				ledger.Account{Code: base + ":Uitgaven", Name: o.Name + " – uitgaven", Type: ledger.TypeExpense, OrganisationID: o.ID, AllowOverdraft: true, Local: true})
		}
	}
	for _, a := range want {
		a.WijkID = wijkID
		if a.Asset == "" {
			a.Asset = ledger.EUR
		}
		if have[a.Code+"|"+a.Asset] {
			continue
		}
		if err := s.CreateAccount(ctx, &a); err != nil && wei.ErrorCode(err) != wei.ECONFLICT {
			return fmt.Errorf("store: chart of %s: %s: %w", wijkID, a.Code, err)
		}
	}
	return nil
}

// accountName turns an organisation name into one segment of an account
// code: no colons, no double spaces.
func accountName(s string) string {
	s = strings.ReplaceAll(s, ":", " ")
	return strings.Join(strings.Fields(s), " ")
}

// AccountByCode returns a wijk's account with a code and asset.
func (s *Store) AccountByCode(ctx context.Context, wijkID, code, asset string) (ledger.Account, error) {
	a, err := scanLedgerAccount(s.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? AND code = ? AND asset = ?", wijkID, code, asset))
	return a, notFound(err, "store: account %s: %w", code)
}
