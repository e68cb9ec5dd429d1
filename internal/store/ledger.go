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
	return ledgerAccounts(ctx, s.query, wijkID)
}

func ledgerAccounts(ctx context.Context, query queryFunc, wijkID string) ([]ledger.Account, error) {
	rows, err := query(ctx, "SELECT "+ledgerAccountCols+" FROM ledger_accounts WHERE wijk_id = ? ORDER BY code, asset", wijkID)
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
	if t.ReversesID != "" {
		if err := checkReversible(ctx, tx, t); err != nil {
			return t, false, err
		}
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
	month := monthOf(t.On)
	for _, id := range ids {
		if delta[id] == 0 {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO ledger_month_totals (wijk_id, account_id, month, total) VALUES (?, ?, ?, ?)
			ON CONFLICT (account_id, month) DO UPDATE SET total = ledger_month_totals.total + excluded.total`, t.WijkID, id, month, delta[id]); err != nil {
			return t, false, fmt.Errorf("store: post: month total: %w", err)
		}
	}
	if _, err := tx.exec(ctx, "UPDATE ledger_heads SET seq = ?, hash = ? WHERE wijk_id = ?", t.Seq, t.Hash, t.WijkID); err != nil {
		return t, false, fmt.Errorf("store: post: head: %w", err)
	}
	return t, false, nil
}

// monthOf is the key of a date in ledger_month_totals: "2025-05".
func monthOf(d time.Time) string { return d.Format("2006-01") }

// checkReversible refuses a reversal of a transaction that is not in the
// wijk or that was reversed before, whatever the idempotency key of that
// first reversal. The caller holds the lock on the wijk's head row, so two
// reversals of one transaction take turns and the second sees the first.
func checkReversible(ctx context.Context, tx *Tx, t ledger.Transaction) error {
	var n int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM ledger_transactions WHERE id = ? AND wijk_id = ?", t.ReversesID, t.WijkID).Scan(&n); err != nil {
		return fmt.Errorf("store: post: reversal: %w", err)
	}
	if n == 0 {
		return &wei.Error{Code: wei.EINVALID, Message: "The transaction to correct does not exist.", Fields: map[string]string{"reverses_id": "error.choice"}}
	}
	var seq int64
	err := tx.queryRow(ctx, "SELECT seq FROM ledger_transactions WHERE wijk_id = ? AND reverses_id = ?", t.WijkID, t.ReversesID).Scan(&seq)
	switch {
	case err == nil:
		return &wei.Error{Code: wei.ECONFLICT, Message: fmt.Sprintf("This transaction was corrected before (transaction %d).", seq),
			Fields: map[string]string{"reverses_id": "error.already_reversed"}}
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("store: post: reversal: %w", err)
	}
	return nil
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
// unbounded) in chain order, with their postings, read in one snapshot.
func (s *Store) LedgerTransactions(ctx context.Context, wijkID string, from, to time.Time) ([]ledger.Transaction, error) {
	var out []ledger.Transaction
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		out, err = ledgerTransactions(ctx, tx, wijkID, from, to)
		return err
	})
	return out, err
}

func ledgerTransactions(ctx context.Context, tx *Tx, wijkID string, from, to time.Time) ([]ledger.Transaction, error) {
	to = lastDayIfZero(to)
	rows, err := tx.query(ctx, "SELECT "+ledgerTxCols+" FROM ledger_transactions WHERE wijk_id = ? AND on_date >= ? AND on_date <= ? ORDER BY seq",
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
	prow, err := tx.query(ctx, `SELECT p.transaction_id, p.account_id, p.asset, p.amount, p.memo FROM ledger_postings p
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

// Verification of the books. Every transaction's hash covers the one
// before it (ledger.VerifyChain), every account's balance must equal the
// sum of its postings, and the cached month totals must equal the sums of
// its postings per month.
//
// VerifyLedger is the full check, for audits: it rehashes the whole chain
// and compares every month total. CheckedLedger is the check of the public
// page and the API, on every request: it rehashes only the transactions
// after the wijk's checkpoint (the last seq and hash a check found intact,
// in ledger_checkpoints), after checking that the transaction at the
// checkpoint still has that hash, and compares balances with the postings
// and the month totals. So a change to an old transaction that leaves the
// amounts alone (its description, its date within the month) is caught by
// VerifyLedger only; a changed amount, or a rewritten chain, is caught by
// both.

// VerifyLedger fully checks a wijk's books: the whole hash chain, every
// account balance against the sum of its postings, and the cached month
// totals against the postings. It returns the Seq of the first broken link
// (0 when the chain holds) and the accounts whose balance or month totals
// disagree. When all holds it moves the wijk's checkpoint to the head;
// when not, it removes the checkpoint, so that the public page checks the
// whole chain again and shows the problem.
func (s *Store) VerifyLedger(ctx context.Context, wijkID string) (int64, []string, error) {
	_, broken, bad, err := s.checkLedger(ctx, wijkID, true)
	return broken, bad, err
}

// CheckedLedger checks a wijk's books as a page request can afford (see
// above: the chain after the checkpoint, all balances) and returns the
// transactions it read, so that pages show the books and their check from
// one read. The result reads as VerifyLedger's; when all holds, the
// checkpoint moves to the head.
func (s *Store) CheckedLedger(ctx context.Context, wijkID string) ([]ledger.Transaction, int64, []string, error) {
	return s.checkLedger(ctx, wijkID, false)
}

func (s *Store) checkLedger(ctx context.Context, wijkID string, full bool) ([]ledger.Transaction, int64, []string, error) {
	var (
		txs      []ledger.Transaction
		cpSeq    int64
		cpHash   string
		balances = map[string]int64{}
		cached   = map[string]map[string]int64{} // account → month → total
	)
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		if txs, err = ledgerTransactions(ctx, tx, wijkID, time.Time{}, time.Time{}); err != nil {
			return err
		}
		err = tx.queryRow(ctx, "SELECT seq, hash FROM ledger_checkpoints WHERE wijk_id = ?", wijkID).Scan(&cpSeq, &cpHash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: verify ledger: checkpoint: %w", err)
		}
		rows, err := tx.query(ctx, "SELECT id, balance FROM ledger_accounts WHERE wijk_id = ?", wijkID)
		if err != nil {
			return fmt.Errorf("store: verify ledger: %w", err)
		}
		for rows.Next() {
			var id string
			var b int64
			if err := rows.Scan(&id, &b); err != nil {
				rows.Close()
				return fmt.Errorf("store: verify ledger: %w", err)
			}
			balances[id] = b
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.query(ctx, "SELECT account_id, month, total FROM ledger_month_totals WHERE wijk_id = ?", wijkID)
		if err != nil {
			return fmt.Errorf("store: verify ledger: month totals: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, month string
			var total int64
			if err := rows.Scan(&id, &month, &total); err != nil {
				return fmt.Errorf("store: verify ledger: month totals: %w", err)
			}
			if cached[id] == nil {
				cached[id] = map[string]int64{}
			}
			cached[id][month] = total
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, nil, err
	}
	var broken int64
	if full {
		broken = ledger.VerifyChain(txs)
	} else {
		broken = ledger.VerifyChainFrom(txs, cpSeq, cpHash)
	}
	sums := map[string]int64{}
	months := map[string]map[string]int64{}
	for _, t := range txs {
		m := monthOf(t.On)
		for _, p := range t.Postings {
			sums[p.AccountID] += p.Amount
			if full {
				if months[p.AccountID] == nil {
					months[p.AccountID] = map[string]int64{}
				}
				months[p.AccountID][m] += p.Amount
			}
		}
	}
	var bad []string
	for id, b := range balances {
		var total int64
		for _, v := range cached[id] {
			total += v
		}
		wrong := b != sums[id] || b != total
		if full && !wrong {
			for m, v := range months[id] {
				wrong = wrong || cached[id][m] != v
			}
			for m, v := range cached[id] {
				wrong = wrong || months[id][m] != v
			}
		}
		if wrong {
			bad = append(bad, id)
		}
	}
	sort.Strings(bad)
	switch {
	case broken == 0 && len(bad) == 0 && len(txs) > 0 && txs[len(txs)-1].Seq > cpSeq:
		last := txs[len(txs)-1]
		if err := s.saveCheckpoint(ctx, wijkID, last.Seq, last.Hash); err != nil {
			// The check itself holds; the next request checks a longer tail.
			s.log.WarnContext(ctx, "store: ledger checkpoint not saved", "wijk", wijkID, "error", err)
		}
	case full && (broken != 0 || len(bad) > 0):
		if err := s.inTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, "DELETE FROM ledger_checkpoints WHERE wijk_id = ?", wijkID)
			return err
		}); err != nil {
			return txs, broken, bad, fmt.Errorf("store: verify ledger: clear checkpoint: %w", err)
		}
	}
	return txs, broken, bad, nil
}

// saveCheckpoint records that the chain is intact up to seq; it never
// moves a checkpoint back.
func (s *Store) saveCheckpoint(ctx context.Context, wijkID string, seq int64, hash string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO ledger_checkpoints (wijk_id, seq, hash, verified_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (wijk_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, verified_at = excluded.verified_at
			WHERE ledger_checkpoints.seq < excluded.seq`, wijkID, seq, hash, ms(s.now()))
		return err
	})
}

// LedgerCheckpoint returns the seq and hash up to which a check last found
// the wijk's chain intact (0 and "" when none did, or when the last full
// verification found a problem).
func (s *Store) LedgerCheckpoint(ctx context.Context, wijkID string) (int64, string, error) {
	var seq int64
	var hash string
	err := s.queryRow(ctx, "SELECT seq, hash FROM ledger_checkpoints WHERE wijk_id = ?", wijkID).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return seq, hash, err
}

// AccountTotal is the sum of an account's postings in a period.
type AccountTotal struct {
	ledger.Account
	Total int64
}

// AccountTotals sums the postings of every account of a wijk dated
// from..to (zero from: since the start; zero to: without end; the balance
// sheet is the totals up to a day, the income statement the totals of
// income and expense accounts over a period), in the order of
// LedgerAccounts.
//
// It reads the cached month totals of the whole months of the period and
// sums only the postings of the partial months at its edges, all in one
// snapshot: the cost grows with the number of months and the postings of
// at most two months, not with the size of the books.
// AccountTotalsFromPostings gives the same figures from the postings alone.
func (s *Store) AccountTotals(ctx context.Context, wijkID string, from, to time.Time) ([]AccountTotal, error) {
	var out []AccountTotal
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		out, err = accountTotals(ctx, tx, wijkID, from, to)
		return err
	})
	return out, err
}

// accountTotals is AccountTotals in the caller's read snapshot.
func accountTotals(ctx context.Context, tx *Tx, wijkID string, from, to time.Time) ([]AccountTotal, error) {
	if !from.IsZero() {
		from = day(from)
	}
	to = day(lastDayIfZero(to))
	var out []AccountTotal
	err := func() error {
		accts, err := ledgerAccounts(ctx, tx.query, wijkID)
		if err != nil {
			return err
		}
		sums := map[string]int64{}
		add := func(what, q string, args ...any) error {
			rows, err := tx.query(ctx, q, args...)
			if err != nil {
				return fmt.Errorf("store: account totals: %s: %w", what, err)
			}
			defer rows.Close()
			for rows.Next() {
				var id string
				var total int64
				if err := rows.Scan(&id, &total); err != nil {
					return fmt.Errorf("store: account totals: %s: %w", what, err)
				}
				sums[id] += total
			}
			return rows.Err()
		}
		postings := func(from, to time.Time) error {
			return add("postings", `SELECT p.account_id, SUM(p.amount) FROM ledger_transactions t
				JOIN ledger_postings p ON p.transaction_id = t.id
				WHERE t.wijk_id = ? AND t.on_date >= ? AND t.on_date <= ? GROUP BY p.account_id`, wijkID, dateStr(from), dateStr(to))
		}
		// The whole months firstWhole..lastWhole, with the days before and
		// after them that the period covers.
		var firstWhole, lastWhole string
		var headTo, tailFrom time.Time
		if !from.IsZero() {
			firstWhole = monthOf(from)
			if from.Day() != 1 {
				next := time.Date(from.Year(), from.Month()+1, 1, 0, 0, 0, 0, time.UTC)
				firstWhole, headTo = monthOf(next), next.AddDate(0, 0, -1)
			}
		}
		lastWhole = monthOf(to)
		if to.AddDate(0, 0, 1).Day() != 1 {
			tailFrom = time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, time.UTC)
			lastWhole = monthOf(tailFrom.AddDate(0, -1, 0))
		}
		switch {
		case !from.IsZero() && from.After(to):
			// An empty period.
		case firstWhole > lastWhole:
			// No whole month: the period lies within two months.
			if err := postings(from, to); err != nil {
				return err
			}
		default:
			if err := add("month totals", "SELECT account_id, SUM(total) FROM ledger_month_totals WHERE wijk_id = ? AND month >= ? AND month <= ? GROUP BY account_id",
				wijkID, firstWhole, lastWhole); err != nil {
				return err
			}
			if !headTo.IsZero() {
				if err := postings(from, headTo); err != nil {
					return err
				}
			}
			if !tailFrom.IsZero() {
				if err := postings(tailFrom, to); err != nil {
					return err
				}
			}
		}
		out = make([]AccountTotal, len(accts))
		for i, a := range accts {
			out[i] = AccountTotal{Account: a, Total: sums[a.ID]}
		}
		return nil
	}()
	return out, err
}

// AccountTotalsFromPostings is AccountTotals computed from the postings
// alone, without the cached month totals: for audits and to check the
// cache. It reads every posting of the period.
func (s *Store) AccountTotalsFromPostings(ctx context.Context, wijkID string, from, to time.Time) ([]AccountTotal, error) {
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
