package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
)

const (
	// idempotencyHeader carries the client's key of a booking: the same key
	// with the same content books once and answers the first booking again.
	idempotencyHeader = "Idempotency-Key"
	// replayHeader marks an answer that repeats an earlier booking.
	replayHeader = "Idempotent-Replay"
	// maxKeyLen bounds a client's key; the store allows 200 characters
	// including keyPrefix.
	maxKeyLen = 128
	// keyPrefix keeps the API's keys apart from those the server makes
	// itself ("bank:", "match:"...), so a client cannot block those.
	keyPrefix = "api:"

	maxPostings = 100
	// maxAmount bounds one posting (10^15 cents is ten trillion euros), so
	// that no sum overflows.
	maxAmount = 1_000_000_000_000_000
	maxMemo   = 500
	maxCat    = 100
)

// idempotencyKey reads the Idempotency-Key header, which every booking needs.
func idempotencyKey(r *http.Request) (string, error) {
	k := strings.TrimSpace(r.Header.Get(idempotencyHeader))
	if k == "" {
		return "", &wei.Error{Code: wei.EINVALID, Message: "Send an Idempotency-Key header with a key of your own for this booking (a UUID, say).",
			Fields: map[string]string{"idempotency_key": "error.required"}}
	}
	if len(k) > maxKeyLen || strings.IndexFunc(k, func(c rune) bool { return c < '!' || c > '~' }) >= 0 {
		return "", &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("The Idempotency-Key must be at most %d visible ASCII characters.", maxKeyLen),
			Fields: map[string]string{"idempotency_key": "error.too_long"}}
	}
	return keyPrefix + k, nil
}

// postingJSON is one posting: amount is in the asset's smallest unit,
// positive a debit of the account, negative a credit.
type postingJSON struct {
	AccountID   string `json:"account_id"`
	AccountCode string `json:"account_code"`
	Asset       string `json:"asset"`
	Amount      int64  `json:"amount"`
	AmountText  string `json:"amount_text"`
	Memo        string `json:"memo,omitempty"`
}

// transactionJSON is a booked transaction with its place in the chain.
type transactionJSON struct {
	ID          string        `json:"id"`
	Seq         int64         `json:"seq"`
	On          string        `json:"on"`
	Description string        `json:"description"`
	Category    string        `json:"category"`
	ReversesID  string        `json:"reverses_id,omitempty"`
	PrevHash    string        `json:"prev_hash"`
	Hash        string        `json:"hash"`
	CreatedAt   time.Time     `json:"created_at"`
	Postings    []postingJSON `json:"postings"`
}

func toTransaction(t ledger.Transaction, accounts map[string]ledger.Account, d decimals) transactionJSON {
	out := transactionJSON{ID: t.ID, Seq: t.Seq, On: date(t.On), Description: t.Description, Category: t.Category, ReversesID: t.ReversesID,
		PrevHash: t.PrevHash, Hash: t.Hash, CreatedAt: utc(t.CreatedAt), Postings: make([]postingJSON, 0, len(t.Postings))}
	for _, p := range t.Postings {
		out.Postings = append(out.Postings, postingJSON{AccountID: p.AccountID, AccountCode: accounts[p.AccountID].Code, Asset: p.Asset,
			Amount: p.Amount, AmountText: d.text(p.Asset, p.Amount), Memo: p.Memo})
	}
	return out
}

// listLedgerTransactions lists the transactions dated in the period (by
// default this calendar year) in chain order, with their postings.
func (a *api) listLedgerTransactions(w http.ResponseWriter, r *http.Request, c *call) error {
	from, to, err := a.booksPeriod(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	txs, err := a.store.LedgerTransactions(ctx, c.wijk.ID, from, to)
	if err != nil {
		return err
	}
	accounts, err := a.accountMap(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	d, err := a.decimalsOf(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	out := make([]transactionJSON, 0, len(txs))
	for _, t := range txs {
		out = append(out, toTransaction(t, accounts, d))
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}

type postingInput struct {
	Account string `json:"account"` // code or ID
	Asset   string `json:"asset"`
	Amount  int64  `json:"amount"`
	Memo    string `json:"memo"`
}

type transactionInput struct {
	On          string         `json:"on"`
	Description string         `json:"description"`
	Category    string         `json:"category"`
	Postings    []postingInput `json:"postings"`
}

// postingError is a field error on the postings that names the posting.
func postingError(i int, key, format string, args ...any) error {
	return &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("Posting %d: ", i+1) + fmt.Sprintf(format, args...),
		Fields: map[string]string{"postings": key}}
}

// resolveAccount finds an account of the wijk by its code (with the asset)
// or by its ID.
func (a *api) resolveAccount(ctx context.Context, wijkID, ref, asset string) (ledger.Account, error) {
	ac, err := a.store.AccountByCode(ctx, wijkID, ref, asset)
	if err == nil || wei.ErrorCode(err) != wei.ENOTFOUND {
		return ac, err
	}
	ac, err = a.store.LedgerAccount(ctx, ref)
	if err == nil && ac.WijkID != wijkID {
		return ledger.Account{}, wei.ErrNotFound
	}
	return ac, err
}

// transaction turns the input into a transaction of the wijk, with the
// accounts resolved. It completes the wijk's standard chart first, so its
// codes always resolve.
func (a *api) transaction(ctx context.Context, c *call, in transactionInput) (ledger.Transaction, map[string]ledger.Account, error) {
	f := wei.FieldErrors{}
	on := parseDate(f, "on", in.On, time.Time{})
	if in.On == "" {
		f.Add("on", "error.required")
	}
	if strings.TrimSpace(in.Description) == "" {
		f.Add("description", "error.required")
	} else if len(in.Description) > 500 {
		f.Add("description", "error.too_long")
	}
	if len(in.Category) > maxCat {
		f.Add("category", "error.too_long")
	}
	if err := f.Err(); err != nil {
		return ledger.Transaction{}, nil, err
	}
	if len(in.Postings) < 2 {
		return ledger.Transaction{}, nil, &wei.Error{Code: wei.EINVALID, Message: "A transaction needs at least two postings.", Fields: map[string]string{"postings": "error.postings_two"}}
	}
	if len(in.Postings) > maxPostings {
		return ledger.Transaction{}, nil, &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("A transaction has at most %d postings.", maxPostings), Fields: map[string]string{"postings": "error.range"}}
	}
	if err := a.store.EnsureChart(ctx, c.wijk.ID); err != nil {
		return ledger.Transaction{}, nil, err
	}
	t := ledger.Transaction{WijkID: c.wijk.ID, On: on, Description: in.Description, Category: in.Category, CreatedBy: c.actor.User.ID}
	accounts := map[string]ledger.Account{}
	for i, p := range in.Postings {
		p.Account, p.Asset, p.Memo = strings.TrimSpace(p.Account), strings.ToUpper(strings.TrimSpace(p.Asset)), strings.TrimSpace(p.Memo)
		switch {
		case p.Account == "" || p.Asset == "":
			return t, nil, postingError(i, "error.required", "name an account (its code or ID) and an asset.")
		case p.Amount == 0:
			return t, nil, postingError(i, "error.posting_zero", "the amount may not be 0.")
		case p.Amount > maxAmount || p.Amount < -maxAmount:
			return t, nil, postingError(i, "error.range", "the amount is too large.")
		case len(p.Memo) > maxMemo:
			return t, nil, postingError(i, "error.too_long", "the memo is too long.")
		}
		ac, err := a.resolveAccount(ctx, c.wijk.ID, p.Account, p.Asset)
		if wei.ErrorCode(err) == wei.ENOTFOUND {
			return t, nil, postingError(i, "error.account_unknown", "this wijk has no account %q in %s.", p.Account, p.Asset)
		} else if err != nil {
			return t, nil, err
		}
		if ac.Asset != p.Asset {
			return t, nil, postingError(i, "error.asset_mismatch", "account %s keeps %s, not %s.", ac.Code, ac.Asset, p.Asset)
		}
		accounts[ac.ID] = ac
		t.Postings = append(t.Postings, ledger.Posting{AccountID: ac.ID, Asset: p.Asset, Amount: p.Amount, Memo: p.Memo})
	}
	return t, accounts, nil
}

// book posts t and answers 201 with the booking, or 200 with the first
// booking (and Idempotent-Replay: true) when the key was used before for
// the same content.
func (a *api) book(w http.ResponseWriter, r *http.Request, c *call, t ledger.Transaction, accounts map[string]ledger.Account) error {
	ctx := r.Context()
	booked, replay, err := a.store.Post(ctx, t)
	if err != nil {
		return err
	}
	d, err := a.decimalsOf(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if replay {
		status = http.StatusOK
		w.Header().Set(replayHeader, "true")
	}
	a.writeJSON(w, r, status, toTransaction(booked, accounts, d))
	return nil
}

// postLedgerTransaction books a transaction: POST with an Idempotency-Key.
func (a *api) postLedgerTransaction(w http.ResponseWriter, r *http.Request, c *call) error {
	key, err := idempotencyKey(r)
	if err != nil {
		return err
	}
	var in transactionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	t, accounts, err := a.transaction(r.Context(), c, in)
	if err != nil {
		return err
	}
	t.IdempotencyKey = key
	return a.book(w, r, c, t, accounts)
}

type reverseInput struct {
	On string `json:"on"`
}

// reverseLedgerTransaction books the reversal of a transaction: the same
// postings with the opposite sign, dated ?on= (default today). A retry on
// another day must send the same on to be recognised as the same booking.
func (a *api) reverseLedgerTransaction(w http.ResponseWriter, r *http.Request, c *call) error {
	key, err := idempotencyKey(r)
	if err != nil {
		return err
	}
	var in reverseInput
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	f := wei.FieldErrors{}
	on := parseDate(f, "on", in.On, a.today())
	if err := f.Err(); err != nil {
		return err
	}
	ctx := r.Context()
	orig, err := a.store.LedgerTransaction(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	if orig.WijkID != c.wijk.ID {
		return wei.ErrNotFound
	}
	accounts, err := a.accountMap(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	return a.book(w, r, c, orig.Reversal(on, key, c.actor.User.ID), accounts)
}
