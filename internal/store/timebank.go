package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
)

// TimeAccountLimit is how far a resident's time account may go below
// zero by default: ten hours of help received before giving any back.
const TimeAccountLimit = -600

// TimeAccountCode is the account code of a resident's time account. It
// names the person by ID, never by name, so exports carry no names.
func TimeAccountCode(personID string) string {
	return CodeTime + ":" + strings.ReplaceAll(personID, "-", "")
}

// EnsureTimeAccount returns the time account of a resident of the wijk,
// opening it when there is none.
func (s *Store) EnsureTimeAccount(ctx context.Context, wijkID, personID string) (ledger.Account, error) {
	p, err := s.Person(ctx, personID)
	if err != nil {
		return ledger.Account{}, err
	}
	if p.WijkID != wijkID || p.Erased() {
		return ledger.Account{}, wei.ErrNotFound
	}
	if err := s.EnsureAsset(ctx, ledger.Asset{WijkID: wijkID, Code: ledger.Time, Name: "Minuten", Kind: ledger.KindTime}); err != nil {
		return ledger.Account{}, err
	}
	code := TimeAccountCode(personID)
	if a, err := s.AccountByCode(ctx, wijkID, code, ledger.Time); err == nil {
		return a, nil
	} else if wei.ErrorCode(err) != wei.ENOTFOUND {
		return a, err
	}
	a := ledger.Account{WijkID: wijkID, Code: code, Name: p.DisplayName, Type: ledger.TypeTime, Asset: ledger.Time, PersonID: personID, MinBalance: TimeAccountLimit, Local: true}
	if err := s.CreateAccount(ctx, &a); err != nil && wei.ErrorCode(err) != wei.ECONFLICT {
		return a, err
	}
	return s.AccountByCode(ctx, wijkID, code, ledger.Time)
}

// PayTime books help given in the time bank: the helper's account gets the
// minutes, the helped resident's account gives them (down to its limit).
func (s *Store) PayTime(ctx context.Context, wijkID, fromPersonID, toPersonID string, minutes int64, on time.Time, purpose, key, byUserID string) (ledger.Transaction, error) {
	f := wei.FieldErrors{}
	if minutes <= 0 || minutes > 24*60 {
		f.Add("minutes", "error.minutes")
	}
	if fromPersonID == toPersonID {
		f.Add("to", "error.time_self")
	}
	if err := f.Err(); err != nil {
		return ledger.Transaction{}, err
	}
	from, err := s.EnsureTimeAccount(ctx, wijkID, fromPersonID)
	if err != nil {
		return ledger.Transaction{}, fmt.Errorf("store: time bank: %w", err)
	}
	to, err := s.EnsureTimeAccount(ctx, wijkID, toPersonID)
	if err != nil {
		return ledger.Transaction{}, fmt.Errorf("store: time bank: %w", err)
	}
	t := ledger.Transaction{WijkID: wijkID, On: on, Description: purpose, Category: "tijdbank", IdempotencyKey: key, CreatedBy: byUserID,
		Postings: []ledger.Posting{{AccountID: to.ID, Asset: ledger.Time, Amount: minutes}, {AccountID: from.ID, Asset: ledger.Time, Amount: -minutes}}}
	out, _, err := s.Post(ctx, t)
	return out, err
}
