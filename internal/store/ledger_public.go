package store

// The public side of the books at any size: the transparency page and the
// public API compute their figures from aggregates, never from every
// transaction, and check the chain from the checkpoint on. And the audit
// behind `wei verify`: the full check with what an auditor needs to find a
// fault.

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/wei-platform/wei/ledger"
)

// PublicFlows is ledger.NewFlows(asset, from, to, txs, accounts) over all
// the wijk's transactions and its chart, without reading a transaction
// into memory:
//
//   - what is left of each budget at the end of the period comes from the
//     cached month totals (accountTotals);
//   - the rest comes from ledger_public_totals: per day, category and
//     account the sums of the postings on the accounts the page counts
//     (budgets, income, expenses and funders, none of a person), debits and
//     credits apart (a funder's money given and given back), and split by
//     "own" (a budget posting in a transaction that also books income or
//     expenses of the same organisation, which NewFlows does not count as
//     granted); and from ledger_public_moved: per day and category, the
//     number of transactions that moved money into or out of the wijk
//     (NewFlows lists a category only when one did).
//
// Transactions never change, so these sums are kept up to a transaction
// number (ledger_public_marks) and the transactions after it, the tail,
// are summed by the same aggregating query on each request. Once the tail
// holds foldAt transactions a request adds it to the tables first
// (foldPublicTotals). The cost grows with the days and categories of the
// period and the length of the tail, not with the size of the books.
//
// The figures are NewFlows' to the cent. Initiatives and funders are in the
// order of the least code of their accounts, where NewFlows takes the least
// code of the accounts booked on; for the chart of EnsureChart, where an
// organisation's accounts share a prefix of their own, that is the same
// order. TestPublicFlowsEqualNewFlows holds the two together.
func (s *Store) PublicFlows(ctx context.Context, wijkID, asset string, from, to time.Time) (ledger.Flows, error) {
	if !from.IsZero() {
		from = day(from)
	}
	if !to.IsZero() {
		to = day(to)
	}
	var mark, head int64
	err := s.queryRow(ctx, `SELECT COALESCE((SELECT seq FROM ledger_public_marks WHERE wijk_id = ?), 0),
		COALESCE((SELECT seq FROM ledger_heads WHERE wijk_id = ?), 0)`, wijkID, wijkID).Scan(&mark, &head)
	if err != nil {
		return ledger.Flows{}, fmt.Errorf("store: public flows: %w", err)
	}
	if head-mark >= foldAt {
		if err := s.foldPublicTotals(ctx, wijkID); err != nil {
			return ledger.Flows{}, err
		}
	}
	f := ledger.Flows{Asset: asset, From: from, To: to}
	first, last := dateStr(from), dateStr(lastDayIfZero(to))
	inPeriod := func(d string) bool { return d >= first && d <= last }
	err = s.inSnapshot(ctx, func(tx *Tx) error {
		upTo, err := accountTotals(ctx, tx, wijkID, time.Time{}, to)
		if err != nil {
			return err
		}
		if err := tx.queryRow(ctx, "SELECT COALESCE((SELECT seq FROM ledger_public_marks WHERE wijk_id = ?), 0)", wijkID).Scan(&mark); err != nil {
			return err
		}
		// The kept sums, and the tail's.
		var sums []flowSum
		rows, err := tx.query(ctx, `SELECT '', category, account_id, own, SUM(total), SUM(credits) FROM ledger_public_totals
			WHERE wijk_id = ? AND on_date >= ? AND on_date <= ? GROUP BY category, account_id, own`, wijkID, first, last)
		if err != nil {
			return err
		}
		if sums, err = scanFlowSums(rows); err != nil {
			return err
		}
		tail, err := flowSums(ctx, tx, wijkID, mark, math.MaxInt64)
		if err != nil {
			return err
		}
		for _, r := range tail {
			if inPeriod(r.day) {
				sums = append(sums, r)
			}
		}
		moved := map[string]int64{}
		rows, err = tx.query(ctx, `SELECT '', category, asset, SUM(moved) FROM ledger_public_moved
			WHERE wijk_id = ? AND asset = ? AND on_date >= ? AND on_date <= ? GROUP BY category, asset`, wijkID, asset, first, last)
		if err != nil {
			return err
		}
		kept, err := scanMoved(rows)
		if err != nil {
			return err
		}
		tailMoved, err := movedCounts(ctx, tx, wijkID, mark, math.MaxInt64)
		if err != nil {
			return err
		}
		for _, m := range append(kept, tailMoved...) {
			if m.asset == asset && (m.day == "" || inPeriod(m.day)) {
				moved[m.category] += m.moved
			}
		}
		f = buildFlows(f, upTo, sums, moved)
		return nil
	})
	if err != nil {
		return ledger.Flows{}, fmt.Errorf("store: public flows: %w", err)
	}
	return f, nil
}

// foldAt is the length of the tail (see PublicFlows) at which a request
// adds it to the kept sums.
const foldAt = 1000

// foldPublicTotals adds the transactions after the wijk's mark, up to its
// head, to ledger_public_totals and ledger_public_moved and moves the mark,
// in one transaction. The mark's row is locked first, so two requests
// that fold at once take turns and the second adds only what is new.
func (s *Store) foldPublicTotals(ctx context.Context, wijkID string) error {
	err := s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "INSERT INTO ledger_public_marks (wijk_id, seq) VALUES (?, 0) ON CONFLICT DO NOTHING", wijkID); err != nil {
			return err
		}
		var mark, head int64
		if err := tx.queryRow(ctx, "SELECT seq FROM ledger_public_marks WHERE wijk_id = ?"+tx.forUpdate(), wijkID).Scan(&mark); err != nil {
			return err
		}
		err := tx.queryRow(ctx, "SELECT seq FROM ledger_heads WHERE wijk_id = ?", wijkID).Scan(&head)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if head <= mark {
			return nil
		}
		sums, err := flowSums(ctx, tx, wijkID, mark, head)
		if err != nil {
			return err
		}
		for _, r := range sums {
			if _, err := tx.exec(ctx, `INSERT INTO ledger_public_totals (wijk_id, on_date, category, account_id, own, total, credits) VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (wijk_id, on_date, category, account_id, own) DO UPDATE
				SET total = ledger_public_totals.total + excluded.total, credits = ledger_public_totals.credits + excluded.credits`,
				wijkID, r.day, r.category, r.accountID, boolInt(r.own), r.total, r.credits); err != nil {
				return err
			}
		}
		moved, err := movedCounts(ctx, tx, wijkID, mark, head)
		if err != nil {
			return err
		}
		for _, m := range moved {
			if _, err := tx.exec(ctx, `INSERT INTO ledger_public_moved (wijk_id, on_date, category, asset, moved) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (wijk_id, on_date, category, asset) DO UPDATE SET moved = ledger_public_moved.moved + excluded.moved`,
				wijkID, m.day, m.category, m.asset, m.moved); err != nil {
				return err
			}
		}
		_, err = tx.exec(ctx, "UPDATE ledger_public_marks SET seq = ? WHERE wijk_id = ?", head, wijkID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: fold public totals: %w", err)
	}
	return nil
}

// inSnapshot is inRead with one snapshot for all its statements on
// PostgreSQL too (repeatable read), for reads that combine kept sums with
// the transactions after their mark. A SQLite read transaction is one
// snapshot already.
func (s *Store) inSnapshot(ctx context.Context, fn func(*Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	t, err := s.read.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer t.Rollback()
	return fn(&Tx{tx: t, d: s.dialect, s: s})
}

// flowSum is the sum of the postings of one day and category on one
// account, split by own (see PublicFlows); day is "" for sums over days.
type flowSum struct {
	day, category, accountID string
	own                      bool
	total, credits           int64 // credits: the sum of the negative postings
}

// flowSums sums the postings of the wijk's transactions numbered after..upTo
// per day, category, account and own, on the accounts the public page may
// count.
func flowSums(ctx context.Context, tx *Tx, wijkID string, after, upTo int64) ([]flowSum, error) {
	rows, err := tx.query(ctx, `SELECT on_date, category, account_id, own, SUM(amount), SUM(CASE WHEN amount < 0 THEN amount ELSE 0 END)
		FROM (SELECT t.on_date, t.category, p.account_id, p.amount,
			CASE WHEN a.type = 'budget' AND EXISTS (SELECT 1 FROM ledger_postings q JOIN ledger_accounts b ON b.id = q.account_id
				WHERE q.transaction_id = t.id AND q.asset = p.asset AND b.type IN ('income', 'expense') AND b.organisation_id = a.organisation_id)
			THEN 1 ELSE 0 END AS own
			FROM ledger_transactions t
			JOIN ledger_postings p ON p.transaction_id = t.id
			JOIN ledger_accounts a ON a.id = p.account_id
			WHERE t.wijk_id = ? AND t.seq > ? AND t.seq <= ?
				AND a.type IN ('budget', 'income', 'expense', 'funder') AND COALESCE(a.person_id, '') = '') x
		GROUP BY on_date, category, account_id, own`, wijkID, after, upTo)
	if err != nil {
		return nil, err
	}
	return scanFlowSums(rows)
}

func scanFlowSums(rows *sql.Rows) ([]flowSum, error) {
	defer rows.Close()
	var out []flowSum
	for rows.Next() {
		var r flowSum
		var own int
		if err := rows.Scan(&r.day, &r.category, &r.accountID, &own, &r.total, &r.credits); err != nil {
			return nil, err
		}
		r.own = own == 1
		out = append(out, r)
	}
	return out, rows.Err()
}

// movedCount is the number of transactions of one day and category that
// moved money of an asset into or out of the wijk; day is "" for counts
// over days.
type movedCount struct {
	day, category, asset string
	moved                int64
}

// movedCounts counts per day, category and asset the wijk's transactions
// numbered after..upTo whose money in or out (as NewFlows sums it) is not
// zero.
func movedCounts(ctx context.Context, tx *Tx, wijkID string, after, upTo int64) ([]movedCount, error) {
	rows, err := tx.query(ctx, `SELECT on_date, category, asset, COUNT(*) FROM (
			SELECT t.id, t.on_date, t.category, p.asset,
				SUM(CASE WHEN a.type = 'expense' THEN 0 ELSE p.amount END) AS money_in,
				SUM(CASE WHEN a.type = 'expense' THEN p.amount ELSE 0 END) AS money_out
			FROM ledger_transactions t
			JOIN ledger_postings p ON p.transaction_id = t.id
			JOIN ledger_accounts a ON a.id = p.account_id
			WHERE t.wijk_id = ? AND t.seq > ? AND t.seq <= ?
				AND a.type IN ('income', 'expense', 'funder') AND COALESCE(a.person_id, '') = ''
			GROUP BY t.id, t.on_date, t.category, p.asset) x
		WHERE money_in <> 0 OR money_out <> 0
		GROUP BY on_date, category, asset`, wijkID, after, upTo)
	if err != nil {
		return nil, err
	}
	return scanMoved(rows)
}

func scanMoved(rows *sql.Rows) ([]movedCount, error) {
	defer rows.Close()
	var out []movedCount
	for rows.Next() {
		var m movedCount
		if err := rows.Scan(&m.day, &m.category, &m.asset, &m.moved); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// publicAccount is ledger's rule for the accounts the public page may
// count: no time accounts, no account of a person.
func publicAccount(a ledger.Account) bool { return a.PersonID == "" && a.Type != ledger.TypeTime }

// buildFlows turns the totals up to the end of the period (for what is
// left of the budgets), the period's sums and the number of transactions
// per category that moved money into f, as NewFlows does.
func buildFlows(f ledger.Flows, upTo []AccountTotal, period []flowSum, moved map[string]int64) ledger.Flows {
	accounts := make(map[string]ledger.Account, len(upTo))
	inits := map[string]*ledger.InitiativeFlow{}
	initCode := map[string]string{}
	funders := map[string]*ledger.FunderFlow{}
	funderCode := map[string]string{}
	for _, at := range upTo {
		a := at.Account
		accounts[a.ID] = a
		if a.Asset != f.Asset || !publicAccount(a) || a.OrganisationID == "" {
			continue
		}
		switch a.Type {
		case ledger.TypeBudget, ledger.TypeIncome, ledger.TypeExpense:
			if c, ok := initCode[a.OrganisationID]; !ok || a.Code < c {
				initCode[a.OrganisationID] = a.Code
			}
			if a.Type == ledger.TypeBudget {
				initiative(inits, a.OrganisationID).Left += at.Total
			}
		case ledger.TypeFunder:
			if c, ok := funderCode[a.OrganisationID]; !ok || a.Code < c {
				funderCode[a.OrganisationID] = a.Code
			}
		}
	}
	cats := map[string]*ledger.CategoryFlow{}
	for _, r := range period {
		a, ok := accounts[r.accountID]
		if !ok || a.Asset != f.Asset || !publicAccount(a) {
			continue
		}
		var in, out int64
		switch a.Type {
		case ledger.TypeBudget:
			if a.OrganisationID != "" && !r.own {
				initiative(inits, a.OrganisationID).Granted += r.total
			}
			continue
		case ledger.TypeIncome:
			in = -r.total
			if a.OrganisationID != "" {
				initiative(inits, a.OrganisationID).Income -= r.total
			}
		case ledger.TypeExpense:
			out = r.total
			if a.OrganisationID != "" {
				initiative(inits, a.OrganisationID).Spent += r.total
			}
		case ledger.TypeFunder:
			in = -r.total
			x := funders[a.OrganisationID]
			if x == nil {
				x = &ledger.FunderFlow{OrganisationID: a.OrganisationID}
				funders[a.OrganisationID] = x
			}
			x.In -= r.credits
			x.Out += r.total - r.credits
		default:
			continue
		}
		f.In, f.Out = f.In+in, f.Out+out
		c := cats[r.category]
		if c == nil {
			c = &ledger.CategoryFlow{Category: r.category}
			cats[r.category] = c
		}
		c.In, c.Out = c.In+in, c.Out+out
	}
	for _, x := range inits {
		if x.Granted != 0 || x.Income != 0 || x.Spent != 0 || x.Left != 0 {
			f.Initiatives = append(f.Initiatives, *x)
		}
	}
	slices.SortFunc(f.Initiatives, func(a, b ledger.InitiativeFlow) int {
		return cmp.Compare(initCode[a.OrganisationID], initCode[b.OrganisationID])
	})
	for _, x := range funders {
		if x.In != 0 || x.Out != 0 {
			f.Funders = append(f.Funders, *x)
		}
	}
	slices.SortFunc(f.Funders, func(a, b ledger.FunderFlow) int {
		return cmp.Or(cmp.Compare(boolInt(a.OrganisationID == ""), boolInt(b.OrganisationID == "")),
			cmp.Compare(funderCode[a.OrganisationID], funderCode[b.OrganisationID]))
	})
	for _, c := range cats {
		if moved[c.Category] > 0 {
			f.Categories = append(f.Categories, *c)
		}
	}
	slices.SortFunc(f.Categories, func(a, b ledger.CategoryFlow) int {
		return cmp.Or(cmp.Compare(boolInt(a.Category == ""), boolInt(b.Category == "")), cmp.Compare(a.Category, b.Category))
	})
	return f
}

func initiative(m map[string]*ledger.InitiativeFlow, orgID string) *ledger.InitiativeFlow {
	x := m[orgID]
	if x == nil {
		x = &ledger.InitiativeFlow{OrganisationID: orgID}
		m[orgID] = x
	}
	return x
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// LedgerCheck is the state of a wijk's books as a check found it.
type LedgerCheck struct {
	HeadSeq  int64  // the latest transaction's number (0: nothing booked)
	HeadHash string // and its hash
	// Rehashed is the number of transactions the check hashed again: those
	// after the checkpoint.
	Rehashed int
	BrokenAt int64    // the first broken link of the chain, 0 when it holds
	Bad      []string // IDs of the accounts whose balance disagrees with their postings or month totals, sorted
}

// OK reports whether the chain holds and every balance agrees.
func (c LedgerCheck) OK() bool { return c.BrokenAt == 0 && len(c.Bad) == 0 }

// CheckLedgerTail is CheckedLedger without reading the books: the check of
// the public page and the API on every request. In one snapshot it checks
// that the transaction at the wijk's checkpoint still has the hash found
// there and that the chain up to it still numbers 1..seq, rehashes only the
// transactions after it, and compares every account's balance with the sum
// of its postings and of its month totals, summed by the database. So it
// finds what CheckedLedger finds (see the comment above VerifyLedger): a
// changed amount anywhere, any change after the checkpoint; a change to an
// old transaction that leaves its amounts alone is for VerifyLedger. When
// all holds the checkpoint moves to the head. Without a checkpoint (the
// first check, or after VerifyLedger found a fault) it rehashes the whole
// chain.
func (s *Store) CheckLedgerTail(ctx context.Context, wijkID string) (LedgerCheck, error) {
	var c LedgerCheck
	var tail []ledger.Transaction
	var cpSeq int64
	err := s.inRead(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, "SELECT seq, hash FROM ledger_heads WHERE wijk_id = ?", wijkID).Scan(&c.HeadSeq, &c.HeadHash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("head: %w", err)
		}
		var cpHash string
		err = tx.queryRow(ctx, "SELECT seq, hash FROM ledger_checkpoints WHERE wijk_id = ?", wijkID).Scan(&cpSeq, &cpHash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("checkpoint: %w", err)
		}
		if cpSeq > 0 {
			var n int64
			var hash string
			err := tx.queryRow(ctx, "SELECT hash FROM ledger_transactions WHERE wijk_id = ? AND seq = ?", wijkID, cpSeq).Scan(&hash)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("checkpoint: %w", err)
			}
			if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM ledger_transactions WHERE wijk_id = ? AND seq <= ?", wijkID, cpSeq).Scan(&n); err != nil {
				return fmt.Errorf("checkpoint: %w", err)
			}
			if hash != cpHash || n != cpSeq {
				c.BrokenAt = cpSeq
			}
		}
		if c.BrokenAt == 0 {
			if tail, err = transactionsAfter(ctx, tx, wijkID, cpSeq); err != nil {
				return err
			}
			if cpSeq == 0 {
				c.BrokenAt = ledger.VerifyChain(tail)
			} else {
				c.BrokenAt = verifyTail(tail, cpSeq, cpHash)
			}
			c.Rehashed = len(tail)
		}
		sums, err := accountSums(ctx, tx, wijkID)
		if err != nil {
			return err
		}
		for _, a := range sums {
			if !a.Agree() {
				c.Bad = append(c.Bad, a.ID)
			}
		}
		slices.Sort(c.Bad)
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("store: check ledger: %w", err)
	}
	if c.OK() && len(tail) > 0 {
		last := tail[len(tail)-1]
		if err := s.saveCheckpoint(ctx, wijkID, last.Seq, last.Hash); err != nil {
			// The check itself holds; the next request checks a longer tail.
			s.log.WarnContext(ctx, "store: ledger checkpoint not saved", "wijk", wijkID, "error", err)
		}
	}
	return c, nil
}

// verifyTail is ledger.VerifyChainFrom for the transactions after the
// checkpoint (seq, hash) only.
func verifyTail(tail []ledger.Transaction, seq int64, hash string) int64 {
	prev := hash
	for i := range tail {
		t := &tail[i]
		if want := seq + int64(i) + 1; t.Seq != want || t.PrevHash != prev || t.Hash != t.ChainHash(prev) {
			return want // the position, as ledger.VerifyChain: a row renumbered to 0 is no "0 = intact"
		}
		prev = t.Hash
	}
	return 0
}

// transactionsAfter reads the transactions numbered after seq (all of
// them for 0) in chain order, with their postings.
func transactionsAfter(ctx context.Context, tx *Tx, wijkID string, seq int64) ([]ledger.Transaction, error) {
	where, args := "t.wijk_id = ?", []any{wijkID}
	if seq > 0 {
		where, args = where+" AND t.seq > ?", append(args, seq)
	}
	rows, err := tx.query(ctx, "SELECT "+prefixCols("t.", ledgerTxCols)+" FROM ledger_transactions t WHERE "+where+" ORDER BY t.seq", args...)
	if err != nil {
		return nil, fmt.Errorf("tail: %w", err)
	}
	var out []ledger.Transaction
	index := map[string]int{}
	for rows.Next() {
		t, err := scanLedgerTx(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("tail: %w", err)
		}
		index[t.ID] = len(out)
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	prow, err := tx.query(ctx, `SELECT p.transaction_id, p.account_id, p.asset, p.amount, p.memo FROM ledger_postings p
		JOIN ledger_transactions t ON t.id = p.transaction_id WHERE `+where+` ORDER BY t.seq, p.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("tail: postings: %w", err)
	}
	defer prow.Close()
	for prow.Next() {
		var id string
		var p ledger.Posting
		if err := prow.Scan(&id, &p.AccountID, &p.Asset, &p.Amount, &p.Memo); err != nil {
			return nil, fmt.Errorf("tail: postings: %w", err)
		}
		if i, ok := index[id]; ok {
			out[i].Postings = append(out[i].Postings, p)
		}
	}
	return out, prow.Err()
}

// AccountSums is an account's balance beside the two sums it must equal.
type AccountSums struct {
	ledger.Account
	Balance     int64 // the balance Post keeps
	Postings    int64 // the sum of its postings
	MonthTotals int64 // the sum of its cached month totals
}

// Agree reports whether the balance equals both sums.
func (a AccountSums) Agree() bool { return a.Balance == a.Postings && a.Balance == a.MonthTotals }

// LedgerAccountSums lists every account of a wijk's chart with its
// balance, the sum of its postings and the sum of its month totals, by
// code. The database sums (over an index that holds the amounts), so this
// reads no posting into memory.
func (s *Store) LedgerAccountSums(ctx context.Context, wijkID string) ([]AccountSums, error) {
	var out []AccountSums
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		out, err = accountSums(ctx, tx, wijkID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: account sums: %w", err)
	}
	return out, nil
}

func accountSums(ctx context.Context, tx *Tx, wijkID string) ([]AccountSums, error) {
	rows, err := tx.query(ctx, `SELECT `+prefixCols("a.", ledgerAccountCols)+`, a.balance, COALESCE(p.total, 0), COALESCE(m.total, 0)
		FROM ledger_accounts a
		LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM ledger_postings
			WHERE account_id IN (SELECT id FROM ledger_accounts WHERE wijk_id = ?) GROUP BY account_id) p ON p.account_id = a.id
		LEFT JOIN (SELECT account_id, SUM(total) AS total FROM ledger_month_totals WHERE wijk_id = ? GROUP BY account_id) m ON m.account_id = a.id
		WHERE a.wijk_id = ?
		ORDER BY a.code, a.asset`, wijkID, wijkID, wijkID)
	if err != nil {
		return nil, fmt.Errorf("balances: %w", err)
	}
	defer rows.Close()
	var out []AccountSums
	for rows.Next() {
		var s AccountSums
		var typ string
		var org, person sql.NullString
		var created int64
		a := &s.Account
		if err := rows.Scan(&a.ID, &a.WijkID, &a.Code, &a.Name, &typ, &a.Asset, &org, &person, &a.MinBalance, &a.AllowOverdraft, &a.Local, &created,
			&s.Balance, &s.Postings, &s.MonthTotals); err != nil {
			return nil, fmt.Errorf("balances: %w", err)
		}
		a.Type, a.OrganisationID, a.PersonID, a.CreatedAt = ledger.AccountType(typ), org.String, person.String, fromMS(created)
		out = append(out, s)
	}
	return out, rows.Err()
}

// LedgerTransactionBySeq returns a wijk's transaction with that number,
// with its postings, or ErrNotFound.
func (s *Store) LedgerTransactionBySeq(ctx context.Context, wijkID string, seq int64) (ledger.Transaction, error) {
	var t ledger.Transaction
	err := s.inRead(ctx, func(tx *Tx) error {
		var id string
		err := tx.queryRow(ctx, "SELECT id FROM ledger_transactions WHERE wijk_id = ? AND seq = ?", wijkID, seq).Scan(&id)
		if err != nil {
			return notFound(err, "store: transaction nr. %d: %w", seq)
		}
		t, err = transactionTx(ctx, tx, id)
		return err
	})
	return t, err
}

// ChainBreak says why the chain breaks at a transaction.
type ChainBreak string

const (
	BreakNone     ChainBreak = ""
	BreakGap      ChainBreak = "gap"       // a transaction is missing: its number is not in the books, later ones are
	BreakNumbers  ChainBreak = "numbers"   // its number is out of line with the transactions before it
	BreakPrevHash ChainBreak = "prev_hash" // it does not point at the hash of the transaction before it
	BreakHash     ChainBreak = "hash"      // its content no longer gives its hash: it was changed after booking
)

// LedgerAudit is the full check of a wijk's books (VerifyLedger) with what
// an auditor needs to find a fault.
type LedgerAudit struct {
	Transactions int64 // the number of transactions
	HeadSeq      int64
	HeadHash     string
	BrokenAt     int64      // the first broken link (0: the chain holds)
	Break        ChainBreak // and why it breaks there
	Bad          []AccountSums
	// PublicTotalsWrong is true when the sums kept for the public page
	// (see PublicFlows) differ from the postings they were summed from.
	// AuditLedger then drops them, so that the page sums the books again.
	PublicTotalsWrong bool
}

// OK reports whether the books passed.
func (a LedgerAudit) OK() bool { return a.BrokenAt == 0 && len(a.Bad) == 0 && !a.PublicTotalsWrong }

// AuditLedger runs VerifyLedger on a wijk's books and explains what it
// found: why the chain breaks at its first broken link, and the balance and
// sums of every account that disagrees. It also sums the postings the
// public page keeps sums of again and compares. Like VerifyLedger it reads
// the whole books: for audits, not for page requests.
func (s *Store) AuditLedger(ctx context.Context, wijkID string) (LedgerAudit, error) {
	var a LedgerAudit
	broken, bad, err := s.VerifyLedger(ctx, wijkID)
	if err != nil {
		return a, err
	}
	a.BrokenAt = broken
	err = s.inSnapshot(ctx, func(tx *Tx) error {
		var err error
		a.PublicTotalsWrong, err = publicTotalsWrong(ctx, tx, wijkID)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("store: audit ledger: %w", err)
	}
	if a.PublicTotalsWrong {
		if err := s.inTx(ctx, func(tx *Tx) error {
			for _, table := range []string{"ledger_public_totals", "ledger_public_moved", "ledger_public_marks"} {
				if _, err := tx.exec(ctx, "DELETE FROM "+table+" WHERE wijk_id = ?", wijkID); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return a, fmt.Errorf("store: audit ledger: drop public totals: %w", err)
		}
	}
	err = s.inRead(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, "SELECT seq, hash FROM ledger_heads WHERE wijk_id = ?", wijkID).Scan(&a.HeadSeq, &a.HeadHash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("head: %w", err)
		}
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM ledger_transactions WHERE wijk_id = ?", wijkID).Scan(&a.Transactions); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		if broken != 0 {
			if a.Break, err = chainBreak(ctx, tx, wijkID, broken); err != nil {
				return err
			}
		}
		if len(bad) == 0 {
			return nil
		}
		sums, err := accountSums(ctx, tx, wijkID)
		if err != nil {
			return err
		}
		for _, s := range sums {
			if slices.Contains(bad, s.ID) {
				a.Bad = append(a.Bad, s)
			}
		}
		return nil
	})
	if err != nil {
		return a, fmt.Errorf("store: audit ledger: %w", err)
	}
	return a, nil
}

// chainBreak finds why ledger.VerifyChain stopped at transaction seq.
func chainBreak(ctx context.Context, tx *Tx, wijkID string, seq int64) (ChainBreak, error) {
	get := func(n int64) (ledger.Transaction, bool, error) {
		var id string
		err := tx.queryRow(ctx, "SELECT id FROM ledger_transactions WHERE wijk_id = ? AND seq = ?", wijkID, n).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return ledger.Transaction{}, false, nil
		} else if err != nil {
			return ledger.Transaction{}, false, fmt.Errorf("break at %d: %w", seq, err)
		}
		t, err := transactionTx(ctx, tx, id)
		return t, err == nil, err
	}
	t, ok, err := get(seq)
	if err != nil {
		return BreakNone, err
	}
	if !ok {
		// The number the chain expects here is not in the books: a gap
		// when a later one is, else the numbers are out of line.
		var later int64
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM ledger_transactions WHERE wijk_id = ? AND seq > ?", wijkID, seq).Scan(&later); err != nil {
			return BreakNone, fmt.Errorf("break at %d: %w", seq, err)
		}
		if later > 0 {
			return BreakGap, nil
		}
		return BreakNumbers, nil
	}
	prev := ""
	if seq > 1 {
		p, ok, err := get(seq - 1)
		if err != nil {
			return BreakNone, err
		}
		if !ok {
			return BreakGap, nil
		}
		prev = p.Hash
	}
	var before int64
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM ledger_transactions WHERE wijk_id = ? AND seq < ?", wijkID, seq).Scan(&before); err != nil {
		return BreakNone, fmt.Errorf("break at %d: %w", seq, err)
	}
	switch {
	case before != seq-1:
		return BreakNumbers, nil
	case t.PrevHash != prev:
		return BreakPrevHash, nil
	case t.Hash != t.ChainHash(prev):
		return BreakHash, nil
	}
	// VerifyChain stopped here, yet the link holds on its own: the
	// transaction before it must have been the problem.
	return BreakNumbers, nil
}

// publicTotalsWrong sums the postings up to the wijk's mark as
// foldPublicTotals does and reports whether the kept sums differ.
func publicTotalsWrong(ctx context.Context, tx *Tx, wijkID string) (bool, error) {
	var mark int64
	if err := tx.queryRow(ctx, "SELECT COALESCE((SELECT seq FROM ledger_public_marks WHERE wijk_id = ?), 0)", wijkID).Scan(&mark); err != nil {
		return false, err
	}
	rows, err := tx.query(ctx, "SELECT on_date, category, account_id, own, total, credits FROM ledger_public_totals WHERE wijk_id = ?", wijkID)
	if err != nil {
		return false, err
	}
	kept, err := scanFlowSums(rows)
	if err != nil {
		return false, err
	}
	fresh, err := flowSums(ctx, tx, wijkID, 0, mark)
	if err != nil {
		return false, err
	}
	key := func(r flowSum) flowSum { r.total, r.credits = 0, 0; return r }
	sums := map[flowSum][2]int64{}
	for _, r := range kept {
		sums[key(r)] = [2]int64{r.total, r.credits}
	}
	for _, r := range fresh {
		if sums[key(r)] != [2]int64{r.total, r.credits} {
			return true, nil
		}
		delete(sums, key(r))
	}
	if len(sums) > 0 {
		return true, nil
	}
	rows, err = tx.query(ctx, "SELECT on_date, category, asset, moved FROM ledger_public_moved WHERE wijk_id = ?", wijkID)
	if err != nil {
		return false, err
	}
	keptMoved, err := scanMoved(rows)
	if err != nil {
		return false, err
	}
	freshMoved, err := movedCounts(ctx, tx, wijkID, 0, mark)
	if err != nil {
		return false, err
	}
	slices.SortFunc(keptMoved, compareMoved)
	slices.SortFunc(freshMoved, compareMoved)
	return !slices.Equal(keptMoved, freshMoved), nil
}

func compareMoved(a, b movedCount) int {
	return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.category, b.category), cmp.Compare(a.asset, b.asset))
}
