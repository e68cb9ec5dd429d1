package api

// The public view of a wijk's books: the head of the hash chain, whether
// the chain and the balances check out, and where the money came from and
// went per initiative, funder and category. It works from store.PublicFlows
// (the figures of ledger.NewFlows, from sums), which leaves out time
// accounts and every account of a person; it names organisations only,
// never an account, an IBAN or a bank counterparty. Like the public page it
// reads sums and checks the chain from its checkpoint on, so it costs about
// the same at a million transactions as at a hundred.

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
)

// moneyJSON is an amount of an asset: an integer in the asset's smallest
// unit (cents for EUR) and the same amount as a decimal string.
type moneyJSON struct {
	Amount     int64  `json:"amount"`
	AmountText string `json:"amount_text"`
}

// decimals maps the asset codes of a wijk's books to their decimals.
type decimals map[string]int

func (d decimals) money(asset string, amount int64) moneyJSON {
	return moneyJSON{Amount: amount, AmountText: d.text(asset, amount)}
}

func (d decimals) text(asset string, amount int64) string {
	n, ok := d[asset]
	if !ok && asset == ledger.EUR {
		n = 2
	}
	return ledger.FormatAmount(amount, n, false)
}

func (a *api) decimalsOf(ctx context.Context, wijkID string) (decimals, error) {
	assets, err := a.store.Assets(ctx, wijkID)
	if err != nil {
		return nil, err
	}
	d := decimals{ledger.EUR: 2}
	for _, as := range assets {
		d[as.Code] = as.Decimals
	}
	return d, nil
}

// booksPeriod reads ?from= and ?to=, by default this calendar year.
func (a *api) booksPeriod(r *http.Request) (from, to time.Time, err error) {
	q := r.URL.Query()
	f := wei.FieldErrors{}
	y := a.today().Year()
	from = parseDate(f, "from", q.Get("from"), time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
	to = parseDate(f, "to", q.Get("to"), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC))
	if err := f.Err(); err != nil {
		return from, to, err
	}
	if from.After(to) {
		return from, to, &wei.Error{Code: wei.EINVALID, Message: "The period ends before it starts.", Fields: map[string]string{"to": "error.date_order"}}
	}
	return from, to, nil
}

type ledgerHeadJSON struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// publicLedgerJSON is what anyone may know about a wijk's books.
type publicLedgerJSON struct {
	Head ledgerHeadJSON `json:"head"`
	// Verified is true when the hash chain is intact and every balance is
	// the sum of its postings; BrokenAtSeq names the first broken link.
	Verified           bool                   `json:"verified"`
	BrokenAtSeq        int64                  `json:"broken_at_seq"`
	MismatchedBalances int                    `json:"mismatched_balances"`
	Period             periodJSON             `json:"period"`
	Asset              string                 `json:"asset"`
	In                 moneyJSON              `json:"in"`
	Out                moneyJSON              `json:"out"`
	Initiatives        []publicInitiativeJSON `json:"initiatives"`
	Funders            []publicFunderJSON     `json:"funders"`
	Categories         []publicCategoryJSON   `json:"categories"`
}

type publicInitiativeJSON struct {
	OrganisationID string    `json:"organisation_id"`
	Name           string    `json:"name"`
	Granted        moneyJSON `json:"granted"`
	Income         moneyJSON `json:"income"`
	In             moneyJSON `json:"in"`
	Spent          moneyJSON `json:"spent"`
	Left           moneyJSON `json:"left"`
}

// publicFunderJSON is a funder; funders that are no organisation of the
// wijk (private donors) are counted together, without ID or name.
type publicFunderJSON struct {
	OrganisationID string    `json:"organisation_id,omitempty"`
	Name           string    `json:"name,omitempty"`
	In             moneyJSON `json:"in"`
	Out            moneyJSON `json:"out"`
}

type publicCategoryJSON struct {
	Category string    `json:"category"`
	In       moneyJSON `json:"in"`
	Out      moneyJSON `json:"out"`
}

// getLedger is the public transparency view of the books.
func (a *api) getLedger(w http.ResponseWriter, r *http.Request, c *call) error {
	from, to, err := a.booksPeriod(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	out := publicLedgerJSON{Period: periodJSON{From: date(from), To: date(to)}, Asset: ledger.EUR,
		Initiatives: []publicInitiativeJSON{}, Funders: []publicFunderJSON{}, Categories: []publicCategoryJSON{}}
	check, err := a.store.CheckLedgerTail(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	out.Head.Seq, out.Head.Hash = check.HeadSeq, check.HeadHash
	out.Verified, out.BrokenAtSeq, out.MismatchedBalances = check.OK(), check.BrokenAt, len(check.Bad)
	if !out.Verified {
		a.log.ErrorContext(ctx, "api: ledger verification failed", slog.String("wijk", c.wijk.Slug),
			slog.Int64("broken_at", check.BrokenAt), slog.Int("bad_balances", len(check.Bad)), slog.String("request_id", c.requestID))
	}
	fl, err := a.store.PublicFlows(ctx, c.wijk.ID, ledger.EUR, from, to)
	if err != nil {
		return err
	}
	orgs, err := a.store.Organisations(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	names := make(map[string]string, len(orgs))
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	d, err := a.decimalsOf(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	eur := func(n int64) moneyJSON { return d.money(ledger.EUR, n) }
	out.In, out.Out = eur(fl.In), eur(fl.Out)
	for _, x := range fl.Initiatives {
		out.Initiatives = append(out.Initiatives, publicInitiativeJSON{OrganisationID: x.OrganisationID, Name: names[x.OrganisationID],
			Granted: eur(x.Granted), Income: eur(x.Income), In: eur(x.In()), Spent: eur(x.Spent), Left: eur(x.Left)})
	}
	for _, x := range fl.Funders {
		fj := publicFunderJSON{In: eur(x.In), Out: eur(x.Out)}
		if x.OrganisationID != "" {
			fj.OrganisationID, fj.Name = x.OrganisationID, names[x.OrganisationID]
		}
		out.Funders = append(out.Funders, fj)
	}
	for _, x := range fl.Categories {
		out.Categories = append(out.Categories, publicCategoryJSON{Category: x.Category, In: eur(x.In), Out: eur(x.Out)})
	}
	a.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// accountMap loads a wijk's chart by account ID.
func (a *api) accountMap(ctx context.Context, wijkID string) (map[string]ledger.Account, error) {
	accts, err := a.store.LedgerAccounts(ctx, wijkID)
	if err != nil {
		return nil, err
	}
	m := make(map[string]ledger.Account, len(accts))
	for _, ac := range accts {
		m[ac.ID] = ac
	}
	return m, nil
}
