package store

// The local currency of a wijk: an asset of kind "local" with its own code
// and decimals (say "AKK", the Akkertje, in cents). The wijk issues it
// from "Lokale munt:Uitgifte" (to initiatives, say, that thank their
// volunteers with it); residents pay each other in it as in the time bank
// (timebank.go), each from an account that may go a little below zero.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
)

// Account codes of the local currency.
const (
	CodeLocal      = "Lokale munt"
	CodeLocalIssue = CodeLocal + ":Uitgifte"
)

// localLimitUnits is how far a resident's local currency account may go
// below zero, in whole units of the currency; localMaxUnits the most one
// payment may move.
const (
	localLimitUnits = 25
	localMaxUnits   = 10_000
)

// LocalAccountCode is the account code of a resident's local currency
// account, by person ID like TimeAccountCode.
func LocalAccountCode(personID string) string {
	return CodeLocal + ":" + strings.ReplaceAll(personID, "-", "")
}

// unit is one whole unit of an asset in its smallest unit: 100 for two decimals.
func unit(a ledger.Asset) int64 {
	u := int64(1)
	for range a.Decimals {
		u *= 10
	}
	return u
}

// LocalAccountLimit is the lowest balance of a resident's account in a
// local currency, in its smallest unit.
func LocalAccountLimit(a ledger.Asset) int64 { return -localLimitUnits * unit(a) }

// MaxLocalPayment is the most one payment in a local currency may move.
func MaxLocalPayment(a ledger.Asset) int64 { return localMaxUnits * unit(a) }

// LocalCurrency returns the wijk's local currency; ErrNotFound when the
// wijk has none.
func (s *Store) LocalCurrency(ctx context.Context, wijkID string) (ledger.Asset, error) {
	a := ledger.Asset{WijkID: wijkID}
	var kind string
	err := s.queryRow(ctx, "SELECT code, name, kind, decimals FROM ledger_assets WHERE wijk_id = ? AND kind = ? ORDER BY code LIMIT 1",
		wijkID, string(ledger.KindLocal)).Scan(&a.Code, &a.Name, &kind, &a.Decimals)
	a.Kind = ledger.AssetKind(kind)
	return a, notFound(err, "store: local currency of %s: %w", wijkID)
}

// EnsureLocalCurrency gives a wijk a local currency and the account it is
// issued from. A wijk has one local currency: a second, with another
// code, is refused.
func (s *Store) EnsureLocalCurrency(ctx context.Context, a ledger.Asset) error {
	a.Kind, a.Code = ledger.KindLocal, strings.ToUpper(strings.TrimSpace(a.Code))
	if have, err := s.LocalCurrency(ctx, a.WijkID); err == nil && have.Code != a.Code {
		return &wei.Error{Code: wei.ECONFLICT, Message: "This wijk has a local currency already.", Fields: map[string]string{"code": "error.local_exists"}}
	} else if err != nil && wei.ErrorCode(err) != wei.ENOTFOUND {
		return err
	}
	if err := s.EnsureAsset(ctx, a); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := ensureAccountTx(ctx, tx, ledger.Account{WijkID: a.WijkID, Code: CodeLocalIssue, Name: a.Name + " – uitgifte", Type: ledger.TypeFund,
			Asset: a.Code, AllowOverdraft: true, Local: true})
		return err
	})
}

// PayLocal books a payment in the wijk's local currency from one resident
// to another (amount in the currency's smallest unit), opening their
// accounts when needed. The payer's account may not go below its limit.
func (s *Store) PayLocal(ctx context.Context, wijkID, fromPersonID, toPersonID string, amount int64, on time.Time, purpose, key, byUserID string) (ledger.Transaction, error) {
	asset, err := s.LocalCurrency(ctx, wijkID)
	if err != nil {
		return ledger.Transaction{}, err
	}
	f := wei.FieldErrors{}
	if amount <= 0 || amount > MaxLocalPayment(asset) {
		f.Add("amount", "error.local_amount")
	}
	if fromPersonID == toPersonID {
		f.Add("to", "error.time_self")
	}
	if err := f.Err(); err != nil {
		return ledger.Transaction{}, err
	}
	return s.payResident(ctx, wijkID, asset, fromPersonID, toPersonID, amount, on, purpose, key, byUserID)
}

// IssueLocal issues local currency from "Lokale munt:Uitgifte" to an
// account of the wijk in that currency: an initiative's (to thank its
// volunteers with) or a resident's.
func (s *Store) IssueLocal(ctx context.Context, wijkID, toAccountID string, amount int64, on time.Time, purpose, key, byUserID string) (ledger.Transaction, error) {
	asset, err := s.LocalCurrency(ctx, wijkID)
	if err != nil {
		return ledger.Transaction{}, err
	}
	if amount <= 0 || amount > MaxLocalPayment(asset)*10 {
		return ledger.Transaction{}, &wei.Error{Code: wei.EINVALID, Message: "The amount is not allowed.", Fields: map[string]string{"amount": "error.local_amount"}}
	}
	var out ledger.Transaction
	err = s.inTxRetry(ctx, func(tx *Tx) error {
		var issue string
		err := tx.queryRow(ctx, "SELECT id FROM ledger_accounts WHERE wijk_id = ? AND code = ? AND asset = ?", wijkID, CodeLocalIssue, asset.Code).Scan(&issue)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: issue local currency: no account %s: %w", CodeLocalIssue, wei.ErrNotFound)
		} else if err != nil {
			return fmt.Errorf("store: issue local currency: %w", err)
		}
		t := ledger.Transaction{WijkID: wijkID, On: on, Description: purpose, Category: CategoryTimebank, IdempotencyKey: key, CreatedBy: byUserID,
			Postings: []ledger.Posting{{AccountID: toAccountID, Asset: asset.Code, Amount: amount}, {AccountID: issue, Asset: asset.Code, Amount: -amount}}}
		out, _, err = bookTx(ctx, tx, t)
		return err
	})
	return out, err
}

// InitiativeLocalAccount returns the account in the local currency from
// which an initiative thanks its volunteers, opening it when there is none.
func (s *Store) InitiativeLocalAccount(ctx context.Context, wijkID, initiativeID string) (ledger.Account, error) {
	asset, err := s.LocalCurrency(ctx, wijkID)
	if err != nil {
		return ledger.Account{}, err
	}
	var a ledger.Account
	err = s.inTxRetry(ctx, func(tx *Tx) error {
		var err error
		a, err = initiativeAccountOfAsset(ctx, tx, wijkID, initiativeID, asset)
		return err
	})
	return a, err
}
