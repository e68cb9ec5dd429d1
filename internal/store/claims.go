package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam for "today", also on hosts without a zoneinfo database
	"unicode"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/ledger"
)

// Budgets and expense claims (declaraties).
//
// The euro accounts of a wijk's chart fall in three groups:
//
//   - Money pots, which together hold what is in the wijk's bank account
//     and may not go below zero: Bank (money not set aside for anything),
//     Wijkbudget (set aside for the wijkbudget), and per initiative
//     Initiatieven:<naam>:Budget (granted to the initiative, not yet spent).
//   - Where money comes from and goes to, which may go negative: the
//     funders (Financiers:<partner>), and per initiative Uitgaven (its
//     expenses) and Inkomsten.
//   - Te betalen declaraties: what the wijk owes for approved claims that
//     are not paid yet (negative while it owes).
//
// The postings of the claim flow, each one ledger transaction that sums to
// zero:
//
//	grant    Budget   +X   from   Wijkbudget, Bank or Financiers:<partner>  −X
//	approve  Uitgaven +X   Te betalen −X   Budget −X   Bank +X
//	pay      Te betalen +X   Bank −X
//
// Approving records the expense and the debt, and takes the money out of
// the initiative's pot into the general pot, where it waits for the payment:
// the money is still in the bank, but no longer the initiative's to spend.
// Because the Budget pot may not go below zero, a claim larger than what is
// left of the initiative's budget cannot be approved. Paying clears the debt
// and the money leaves the bank. A grant from a funder books the funder's
// money straight into the initiative's pot: when the bank import meets that
// payment it belongs to the grant, not to Bank a second time.
//
// A worked example. The gemeente has given the wijkbudget €1.000
// (Wijkbudget +1000,00, Financiers:Gemeente −1000,00). Then:
//
//	grant €300 to Buurttuin from Wijkbudget:
//	    Initiatieven:Buurttuin:Budget  +300,00   Wijkbudget −300,00
//	approve a claim of €45,50 for plants:
//	    Initiatieven:Buurttuin:Uitgaven +45,50   Te betalen declaraties −45,50
//	    Initiatieven:Buurttuin:Budget   −45,50   Bank                   +45,50
//	pay it:
//	    Te betalen declaraties +45,50            Bank                   −45,50
//
// Balances after each step (Wijkbudget, Budget, Uitgaven, Te betalen, Bank,
// Gemeente):
//
//	start     1000,00     0,00    0,00     0,00    0,00  −1000,00
//	grant      700,00   300,00    0,00     0,00    0,00  −1000,00
//	approve    700,00   254,50   45,50   −45,50   45,50  −1000,00
//	pay        700,00   254,50   45,50     0,00    0,00  −1000,00
//
// The pots (Wijkbudget + Budget + Bank) hold €1.000 until the payment and
// €954,50 after it: exactly what the bank account holds. TestClaimFlow
// checks these figures.

// ClaimStatus is where a claim stands.
type ClaimStatus string

const (
	ClaimSubmitted ClaimStatus = "submitted" // waiting for a second person's decision
	ClaimApproved  ClaimStatus = "approved"  // booked as an expense, to be paid
	ClaimRejected  ClaimStatus = "rejected"  // not accepted, with a reason
	ClaimPaid      ClaimStatus = "paid"      // the money has been paid
)

// ClaimStatuses lists every status in the order of the flow.
var ClaimStatuses = []ClaimStatus{ClaimSubmitted, ClaimApproved, ClaimRejected, ClaimPaid}

// Receipt limits: the size of the file and the kinds of file a receipt may
// be, judged by its content, never by the name or the type the browser sent.
const MaxReceiptBytes = 5 << 20

// ReceiptTypes are the content types a receipt may have.
var ReceiptTypes = []string{"image/jpeg", "image/png", "application/pdf"}

// maxClaimCents bounds one claim or grant: ten million euro is a typo.
const maxClaimCents = 1_000_000_000

// BudgetLine is one line of an initiative's budget: a planned amount for
// a purpose ("Zaden en planten", €150). Its name is public.
type BudgetLine struct {
	ID           string
	WijkID       string
	InitiativeID string
	Name         string
	AmountCents  int64
	CreatedBy    string
	CreatedAt    time.Time
}

// Claim is an expense claim (declaratie): someone paid for an initiative
// and asks for the money back. PayeeName, PayeeIBAN and the receipt are
// private; Purpose, Category and the amount are public.
type Claim struct {
	ID             string
	WijkID         string
	InitiativeID   string
	BudgetLineID   string // "" when the claim is not on a budget line
	ClaimantUserID string
	IdempotencyKey string // the same key submits the claim once

	PayeeName   string
	PayeeIBAN   string // normalised
	Purpose     string
	Category    string
	AmountCents int64
	SpentOn     time.Time

	ReceiptName  string
	ReceiptType  string
	ReceiptBytes int64 // the size of the receipt; the file itself comes from Store.Receipt

	Status       ClaimStatus
	ApprovedBy   string
	ApprovedAt   time.Time
	RejectedBy   string
	RejectedAt   time.Time
	RejectReason string
	PaidBy       string
	PaidAt       time.Time
	ApproveTxID  string
	PaidTxID     string
	CreatedAt    time.Time
}

// Receipt is the file of a claim.
type Receipt struct {
	Name string
	Type string // sniffed from the content
	Data []byte
}

// CheckReceipt checks a receipt before it is stored: present, at most
// MaxReceiptBytes, and by its content a JPEG, PNG or PDF. It returns the
// content type and a cleaned file name.
func CheckReceipt(name string, data []byte) (typ, cleanName string, err error) {
	f := wei.FieldErrors{}
	switch {
	case len(data) == 0:
		f.Add("receipt", "claims.error.receipt_required")
	case len(data) > MaxReceiptBytes:
		f.Add("receipt", "claims.error.receipt_size")
	default:
		typ, _, _ = strings.Cut(http.DetectContentType(data), ";")
		ok := false
		for _, t := range ReceiptTypes {
			ok = ok || t == typ
		}
		if !ok {
			f.Add("receipt", "claims.error.receipt_type")
		}
	}
	return typ, cleanFileName(name, typ), f.Err()
}

// cleanFileName keeps the last element of a file name as a browser sent
// it, without control characters, quotes or path separators, and gives it
// the extension of its type when it has none.
func cleanFileName(name, typ string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	if r := []rune(name); len(r) > 120 {
		name = string(r[len(r)-120:])
	}
	if name == "." || name == "" {
		name = "bon"
	}
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}[typ]
	if ext != "" && path.Ext(name) == "" {
		name += ext
	}
	return name
}

var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// today is the current date in the Netherlands, as a UTC midnight.
func (s *Store) today() time.Time {
	y, m, d := s.now().In(amsterdam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// initiativeInWijk checks that id is an initiative of the wijk.
func initiativeInWijk(ctx context.Context, tx *Tx, wijkID, id string) error {
	var form string
	err := tx.queryRow(ctx, "SELECT form FROM organisations WHERE id = ? AND wijk_id = ?"+initiativeWhere, id, wijkID).Scan(&form)
	if errors.Is(err, sql.ErrNoRows) {
		return &wei.Error{Code: wei.EINVALID, Message: "The initiative is not part of this wijk.", Fields: map[string]string{"initiative_id": "error.choice"}}
	}
	if err != nil {
		return fmt.Errorf("store: initiative %s: %w", id, err)
	}
	return nil
}

// AddBudgetLine adds a line to an initiative's budget. A name is unique
// per initiative.
func (s *Store) AddBudgetLine(ctx context.Context, l *BudgetLine) error {
	l.Name = strings.Join(strings.Fields(l.Name), " ")
	f := wei.FieldErrors{}
	if l.Name == "" {
		f.Add("name", "error.required")
	} else if len([]rune(l.Name)) > 120 {
		f.Add("name", "error.too_long")
	}
	if l.AmountCents <= 0 || l.AmountCents > maxClaimCents {
		f.Add("amount", "budget.error.amount")
	}
	if err := f.Err(); err != nil {
		return err
	}
	l.ID, l.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		if err := initiativeInWijk(ctx, tx, l.WijkID, l.InitiativeID); err != nil {
			return err
		}
		_, err := tx.exec(ctx, "INSERT INTO budget_lines (id, wijk_id, initiative_id, name, amount_cents, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			l.ID, l.WijkID, l.InitiativeID, l.Name, l.AmountCents, l.CreatedBy, ms(l.CreatedAt))
		if err = mapErr(err); wei.ErrorCode(err) == wei.ECONFLICT {
			return &wei.Error{Code: wei.ECONFLICT, Message: "The budget already has a line with this name.", Fields: map[string]string{"name": "error.taken"}}
		} else if err != nil {
			return fmt.Errorf("store: add budget line: %w", err)
		}
		return nil
	})
}

// BudgetLines lists the lines of an initiative's budget in the order they
// were added.
func (s *Store) BudgetLines(ctx context.Context, initiativeID string) ([]BudgetLine, error) {
	rows, err := s.query(ctx, "SELECT id, wijk_id, initiative_id, name, amount_cents, created_by, created_at FROM budget_lines WHERE initiative_id = ? ORDER BY created_at, id", initiativeID)
	if err != nil {
		return nil, fmt.Errorf("store: budget lines: %w", err)
	}
	defer rows.Close()
	var out []BudgetLine
	for rows.Next() {
		var l BudgetLine
		var created int64
		if err := rows.Scan(&l.ID, &l.WijkID, &l.InitiativeID, &l.Name, &l.AmountCents, &l.CreatedBy, &created); err != nil {
			return nil, fmt.Errorf("store: budget lines: %w", err)
		}
		l.CreatedAt = fromMS(created)
		out = append(out, l)
	}
	return out, rows.Err()
}

// GrantSources lists the accounts a grant may come from: the wijkbudget,
// the money in the bank not set aside for anything, and the funders.
func (s *Store) GrantSources(ctx context.Context, wijkID string) ([]ledger.Account, error) {
	all, err := s.LedgerAccounts(ctx, wijkID)
	if err != nil {
		return nil, err
	}
	var out []ledger.Account
	for _, a := range all {
		if a.Asset == ledger.EUR && grantSource(a) {
			out = append(out, a)
		}
	}
	return out, nil
}

func grantSource(a ledger.Account) bool {
	return a.Code == CodeWijkbudget || a.Code == CodeBank || (a.Type == ledger.TypeFunder && strings.HasPrefix(a.Code, CodeFunders+":"))
}

// accountTx returns a wijk's euro account with a code, inside tx.
func accountTx(ctx context.Context, tx *Tx, wijkID, code string) (ledger.Account, error) {
	a, err := scanLedgerAccount(tx.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? AND code = ? AND asset = ?", wijkID, code, ledger.EUR))
	return a, notFound(err, "store: account %s: %w", code)
}

// initiativeAccountTx returns the euro account of one type (budget,
// expense) of an initiative. It finds it by the organisation, not by the
// code, which follows the initiative's name; should a rename have given
// it a second one, the oldest counts.
func initiativeAccountTx(ctx context.Context, tx *Tx, wijkID, orgID string, typ ledger.AccountType) (ledger.Account, error) {
	a, err := scanLedgerAccount(tx.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? AND organisation_id = ? AND type = ? AND asset = ? ORDER BY created_at, id LIMIT 1",
		wijkID, orgID, string(typ), ledger.EUR))
	return a, notFound(err, "store: account of initiative %s: %w", orgID)
}

// inTxRetry is inTx, retried when PostgreSQL aborts the transaction for a
// deadlock or a serialisation failure, as Post does.
func (s *Store) inTxRetry(ctx context.Context, fn func(*Tx) error) error {
	var err error
	for attempt := 0; attempt < maxPostRetries; attempt++ {
		err = s.inTx(ctx, fn)
		if !retryable(err) {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	return err
}

// bookTx validates t and books it inside tx, as Post does.
func bookTx(ctx context.Context, tx *Tx, t ledger.Transaction) (ledger.Transaction, bool, error) {
	t.On = day(t.On)
	if err := t.Validate(); err != nil {
		return t, false, err
	}
	return post(ctx, tx, t)
}

// insufficient reports whether err is Post's refusal to take an account
// below its limit.
func insufficient(err error) bool {
	var e *wei.Error
	return errors.As(err, &e) && e.Code == wei.EINVALID && e.Fields["postings"] == "error.insufficient_balance"
}

// Grant gives an initiative budget: one transaction that moves amountCents
// from fromAccountCode (Wijkbudget, Bank, or a funder's Financiers:<name>)
// to the initiative's Budget account, dated on, with purpose as its public
// description. The same key books it once (replay true on a repeat); see
// Post. The source may not go below its limit: the wijkbudget cannot give
// more than it holds.
func (s *Store) Grant(ctx context.Context, wijkID, initiativeID, fromAccountCode string, amountCents int64, on time.Time, purpose, key, by string) (ledger.Transaction, bool, error) {
	f := wei.FieldErrors{}
	purpose = strings.TrimSpace(purpose)
	if amountCents <= 0 || amountCents > maxClaimCents {
		f.Add("amount", "budget.error.amount")
	}
	if purpose == "" {
		f.Add("purpose", "error.required")
	} else if len(purpose) > 500 {
		f.Add("purpose", "error.too_long")
	}
	if on.IsZero() {
		f.Add("on", "error.date")
	} else if day(on).After(s.today()) {
		f.Add("on", "error.date_future")
	}
	if strings.TrimSpace(key) == "" {
		f.Add("idempotency_key", "error.required")
	}
	if err := f.Err(); err != nil {
		return ledger.Transaction{}, false, err
	}
	if err := s.EnsureChart(ctx, wijkID); err != nil {
		return ledger.Transaction{}, false, err
	}
	var out ledger.Transaction
	var replay bool
	err := s.inTxRetry(ctx, func(tx *Tx) error {
		if err := initiativeInWijk(ctx, tx, wijkID, initiativeID); err != nil {
			return err
		}
		from, err := accountTx(ctx, tx, wijkID, fromAccountCode)
		if wei.ErrorCode(err) == wei.ENOTFOUND || (err == nil && !grantSource(from)) {
			return &wei.Error{Code: wei.EINVALID, Message: "A grant comes from the wijkbudget, the bank or a funder.", Fields: map[string]string{"from": "error.choice"}}
		} else if err != nil {
			return err
		}
		budget, err := initiativeAccountTx(ctx, tx, wijkID, initiativeID, ledger.TypeBudget)
		if err != nil {
			return err
		}
		out, replay, err = bookTx(ctx, tx, ledger.Transaction{WijkID: wijkID, On: on, Description: purpose, Category: "toekenning", IdempotencyKey: key, CreatedBy: by,
			Postings: []ledger.Posting{
				{AccountID: budget.ID, Asset: ledger.EUR, Amount: amountCents},
				{AccountID: from.ID, Asset: ledger.EUR, Amount: -amountCents},
			}})
		if insufficient(err) {
			return &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("%s holds less than %s.", from.Code, ledger.FormatAmount(amountCents, 2, true)),
				Fields: map[string]string{"amount": "budget.error.source_insufficient"}}
		}
		return err
	})
	return out, replay, err
}

const claimCols = `id, wijk_id, initiative_id, COALESCE(budget_line_id, ''), claimant_user_id, idempotency_key, payee_name, payee_iban, purpose, category,
	amount_cents, spent_on, receipt_name, receipt_type, COALESCE(length(receipt), 0), status, approved_by, approved_at, rejected_by, rejected_at,
	reject_reason, paid_by, paid_at, COALESCE(approve_tx_id, ''), COALESCE(paid_tx_id, ''), created_at`

func scanClaim(sc interface{ Scan(...any) error }) (Claim, error) {
	var c Claim
	var spent, status string
	var approved, rejected, paid, created int64
	err := sc.Scan(&c.ID, &c.WijkID, &c.InitiativeID, &c.BudgetLineID, &c.ClaimantUserID, &c.IdempotencyKey, &c.PayeeName, &c.PayeeIBAN, &c.Purpose, &c.Category,
		&c.AmountCents, &spent, &c.ReceiptName, &c.ReceiptType, &c.ReceiptBytes, &status, &c.ApprovedBy, &approved, &c.RejectedBy, &rejected,
		&c.RejectReason, &c.PaidBy, &paid, &c.ApproveTxID, &c.PaidTxID, &created)
	c.SpentOn, c.Status = parseDate(spent), ClaimStatus(status)
	c.ApprovedAt, c.RejectedAt, c.PaidAt, c.CreatedAt = fromMS(approved), fromMS(rejected), fromMS(paid), fromMS(created)
	return c, err
}

// validate checks what the claimant filled in.
func (c *Claim) validate(today time.Time) error {
	c.Purpose, c.Category = strings.TrimSpace(c.Purpose), strings.TrimSpace(strings.ToLower(c.Category))
	c.PayeeName = strings.Join(strings.Fields(c.PayeeName), " ")
	c.PayeeIBAN = bank.NormaliseIBAN(c.PayeeIBAN)
	c.IdempotencyKey = strings.TrimSpace(c.IdempotencyKey)
	f := wei.FieldErrors{}
	if c.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if c.InitiativeID == "" {
		f.Add("initiative_id", "error.choice")
	}
	if c.ClaimantUserID == "" {
		f.Add("claimant_user_id", "error.required")
	}
	if c.Purpose == "" {
		f.Add("purpose", "error.required")
	} else if len(c.Purpose) > 400 { // the booking's description adds a word to it
		f.Add("purpose", "error.too_long")
	}
	if len(c.Category) > 60 {
		f.Add("category", "error.too_long")
	}
	if c.AmountCents <= 0 || c.AmountCents > maxClaimCents {
		f.Add("amount", "claims.error.amount")
	}
	if c.SpentOn.IsZero() {
		f.Add("spent_on", "error.date")
	} else if c.SpentOn = day(c.SpentOn); c.SpentOn.After(today) {
		f.Add("spent_on", "error.date_future")
	}
	if c.PayeeName == "" {
		f.Add("payee_name", "error.required")
	} else if len([]rune(c.PayeeName)) > 120 {
		f.Add("payee_name", "error.too_long")
	}
	if c.PayeeIBAN == "" {
		f.Add("payee_iban", "error.required")
	} else if !bank.ValidIBAN(c.PayeeIBAN) {
		f.Add("payee_iban", "claims.error.iban")
	}
	if len(c.IdempotencyKey) > 200 {
		f.Add("idempotency_key", "error.too_long")
	}
	return f.Err()
}

// SubmitClaim stores a new claim with its receipt, status submitted. The
// receipt must pass CheckReceipt; its type is taken from its content. The
// budget line, when given, must be one of the initiative's. Submitting
// again with the same IdempotencyKey returns the first claim (c is filled
// from it) instead of a second one, as long as it is the same claimant,
// initiative and amount; otherwise ECONFLICT.
func (s *Store) SubmitClaim(ctx context.Context, c *Claim, receipt Receipt) error {
	err := c.validate(s.today())
	typ, name, rerr := CheckReceipt(receipt.Name, receipt.Data)
	if err != nil || rerr != nil {
		f := wei.FieldErrors{}
		for _, e := range []error{err, rerr} {
			var we *wei.Error
			if errors.As(e, &we) {
				for k, v := range we.Fields {
					f.Add(k, v)
				}
			}
		}
		return f.Err()
	}
	if c.IdempotencyKey == "" {
		c.IdempotencyKey = wei.NewID()
	}
	return s.inTx(ctx, func(tx *Tx) error {
		first, err := scanClaim(tx.queryRow(ctx, "SELECT "+claimCols+" FROM claims WHERE wijk_id = ? AND idempotency_key = ?", c.WijkID, c.IdempotencyKey))
		switch {
		case err == nil && first.ClaimantUserID == c.ClaimantUserID && first.InitiativeID == c.InitiativeID && first.AmountCents == c.AmountCents:
			*c = first
			return nil
		case err == nil:
			return errKeyReused
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: submit claim: %w", err)
		}
		if err := initiativeInWijk(ctx, tx, c.WijkID, c.InitiativeID); err != nil {
			return err
		}
		if c.BudgetLineID != "" {
			var n int
			if err := tx.queryRow(ctx, "SELECT count(*) FROM budget_lines WHERE id = ? AND initiative_id = ?", c.BudgetLineID, c.InitiativeID).Scan(&n); err != nil {
				return fmt.Errorf("store: submit claim: %w", err)
			}
			if n == 0 {
				return &wei.Error{Code: wei.EINVALID, Message: "The budget line is not one of the initiative's.", Fields: map[string]string{"budget_line_id": "error.choice"}}
			}
		}
		c.ID, c.Status, c.CreatedAt = wei.NewID(), ClaimSubmitted, s.now().UTC()
		c.ReceiptName, c.ReceiptType, c.ReceiptBytes = name, typ, int64(len(receipt.Data))
		c.ApprovedBy, c.ApprovedAt, c.RejectedBy, c.RejectedAt, c.RejectReason = "", time.Time{}, "", time.Time{}, ""
		c.PaidBy, c.PaidAt, c.ApproveTxID, c.PaidTxID = "", time.Time{}, "", ""
		_, err = tx.exec(ctx, `INSERT INTO claims (id, wijk_id, initiative_id, budget_line_id, claimant_user_id, idempotency_key, payee_name, payee_iban,
			purpose, category, amount_cents, spent_on, receipt_name, receipt_type, receipt, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.WijkID, c.InitiativeID, nullStr(c.BudgetLineID), c.ClaimantUserID, c.IdempotencyKey, c.PayeeName, c.PayeeIBAN,
			c.Purpose, c.Category, c.AmountCents, dateStr(c.SpentOn), c.ReceiptName, c.ReceiptType, receipt.Data, string(c.Status), ms(c.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: submit claim: %w", err))
		}
		return nil
	})
}

// Claim returns one claim, without the receipt's content.
func (s *Store) Claim(ctx context.Context, id string) (Claim, error) {
	c, err := scanClaim(s.queryRow(ctx, "SELECT "+claimCols+" FROM claims WHERE id = ?", id))
	return c, notFound(err, "store: claim %s: %w", id)
}

// Claims lists a wijk's claims, newest first, all of them or those with
// one status ("" for all).
func (s *Store) Claims(ctx context.Context, wijkID string, status ClaimStatus) ([]Claim, error) {
	q, args := "SELECT "+claimCols+" FROM claims WHERE wijk_id = ?", []any{wijkID}
	if status != "" {
		q += " AND status = ?"
		args = append(args, string(status))
	}
	rows, err := s.query(ctx, q+" ORDER BY created_at DESC, id DESC", args...)
	if err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	defer rows.Close()
	var out []Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, fmt.Errorf("store: claims: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Receipt returns the receipt of a claim: the file, its name and its
// sniffed content type.
func (s *Store) Receipt(ctx context.Context, claimID string) (Receipt, error) {
	var r Receipt
	err := s.queryRow(ctx, "SELECT receipt_name, receipt_type, receipt FROM claims WHERE id = ? AND receipt IS NOT NULL", claimID).Scan(&r.Name, &r.Type, &r.Data)
	return r, notFound(err, "store: receipt of claim %s: %w", claimID)
}

// claimForUpdateTx reads a claim inside tx, locking its row on PostgreSQL so
// that two decisions on one claim take turns.
func claimForUpdateTx(ctx context.Context, tx *Tx, id string) (Claim, error) {
	c, err := scanClaim(tx.queryRow(ctx, "SELECT "+claimCols+" FROM claims WHERE id = ?"+tx.forUpdate(), id))
	return c, notFound(err, "store: claim %s: %w", id)
}

// replayOf reports whether the claim's step was booked by the transaction
// txID with the idempotency key key: a repeat of the same request.
func replayOf(ctx context.Context, tx *Tx, txID, key string) (bool, error) {
	if txID == "" {
		return false, nil
	}
	var k string
	if err := tx.queryRow(ctx, "SELECT idempotency_key FROM ledger_transactions WHERE id = ?", txID).Scan(&k); err != nil {
		return false, fmt.Errorf("store: claim transaction %s: %w", txID, err)
	}
	return k == key, nil
}

func errClaimStatus(want ClaimStatus) error {
	return &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("Only a claim that is %s can take this step.", want), Fields: map[string]string{"status": "claims.error.status"}}
}

// ApproveClaim approves a submitted claim: in one database transaction it
// books the expense (see the postings at the top of this file) and marks
// the claim approved. It refuses the claimant's own approval (four eyes:
// EINVALID on field "approver"), a claim that is not submitted, and a claim
// larger than what is left of the initiative's budget (field "amount");
// then nothing changes. key is the idempotency key of the booking ("" gives
// one per claim): repeating an approval with the same key returns the
// approved claim.
func (s *Store) ApproveClaim(ctx context.Context, claimID, approverUserID, key string) (Claim, error) {
	if key == "" {
		key = "claim-approve-" + claimID
	}
	c, err := s.Claim(ctx, claimID)
	if err != nil {
		return c, err
	}
	if err := s.EnsureChart(ctx, c.WijkID); err != nil {
		return c, err
	}
	err = s.inTxRetry(ctx, func(tx *Tx) error {
		c, err = claimForUpdateTx(ctx, tx, claimID)
		if err != nil {
			return err
		}
		if c.Status == ClaimApproved || c.Status == ClaimPaid {
			if again, err := replayOf(ctx, tx, c.ApproveTxID, key); err != nil || again {
				return err
			}
		}
		if c.Status != ClaimSubmitted {
			return errClaimStatus(ClaimSubmitted)
		}
		if approverUserID == "" || approverUserID == c.ClaimantUserID {
			return &wei.Error{Code: wei.EINVALID, Message: "A claim is approved by someone other than the claimant.", Fields: map[string]string{"approver": "claims.error.own"}}
		}
		budget, err := initiativeAccountTx(ctx, tx, c.WijkID, c.InitiativeID, ledger.TypeBudget)
		if err != nil {
			return err
		}
		expense, err := initiativeAccountTx(ctx, tx, c.WijkID, c.InitiativeID, ledger.TypeExpense)
		if err != nil {
			return err
		}
		payable, err := accountTx(ctx, tx, c.WijkID, CodePayable)
		if err != nil {
			return err
		}
		bankAcct, err := accountTx(ctx, tx, c.WijkID, CodeBank)
		if err != nil {
			return err
		}
		x := c.AmountCents
		memo := "declaratie " + c.ID
		t, _, err := bookTx(ctx, tx, ledger.Transaction{WijkID: c.WijkID, On: s.today(), Description: c.Purpose, Category: c.Category, IdempotencyKey: key, CreatedBy: approverUserID,
			Postings: []ledger.Posting{
				{AccountID: expense.ID, Asset: ledger.EUR, Amount: x, Memo: memo},
				{AccountID: payable.ID, Asset: ledger.EUR, Amount: -x, Memo: memo},
				{AccountID: budget.ID, Asset: ledger.EUR, Amount: -x, Memo: memo},
				{AccountID: bankAcct.ID, Asset: ledger.EUR, Amount: x, Memo: memo},
			}})
		if insufficient(err) {
			var left int64
			if err := tx.queryRow(ctx, "SELECT balance FROM ledger_accounts WHERE id = ?", budget.ID).Scan(&left); err != nil {
				return err
			}
			return &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("The initiative's budget has %s left, less than this claim.", ledger.FormatAmount(left, 2, true)),
				Fields: map[string]string{"amount": "claims.error.budget_insufficient"}}
		} else if err != nil {
			return err
		}
		now := s.now().UTC()
		if _, err := tx.exec(ctx, "UPDATE claims SET status = ?, approved_by = ?, approved_at = ?, approve_tx_id = ? WHERE id = ? AND status = ?",
			string(ClaimApproved), approverUserID, ms(now), t.ID, c.ID, string(ClaimSubmitted)); err != nil {
			return fmt.Errorf("store: approve claim: %w", err)
		}
		c.Status, c.ApprovedBy, c.ApprovedAt, c.ApproveTxID = ClaimApproved, approverUserID, fromMS(ms(now)), t.ID
		return nil
	})
	return c, err
}

// RejectClaim turns a submitted claim down, with a reason the claimant
// reads. Nothing is booked, so unlike an approval the claimant may do it:
// that withdraws their own claim.
func (s *Store) RejectClaim(ctx context.Context, claimID, byUserID, reason string) (Claim, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Claim{}, &wei.Error{Code: wei.EINVALID, Message: "Write down why the claim is rejected.", Fields: map[string]string{"reason": "claims.error.reason"}}
	} else if len(reason) > 1000 {
		return Claim{}, &wei.Error{Code: wei.EINVALID, Message: "The reason is too long.", Fields: map[string]string{"reason": "error.too_long"}}
	}
	var c Claim
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		c, err = claimForUpdateTx(ctx, tx, claimID)
		if err != nil {
			return err
		}
		if c.Status != ClaimSubmitted {
			return errClaimStatus(ClaimSubmitted)
		}
		now := s.now().UTC()
		if _, err := tx.exec(ctx, "UPDATE claims SET status = ?, rejected_by = ?, rejected_at = ?, reject_reason = ? WHERE id = ?",
			string(ClaimRejected), byUserID, ms(now), reason, c.ID); err != nil {
			return fmt.Errorf("store: reject claim: %w", err)
		}
		c.Status, c.RejectedBy, c.RejectedAt, c.RejectReason = ClaimRejected, byUserID, fromMS(ms(now)), reason
		return nil
	})
	return c, err
}

// PayClaim records that an approved claim was paid: it clears the debt
// (Te betalen declaraties +X, Bank −X) and marks the claim paid, in one
// database transaction. When the bank line of the payment was imported
// before and waits on Te matchen, the debt is cleared against Te matchen
// instead and the line is matched (see "Claim payments and the bank
// statement" below). key works as for ApproveClaim ("" gives one per
// claim).
func (s *Store) PayClaim(ctx context.Context, claimID, byUserID, key string) (Claim, error) {
	if key == "" {
		key = "claim-pay-" + claimID
	}
	c, err := s.Claim(ctx, claimID)
	if err != nil {
		return c, err
	}
	if err := s.EnsureChart(ctx, c.WijkID); err != nil {
		return c, err
	}
	err = s.inTxRetry(ctx, func(tx *Tx) error {
		c, err = claimForUpdateTx(ctx, tx, claimID)
		if err != nil {
			return err
		}
		if c.Status == ClaimPaid {
			if again, err := replayOf(ctx, tx, c.PaidTxID, key); err != nil || again {
				return err
			}
		}
		if c.Status != ClaimApproved {
			return errClaimStatus(ClaimApproved)
		}
		payable, err := accountTx(ctx, tx, c.WijkID, CodePayable)
		if err != nil {
			return err
		}
		// Paid from the bank, or, when the bank statement with the payment
		// was imported first, from the line waiting on Te matchen.
		from, on := "", s.today()
		lineID, lineOn, found, err := queuedLineForClaim(ctx, tx, c)
		if err != nil {
			return err
		}
		if found {
			suspense, err := suspenseAccount(ctx, tx, c.WijkID)
			if err != nil {
				return err
			}
			from, on = suspense, lineOn
		} else {
			bankAcct, err := accountTx(ctx, tx, c.WijkID, CodeBank)
			if err != nil {
				return err
			}
			from = bankAcct.ID
		}
		now := s.now().UTC()
		t, err := bookClaimPayment(ctx, tx, c, payable.ID, from, on, key, byUserID, now)
		if err != nil {
			return err
		}
		if found {
			if _, err := tx.exec(ctx, "UPDATE bank_lines SET status = ?, match_tx_id = ?, claim_id = ? WHERE id = ?", LineMatched, t.ID, c.ID, lineID); err != nil {
				return fmt.Errorf("store: pay claim: bank line: %w", err)
			}
		}
		c.Status, c.PaidBy, c.PaidAt, c.PaidTxID = ClaimPaid, byUserID, fromMS(ms(now)), t.ID
		return nil
	})
	return c, err
}

// BudgetLineActual is one budget line with what was spent on it.
type BudgetLineActual struct {
	BudgetLine
	ActualCents    int64 // approved and paid claims on the line
	RemainingCents int64 // AmountCents − ActualCents; negative when overspent
}

// BudgetReport is an initiative's budget against what was spent. Only
// approved and paid claims count as spent; submitted ones are Pending.
type BudgetReport struct {
	InitiativeID   string
	Lines          []BudgetLineActual
	PlannedCents   int64 // the sum of the lines
	UnlinedCents   int64 // spent on claims without a budget line
	SpentCents     int64 // spent in all
	PendingCents   int64 // submitted claims waiting for a decision
	AvailableCents int64 // the balance of the initiative's Budget account: granted, not yet spent
	GrantedCents   int64 // AvailableCents + SpentCents: granted, net of corrections
	UnplannedCents int64 // GrantedCents − PlannedCents: granted but on no line (negative: the lines ask for more than was granted)
}

// BudgetVsActual reports an initiative's budget lines against the approved
// and paid claims on each, plus the spending on no line and the budget not
// divided over lines.
func (s *Store) BudgetVsActual(ctx context.Context, initiativeID string) (BudgetReport, error) {
	rep := BudgetReport{InitiativeID: initiativeID}
	lines, err := s.BudgetLines(ctx, initiativeID)
	if err != nil {
		return rep, err
	}
	rows, err := s.query(ctx, `SELECT COALESCE(budget_line_id, ''), status, SUM(amount_cents) FROM claims
		WHERE initiative_id = ? AND status IN ('submitted', 'approved', 'paid') GROUP BY budget_line_id, status`, initiativeID)
	if err != nil {
		return rep, fmt.Errorf("store: budget vs actual: %w", err)
	}
	defer rows.Close()
	actual := map[string]int64{}
	for rows.Next() {
		var line, status string
		var sum int64
		if err := rows.Scan(&line, &status, &sum); err != nil {
			return rep, fmt.Errorf("store: budget vs actual: %w", err)
		}
		if ClaimStatus(status) == ClaimSubmitted {
			rep.PendingCents += sum
			continue
		}
		actual[line] += sum
		rep.SpentCents += sum
	}
	if err := rows.Err(); err != nil {
		return rep, err
	}
	for _, l := range lines {
		a := actual[l.ID]
		rep.Lines = append(rep.Lines, BudgetLineActual{BudgetLine: l, ActualCents: a, RemainingCents: l.AmountCents - a})
		rep.PlannedCents += l.AmountCents
	}
	rep.UnlinedCents = actual[""]
	err = s.queryRow(ctx, `SELECT COALESCE(SUM(balance), 0) FROM ledger_accounts WHERE organisation_id = ? AND type = ? AND asset = ?`,
		initiativeID, string(ledger.TypeBudget), ledger.EUR).Scan(&rep.AvailableCents)
	if err != nil {
		return rep, fmt.Errorf("store: budget vs actual: %w", err)
	}
	rep.GrantedCents = rep.AvailableCents + rep.SpentCents
	rep.UnplannedCents = rep.GrantedCents - rep.PlannedCents
	return rep, nil
}

// Claim payments and the bank statement.
//
// A claim is paid from the wijk's bank account: the treasurer transfers the
// money in their bank's app and books the payment in WEI (PayClaim), in
// either order. The bank statement imported later (ImportBank) shows the
// same payment again. It must not be booked twice, so a bank line that is
// the payment of a claim is linked to that claim instead:
//
//   - The line is the claim's payment when money goes out (the line's
//     amount is minus the claim's), the claim is approved or paid and no
//     other line is linked to it yet, and either the claim's reference
//     (Claim.Reference, "WEI-" and 12 characters, which the treasurer puts
//     in the payment's description) appears in the line's description or
//     end-to-end id, ignoring case, spaces and dashes; or, without a
//     reference, the line's counterparty IBAN is the payee's IBAN and
//     exactly one claim fits.
//   - Claim paid in WEI before the import: the line is stored as matched,
//     pointing at the claim's payment transaction (Te betalen +X, Bank −X);
//     nothing is booked. The bank account in the books went down by X once.
//   - Claim approved, not yet paid in WEI: the import books the payment
//     (Te betalen +X, Bank −X) on the line's date, with the idempotency key
//     PayClaim would use, and marks the claim paid. A later PayClaim with
//     that key returns the paid claim.
//   - Line imported before the claim was approved (it waits on Te matchen:
//     Bank −X, Te matchen +X): PayClaim finds it and books the payment
//     against Te matchen instead of Bank (Te betalen +X, Te matchen −X),
//     and marks the line matched.
//
// In every order the bank account in the books moves by exactly the lines
// of the statement, and the expense of the claim is booked once, at its
// approval.

// Reference is what the treasurer writes in the description of the
// payment of the claim, so that the bank import recognises the payment:
// "WEI-" and the last 12 characters of the claim's ID, in capitals.
func (c Claim) Reference() string { return ClaimReference(c.ID) }

// ClaimReference is the payment reference of the claim with this ID.
func ClaimReference(claimID string) string {
	id := strings.ToUpper(strings.ReplaceAll(claimID, "-", ""))
	if len(id) > 12 {
		id = id[len(id)-12:]
	}
	return "WEI-" + id
}

// refText keeps the letters and digits of s, in capitals: a reference is
// found in a bank's description however the bank spaced or split it.
func refText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'):
			return r
		}
		return -1
	}, s)
}

// paysClaim tells how strongly a bank line fits a claim's payment: 2 for
// the claim's reference, 1 for the payee's IBAN alone, 0 for not at all.
func paysClaim(c Claim, amountCents int64, counterIBAN, description, endToEndID string) int {
	if amountCents != -c.AmountCents {
		return 0
	}
	ref := refText(c.Reference())
	if strings.Contains(refText(description), ref) || strings.Contains(refText(endToEndID), ref) {
		return 2
	}
	if counterIBAN != "" && counterIBAN == c.PayeeIBAN {
		return 1
	}
	return 0
}

// bestFit picks the one candidate with the highest score above zero; a tie
// at the top is no fit: the treasurer decides.
func bestFit(scores []int) int {
	best, at, tie := 0, -1, false
	for i, s := range scores {
		switch {
		case s > best:
			best, at, tie = s, i, false
		case s == best && s > 0:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return at
}

// claimPaidByLine finds the approved or paid claim, not yet linked to a
// bank line, whose payment the line of the wijk is, and locks it. ok is
// false when no claim fits (or more than one fits equally well).
func claimPaidByLine(ctx context.Context, tx *Tx, wijkID string, l bank.Line) (Claim, bool, error) {
	if l.AmountCents >= 0 {
		return Claim{}, false, nil
	}
	rows, err := tx.query(ctx, "SELECT "+claimCols+` FROM claims WHERE wijk_id = ? AND amount_cents = ? AND status IN (?, ?)
		AND NOT EXISTS (SELECT 1 FROM bank_lines b WHERE b.wijk_id = claims.wijk_id AND b.claim_id = claims.id) ORDER BY created_at, id`,
		wijkID, -l.AmountCents, string(ClaimApproved), string(ClaimPaid))
	if err != nil {
		return Claim{}, false, fmt.Errorf("store: claims for bank line: %w", err)
	}
	var cands []Claim
	var scores []int
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			rows.Close()
			return Claim{}, false, fmt.Errorf("store: claims for bank line: %w", err)
		}
		cands, scores = append(cands, c), append(scores, paysClaim(c, l.AmountCents, l.CounterIBAN, l.Description, l.EndToEndID))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Claim{}, false, err
	}
	i := bestFit(scores)
	if i < 0 {
		return Claim{}, false, nil
	}
	// Lock the claim and read it again: a PayClaim may just have paid it.
	c, err := claimForUpdateTx(ctx, tx, cands[i].ID)
	if err != nil {
		return Claim{}, false, err
	}
	return c, c.Status == ClaimApproved || c.Status == ClaimPaid, nil
}

// payClaimFromLine books what a bank line means for the claim it pays
// (see above) and returns the transaction the line points at. The claim
// is locked by the caller.
func payClaimFromLine(ctx context.Context, tx *Tx, c Claim, bankAcctID string, on time.Time, byUserID string) (string, error) {
	if c.Status == ClaimPaid {
		return c.PaidTxID, nil
	}
	payable, err := accountTx(ctx, tx, c.WijkID, CodePayable)
	if err != nil {
		return "", err
	}
	t, err := bookClaimPayment(ctx, tx, c, payable.ID, bankAcctID, on, "claim-pay-"+c.ID, byUserID, tx.s.now().UTC())
	if err != nil {
		return "", err
	}
	return t.ID, nil
}

// bookClaimPayment books the payment of an approved claim (Te betalen +X,
// fromAcctID −X) and marks the claim paid.
func bookClaimPayment(ctx context.Context, tx *Tx, c Claim, payableID, fromAcctID string, on time.Time, key, byUserID string, now time.Time) (ledger.Transaction, error) {
	memo := "declaratie " + c.ID
	t, _, err := bookTx(ctx, tx, ledger.Transaction{WijkID: c.WijkID, On: on, Description: "Betaald: " + c.Purpose, Category: c.Category, IdempotencyKey: key, CreatedBy: byUserID,
		Postings: []ledger.Posting{
			{AccountID: payableID, Asset: ledger.EUR, Amount: c.AmountCents, Memo: memo},
			{AccountID: fromAcctID, Asset: ledger.EUR, Amount: -c.AmountCents, Memo: memo},
		}})
	if insufficient(err) {
		return t, &wei.Error{Code: wei.EINVALID, Message: "The bank account in the books holds less than this claim.", Fields: map[string]string{"amount": "claims.error.bank_insufficient"}}
	} else if err != nil {
		return t, err
	}
	if _, err := tx.exec(ctx, "UPDATE claims SET status = ?, paid_by = ?, paid_at = ?, paid_tx_id = ? WHERE id = ? AND status = ?",
		string(ClaimPaid), byUserID, ms(now), t.ID, c.ID, string(ClaimApproved)); err != nil {
		return t, fmt.Errorf("store: pay claim: %w", err)
	}
	return t, nil
}

// queuedLineForClaim finds the queued bank line of the claim's wijk that is
// the claim's payment, and locks it.
func queuedLineForClaim(ctx context.Context, tx *Tx, c Claim) (id string, on time.Time, ok bool, err error) {
	rows, err := tx.query(ctx, `SELECT id, booking_date, amount_cents, counter_iban, description, end_to_end_id FROM bank_lines
		WHERE wijk_id = ? AND status = ? AND amount_cents = ? AND claim_id = '' ORDER BY booking_date, line_no, id`, c.WijkID, LineQueued, -c.AmountCents)
	if err != nil {
		return "", time.Time{}, false, fmt.Errorf("store: bank lines for claim: %w", err)
	}
	var ids, dates []string
	var scores []int
	for rows.Next() {
		var lid, d, iban, desc, e2e string
		var amount int64
		if err := rows.Scan(&lid, &d, &amount, &iban, &desc, &e2e); err != nil {
			rows.Close()
			return "", time.Time{}, false, fmt.Errorf("store: bank lines for claim: %w", err)
		}
		ids, dates, scores = append(ids, lid), append(dates, d), append(scores, paysClaim(c, amount, iban, desc, e2e))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", time.Time{}, false, err
	}
	i := bestFit(scores)
	if i < 0 {
		return "", time.Time{}, false, nil
	}
	var status string
	if err := tx.queryRow(ctx, "SELECT status FROM bank_lines WHERE id = ?"+tx.forUpdate(), ids[i]).Scan(&status); err != nil {
		return "", time.Time{}, false, fmt.Errorf("store: bank line %s: %w", ids[i], err)
	}
	return ids[i], parseDate(dates[i]), status == LineQueued, nil
}
