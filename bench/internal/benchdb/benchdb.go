// Package benchdb holds what the benchmark programs in bench/cmd share:
// opening a SQLite file or a PostgreSQL schema of their own, a small set
// of books to post in, and transfers whose content follows from their
// idempotency key, so that a key can be posted again after a crash and
// must find its first booking.
package benchdb

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

var schemaRe = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Open opens dsn and migrates it. For a postgres:// URL with a schema, the
// schema is created when missing and the store works inside it, so a run
// never touches the database's other data.
func Open(ctx context.Context, dsn, schema string) (*store.Store, error) {
	if store.IsPostgres(dsn) && schema != "" {
		if !schemaRe.MatchString(schema) {
			return nil, fmt.Errorf("benchdb: bad schema name %q", schema)
		}
		admin, err := store.Open(ctx, dsn, nil)
		if err != nil {
			return nil, err
		}
		err = admin.ExecForTest(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema)
		admin.Close()
		if err != nil {
			return nil, fmt.Errorf("benchdb: create schema: %w", err)
		}
		dsn = WithSearchPath(dsn, schema)
	}
	s, err := store.Open(ctx, dsn, nil)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// WithSearchPath adds search_path=schema to a PostgreSQL URL.
func WithSearchPath(dsn, schema string) string {
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + url.QueryEscape(schema)
}

// DropSchema removes a schema that Open created.
func DropSchema(ctx context.Context, dsn, schema string) error {
	if !store.IsPostgres(dsn) || schema == "" {
		return nil
	}
	if !schemaRe.MatchString(schema) {
		return fmt.Errorf("benchdb: bad schema name %q", schema)
	}
	admin, err := store.Open(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer admin.Close()
	return admin.ExecForTest(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
}

// Books are the accounts transfers move money between.
type Books struct {
	WijkID string
	Fund   ledger.Account   // a funder, may go below zero
	Accts  []ledger.Account // may not go below zero
}

// EnsureBooks returns the books of the wijk with the slug, creating the
// wijk, the euro and n accounts funded with start cents each when they are
// missing. It may be called again after a crash: the funding posts have
// fixed idempotency keys.
func EnsureBooks(ctx context.Context, s *store.Store, slug string, n int, start int64) (Books, error) {
	w, err := s.WijkBySlug(ctx, slug)
	if wei.ErrorCode(err) == wei.ENOTFOUND {
		w = wijk.Wijk{Slug: slug, Name: "Bench " + slug, CBSCode: "WK036399", CBSYear: 2024, Municipality: "Amsterdam"}
		err = s.CreateWijk(ctx, &w)
		if wei.ErrorCode(err) == wei.ECONFLICT { // created by a run that was killed
			w, err = s.WijkBySlug(ctx, slug)
		}
	}
	if err != nil {
		return Books{}, fmt.Errorf("wijk %s: %w", slug, err)
	}
	if err := s.EnsureAsset(ctx, ledger.Asset{WijkID: w.ID, Code: ledger.EUR, Name: "Euro", Kind: ledger.KindEuro, Decimals: 2}); err != nil {
		return Books{}, err
	}
	account := func(code string, typ ledger.AccountType, overdraft bool) (ledger.Account, error) {
		a, err := s.AccountByCode(ctx, w.ID, code, ledger.EUR)
		if wei.ErrorCode(err) != wei.ENOTFOUND {
			return a, err
		}
		a = ledger.Account{WijkID: w.ID, Code: code, Type: typ, Asset: ledger.EUR, AllowOverdraft: overdraft}
		if err := s.CreateAccount(ctx, &a); err != nil {
			return a, err
		}
		return a, nil
	}
	b := Books{WijkID: w.ID}
	if b.Fund, err = account("Financiers:Fonds", ledger.TypeFunder, true); err != nil {
		return b, err
	}
	for i := range n {
		a, err := account(fmt.Sprintf("Rekening:%02d", i), ledger.TypeBank, false)
		if err != nil {
			return b, err
		}
		if _, _, err := s.Post(ctx, Transfer(b.WijkID, "start-"+a.Code, b.Fund, a, start)); err != nil {
			return b, err
		}
		b.Accts = append(b.Accts, a)
	}
	return b, nil
}

// Day is the date every benchmark transfer is booked on.
var Day = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// Transfer moves amount from one account to another.
func Transfer(wijkID, key string, from, to ledger.Account, amount int64) ledger.Transaction {
	return ledger.Transaction{WijkID: wijkID, On: Day, Description: "Overboeking", Category: "bench", IdempotencyKey: key,
		Postings: []ledger.Posting{{AccountID: to.ID, Asset: to.Asset, Amount: amount}, {AccountID: from.ID, Asset: from.Asset, Amount: -amount}}}
}

// KeyedTransfer is the transfer that the key stands for: the accounts and
// the amount (1 to max cents) follow from a hash of the key, so posting the
// key again posts the same content.
func (b Books) KeyedTransfer(key string, max int64) ledger.Transaction {
	h := fnv.New64a()
	h.Write([]byte(key))
	v := h.Sum64()
	n := uint64(len(b.Accts))
	from := v % n
	to := (from + 1 + (v>>16)%(n-1)) % n
	return Transfer(b.WijkID, key, b.Accts[from], b.Accts[to], 1+int64((v>>32)%uint64(max)))
}

// Refused reports whether err is Post refusing a transfer for lack of
// balance (or another validation), as opposed to a failure.
func Refused(err error) bool {
	var e *wei.Error
	return errors.As(err, &e) && e.Code == wei.EINVALID
}
