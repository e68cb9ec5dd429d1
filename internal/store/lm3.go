package store

// LM3 studies: the local multiplier of one income of the wijk. R1 is what
// came in on an income account over a period, from the books; where it
// went (recipients, local or not) and how much local recipients spend
// locally again are the treasurer's figures, from invoices and a survey,
// because the books do not follow money once it has left the wijk's
// accounts. The latest survey figure of each recipient is kept, so the
// next study starts from it.
//
// A recipient that is an organisation of the wijk keeping its books in WEI
// (it has its own expense account in the wijk's chart) is matched by its
// name. Its re-spend share then comes from its own ledger over the same
// period (ledger.OwnRespend), not from a survey: the books can be checked,
// a survey figure cannot, so the books win and a survey figure typed for
// such a recipient is not used. Only when it booked no expenses in the
// period does its survey figure count.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
)

// MaxLM3Spends is the most recipients one study may list.
const MaxLM3Spends = 100

// LM3Study is a study of the local multiplier of an income account over
// a period, from From to To (both dates included).
type LM3Study struct {
	ID        string
	WijkID    string
	AccountID string
	From, To  time.Time
	Spends    []LM3Spend
	UpdatedBy string
	UpdatedAt time.Time
}

// LM3Spend is where part of the income went: a recipient (a supplier, a
// group such as "lokaal personeel"), the amount, whether it is local and,
// for a local recipient, the part of it they spend locally again in basis
// points (4000 = 40%). FromBooks tells that the share came from the
// recipient's own ledger in WEI (OrganisationID), not from a survey.
type LM3Spend struct {
	Recipient          string
	AmountCents        int64
	Local              bool
	RespendBasisPoints int
	FromBooks          bool
	OrganisationID     string
}

// LM3Books is an organisation of the wijk that keeps its books in WEI,
// and what its own ledger says it spent in a period and how much of that
// stayed in the wijk.
type LM3Books struct {
	OrganisationID string
	Name           string
	Respend        ledger.Respend
}

// LM3BooksOf lists the organisations of the wijk that keep their books in
// WEI, by name, with their re-spend share from their own ledger from from
// to to (both dates included).
func (s *Store) LM3BooksOf(ctx context.Context, wijkID string, from, to time.Time) ([]LM3Books, error) {
	var out []LM3Books
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		out, err = lm3BooksTx(ctx, tx, wijkID, day(from), day(to))
		return err
	})
	return out, err
}

func lm3BooksTx(ctx context.Context, tx *Tx, wijkID string, from, to time.Time) ([]LM3Books, error) {
	rows, err := tx.query(ctx, `SELECT DISTINCT o.id, o.name FROM organisations o JOIN ledger_accounts a ON a.organisation_id = o.id
		WHERE o.wijk_id = ? AND a.wijk_id = ? AND a.type = ? AND a.asset = ? ORDER BY o.name, o.id`, wijkID, wijkID, string(ledger.TypeExpense), ledger.EUR)
	if err != nil {
		return nil, fmt.Errorf("store: lm3 books: %w", err)
	}
	defer rows.Close()
	var out []LM3Books
	for rows.Next() {
		var b LM3Books
		if err := rows.Scan(&b.OrganisationID, &b.Name); err != nil {
			return nil, fmt.Errorf("store: lm3 books: %w", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: lm3 books: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}
	accounts, err := ledgerAccounts(ctx, tx.query, wijkID)
	if err != nil {
		return nil, err
	}
	txs, err := ledgerTransactions(ctx, tx, wijkID, from, to)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]ledger.Account, len(accounts))
	for _, a := range accounts {
		byID[a.ID] = a
	}
	for i := range out {
		out[i].Respend = ledger.OwnRespend(out[i].OrganisationID, txs, byID)
	}
	return out, nil
}

// LM3BooksFor returns the organisation keeping its books in WEI whose name
// is recipient (case and spacing do not count), if it booked expenses in
// the period of books, so that its books give a re-spend share.
func LM3BooksFor(books []LM3Books, recipient string) (LM3Books, bool) {
	key := lm3NameKey(recipient)
	for _, b := range books {
		if _, ok := b.Respend.BasisPoints(); ok && lm3NameKey(b.Name) == key {
			return b, true
		}
	}
	return LM3Books{}, false
}

// LM3ApplyBooks gives each recipient that is an organisation keeping its
// books in WEI, and that booked expenses in the period, its re-spend share
// from its books: it is local, and FromBooks is set. Other recipients keep
// their survey figure.
func LM3ApplyBooks(spends []LM3Spend, books []LM3Books) {
	for i := range spends {
		sp := &spends[i]
		sp.FromBooks, sp.OrganisationID = false, ""
		b, ok := LM3BooksFor(books, sp.Recipient)
		if !ok {
			continue
		}
		sp.RespendBasisPoints, _ = b.Respend.BasisPoints()
		sp.Local, sp.FromBooks, sp.OrganisationID = true, true, b.OrganisationID
	}
}

// LM3Accounts are the accounts whose income can be studied: the euro
// accounts of funders and of income.
func (s *Store) LM3Accounts(ctx context.Context, wijkID string) ([]ledger.Account, error) {
	all, err := s.LedgerAccounts(ctx, wijkID)
	if err != nil {
		return nil, err
	}
	var out []ledger.Account
	for _, a := range all {
		if lm3Account(a) {
			out = append(out, a)
		}
	}
	return out, nil
}

func lm3Account(a ledger.Account) bool {
	return a.Asset == ledger.EUR && (a.Type == ledger.TypeFunder || a.Type == ledger.TypeIncome)
}

// LM3Income returns R1: what came in on an income account of the wijk in
// a period, in cents: its credits less their corrections, never below 0.
// An account of another wijk, or one that is not an income, is EINVALID.
func (s *Store) LM3Income(ctx context.Context, wijkID, accountID string, from, to time.Time) (int64, error) {
	var r1 int64
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		r1, err = lm3IncomeTx(ctx, tx, wijkID, accountID, from, to)
		return err
	})
	return r1, err
}

func lm3IncomeTx(ctx context.Context, tx *Tx, wijkID, accountID string, from, to time.Time) (int64, error) {
	a, err := scanLedgerAccount(tx.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE id = ?", accountID))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (a.WijkID != wijkID || !lm3Account(a))) {
		return 0, &wei.Error{Code: wei.EINVALID, Message: "Choose an income account of this wijk.", Fields: map[string]string{"account_id": "error.choice"}}
	} else if err != nil {
		return 0, fmt.Errorf("store: lm3 income: %w", err)
	}
	var sum int64
	if err := tx.queryRow(ctx, `SELECT COALESCE(SUM(p.amount), 0) FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
		WHERE p.account_id = ? AND t.wijk_id = ? AND t.on_date >= ? AND t.on_date <= ?`, accountID, wijkID, dateStr(from), dateStr(lastDayIfZero(to))).Scan(&sum); err != nil {
		return 0, fmt.Errorf("store: lm3 income: %w", err)
	}
	return max(0, -sum), nil
}

// lm3NameKey is how a recipient's name is compared: case and spacing do
// not count.
func lm3NameKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// validate checks a study and tidies its recipients' names.
func (st *LM3Study) validate() error {
	f := wei.FieldErrors{}
	if st.From.IsZero() {
		f.Add("from", "error.date")
	}
	if st.To.IsZero() {
		f.Add("to", "error.date")
	} else if !st.From.IsZero() && st.To.Before(st.From) {
		f.Add("to", "error.date_order")
	}
	if len(st.Spends) == 0 {
		f.Add("spends", "error.lm3_no_spends")
	}
	if len(st.Spends) > MaxLM3Spends {
		f.Add("spends", "error.too_long")
	}
	for i := range st.Spends {
		sp := &st.Spends[i]
		sp.Recipient = strings.Join(strings.Fields(sp.Recipient), " ")
		if sp.Recipient == "" {
			f.Add(fmt.Sprintf("recipient_%d", i), "error.required")
		} else if utf8.RuneCountInString(sp.Recipient) > 200 {
			f.Add(fmt.Sprintf("recipient_%d", i), "error.too_long")
		}
		if sp.AmountCents < 0 {
			f.Add(fmt.Sprintf("amount_%d", i), "error.not_negative")
		}
		if !sp.Local {
			sp.RespendBasisPoints = 0
		}
		if sp.RespendBasisPoints < 0 || sp.RespendBasisPoints > 10000 {
			f.Add(fmt.Sprintf("respend_%d", i), "error.percentage")
		}
	}
	return f.Err()
}

// SaveLM3Study stores a study, replacing the earlier one of the same
// account and period, and keeps the survey figure of each recipient for
// the next study. The recipients may not have received more than R1. It
// returns the study's result.
func (s *Store) SaveLM3Study(ctx context.Context, st *LM3Study) (ledger.LM3Result, error) {
	st.From, st.To = day(st.From), day(st.To)
	if err := st.validate(); err != nil {
		return ledger.LM3Result{}, err
	}
	var res ledger.LM3Result
	err := s.inTx(ctx, func(tx *Tx) error {
		r1, err := lm3IncomeTx(ctx, tx, st.WijkID, st.AccountID, st.From, st.To)
		if err != nil {
			return err
		}
		books, err := lm3BooksTx(ctx, tx, st.WijkID, st.From, st.To)
		if err != nil {
			return err
		}
		LM3ApplyBooks(st.Spends, books)
		if res, err = ledger.LM3(r1, LedgerSpends(st.Spends)); err != nil {
			return err
		}
		now := tx.s.now().UTC()
		var id string
		err = tx.queryRow(ctx, "SELECT id FROM lm3_studies WHERE wijk_id = ? AND account_id = ? AND from_date = ? AND to_date = ?",
			st.WijkID, st.AccountID, dateStr(st.From), dateStr(st.To)).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id = wei.NewID()
			if _, err := tx.exec(ctx, "INSERT INTO lm3_studies (id, wijk_id, account_id, from_date, to_date, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				id, st.WijkID, st.AccountID, dateStr(st.From), dateStr(st.To), st.UpdatedBy, ms(now)); err != nil {
				return mapErr(fmt.Errorf("store: save lm3 study: %w", err))
			}
		case err != nil:
			return fmt.Errorf("store: save lm3 study: %w", err)
		default:
			if _, err := tx.exec(ctx, "UPDATE lm3_studies SET updated_by = ?, updated_at = ? WHERE id = ?", st.UpdatedBy, ms(now), id); err != nil {
				return fmt.Errorf("store: save lm3 study: %w", err)
			}
			if _, err := tx.exec(ctx, "DELETE FROM lm3_spends WHERE study_id = ?", id); err != nil {
				return fmt.Errorf("store: save lm3 study: %w", err)
			}
		}
		for i, sp := range st.Spends {
			if _, err := tx.exec(ctx, "INSERT INTO lm3_spends (study_id, position, recipient, amount_cents, local, respend_bp) VALUES (?, ?, ?, ?, ?, ?)",
				id, i, sp.Recipient, sp.AmountCents, sp.Local, sp.RespendBasisPoints); err != nil {
				return mapErr(fmt.Errorf("store: save lm3 spend: %w", err))
			}
			if _, err := tx.exec(ctx, `INSERT INTO lm3_recipients (wijk_id, name_key, name, local, respend_bp, updated_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (wijk_id, name_key) DO UPDATE SET name = excluded.name, local = excluded.local, respend_bp = excluded.respend_bp, updated_at = excluded.updated_at`,
				st.WijkID, lm3NameKey(sp.Recipient), sp.Recipient, sp.Local, sp.RespendBasisPoints, ms(now)); err != nil {
				return mapErr(fmt.Errorf("store: save lm3 recipient: %w", err))
			}
		}
		st.ID, st.UpdatedAt = id, now
		return nil
	})
	return res, err
}

// LedgerSpends turns a study's spends into those ledger.LM3 computes with.
func LedgerSpends(in []LM3Spend) []ledger.Spend {
	out := make([]ledger.Spend, len(in))
	for i, sp := range in {
		out[i] = ledger.Spend{Recipient: sp.Recipient, Amount: sp.AmountCents, Local: sp.Local, RespendBasisPoints: sp.RespendBasisPoints}
	}
	return out
}

// LM3StudyOf returns the study of an account and period, with the
// re-spend shares of recipients that keep their books in WEI as their
// books hold them now; ErrNotFound when there is none.
func (s *Store) LM3StudyOf(ctx context.Context, wijkID, accountID string, from, to time.Time) (LM3Study, error) {
	st := LM3Study{WijkID: wijkID, AccountID: accountID, From: day(from), To: day(to)}
	var updated int64
	err := s.queryRow(ctx, "SELECT id, updated_by, updated_at FROM lm3_studies WHERE wijk_id = ? AND account_id = ? AND from_date = ? AND to_date = ?",
		wijkID, accountID, dateStr(st.From), dateStr(st.To)).Scan(&st.ID, &st.UpdatedBy, &updated)
	if err != nil {
		return st, notFound(err, "store: lm3 study of %s: %w", accountID)
	}
	st.UpdatedAt = fromMS(updated)
	rows, err := s.query(ctx, "SELECT recipient, amount_cents, local, respend_bp FROM lm3_spends WHERE study_id = ? ORDER BY position", st.ID)
	if err != nil {
		return st, fmt.Errorf("store: lm3 spends: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sp LM3Spend
		if err := rows.Scan(&sp.Recipient, &sp.AmountCents, &sp.Local, &sp.RespendBasisPoints); err != nil {
			return st, fmt.Errorf("store: lm3 spends: %w", err)
		}
		st.Spends = append(st.Spends, sp)
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("store: lm3 spends: %w", err)
	}
	books, err := s.LM3BooksOf(ctx, wijkID, st.From, st.To)
	if err != nil {
		return st, err
	}
	LM3ApplyBooks(st.Spends, books)
	return st, nil
}

// LM3Recipients returns the survey figures the wijk keeps, by recipient,
// in the order of their names; AmountCents is 0.
func (s *Store) LM3Recipients(ctx context.Context, wijkID string) ([]LM3Spend, error) {
	rows, err := s.query(ctx, "SELECT name, local, respend_bp FROM lm3_recipients WHERE wijk_id = ? ORDER BY name_key", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: lm3 recipients: %w", err)
	}
	defer rows.Close()
	var out []LM3Spend
	for rows.Next() {
		var sp LM3Spend
		if err := rows.Scan(&sp.Recipient, &sp.Local, &sp.RespendBasisPoints); err != nil {
			return nil, fmt.Errorf("store: lm3 recipients: %w", err)
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}
