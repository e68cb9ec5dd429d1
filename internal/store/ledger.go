package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
)

// EnsureAsset adds an asset to a wijk's books when it is not there yet.
func (s *Store) EnsureAsset(ctx context.Context, a ledger.Asset) error {
	a.Code = strings.ToUpper(strings.TrimSpace(a.Code))
	f := wei.FieldErrors{}
	if a.Code == "" || len(a.Code) > 12 || strings.ContainsAny(a.Code, " \t0123456789-.,") {
		f.Add("code", "error.asset_code")
	}
	if a.Kind != ledger.KindEuro && a.Kind != ledger.KindLocal && a.Kind != ledger.KindTime {
		f.Add("kind", "error.choice")
	}
	if a.Decimals < 0 || a.Decimals > 6 {
		f.Add("decimals", "error.choice")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "INSERT INTO ledger_assets (wijk_id, code, name, kind, decimals) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
			a.WijkID, a.Code, a.Name, string(a.Kind), a.Decimals)
		return mapErr(err)
	})
}

// Assets lists the assets of a wijk's books.
func (s *Store) Assets(ctx context.Context, wijkID string) ([]ledger.Asset, error) {
	rows, err := s.query(ctx, "SELECT wijk_id, code, name, kind, decimals FROM ledger_assets WHERE wijk_id = ? ORDER BY code", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: assets: %w", err)
	}
	defer rows.Close()
	var out []ledger.Asset
	for rows.Next() {
		var a ledger.Asset
		var kind string
		if err := rows.Scan(&a.WijkID, &a.Code, &a.Name, &kind, &a.Decimals); err != nil {
			return nil, fmt.Errorf("store: assets: %w", err)
		}
		a.Kind = ledger.AssetKind(kind)
		out = append(out, a)
	}
	return out, rows.Err()
}

const ledgerAccountCols = "id, wijk_id, code, name, type, asset, organisation_id, person_id, min_balance, allow_overdraft, local, created_at"

func scanLedgerAccount(sc interface{ Scan(...any) error }) (ledger.Account, error) {
	var a ledger.Account
	var typ string
	var org, person sql.NullString
	var created int64
	err := sc.Scan(&a.ID, &a.WijkID, &a.Code, &a.Name, &typ, &a.Asset, &org, &person, &a.MinBalance, &a.AllowOverdraft, &a.Local, &created)
	a.Type, a.OrganisationID, a.PersonID, a.CreatedAt = ledger.AccountType(typ), org.String, person.String, fromMS(created)
	return a, err
}

// CreateAccount adds an account to a wijk's chart. The asset must be one
// of the wijk's; a code is unique per asset.
func (s *Store) CreateAccount(ctx context.Context, a *ledger.Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	a.ID, a.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "INSERT INTO ledger_accounts ("+ledgerAccountCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			a.ID, a.WijkID, a.Code, a.Name, string(a.Type), a.Asset, nullStr(a.OrganisationID), nullStr(a.PersonID), a.MinBalance, a.AllowOverdraft, a.Local, ms(a.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: create account: %w", err))
		}
		return nil
	})
}

// LedgerAccounts lists a wijk's chart by code.
func (s *Store) LedgerAccounts(ctx context.Context, wijkID string) ([]ledger.Account, error) {
	rows, err := s.query(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? ORDER BY code, asset", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: accounts: %w", err)
	}
	defer rows.Close()
	var out []ledger.Account
	for rows.Next() {
		a, err := scanLedgerAccount(rows)
		if err != nil {
			return nil, fmt.Errorf("store: accounts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// LedgerAccount returns one account.
func (s *Store) LedgerAccount(ctx context.Context, id string) (ledger.Account, error) {
	a, err := scanLedgerAccount(s.queryRow(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE id = ?", id))
	return a, notFound(err, "store: account %s: %w", id)
}

// Balance returns the current balance of an account.
func (s *Store) Balance(ctx context.Context, accountID string) (int64, error) {
	var b int64
	err := s.queryRow(ctx, "SELECT balance FROM ledger_accounts WHERE id = ?", accountID).Scan(&b)
	return b, notFound(err, "store: balance %s: %w", accountID)
}

// LedgerHead returns the sequence number and hash of a wijk's latest
// transaction: what the public page shows.
func (s *Store) LedgerHead(ctx context.Context, wijkID string) (int64, string, error) {
	var seq int64
	var hash string
	err := s.queryRow(ctx, "SELECT seq, hash FROM ledger_heads WHERE wijk_id = ?", wijkID).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return seq, hash, err
}

var errKeyReused = &wei.Error{Code: wei.ECONFLICT, Message: "This idempotency key was used before for a different transaction.",
	Fields: map[string]string{"idempotency_key": "error.key_reused"}}

// maxPostRetries bounds the retries of a transaction that PostgreSQL
// aborted for a deadlock or a serialisation failure.
const maxPostRetries = 8

// Post books a transaction. It validates it, refuses postings that would
// take an account below its limit, chains it to the wijk's previous
// transaction and returns it with its ID, Seq and Hash. The same
// idempotency key with the same content returns the first booking (replay
// true); with other content it is refused (ECONFLICT).
//
// Concurrency: the wijk's head row is locked first, then the accounts in
// the order of their IDs, so concurrent posts never deadlock on each other
// and never both spend the same balance; on SQLite the single writer
// serialises them. A deadlock or serialisation failure reported by
// PostgreSQL is retried.
func (s *Store) Post(ctx context.Context, t ledger.Transaction) (ledger.Transaction, bool, error) {
	t.On = time.Date(t.On.Year(), t.On.Month(), t.On.Day(), 0, 0, 0, 0, time.UTC)
	if err := t.Validate(); err != nil {
		return t, false, err
	}
	var out ledger.Transaction
	var replay bool
	var err error
	for attempt := 0; attempt < maxPostRetries; attempt++ {
		err = s.inTx(ctx, func(tx *Tx) error {
			var e error
			out, replay, e = post(ctx, tx, t)
			return e
		})
		if !retryable(err) {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	return out, replay, err
}

func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

func (tx *Tx) forUpdate() string {
	if tx.d == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

func fingerprintHash(fp string) string {
	h := sha256.Sum256([]byte(fp))
	return hex.EncodeToString(h[:])
}

func post(ctx context.Context, tx *Tx, t ledger.Transaction) (ledger.Transaction, bool, error) {
	if _, err := tx.exec(ctx, "INSERT INTO ledger_heads (wijk_id, seq, hash) VALUES (?, 0, '') ON CONFLICT DO NOTHING", t.WijkID); err != nil {
		return t, false, mapErr(fmt.Errorf("store: post: head: %w", err))
	}
	var headSeq int64
	var headHash string
	if err := tx.queryRow(ctx, "SELECT seq, hash FROM ledger_heads WHERE wijk_id = ?"+tx.forUpdate(), t.WijkID).Scan(&headSeq, &headHash); err != nil {
		return t, false, fmt.Errorf("store: post: head: %w", err)
	}
	fp := fingerprintHash(t.Fingerprint())
	var firstID, firstFP string
	err := tx.queryRow(ctx, "SELECT id, fingerprint FROM ledger_transactions WHERE wijk_id = ? AND idempotency_key = ?", t.WijkID, t.IdempotencyKey).Scan(&firstID, &firstFP)
	switch {
	case err == nil && firstFP == fp:
		first, err := transactionTx(ctx, tx, firstID)
		return first, true, err
	case err == nil:
		return t, false, errKeyReused
	case !errors.Is(err, sql.ErrNoRows):
		return t, false, fmt.Errorf("store: post: idempotency: %w", err)
	}
	// Lock the accounts in a fixed order and apply the postings.
	delta := map[string]int64{}
	assets := map[string]string{}
	for _, p := range t.Postings {
		delta[p.AccountID] += p.Amount
		assets[p.AccountID] = p.Asset
	}
	ids := make([]string, 0, len(delta))
	for id := range delta {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		var wijkID, asset, code string
		var balance, min int64
		var overdraft bool
		err := tx.queryRow(ctx, "SELECT wijk_id, asset, code, balance, min_balance, allow_overdraft FROM ledger_accounts WHERE id = ?"+tx.forUpdate(), id).
			Scan(&wijkID, &asset, &code, &balance, &min, &overdraft)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && wijkID != t.WijkID) {
			return t, false, &wei.Error{Code: wei.EINVALID, Message: "An account of the transaction does not exist in this wijk.", Fields: map[string]string{"postings": "error.account_unknown"}}
		} else if err != nil {
			return t, false, fmt.Errorf("store: post: account: %w", err)
		}
		if asset != assets[id] {
			return t, false, &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("Account %s keeps %s, not %s.", code, asset, assets[id]), Fields: map[string]string{"postings": "error.asset_mismatch"}}
		}
		nb := balance + delta[id]
		if !overdraft && nb < min && delta[id] < 0 {
			return t, false, &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("Account %s would go below its limit.", code), Fields: map[string]string{"postings": "error.insufficient_balance"}}
		}
		if _, err := tx.exec(ctx, "UPDATE ledger_accounts SET balance = ? WHERE id = ?", nb, id); err != nil {
			return t, false, fmt.Errorf("store: post: balance: %w", err)
		}
	}
	if t.ReversesID != "" {
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM ledger_transactions WHERE id = ? AND wijk_id = ?", t.ReversesID, t.WijkID).Scan(&n); err != nil {
			return t, false, err
		}
		if n == 0 {
			return t, false, &wei.Error{Code: wei.EINVALID, Message: "The transaction to correct does not exist.", Fields: map[string]string{"reverses_id": "error.choice"}}
		}
	}
	t.ID, t.Seq, t.PrevHash, t.CreatedAt = wei.NewID(), headSeq+1, headHash, tx.s.now().UTC()
	t.Hash = t.ChainHash(t.PrevHash)
	if _, err := tx.exec(ctx, `INSERT INTO ledger_transactions (id, wijk_id, seq, on_date, description, category, idempotency_key, fingerprint, reverses_id, prev_hash, hash, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, t.WijkID, t.Seq, dateStr(t.On), t.Description, t.Category, t.IdempotencyKey, fp,
		t.ReversesID, t.PrevHash, t.Hash, t.CreatedBy, ms(t.CreatedAt)); err != nil {
		return t, false, mapErr(fmt.Errorf("store: post: %w", err))
	}
	for i, p := range t.Postings {
		if _, err := tx.exec(ctx, "INSERT INTO ledger_postings (transaction_id, position, account_id, asset, amount, memo) VALUES (?, ?, ?, ?, ?, ?)",
			t.ID, i, p.AccountID, p.Asset, p.Amount, p.Memo); err != nil {
			return t, false, mapErr(fmt.Errorf("store: post: posting: %w", err))
		}
	}
	if _, err := tx.exec(ctx, "UPDATE ledger_heads SET seq = ?, hash = ? WHERE wijk_id = ?", t.Seq, t.Hash, t.WijkID); err != nil {
		return t, false, fmt.Errorf("store: post: head: %w", err)
	}
	return t, false, nil
}

const ledgerTxCols = "id, wijk_id, seq, on_date, description, category, idempotency_key, reverses_id, prev_hash, hash, created_by, created_at"

func scanLedgerTx(sc interface{ Scan(...any) error }) (ledger.Transaction, error) {
	var t ledger.Transaction
	var on string
	var created int64
	err := sc.Scan(&t.ID, &t.WijkID, &t.Seq, &on, &t.Description, &t.Category, &t.IdempotencyKey, &t.ReversesID, &t.PrevHash, &t.Hash, &t.CreatedBy, &created)
	t.On, t.CreatedAt = parseDate(on), fromMS(created)
	return t, err
}

func transactionTx(ctx context.Context, tx *Tx, id string) (ledger.Transaction, error) {
	t, err := scanLedgerTx(tx.queryRow(ctx, "SELECT "+ledgerTxCols+" FROM ledger_transactions WHERE id = ?", id))
	if err != nil {
		return t, notFound(err, "store: transaction %s: %w", id)
	}
	rows, err := tx.query(ctx, "SELECT account_id, asset, amount, memo FROM ledger_postings WHERE transaction_id = ? ORDER BY position", id)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var p ledger.Posting
		if err := rows.Scan(&p.AccountID, &p.Asset, &p.Amount, &p.Memo); err != nil {
			return t, err
		}
		t.Postings = append(t.Postings, p)
	}
	return t, rows.Err()
}

// LedgerTransaction returns one transaction with its postings.
func (s *Store) LedgerTransaction(ctx context.Context, id string) (ledger.Transaction, error) {
	var t ledger.Transaction
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		t, err = transactionTx(ctx, tx, id)
		return err
	})
	return t, err
}

// LedgerTransactions lists a wijk's transactions dated from..to (zero:
// unbounded) in chain order, with their postings.
func (s *Store) LedgerTransactions(ctx context.Context, wijkID string, from, to time.Time) ([]ledger.Transaction, error) {
	to = lastDayIfZero(to)
	rows, err := s.query(ctx, "SELECT "+ledgerTxCols+" FROM ledger_transactions WHERE wijk_id = ? AND on_date >= ? AND on_date <= ? ORDER BY seq",
		wijkID, dateStr(from), dateStr(to))
	if err != nil {
		return nil, fmt.Errorf("store: transactions: %w", err)
	}
	var out []ledger.Transaction
	index := map[string]int{}
	for rows.Next() {
		t, err := scanLedgerTx(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: transactions: %w", err)
		}
		index[t.ID] = len(out)
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	prow, err := s.query(ctx, `SELECT p.transaction_id, p.account_id, p.asset, p.amount, p.memo FROM ledger_postings p
		JOIN ledger_transactions t ON t.id = p.transaction_id
		WHERE t.wijk_id = ? AND t.on_date >= ? AND t.on_date <= ? ORDER BY t.seq, p.position`, wijkID, dateStr(from), dateStr(to))
	if err != nil {
		return nil, fmt.Errorf("store: postings: %w", err)
	}
	defer prow.Close()
	for prow.Next() {
		var id string
		var p ledger.Posting
		if err := prow.Scan(&id, &p.AccountID, &p.Asset, &p.Amount, &p.Memo); err != nil {
			return nil, fmt.Errorf("store: postings: %w", err)
		}
		if i, ok := index[id]; ok {
			out[i].Postings = append(out[i].Postings, p)
		}
	}
	return out, prow.Err()
}

// VerifyLedger checks a wijk's hash chain and that every account balance
// equals the sum of its postings. It returns the Seq of the first broken
// link (0 when the chain holds) and the accounts whose balance disagrees.
func (s *Store) VerifyLedger(ctx context.Context, wijkID string) (int64, []string, error) {
	_, broken, bad, err := s.CheckedLedger(ctx, wijkID)
	return broken, bad, err
}

// CheckedLedger is VerifyLedger that also returns the transactions it
// read, for pages that show the books and their check from one read.
func (s *Store) CheckedLedger(ctx context.Context, wijkID string) ([]ledger.Transaction, int64, []string, error) {
	txs, err := s.LedgerTransactions(ctx, wijkID, time.Time{}, time.Time{})
	if err != nil {
		return nil, 0, nil, err
	}
	broken := ledger.VerifyChain(txs)
	bad, err := s.badBalances(ctx, wijkID)
	return txs, broken, bad, err
}

// badBalances lists the accounts whose balance is not the sum of their postings.
func (s *Store) badBalances(ctx context.Context, wijkID string) ([]string, error) {
	rows, err := s.query(ctx, `SELECT a.id, a.balance, COALESCE((SELECT SUM(p.amount) FROM ledger_postings p WHERE p.account_id = a.id), 0)
		FROM ledger_accounts a WHERE a.wijk_id = ?`, wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: verify ledger: %w", err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var id string
		var bal, sum int64
		if err := rows.Scan(&id, &bal, &sum); err != nil {
			return nil, err
		}
		if bal != sum {
			bad = append(bad, id)
		}
	}
	return bad, rows.Err()
}

// AccountTotal is the sum of an account's postings in a period.
type AccountTotal struct {
	ledger.Account
	Total int64
}

// AccountTotals sums the postings of every account of a wijk dated
// from..to (zero from: since the start; the balance sheet is the totals up
// to a day, the income statement the totals of income and expense
// accounts over a period).
func (s *Store) AccountTotals(ctx context.Context, wijkID string, from, to time.Time) ([]AccountTotal, error) {
	to = lastDayIfZero(to)
	rows, err := s.query(ctx, `SELECT `+prefixCols("a.", ledgerAccountCols)+`, COALESCE(SUM(p.amount), 0)
		FROM ledger_accounts a
		LEFT JOIN ledger_postings p ON p.account_id = a.id
			AND p.transaction_id IN (SELECT id FROM ledger_transactions WHERE wijk_id = ? AND on_date >= ? AND on_date <= ?)
		WHERE a.wijk_id = ?
		GROUP BY `+prefixCols("a.", ledgerAccountCols)+`
		ORDER BY a.code, a.asset`, wijkID, dateStr(from), dateStr(to), wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: account totals: %w", err)
	}
	defer rows.Close()
	var out []AccountTotal
	for rows.Next() {
		var at AccountTotal
		var typ string
		var org, person sql.NullString
		var created int64
		a := &at.Account
		if err := rows.Scan(&a.ID, &a.WijkID, &a.Code, &a.Name, &typ, &a.Asset, &org, &person, &a.MinBalance, &a.AllowOverdraft, &a.Local, &created, &at.Total); err != nil {
			return nil, fmt.Errorf("store: account totals: %w", err)
		}
		a.Type, a.OrganisationID, a.PersonID, a.CreatedAt = ledger.AccountType(typ), org.String, person.String, fromMS(created)
		out = append(out, at)
	}
	return out, rows.Err()
}

// inRead runs fn on a read-only transaction of the reader pool, for reads
// that must see one snapshot.
func (s *Store) inRead(ctx context.Context, fn func(*Tx) error) error {
	t, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer t.Rollback()
	return fn(&Tx{tx: t, d: s.dialect, s: s})
}
