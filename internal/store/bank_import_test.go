package store_test

import (
	"os"
	"testing"

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
