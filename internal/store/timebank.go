package store

// The time bank of a wijk, and with it the local currency (localcurrency.go):
// every resident has an account in minutes and, when the wijk has a local
// currency, one in that currency; both may go a little below zero. A
// resident pays another for help by the other's personal tijdbank-code, so
// that the pay form never lists the residents, and an initiative thanks
// its volunteers from an account of its own. Accounts are named by person
// ID, never by name, so exports carry no names.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// TimeAccountLimit is how far a resident's time account may go below
// zero by default: ten hours of help received before giving any back.
const TimeAccountLimit = -600

// InitiativeTimeLimit is how far an initiative's time account may go
// below zero: it may thank its volunteers with a hundred hours more than
// it received.
const InitiativeTimeLimit = -6000

// MaxTimePayment is the most one payment in the time bank may move: a day.
const MaxTimePayment = 24 * 60

// Categories of the time bank's transactions.
const (
	CategoryTimebank  = "tijdbank"
	CategoryVolunteer = "vrijwilligers"
)

// TimeAccountCode is the account code of a resident's time account. It
// names the person by ID, never by name, so exports carry no names.
func TimeAccountCode(personID string) string {
	return CodeTime + ":" + strings.ReplaceAll(personID, "-", "")
}

// timeAsset is the time asset of a wijk: minutes.
func timeAsset(wijkID string) ledger.Asset {
	return ledger.Asset{WijkID: wijkID, Code: ledger.Time, Name: "Minuten", Kind: ledger.KindTime}
}

// EnsureTimeAccount returns the time account of a resident of the wijk,
// opening it when there is none.
func (s *Store) EnsureTimeAccount(ctx context.Context, wijkID, personID string) (ledger.Account, error) {
	var a ledger.Account
	err := s.inTxRetry(ctx, func(tx *Tx) error {
		var err error
		a, err = residentAccountTx(ctx, tx, wijkID, personID, timeAsset(wijkID))
		return err
	})
	return a, err
}

// PayTime books help given in the time bank: the helper's account gets the
// minutes, the helped resident's account gives them (down to its limit).
// The accounts are opened when needed, in the same transaction.
func (s *Store) PayTime(ctx context.Context, wijkID, fromPersonID, toPersonID string, minutes int64, on time.Time, purpose, key, byUserID string) (ledger.Transaction, error) {
	f := wei.FieldErrors{}
	if minutes <= 0 || minutes > MaxTimePayment {
		f.Add("minutes", "error.minutes")
	}
	if fromPersonID == toPersonID {
		f.Add("to", "error.time_self")
	}
	if err := f.Err(); err != nil {
		return ledger.Transaction{}, err
	}
	return s.payResident(ctx, wijkID, timeAsset(wijkID), fromPersonID, toPersonID, minutes, on, purpose, key, byUserID)
}

// payResident moves amount of an asset from one resident's account to
// another's, opening the accounts when needed, in one transaction.
func (s *Store) payResident(ctx context.Context, wijkID string, asset ledger.Asset, fromPersonID, toPersonID string, amount int64, on time.Time, purpose, key, byUserID string) (ledger.Transaction, error) {
	var out ledger.Transaction
	err := s.inTxRetry(ctx, func(tx *Tx) error {
		from, err := residentAccountTx(ctx, tx, wijkID, fromPersonID, asset)
		if err != nil {
			return fmt.Errorf("store: time bank: payer: %w", err)
		}
		to, err := residentAccountTx(ctx, tx, wijkID, toPersonID, asset)
		if err != nil {
			return fmt.Errorf("store: time bank: recipient: %w", err)
		}
		t := ledger.Transaction{WijkID: wijkID, On: on, Description: purpose, Category: CategoryTimebank, IdempotencyKey: key, CreatedBy: byUserID,
			Postings: []ledger.Posting{{AccountID: to.ID, Asset: asset.Code, Amount: amount}, {AccountID: from.ID, Asset: asset.Code, Amount: -amount}}}
		out, _, err = bookTx(ctx, tx, t)
		return err
	})
	return out, err
}

// residentAccountTx returns a resident's account in an asset (minutes or
// the local currency), opening it when there is none. A person of another
// wijk, or one who was erased, is ErrNotFound.
func residentAccountTx(ctx context.Context, tx *Tx, wijkID, personID string, asset ledger.Asset) (ledger.Account, error) {
	var pw, name string
	var erased int64
	err := tx.queryRow(ctx, "SELECT wijk_id, display_name, erased_at FROM people WHERE id = ?", personID).Scan(&pw, &name, &erased)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (pw != wijkID || erased != 0)) {
		return ledger.Account{}, wei.ErrNotFound
	} else if err != nil {
		return ledger.Account{}, fmt.Errorf("store: resident account: %w", err)
	}
	code, min := TimeAccountCode(personID), int64(TimeAccountLimit)
	if asset.Kind == ledger.KindLocal {
		code, min = LocalAccountCode(personID), LocalAccountLimit(asset)
	} else if _, err := tx.exec(ctx, "INSERT INTO ledger_assets (wijk_id, code, name, kind, decimals) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
		wijkID, asset.Code, asset.Name, string(asset.Kind), asset.Decimals); err != nil {
		return ledger.Account{}, mapErr(fmt.Errorf("store: time asset: %w", err))
	}
	return ensureAccountTx(ctx, tx, ledger.Account{WijkID: wijkID, Code: code, Name: name, Type: ledger.TypeTime, Asset: asset.Code, PersonID: personID, MinBalance: min, Local: true})
}

// ensureAccountTx returns the account with a's code and asset, creating a
// when there is none. Two requests that open the same account at once
// meet on the unique code: the second finds the first's.
func ensureAccountTx(ctx context.Context, tx *Tx, a ledger.Account) (ledger.Account, error) {
	got, err := scanLedgerAccount(tx.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? AND code = ? AND asset = ?", a.WijkID, a.Code, a.Asset))
	if err == nil {
		return got, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return got, fmt.Errorf("store: account %s: %w", a.Code, err)
	}
	if err := a.Validate(); err != nil {
		return a, err
	}
	a.ID, a.CreatedAt = wei.NewID(), tx.s.now().UTC()
	if _, err := tx.exec(ctx, "INSERT INTO ledger_accounts ("+ledgerAccountCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
		a.ID, a.WijkID, a.Code, a.Name, string(a.Type), a.Asset, nullStr(a.OrganisationID), nullStr(a.PersonID), a.MinBalance, a.AllowOverdraft, a.Local, ms(a.CreatedAt)); err != nil {
		return a, mapErr(fmt.Errorf("store: open account %s: %w", a.Code, err))
	}
	got, err = scanLedgerAccount(tx.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? AND code = ? AND asset = ?", a.WijkID, a.Code, a.Asset))
	return got, notFound(err, "store: account %s: %w", a.Code)
}

// initiativeAccountOfAsset returns the account in an asset (minutes or the
// local currency) from which an initiative thanks its volunteers, opening
// it when there is none: "Initiatieven:<naam>:Tijdbank" may go down to
// InitiativeTimeLimit; the local currency account holds only what the
// initiative was given. An organisation that is not an initiative of the
// wijk is ErrNotFound.
func initiativeAccountOfAsset(ctx context.Context, tx *Tx, wijkID, orgID string, asset ledger.Asset) (ledger.Account, error) {
	var ow, name, form string
	err := tx.queryRow(ctx, "SELECT wijk_id, name, form FROM organisations WHERE id = ?", orgID).Scan(&ow, &name, &form)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (ow != wijkID || !wijk.Form(form).IsInitiative())) {
		return ledger.Account{}, wei.ErrNotFound
	} else if err != nil {
		return ledger.Account{}, fmt.Errorf("store: initiative account: %w", err)
	}
	// An account opened before a rename keeps its code: look by organisation first.
	a, err := scanLedgerAccount(tx.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? AND organisation_id = ? AND type = ? AND asset = ? ORDER BY created_at, id LIMIT 1",
		wijkID, orgID, string(ledger.TypeBudget), asset.Code))
	if err == nil {
		return a, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: initiative account: %w", err)
	}
	a = ledger.Account{WijkID: wijkID, Type: ledger.TypeBudget, Asset: asset.Code, OrganisationID: orgID, Local: true}
	base := CodeInitiative + ":" + accountName(name)
	if asset.Kind == ledger.KindTime {
		a.Code, a.Name, a.MinBalance = base+":"+CodeTime, name+" – tijdbank", InitiativeTimeLimit
		if _, err := tx.exec(ctx, "INSERT INTO ledger_assets (wijk_id, code, name, kind, decimals) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
			wijkID, asset.Code, asset.Name, string(asset.Kind), asset.Decimals); err != nil {
			return a, mapErr(fmt.Errorf("store: time asset: %w", err))
		}
	} else {
		a.Code, a.Name = base+":"+CodeLocal, name+" – "+asset.Name
	}
	return ensureAccountTx(ctx, tx, a)
}

// RewardVolunteer thanks a volunteer of an initiative: amount of an asset
// (minutes, or the wijk's local currency in its smallest unit) moves from
// the initiative's own account to the volunteer's. The volunteer must be
// an active member of the initiative; the initiative's account may not go
// below its limit.
func (s *Store) RewardVolunteer(ctx context.Context, wijkID, initiativeID, personID, assetCode string, amount int64, on time.Time, purpose, key, byUserID string) (ledger.Transaction, error) {
	asset := timeAsset(wijkID)
	if assetCode != ledger.Time {
		lc, err := s.LocalCurrency(ctx, wijkID)
		if err != nil || lc.Code != assetCode {
			return ledger.Transaction{}, &wei.Error{Code: wei.EINVALID, Message: "Choose hours or the local currency of the wijk.", Fields: map[string]string{"asset": "error.choice"}}
		}
		asset = lc
	}
	f := wei.FieldErrors{}
	if asset.Kind == ledger.KindTime && (amount <= 0 || amount > MaxTimePayment) {
		f.Add("minutes", "error.minutes")
	} else if asset.Kind == ledger.KindLocal && (amount <= 0 || amount > MaxLocalPayment(asset)) {
		f.Add("amount", "error.local_amount")
	}
	if err := f.Err(); err != nil {
		return ledger.Transaction{}, err
	}
	var out ledger.Transaction
	err := s.inTxRetry(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM memberships m JOIN people p ON p.id = m.person_id
			WHERE m.organisation_id = ? AND m.person_id = ? AND m.ended_on = '' AND p.wijk_id = ? AND p.erased_at = 0`, initiativeID, personID, wijkID).Scan(&n); err != nil {
			return fmt.Errorf("store: reward: member: %w", err)
		}
		if n == 0 {
			return &wei.Error{Code: wei.EINVALID, Message: "This person is not a member of the initiative.", Fields: map[string]string{"person_id": "error.not_member"}}
		}
		from, err := initiativeAccountOfAsset(ctx, tx, wijkID, initiativeID, asset)
		if err != nil {
			return err
		}
		to, err := residentAccountTx(ctx, tx, wijkID, personID, asset)
		if err != nil {
			return err
		}
		t := ledger.Transaction{WijkID: wijkID, On: on, Description: purpose, Category: CategoryVolunteer, IdempotencyKey: key, CreatedBy: byUserID,
			Postings: []ledger.Posting{{AccountID: to.ID, Asset: asset.Code, Amount: amount}, {AccountID: from.ID, Asset: asset.Code, Amount: -amount}}}
		out, _, err = bookTx(ctx, tx, t)
		return err
	})
	return out, err
}

// Holding is an account of the time bank in one asset as its owner sees
// it: the balance and how far it may go. ID is "" for an account that is
// not opened yet (its balance is 0).
type Holding struct {
	ID      string
	Asset   ledger.Asset
	Balance int64
	Min     int64
}

// Spendable is what the owner may still pay: down to the limit.
func (h Holding) Spendable() int64 { return max(0, h.Balance-h.Min) }

// ResidentHoldings returns a resident's time account and, when the wijk
// has a local currency, their account in it.
func (s *Store) ResidentHoldings(ctx context.Context, wijkID, personID string) ([]Holding, error) {
	assets := []ledger.Asset{timeAsset(wijkID)}
	if lc, err := s.LocalCurrency(ctx, wijkID); err == nil {
		assets = append(assets, lc)
	} else if wei.ErrorCode(err) != wei.ENOTFOUND {
		return nil, err
	}
	var out []Holding
	for _, asset := range assets {
		code, min := TimeAccountCode(personID), int64(TimeAccountLimit)
		if asset.Kind == ledger.KindLocal {
			code, min = LocalAccountCode(personID), LocalAccountLimit(asset)
		}
		h := Holding{Asset: asset, Min: min}
		err := s.queryRow(ctx, "SELECT id, balance, min_balance FROM ledger_accounts WHERE wijk_id = ? AND code = ? AND asset = ?", wijkID, code, asset.Code).
			Scan(&h.ID, &h.Balance, &h.Min)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("store: holdings of %s: %w", personID, err)
		}
		out = append(out, h)
	}
	return out, nil
}

// InitiativeHoldings returns the accounts from which an initiative thanks
// its volunteers: time and, when the wijk has one, the local currency.
func (s *Store) InitiativeHoldings(ctx context.Context, wijkID, initiativeID string) ([]Holding, error) {
	assets := []ledger.Asset{timeAsset(wijkID)}
	if lc, err := s.LocalCurrency(ctx, wijkID); err == nil {
		assets = append(assets, lc)
	} else if wei.ErrorCode(err) != wei.ENOTFOUND {
		return nil, err
	}
	var out []Holding
	for _, asset := range assets {
		h := Holding{Asset: asset}
		if asset.Kind == ledger.KindTime {
			h.Min = InitiativeTimeLimit
		}
		a, err := scanLedgerAccount(s.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? AND organisation_id = ? AND type = ? AND asset = ? ORDER BY created_at, id LIMIT 1",
			wijkID, initiativeID, string(ledger.TypeBudget), asset.Code))
		switch {
		case err == nil:
			h.ID, h.Min = a.ID, a.MinBalance
			if h.Balance, err = s.Balance(ctx, a.ID); err != nil {
				return nil, err
			}
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("store: initiative holdings: %w", err)
		}
		out = append(out, h)
	}
	return out, nil
}

// TimebankEntry is one payment in or out of a resident's accounts: what
// for, when, and with whom.
type TimebankEntry struct {
	TransactionID string
	On            time.Time
	Purpose       string
	Category      string
	Asset         string
	Amount        int64 // received > 0, paid < 0
	With          []Counterparty
}

// Counterparty is the other side of a payment: a resident (PersonID, with
// their display name, "" when erased), an initiative (OrganisationID and
// its name), or another account of the books (Name).
type Counterparty struct {
	PersonID       string
	PersonName     string
	OrganisationID string
	Name           string
}

// maxHistory bounds the history a page shows.
const maxHistory = 200

// ResidentHistory lists the latest payments in and out of a resident's
// time bank accounts (time and local currency), newest first.
func (s *Store) ResidentHistory(ctx context.Context, wijkID, personID string) ([]TimebankEntry, error) {
	var out []TimebankEntry
	err := s.inRead(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT t.id, t.on_date, t.description, t.category, p.asset, SUM(p.amount)
			FROM ledger_postings p
			JOIN ledger_transactions t ON t.id = p.transaction_id
			JOIN ledger_accounts a ON a.id = p.account_id
			WHERE a.wijk_id = ? AND a.person_id = ? AND a.type = ?
			GROUP BY t.id, t.seq, t.on_date, t.description, t.category, p.asset
			ORDER BY t.seq DESC LIMIT ?`, wijkID, personID, string(ledger.TypeTime), maxHistory)
		if err != nil {
			return fmt.Errorf("store: time bank history: %w", err)
		}
		index := map[string]int{}
		for rows.Next() {
			var e TimebankEntry
			var on string
			if err := rows.Scan(&e.TransactionID, &on, &e.Purpose, &e.Category, &e.Asset, &e.Amount); err != nil {
				rows.Close()
				return fmt.Errorf("store: time bank history: %w", err)
			}
			e.On = parseDate(on)
			index[e.TransactionID+"|"+e.Asset] = len(out)
			out = append(out, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(out) == 0 {
			return err
		}
		// The other side of each payment.
		ids := make([]any, 0, len(out)+1)
		marks := make([]string, 0, len(out))
		seen := map[string]bool{}
		for _, e := range out {
			if !seen[e.TransactionID] {
				seen[e.TransactionID] = true
				ids = append(ids, e.TransactionID)
				marks = append(marks, "?")
			}
		}
		ids = append(ids, personID)
		crows, err := tx.query(ctx, `SELECT p.transaction_id, p.asset, a.name, COALESCE(a.person_id, ''), COALESCE(a.organisation_id, ''),
				COALESCE(pe.display_name, ''), COALESCE(pe.erased_at, 0), COALESCE(o.name, '')
			FROM ledger_postings p
			JOIN ledger_accounts a ON a.id = p.account_id
			LEFT JOIN people pe ON pe.id = a.person_id
			LEFT JOIN organisations o ON o.id = a.organisation_id
			WHERE p.transaction_id IN (`+strings.Join(marks, ", ")+`) AND (a.person_id IS NULL OR a.person_id <> ?)
			ORDER BY p.transaction_id, p.position`, ids...)
		if err != nil {
			return fmt.Errorf("store: time bank history: counterparties: %w", err)
		}
		defer crows.Close()
		for crows.Next() {
			var txID, asset, acctName, pid, oid, pname, oname string
			var erased int64
			if err := crows.Scan(&txID, &asset, &acctName, &pid, &oid, &pname, &erased, &oname); err != nil {
				return fmt.Errorf("store: time bank history: counterparties: %w", err)
			}
			i, ok := index[txID+"|"+asset]
			if !ok {
				continue
			}
			c := Counterparty{PersonID: pid, OrganisationID: oid, Name: acctName}
			if pid != "" && erased == 0 {
				c.PersonName = pname
			}
			if oid != "" {
				c.Name = oname
			}
			out[i].With = append(out[i].With, c)
		}
		return crows.Err()
	})
	return out, err
}

// Tijdbank-codes: eight characters from an alphabet without 0, O, 1 and
// I, shown in two groups of four ("K7QM-2XPD").
const (
	codeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	codeLen      = 8
)

// NormaliseTimebankCode reads a code as a person types it: lower case,
// spaces and dashes are fine.
func NormaliseTimebankCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if strings.ContainsRune(codeAlphabet, r) {
			b.WriteRune(r)
		} else if r != ' ' && r != '-' && r != '\u00a0' {
			return "" // a character no code has
		}
	}
	if b.Len() != codeLen {
		return ""
	}
	return b.String()
}

// FormatTimebankCode writes a code in two groups of four.
func FormatTimebankCode(code string) string {
	if len(code) != codeLen {
		return code
	}
	return code[:4] + "-" + code[4:]
}

func newTimebankCode() string {
	var raw [codeLen]byte
	if _, err := rand.Read(raw[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	b := make([]byte, codeLen)
	for i, v := range raw {
		b[i] = codeAlphabet[int(v)%len(codeAlphabet)] // 256 is a multiple of 32: no bias
	}
	return string(b)
}

// TimebankCode returns the personal tijdbank-code of a resident of the
// wijk, making one the first time. An erased person, or one of another
// wijk, is ErrNotFound.
func (s *Store) TimebankCode(ctx context.Context, wijkID, personID string) (string, error) {
	var code string
	err := s.inTx(ctx, func(tx *Tx) error {
		var pw string
		var erased int64
		err := tx.queryRow(ctx, "SELECT wijk_id, erased_at FROM people WHERE id = ?", personID).Scan(&pw, &erased)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (pw != wijkID || erased != 0)) {
			return wei.ErrNotFound
		} else if err != nil {
			return fmt.Errorf("store: tijdbank-code: %w", err)
		}
		err = tx.queryRow(ctx, "SELECT code FROM timebank_codes WHERE person_id = ?", personID).Scan(&code)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		for range 5 { // a clash of 40 random bits is rare; five is plenty
			code = newTimebankCode()
			res, err := tx.exec(ctx, "INSERT INTO timebank_codes (person_id, wijk_id, code, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
				personID, wijkID, code, ms(tx.s.now()))
			if err != nil {
				return fmt.Errorf("store: tijdbank-code: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil || n == 1 {
				return err
			}
		}
		return fmt.Errorf("store: tijdbank-code: no free code found")
	})
	return code, err
}

// PersonByTimebankCode returns the resident of the wijk with a code (as
// typed: see NormaliseTimebankCode). An unknown code, or the code of an
// erased person, is ErrNotFound.
func (s *Store) PersonByTimebankCode(ctx context.Context, wijkID, code string) (wijk.Person, error) {
	code = NormaliseTimebankCode(code)
	if code == "" {
		return wijk.Person{}, wei.ErrNotFound
	}
	p, err := scanPerson(s.queryRow(ctx, "SELECT "+prefixCols("p.", personCols)+` FROM timebank_codes c JOIN people p ON p.id = c.person_id
		WHERE c.wijk_id = ? AND c.code = ? AND p.wijk_id = ? AND p.erased_at = 0`, wijkID, code, wijkID))
	return p, notFound(err, "store: tijdbank-code %s: %w", code)
}
