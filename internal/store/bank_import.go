package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/privacy"
)

// AddBankAccount registers an IBAN of the wijk and the ledger account that
// keeps its money (normally "Bank").
func (s *Store) AddBankAccount(ctx context.Context, wijkID, iban, accountID string) error {
	iban = bank.NormaliseIBAN(iban)
	if !bank.ValidIBAN(iban) {
		return &wei.Error{Code: wei.EINVALID, Message: "This IBAN is not valid.", Fields: map[string]string{"iban": "error.iban"}}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		var typ, w string
		if err := tx.queryRow(ctx, "SELECT type, wijk_id FROM ledger_accounts WHERE id = ?", accountID).Scan(&typ, &w); err != nil || w != wijkID || ledger.AccountType(typ) != ledger.TypeBank {
			return &wei.Error{Code: wei.EINVALID, Message: "Choose a bank account of this wijk's books.", Fields: map[string]string{"account_id": "error.choice"}}
		}
		_, err := tx.exec(ctx, "INSERT INTO bank_accounts (wijk_id, iban, account_id) VALUES (?, ?, ?)", wijkID, iban, accountID)
		return mapErr(err)
	})
}

// BankAccounts returns the wijk's registered IBANs and their ledger accounts.
func (s *Store) BankAccounts(ctx context.Context, wijkID string) (map[string]string, error) {
	rows, err := s.query(ctx, "SELECT iban, account_id FROM bank_accounts WHERE wijk_id = ?", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: bank accounts: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var iban, id string
		if err := rows.Scan(&iban, &id); err != nil {
			return nil, err
		}
		out[iban] = id
	}
	return out, rows.Err()
}

// BankRule assigns bank lines to an account: by the counterparty's IBAN,
// or by words that all appear in the description (case-insensitive).
type BankRule struct {
	ID          string
	WijkID      string
	CounterIBAN string
	Words       string // space-separated
	AccountID   string
	Category    string
	Purpose     string // the public description of matched transactions
}

func (r BankRule) matches(l bank.Line) bool {
	if r.CounterIBAN != "" && r.CounterIBAN != l.CounterIBAN {
		return false
	}
	desc := strings.ToLower(l.Description + " " + l.CounterName)
	for _, w := range strings.Fields(strings.ToLower(r.Words)) {
		if !strings.Contains(desc, w) {
			return false
		}
	}
	return r.CounterIBAN != "" || strings.TrimSpace(r.Words) != ""
}

// AddBankRule stores a matching rule.
func (s *Store) AddBankRule(ctx context.Context, r *BankRule) error {
	r.CounterIBAN, r.Words, r.Purpose = bank.NormaliseIBAN(r.CounterIBAN), strings.TrimSpace(r.Words), strings.TrimSpace(r.Purpose)
	f := wei.FieldErrors{}
	if r.CounterIBAN == "" && r.Words == "" {
		f.Add("words", "error.rule_empty")
	}
	if r.CounterIBAN != "" && !bank.ValidIBAN(r.CounterIBAN) {
		f.Add("counter_iban", "error.iban")
	}
	if r.Purpose == "" {
		f.Add("purpose", "error.required")
	}
	if err := f.Err(); err != nil {
		return err
	}
	r.ID = wei.NewID()
	return s.inTx(ctx, func(tx *Tx) error {
		var w string
		if err := tx.queryRow(ctx, "SELECT wijk_id FROM ledger_accounts WHERE id = ?", r.AccountID).Scan(&w); err != nil || w != r.WijkID {
			return &wei.Error{Code: wei.EINVALID, Message: "Choose an account of this wijk.", Fields: map[string]string{"account_id": "error.choice"}}
		}
		_, err := tx.exec(ctx, "INSERT INTO bank_rules (id, wijk_id, counter_iban, words, account_id, category, purpose, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			r.ID, r.WijkID, r.CounterIBAN, r.Words, r.AccountID, strings.ToLower(strings.TrimSpace(r.Category)), r.Purpose, ms(s.now()))
		return mapErr(err)
	})
}

// BankRules lists the rules of a wijk in the order they are tried.
func (s *Store) BankRules(ctx context.Context, wijkID string) ([]BankRule, error) {
	return bankRules(ctx, s.query, wijkID)
}

func bankRules(ctx context.Context, query queryFunc, wijkID string) ([]BankRule, error) {
	rows, err := query(ctx, "SELECT id, wijk_id, counter_iban, words, account_id, category, purpose FROM bank_rules WHERE wijk_id = ? ORDER BY created_at, id", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: bank rules: %w", err)
	}
	defer rows.Close()
	var out []BankRule
	for rows.Next() {
		var r BankRule
		if err := rows.Scan(&r.ID, &r.WijkID, &r.CounterIBAN, &r.Words, &r.AccountID, &r.Category, &r.Purpose); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// DeleteBankRule removes a matching rule of the wijk. Lines it matched
// before stay booked as they are. An unknown rule, or a rule of another
// wijk, is ENOTFOUND.
func (s *Store) DeleteBankRule(ctx context.Context, wijkID, ruleID, byUserID string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "DELETE FROM bank_rules WHERE id = ? AND wijk_id = ?", ruleID, wijkID)
		if err != nil {
			return fmt.Errorf("store: delete bank rule: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: delete bank rule: %w", err)
		} else if n == 0 {
			return &wei.Error{Code: wei.ENOTFOUND, Message: "This rule does not exist (any more).", Fields: map[string]string{"rule": "error.rule_not_found"}}
		}
		return audit(ctx, tx, privacy.AuditEntry{ActorID: byUserID, WijkID: wijkID, Action: privacy.ActionErase, SubjectType: "bank_rule", SubjectID: ruleID})
	})
}

// ApplyBankRules books every queued line of the wijk that one of the
// current rules matches, as if the rule had matched at import: the first
// matching rule (in the order BankRules lists them) moves the amount from
// "Te matchen" to its account with its purpose and category, and the line
// becomes matched, naming the rule. It is one transaction: when one line
// cannot be booked (an account would go below its limit) nothing is
// written and the error names the line. It returns how many lines it
// matched.
func (s *Store) ApplyBankRules(ctx context.Context, wijkID, byUserID string) (int, error) {
	var matched int
	err := s.inTx(ctx, func(tx *Tx) error {
		matched = 0
		rules, err := bankRules(ctx, tx.query, wijkID)
		if err != nil || len(rules) == 0 {
			return err
		}
		type queued struct {
			id, date string
			line     bank.Line
		}
		rows, err := tx.query(ctx, `SELECT id, line_no, booking_date, amount_cents, counter_iban, counter_name, description
			FROM bank_lines WHERE wijk_id = ? AND status = ? ORDER BY booking_date, line_no, id`+tx.forUpdate(), wijkID, LineQueued)
		if err != nil {
			return fmt.Errorf("store: apply bank rules: %w", err)
		}
		var lines []queued
		for rows.Next() {
			var q queued
			if err := rows.Scan(&q.id, &q.line.LineNo, &q.date, &q.line.AmountCents, &q.line.CounterIBAN, &q.line.CounterName, &q.line.Description); err != nil {
				rows.Close()
				return fmt.Errorf("store: apply bank rules: %w", err)
			}
			lines = append(lines, q)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(lines) == 0 {
			return nil
		}
		suspense, err := suspenseAccount(ctx, tx, wijkID)
		if err != nil {
			return err
		}
		for _, q := range lines {
			for _, r := range rules {
				if !r.matches(q.line) {
					continue
				}
				if _, err := matchLine(ctx, tx, wijkID, q.id, parseDate(q.date), q.line.AmountCents, suspense, r.AccountID, r.Category, r.Purpose, r.ID, byUserID); err != nil {
					if wei.ErrorCode(err) == wei.EINVALID {
						return &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("The line of %s (%s) cannot be booked by the rule %q: %s",
							q.date, ledger.FormatAmount(q.line.AmountCents, 2, false), r.Purpose, wei.ErrorMessage(err)), Fields: map[string]string{"rule": "error.rule_cannot_book"}}
					}
					return err
				}
				matched++
				break
			}
		}
		if matched == 0 {
			return nil
		}
		return audit(ctx, tx, privacy.AuditEntry{ActorID: byUserID, WijkID: wijkID, Action: privacy.ActionUpdate, SubjectType: "bank_lines",
			Detail: fmt.Sprintf("rules applied: %d lines matched", matched)})
	})
	if err != nil {
		return 0, err
	}
	return matched, nil
}

func suspenseAccount(ctx context.Context, tx *Tx, wijkID string) (string, error) {
	var id string
	if err := tx.queryRow(ctx, "SELECT id FROM ledger_accounts WHERE wijk_id = ? AND code = ? AND asset = ?", wijkID, CodeSuspense, ledger.EUR).Scan(&id); err != nil {
		return "", fmt.Errorf("store: no account %s: %w", CodeSuspense, err)
	}
	return id, nil
}

// matchLine books a queued line from "Te matchen" on accountID and marks
// it matched. The idempotency key is the line's, so a line is matched at
// most once whichever way (by hand or by a rule).
func matchLine(ctx context.Context, tx *Tx, wijkID, lineID string, on time.Time, amount int64, suspense, accountID, category, purpose, ruleID, byUserID string) (ledger.Transaction, error) {
	t := ledger.Transaction{WijkID: wijkID, On: on, Description: purpose, Category: category, IdempotencyKey: "match:" + lineID, CreatedBy: byUserID,
		Postings: []ledger.Posting{{AccountID: suspense, Asset: ledger.EUR, Amount: amount}, {AccountID: accountID, Asset: ledger.EUR, Amount: -amount}}}
	if err := t.Validate(); err != nil {
		return t, err
	}
	out, _, err := post(ctx, tx, t)
	if err != nil {
		return out, err
	}
	_, err = tx.exec(ctx, "UPDATE bank_lines SET status = ?, rule_id = ?, match_tx_id = ? WHERE id = ?", LineMatched, ruleID, out.ID, lineID)
	return out, err
}

// Line outcomes of an import report.
const (
	LineMatched   = "matched"   // booked on the account a rule named
	LineQueued    = "queued"    // booked on "Te matchen", waiting for the treasurer
	LineDuplicate = "duplicate" // imported before (same bank reference)
	LineRejected  = "rejected"  // the file was refused because of this line
)

// The keys of the store's own reasons in an import report, beside those
// of the bank parsers (bank.ReasonKeys). A page says a reason in the
// reader's language by its key; Args holds the values the text names.
const (
	ReasonNotOurAccount = "not_our_account" // the line's account is not one of the wijk's; Args: its IBAN
	ReasonCannotBook    = "cannot_book"     // the books cannot take the line: an account would go below its limit
	ReasonRule          = "rule"            // a rule matched the line; Args: the rule's purpose
	ReasonClaim         = "claim"           // the line pays an approved claim; Args: the claim's purpose
)

// ReportReasonKeys returns the keys of the store's own reasons, so that a
// test can check each has a translation.
func ReportReasonKeys() []string {
	return []string{ReasonCannotBook, ReasonClaim, ReasonNotOurAccount, ReasonRule}
}

// because returns the store's reason with key and args.
func because(key string, args ...any) *bank.Reason { return &bank.Reason{Key: key, Args: args} }

// ReportLine is the outcome of one line of a bank file.
type ReportLine struct {
	LineNo      int
	Date        time.Time
	AmountCents int64
	Outcome     string
	Reason      string // in English, for the CLI, the API and the log: why rejected, or which rule or claim matched
	// Why is Reason as a key and arguments, for a page to say in the
	// reader's language: a bank parser's reason (bank.ReasonKeys) or one
	// of the store's own (ReportReasonKeys). Nil when Reason is "".
	Why *bank.Reason
}

// ImportReport tells what an import did with every line. When Rejected is
// true nothing was written.
type ImportReport struct {
	ImportID   string
	FileName   string
	Format     bank.Format
	Lines      []ReportLine
	Imported   int
	Matched    int
	Queued     int
	Duplicates int
	Rejected   bool
	Problem    string // for the file as a whole, in English; several are joined by "; "
	// ProblemWhy is what the bank parser found wrong with the file as a
	// whole, as keys and arguments (see ReportLine.Why). It is empty when
	// the file was refused for its lines only.
	ProblemWhy []*bank.Reason
}

// ImportBank reads a bank statement file and books every new line, all or
// nothing: each line becomes a transaction between the wijk's bank account
// and the account a matching rule names, or "Te matchen" when no rule
// matches. A line that is the payment of an approved or paid claim is
// linked to the claim and booked at most once (see "Claim payments and
// the bank statement" in claims.go); its report line says "claim: " and
// the claim's purpose. Lines imported before (same bank references) are reported as
// duplicates and skipped. A malformed file, an IBAN that is not the
// wijk's, or a payment the books cannot cover rejects the whole file; the
// report says which line and why.
func (s *Store) ImportBank(ctx context.Context, wijkID, fileName string, data []byte, byUserID string) (ImportReport, error) {
	rep := ImportReport{FileName: fileName}
	st, err := bank.Parse(fileName, data)
	if err != nil {
		rep.Rejected = true
		var pe *bank.ParseError
		if errors.As(err, &pe) {
			rep.Format = pe.Format
			var problems []string
			for _, le := range pe.Errors {
				if le.LineNo == 0 {
					problems = append(problems, le.Reason)
					if le.Why != nil {
						rep.ProblemWhy = append(rep.ProblemWhy, le.Why)
					}
					continue
				}
				rep.Lines = append(rep.Lines, ReportLine{LineNo: le.LineNo, Outcome: LineRejected, Reason: le.Reason, Why: le.Why})
			}
			rep.Problem = strings.Join(problems, "; ")
		} else {
			rep.Problem = err.Error()
		}
		return rep, nil
	}
	rep.Format = st.Format
	err = s.inTx(ctx, func(tx *Tx) error {
		var e error
		rep, e = importLines(ctx, tx, wijkID, fileName, st, byUserID, rep)
		return e
	})
	var rejected rejectedImport
	if errors.As(err, &rejected) {
		rep.Rejected, rep.Imported, rep.Matched, rep.Queued, rep.ImportID = true, 0, 0, 0, ""
		rep.Problem = rejected.problem
		return rep, nil
	}
	return rep, err
}

// rejectedImport rolls back an import that found a bad line.
type rejectedImport struct{ problem string }

func (r rejectedImport) Error() string { return "import rejected: " + r.problem }

func importLines(ctx context.Context, tx *Tx, wijkID, fileName string, st bank.Statement, byUserID string, rep ImportReport) (ImportReport, error) {
	accounts := map[string]string{}
	rows, err := tx.query(ctx, "SELECT iban, account_id FROM bank_accounts WHERE wijk_id = ?", wijkID)
	if err != nil {
		return rep, err
	}
	for rows.Next() {
		var iban, id string
		if err := rows.Scan(&iban, &id); err != nil {
			rows.Close()
			return rep, err
		}
		accounts[iban] = id
	}
	rows.Close()
	rules, err := bankRules(ctx, tx.query, wijkID)
	if err != nil {
		return rep, err
	}
	var suspense string
	if err := tx.queryRow(ctx, "SELECT id FROM ledger_accounts WHERE wijk_id = ? AND code = ? AND asset = ?", wijkID, CodeSuspense, ledger.EUR).Scan(&suspense); err != nil {
		return rep, rejectedImport{"the books of this wijk are not set up yet (no account " + CodeSuspense + ")"}
	}
	rep.ImportID = wei.NewID()
	if _, err := tx.exec(ctx, "INSERT INTO bank_imports (id, wijk_id, file_name, format, lines, imported, duplicates, by_user, created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)",
		rep.ImportID, wijkID, fileName, string(st.Format), len(st.Lines), byUserID, ms(tx.s.now())); err != nil {
		return rep, fmt.Errorf("store: import: %w", err)
	}
	bad := false
	for _, l := range st.Lines {
		rl := ReportLine{LineNo: l.LineNo, Date: l.BookingDate, AmountCents: l.AmountCents}
		bankAcct, ok := accounts[l.Account]
		if !ok {
			rl.Outcome, rl.Reason, rl.Why, bad = LineRejected, "account "+l.Account+" is not a bank account of this wijk", because(ReasonNotOurAccount, l.Account), true
			rep.Lines = append(rep.Lines, rl)
			continue
		}
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM bank_lines WHERE wijk_id = ? AND dedup_key = ?", wijkID, l.DedupKey).Scan(&n); err != nil {
			return rep, err
		}
		if n > 0 {
			rl.Outcome = LineDuplicate
			rep.Duplicates++
			rep.Lines = append(rep.Lines, rl)
			continue
		}
		// The payment of a claim: linked to the claim, booked once (see
		// "Claim payments and the bank statement" in claims.go).
		c, isClaim, err := claimPaidByLine(ctx, tx, wijkID, l)
		if err != nil {
			return rep, err
		}
		if isClaim {
			txID, err := payClaimFromLine(ctx, tx, c, bankAcct, l.BookingDate, byUserID)
			if wei.ErrorCode(err) == wei.EINVALID {
				rl.Outcome, rl.Reason, rl.Why, bad = LineRejected, wei.ErrorMessage(err), because(ReasonCannotBook), true
				rep.Lines = append(rep.Lines, rl)
				continue
			} else if err != nil {
				return rep, err
			}
			if err := insertBankLine(ctx, tx, wijkID, rep.ImportID, l, LineMatched, "", c.ID, txID); err != nil {
				return rep, err
			}
			rl.Outcome, rl.Reason, rl.Why = LineMatched, "claim: "+c.Purpose, because(ReasonClaim, c.Purpose)
			rep.Imported++
			rep.Matched++
			rep.Lines = append(rep.Lines, rl)
			continue
		}
		other, status, purpose, category, ruleID := suspense, LineQueued, "Bankmutatie, nog te matchen", "", ""
		for _, r := range rules {
			if r.matches(l) {
				other, status, purpose, category, ruleID = r.AccountID, LineMatched, r.Purpose, r.Category, r.ID
				rl.Reason, rl.Why = "rule: "+r.Purpose, because(ReasonRule, r.Purpose)
				break
			}
		}
		t := ledger.Transaction{WijkID: wijkID, On: l.BookingDate, Description: purpose, Category: category, IdempotencyKey: "bank:" + l.DedupKey,
			CreatedBy: byUserID, Postings: []ledger.Posting{
				{AccountID: bankAcct, Asset: ledger.EUR, Amount: l.AmountCents},
				{AccountID: other, Asset: ledger.EUR, Amount: -l.AmountCents},
			}}
		if err := t.Validate(); err != nil {
			rl.Outcome, rl.Reason, rl.Why, bad = LineRejected, wei.ErrorMessage(err), because(ReasonCannotBook), true
			rep.Lines = append(rep.Lines, rl)
			continue
		}
		booked, _, err := post(ctx, tx, t)
		if err != nil {
			if wei.ErrorCode(err) == wei.EINVALID {
				rl.Outcome, rl.Reason, rl.Why, bad = LineRejected, wei.ErrorMessage(err), because(ReasonCannotBook), true
				rep.Lines = append(rep.Lines, rl)
				continue
			}
			return rep, err
		}
		if err := insertBankLine(ctx, tx, wijkID, rep.ImportID, l, status, ruleID, "", booked.ID); err != nil {
			return rep, err
		}
		rl.Outcome = status
		rep.Imported++
		if status == LineMatched {
			rep.Matched++
		} else {
			rep.Queued++
		}
		rep.Lines = append(rep.Lines, rl)
	}
	if bad {
		return rep, rejectedImport{"one or more lines cannot be booked; nothing was imported"}
	}
	if _, err := tx.exec(ctx, "UPDATE bank_imports SET imported = ?, duplicates = ? WHERE id = ?", rep.Imported, rep.Duplicates, rep.ImportID); err != nil {
		return rep, err
	}
	return rep, nil
}

func insertBankLine(ctx context.Context, tx *Tx, wijkID, importID string, l bank.Line, status, ruleID, claimID, txID string) error {
	if _, err := tx.exec(ctx, `INSERT INTO bank_lines (id, wijk_id, import_id, line_no, dedup_key, weak_key, iban, booking_date, amount_cents, counter_iban, counter_name, description, bank_ref, end_to_end_id, status, rule_id, claim_id, transaction_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, wei.NewID(), wijkID, importID, l.LineNo, l.DedupKey, l.WeakKey, l.Account,
		dateStr(l.BookingDate), l.AmountCents, l.CounterIBAN, l.CounterName, l.Description, l.BankRef, l.EndToEndID, status, ruleID, claimID, txID); err != nil {
		return mapErr(fmt.Errorf("store: import line %d: %w", l.LineNo, err))
	}
	return nil
}

// BankLine is an imported line, with its private details, for the
// treasurer's queue.
type BankLine struct {
	ID            string
	ImportID      string
	LineNo        int
	Date          time.Time
	AmountCents   int64
	CounterIBAN   string
	CounterName   string
	Description   string
	Status        string
	TransactionID string
}

// QueuedBankLines lists the lines waiting to be matched, oldest first.
func (s *Store) QueuedBankLines(ctx context.Context, wijkID string) ([]BankLine, error) {
	rows, err := s.query(ctx, `SELECT id, import_id, line_no, booking_date, amount_cents, counter_iban, counter_name, description, status, transaction_id
		FROM bank_lines WHERE wijk_id = ? AND status = ? ORDER BY booking_date, line_no, id`, wijkID, LineQueued)
	if err != nil {
		return nil, fmt.Errorf("store: bank queue: %w", err)
	}
	defer rows.Close()
	var out []BankLine
	for rows.Next() {
		var l BankLine
		var d string
		if err := rows.Scan(&l.ID, &l.ImportID, &l.LineNo, &d, &l.AmountCents, &l.CounterIBAN, &l.CounterName, &l.Description, &l.Status, &l.TransactionID); err != nil {
			return nil, err
		}
		l.Date = parseDate(d)
		out = append(out, l)
	}
	return out, rows.Err()
}

// MatchBankLine books a queued line on an account: a transaction moves the
// amount from "Te matchen" to that account, with a public purpose.
func (s *Store) MatchBankLine(ctx context.Context, wijkID, lineID, accountID, category, purpose, byUserID string) (ledger.Transaction, error) {
	purpose = strings.TrimSpace(purpose)
	if purpose == "" {
		return ledger.Transaction{}, &wei.Error{Code: wei.EINVALID, Message: "Write the purpose: it is shown on the public page.", Fields: map[string]string{"purpose": "error.required"}}
	}
	var out ledger.Transaction
	err := s.inTx(ctx, func(tx *Tx) error {
		var amount int64
		var d, status string
		if err := tx.queryRow(ctx, "SELECT amount_cents, booking_date, status FROM bank_lines WHERE id = ? AND wijk_id = ?"+tx.forUpdate(), lineID, wijkID).Scan(&amount, &d, &status); err != nil {
			return notFound(err, "store: bank line %s: %w", lineID)
		}
		if status != LineQueued {
			return &wei.Error{Code: wei.ECONFLICT, Message: "This line was matched already.", Fields: map[string]string{"line": "error.line_matched"}}
		}
		suspense, err := suspenseAccount(ctx, tx, wijkID)
		if err != nil {
			return err
		}
		out, err = matchLine(ctx, tx, wijkID, lineID, parseDate(d), amount, suspense, accountID, category, purpose, "", byUserID)
		return err
	})
	return out, err
}
