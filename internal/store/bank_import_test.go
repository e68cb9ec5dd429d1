package store_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei"

	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// booksWithBank gives a wijk the standard chart and registers the IBAN of
// the CAMT.053 fixture as its bank account.
func booksWithBank(t testing.TB, s *store.Store, slug string) (string, ledger.Account) {
	t.Helper()
	w := mustWijk(t, s, slug, slug)
	if err := s.EnsureChart(t.Context(), w.ID); err != nil {
		t.Fatal(err)
	}
	b, err := s.AccountByCode(t.Context(), w.ID, store.CodeBank, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddBankAccount(t.Context(), w.ID, "NL44 RABO 0123 4567 89", b.ID); err != nil {
		t.Fatal(err)
	}
	return w.ID, b
}

func TestImportBank(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../bank/testdata/camt053_v02.xml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := bank.Parse("camt053_v02.xml", data)
	if err != nil {
		t.Fatal(err)
	}
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, bankAcct := booksWithBank(t, s, "bankwijk")
		// Money from a funder comes in on the bank and is owed to nobody:
		// the funder's account (credit-normal, no limit) takes the other side.
		mustOrganisation(t, s, w, "Gemeente", "partner")
		if err := s.EnsureChart(t.Context(), w); err != nil {
			t.Fatal(err)
		}
		fund, err := s.AccountByCode(t.Context(), w, store.CodeFunders+":Gemeente", ledger.EUR)
		if err != nil {
			t.Fatal(err)
		}
		first := st.Lines[0]
		rule := store.BankRule{WijkID: w, CounterIBAN: first.CounterIBAN, AccountID: fund.ID, Category: "subsidie", Purpose: "Subsidie voor het wijkbudget"}
		if first.CounterIBAN == "" {
			rule.CounterIBAN, rule.Words = "", first.Description
		}
		if err := s.AddBankRule(t.Context(), &rule); err != nil {
			t.Fatal(err)
		}
		rep, err := s.ImportBank(t.Context(), w, "camt053_v02.xml", data, "penningmeester")
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rejected || rep.Imported != len(st.Lines) || rep.Matched < 1 || rep.Matched+rep.Queued != rep.Imported || len(rep.Lines) != len(st.Lines) {
			t.Fatalf("report=%+v", rep)
		}
		var sum int64
		for _, l := range st.Lines {
			sum += l.AmountCents
		}
		if got := balanceOf(t, s, bankAcct); got != sum {
			t.Errorf("bank balance=%d, want the sum of the lines %d", got, sum)
		}
		// The same file again: every line is a duplicate, nothing booked.
		again, err := s.ImportBank(t.Context(), w, "camt053_v02.xml", data, "penningmeester")
		if err != nil || again.Rejected || again.Duplicates != len(st.Lines) || again.Imported != 0 {
			t.Fatalf("second import=%+v, %v", again, err)
		}
		queue, err := s.QueuedBankLines(t.Context(), w)
		if err != nil || len(queue) != rep.Queued {
			t.Fatalf("queue=%d lines, %v; want %d", len(queue), err, rep.Queued)
		}
		if len(queue) > 0 {
			income, _ := s.AccountByCode(t.Context(), w, store.CodeWorld, ledger.EUR)
			if _, err := s.MatchBankLine(t.Context(), w, queue[0].ID, income.ID, "overig", "", "p"); err == nil {
				t.Error("match without a purpose was accepted")
			}
			if _, err := s.MatchBankLine(t.Context(), w, queue[0].ID, income.ID, "overig", "Terugbetaling", "p"); err != nil {
				t.Fatal(err)
			}
			if q2, _ := s.QueuedBankLines(t.Context(), w); len(q2) != len(queue)-1 {
				t.Errorf("queue after matching: %d, want %d", len(q2), len(queue)-1)
			}
		}
		broken, bad, err := s.VerifyLedger(t.Context(), w)
		if err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}
		// Public purposes only: no counterparty name in the ledger.
		txs, _ := s.LedgerTransactions(t.Context(), w, first.BookingDate.AddDate(-1, 0, 0), first.BookingDate.AddDate(1, 0, 0))
		for _, tx := range txs {
			for _, l := range st.Lines {
				if l.CounterName != "" && tx.Description == l.CounterName {
					t.Errorf("transaction %d names the counterparty %q", tx.Seq, l.CounterName)
				}
			}
		}
	})
}

func TestImportBankAllOrNothing(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../bank/testdata/camt053_v02.xml")
	if err != nil {
		t.Fatal(err)
	}
	forEachDB(t, func(t *testing.T, s *store.Store) {
		// A wijk that does not own the statement's account.
		w := mustWijk(t, s, "vreemd", "Vreemd")
		if err := s.EnsureChart(t.Context(), w.ID); err != nil {
			t.Fatal(err)
		}
		rep, err := s.ImportBank(t.Context(), w.ID, "camt053_v02.xml", data, "p")
		if err != nil || !rep.Rejected || rep.Imported != 0 {
			t.Fatalf("foreign account: %+v, %v", rep, err)
		}
		if seq, _, _ := s.LedgerHead(t.Context(), w.ID); seq != 0 {
			t.Errorf("a rejected import booked %d transactions", seq)
		}
		// A malformed file: rejected with the reason, nothing written.
		rep, err = s.ImportBank(t.Context(), w.ID, "kapot.xml", data[:len(data)/2], "p")
		if err != nil || !rep.Rejected || (rep.Problem == "" && len(rep.Lines) == 0) {
			t.Fatalf("truncated file: %+v, %v", rep, err)
		}
	})
}

// rabobankLine is one line of a Rabobank CSV export made by rabobankCSV.
type rabobankLine struct {
	volgnr, date string
	cents        int64
	counterIBAN  string
	counterName  string
	endToEnd     string
	description  string
}

// rabobankCSV writes a Rabobank CSV statement of the account booksWithBank
// registers.
func rabobankCSV(lines ...rabobankLine) []byte {
	var b strings.Builder
	b.WriteString(`"IBAN/BBAN","Munt","Volgnr","Datum","Bedrag","Tegenrekening IBAN/BBAN","Naam tegenpartij","Transactiereferentie","Omschrijving-1"` + "\n")
	for _, l := range lines {
		sign, c := "+", l.cents
		if c < 0 {
			sign, c = "-", -c
		}
		fmt.Fprintf(&b, "\"NL44RABO0123456789\",\"EUR\",%q,%q,\"%s%d,%02d\",%q,%q,%q,%q\n",
			l.volgnr, l.date, sign, c/100, c%100, l.counterIBAN, l.counterName, l.endToEnd, l.description)
	}
	return []byte(b.String())
}

func mustImport(t *testing.T, s *store.Store, wijkID string, data []byte) store.ImportReport {
	t.Helper()
	rep, err := s.ImportBank(t.Context(), wijkID, "rabo.csv", data, "penningmeester")
	if err != nil || rep.Rejected {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	return rep
}

func TestApplyBankRules(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, bankAcct := booksWithBank(t, s, "regels")
		world, err := s.AccountByCode(t.Context(), w, store.CodeWorld, ledger.EUR)
		if err != nil {
			t.Fatal(err)
		}
		suspense, err := s.AccountByCode(t.Context(), w, store.CodeSuspense, ledger.EUR)
		if err != nil {
			t.Fatal(err)
		}
		rep := mustImport(t, s, w, rabobankCSV(
			rabobankLine{volgnr: "1", date: "2025-03-01", cents: 50_000, counterIBAN: "NL36INGB0007654321", counterName: "Gemeente", description: "Wijkbudget 2025"},
			rabobankLine{volgnr: "2", date: "2025-03-02", cents: -1_250, counterName: "Bakkerij", description: "Koffie buurthuis"},
			rabobankLine{volgnr: "3", date: "2025-03-03", cents: -2_000, counterName: "Bakkerij", description: "Koffie en thee buurthuis"},
			rabobankLine{volgnr: "4", date: "2025-03-04", cents: -900, counterName: "Drukkerij", description: "Flyers"},
		))
		if rep.Queued != 4 {
			t.Fatalf("queued=%d, want 4", rep.Queued)
		}
		seqBefore := headSeq(t, s, w)
		// No rules: nothing to do, nothing booked.
		if n, err := s.ApplyBankRules(t.Context(), w, "penningmeester"); err != nil || n != 0 {
			t.Fatalf("ApplyBankRules without rules = %d, %v", n, err)
		}
		koffie := store.BankRule{WijkID: w, Words: "koffie BUURTHUIS", AccountID: world.ID, Category: "Horeca", Purpose: "Koffie voor het buurthuis"}
		if err := s.AddBankRule(t.Context(), &koffie); err != nil {
			t.Fatal(err)
		}
		n, err := s.ApplyBankRules(t.Context(), w, "penningmeester")
		if err != nil || n != 2 {
			t.Fatalf("ApplyBankRules = %d, %v; want 2", n, err)
		}
		if got := headSeq(t, s, w) - seqBefore; got != 2 {
			t.Errorf("%d transactions booked, want 2", got)
		}
		queue, err := s.QueuedBankLines(t.Context(), w)
		if err != nil || len(queue) != 2 || queue[0].LineNo != 1 || queue[1].LineNo != 4 {
			t.Fatalf("queue after applying = %+v, %v", queue, err)
		}
		// The coffee moved from "Te matchen" to the rule's account; the bank
		// is untouched: it was booked at import.
		if got := balanceOf(t, s, world); got != 3_250 {
			t.Errorf("Buiten de wijk = %d, want 3250", got)
		}
		if got := balanceOf(t, s, suspense); got != -50_000+900 {
			t.Errorf("Te matchen = %d, want %d", got, -50_000+900)
		}
		if got := balanceOf(t, s, bankAcct); got != 50_000-1_250-2_000-900 {
			t.Errorf("Bank = %d", got)
		}
		txs, err := s.LedgerTransactions(t.Context(), w, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		last := txs[len(txs)-1]
		if last.Description != "Koffie voor het buurthuis" || last.Category != "horeca" || !last.On.Equal(time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("booked %+v, want the rule's purpose and category on the line's date", last)
		}
		// Again: the matched lines are not booked a second time.
		if n, err := s.ApplyBankRules(t.Context(), w, "penningmeester"); err != nil || n != 0 {
			t.Errorf("second ApplyBankRules = %d, %v; want 0", n, err)
		}
		// A line matched by hand is not matched again by a rule, and vice versa.
		if _, err := s.MatchBankLine(t.Context(), w, queue[1].ID, world.ID, "drukwerk", "Flyers", "p"); err != nil {
			t.Fatal(err)
		}
		flyers := store.BankRule{WijkID: w, Words: "flyers", AccountID: world.ID, Purpose: "Drukwerk"}
		if err := s.AddBankRule(t.Context(), &flyers); err != nil {
			t.Fatal(err)
		}
		if n, err := s.ApplyBankRules(t.Context(), w, "penningmeester"); err != nil || n != 0 {
			t.Errorf("ApplyBankRules after a manual match = %d, %v; want 0", n, err)
		}
		if broken, bad, err := s.VerifyLedger(t.Context(), w); err != nil || broken != 0 || len(bad) != 0 {
			t.Fatalf("VerifyLedger=%d %v %v", broken, bad, err)
		}
		log, err := s.AuditLog(t.Context(), w, 10)
		if err != nil || len(log) == 0 || log[0].SubjectType != "bank_lines" || log[0].ActorID != "penningmeester" {
			t.Errorf("audit log = %+v, %v; want the application of the rules", log, err)
		}
	})
}

// TestApplyBankRulesAllOrNothing: a line a rule cannot book (the account
// would go below its limit) stops the whole application.
func TestApplyBankRulesAllOrNothing(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, _ := booksWithBank(t, s, "regels-alles")
		world, _ := s.AccountByCode(t.Context(), w, store.CodeWorld, ledger.EUR)
		wb, _ := s.AccountByCode(t.Context(), w, store.CodeWijkbudget, ledger.EUR)
		mustImport(t, s, w, rabobankCSV(
			rabobankLine{volgnr: "1", date: "2025-03-01", cents: 10_000, counterName: "Gemeente", description: "Subsidie"},
			rabobankLine{volgnr: "2", date: "2025-03-02", cents: -500, counterName: "Bakkerij", description: "Koffie"},
		))
		// The coffee paid to the outside world is fine; incoming money
		// credited to the empty wijkbudget (a pot that may not go below
		// zero) is not.
		for _, r := range []store.BankRule{
			{WijkID: w, Words: "koffie", AccountID: world.ID, Purpose: "Koffie"},
			{WijkID: w, Words: "subsidie", AccountID: wb.ID, Purpose: "Subsidie"},
		} {
			if err := s.AddBankRule(t.Context(), &r); err != nil {
				t.Fatal(err)
			}
		}
		seq := headSeq(t, s, w)
		n, err := s.ApplyBankRules(t.Context(), w, "p")
		if wei.ErrorCode(err) != wei.EINVALID || n != 0 {
			t.Fatalf("ApplyBankRules = %d, %v; want EINVALID", n, err)
		}
		if headSeq(t, s, w) != seq {
			t.Error("a refused application booked transactions")
		}
		if q, _ := s.QueuedBankLines(t.Context(), w); len(q) != 2 {
			t.Errorf("queue = %d lines, want both still queued", len(q))
		}
	})
}

func TestDeleteBankRule(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w, _ := booksWithBank(t, s, "regel-weg")
		other, _ := booksWithBank(t, s, "regel-ander")
		world, _ := s.AccountByCode(t.Context(), w, store.CodeWorld, ledger.EUR)
		r := store.BankRule{WijkID: w, Words: "koffie", AccountID: world.ID, Purpose: "Koffie"}
		if err := s.AddBankRule(t.Context(), &r); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteBankRule(t.Context(), other, r.ID, "p"); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("deleting another wijk's rule: %v, want ENOTFOUND", err)
		}
		if err := s.DeleteBankRule(t.Context(), w, "onbekend", "p"); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("deleting an unknown rule: %v, want ENOTFOUND", err)
		}
		if rules, _ := s.BankRules(t.Context(), w); len(rules) != 1 {
			t.Fatalf("rules = %d, want 1 after refused deletes", len(rules))
		}
		if err := s.DeleteBankRule(t.Context(), w, r.ID, "p"); err != nil {
			t.Fatal(err)
		}
		if rules, _ := s.BankRules(t.Context(), w); len(rules) != 0 {
			t.Errorf("rules = %d after delete, want 0", len(rules))
		}
		if err := s.DeleteBankRule(t.Context(), w, r.ID, "p"); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("deleting twice: %v, want ENOTFOUND", err)
		}
		log, err := s.AuditLog(t.Context(), w, 10)
		if err != nil || len(log) != 1 || log[0].SubjectID != r.ID || log[0].SubjectType != "bank_rule" || log[0].ActorID != "p" {
			t.Errorf("audit log = %+v, %v; want one entry for the delete", log, err)
		}
		// A rule gone no longer matches.
		mustImport(t, s, w, rabobankCSV(rabobankLine{volgnr: "1", date: "2025-03-01", cents: 100, description: "koffie"}))
		if n, err := s.ApplyBankRules(t.Context(), w, "p"); err != nil || n != 0 {
			t.Errorf("ApplyBankRules after delete = %d, %v", n, err)
		}
	})
}

// TestImportBankReasons: every reason in an import report comes as a key
// with its arguments beside the English text, so that a page can say it
// in the reader's language without reading the file again: the parser's
// reasons for a refused file and its lines, the store's own for a line of
// another account or one the books cannot take, and the rule a line was
// matched by. A line without a reason has none.
func TestImportBankReasons(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w, _ := booksWithBank(t, s, "redenen")
		world, err := s.AccountByCode(ctx, w, store.CodeWorld, ledger.EUR)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddBankRule(ctx, &store.BankRule{WijkID: w, Words: "subsidie", AccountID: world.ID, Purpose: "Subsidie van de gemeente"}); err != nil {
			t.Fatal(err)
		}
		keyOf := func(r *bank.Reason) string {
			if r == nil {
				return ""
			}
			return r.Key
		}

		// Booked: one line by the rule, one waiting.
		rep := mustImport(t, s, w, rabobankCSV(
			rabobankLine{volgnr: "1", date: "2025-03-01", cents: 500_00, counterName: "Gemeente", description: "Subsidie 2025"},
			rabobankLine{volgnr: "2", date: "2025-03-02", cents: 12_50, counterName: "Buurman", description: "Koffie"}))
		if len(rep.Lines) != 2 || len(rep.ProblemWhy) != 0 {
			t.Fatalf("report=%+v", rep)
		}
		if l := rep.Lines[0]; l.Outcome != store.LineMatched || keyOf(l.Why) != store.ReasonRule || len(l.Why.Args) != 1 ||
			l.Why.Args[0] != "Subsidie van de gemeente" || l.Reason != "rule: Subsidie van de gemeente" {
			t.Errorf("line matched by a rule: %+v, why %+v", l, l.Why)
		}
		if l := rep.Lines[1]; l.Outcome != store.LineQueued || l.Why != nil || l.Reason != "" {
			t.Errorf("waiting line: %+v, want no reason", l)
		}

		// Refused by the store: a payment the bank account cannot cover.
		rep, err = s.ImportBank(ctx, w, "rabo.csv", rabobankCSV(
			rabobankLine{volgnr: "3", date: "2025-03-03", cents: -10_000_00, counterName: "Aannemer", description: "Nieuw dak"}), "p")
		if err != nil || !rep.Rejected || len(rep.Lines) != 1 {
			t.Fatalf("payment beyond the balance: %+v, %v", rep, err)
		}
		if l := rep.Lines[0]; l.Outcome != store.LineRejected || keyOf(l.Why) != store.ReasonCannotBook || l.Reason == "" {
			t.Errorf("line the books cannot take: %+v, why %+v", l, l.Why)
		}
		if rep.Problem == "" || len(rep.ProblemWhy) != 0 {
			t.Errorf("a file refused for its lines: problem %q, %+v; want the English text only", rep.Problem, rep.ProblemWhy)
		}

		// Refused by the store: the account is not one of this wijk's.
		other := mustWijk(t, s, "redenen-2", "Andere")
		if err := s.EnsureChart(ctx, other.ID); err != nil {
			t.Fatal(err)
		}
		rep, err = s.ImportBank(ctx, other.ID, "rabo.csv", rabobankCSV(
			rabobankLine{volgnr: "4", date: "2025-03-04", cents: 5_00, description: "Gift"}), "p")
		if err != nil || !rep.Rejected || len(rep.Lines) != 1 {
			t.Fatalf("another wijk's account: %+v, %v", rep, err)
		}
		if l := rep.Lines[0]; keyOf(l.Why) != store.ReasonNotOurAccount || len(l.Why.Args) != 1 || l.Why.Args[0] != "NL44RABO0123456789" ||
			!strings.Contains(l.Reason, "NL44RABO0123456789 is not a bank account of this wijk") {
			t.Errorf("line of another account: %+v, why %+v", l, l.Why)
		}

		// Refused by the parser: the reasons of the lines and of the file
		// are the parser's, in file order.
		rep, err = s.ImportBank(ctx, w, "rabo.csv", rabobankCSV(
			rabobankLine{volgnr: "5", date: "2025-02-30", cents: 5_00, description: "Gift"},
			rabobankLine{volgnr: "6", date: "2025-03-05", cents: 0, description: "Niets"}), "p")
		if err != nil || !rep.Rejected || len(rep.Lines) != 2 {
			t.Fatalf("bad lines: %+v, %v", rep, err)
		}
		for _, l := range rep.Lines {
			if l.Why == nil || !slices.Contains(bank.ReasonKeys(), l.Why.Key) || l.Why.String() != l.Reason {
				t.Errorf("line %d: reason %q, why %+v; want a parser's key with the same English text", l.LineNo, l.Reason, l.Why)
			}
		}
		if keyOf(rep.Lines[1].Why) != "amount_zero" {
			t.Errorf("line of no amount: why %+v, want amount_zero", rep.Lines[1].Why)
		}
		rep, err = s.ImportBank(ctx, w, "afschrift.txt", []byte("geen bankafschrift\n"), "p")
		if err != nil || !rep.Rejected || len(rep.ProblemWhy) != 1 || rep.ProblemWhy[0].Key != "csv_header" || rep.Problem != rep.ProblemWhy[0].String() {
			t.Errorf("not a bank file: %+v, %v; want the parser's csv_header", rep, err)
		}
		if seq, _, _ := s.LedgerHead(ctx, w); seq != 2 {
			t.Errorf("ledger head=%d, want the 2 lines of the first file only", seq)
		}
	})
}
