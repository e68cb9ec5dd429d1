package api

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei/ledger"
)

// ledgerAccountJSON is an account of the chart with its current balance.
type ledgerAccountJSON struct {
	ID             string             `json:"id"`
	Code           string             `json:"code"`
	Name           string             `json:"name"`
	Type           ledger.AccountType `json:"type"`
	Asset          string             `json:"asset"`
	OrganisationID string             `json:"organisation_id,omitempty"`
	PersonID       string             `json:"person_id,omitempty"`
	MinBalance     moneyJSON          `json:"min_balance"`
	AllowOverdraft bool               `json:"allow_overdraft"`
	Local          bool               `json:"local"`
	Balance        moneyJSON          `json:"balance"`
	CreatedAt      time.Time          `json:"created_at"`
}

// listLedgerAccounts returns the chart of the wijk by code, with balances.
// It first completes the standard chart (store.EnsureChart), so accounts of
// an initiative registered since the last booking are listed too.
func (a *api) listLedgerAccounts(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	if err := a.store.EnsureChart(ctx, c.wijk.ID); err != nil {
		return err
	}
	// The totals of all postings ever are the balances.
	totals, err := a.store.AccountTotals(ctx, c.wijk.ID, time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	d, err := a.decimalsOf(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	out := make([]ledgerAccountJSON, 0, len(totals))
	for _, t := range totals {
		out = append(out, ledgerAccountJSON{ID: t.ID, Code: t.Code, Name: t.Name, Type: t.Type, Asset: t.Asset,
			OrganisationID: t.OrganisationID, PersonID: t.PersonID, MinBalance: d.money(t.Asset, t.MinBalance),
			AllowOverdraft: t.AllowOverdraft, Local: t.Local, Balance: d.money(t.Asset, t.Total), CreatedAt: utc(t.CreatedAt)})
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}
