package demo_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

func TestBooks(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		began := time.Now()
		res, err := demo.Seed(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: Seed with the books took %v", s.Dialect(), time.Since(began))
		w := res.Wijk

		broken, bad, err := s.VerifyLedger(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if broken != 0 || len(bad) != 0 {
			t.Errorf("VerifyLedger: broken link at %d, accounts whose balance differs from their postings: %v", broken, bad)
		}

		totals, err := s.AccountTotals(ctx, w.ID, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		byCode := map[string]store.AccountTotal{}
		sums := map[string]int64{}
		var cash int64
		for _, a := range totals {
			byCode[a.Code+"|"+a.Asset] = a
			sums[a.Asset] += a.Total
			if !a.AllowOverdraft && a.Total < a.MinBalance {
				t.Errorf("%s (%s): balance %d below its limit %d", a.Code, a.Asset, a.Total, a.MinBalance)
			}
			switch a.Type {
			case ledger.TypeBank, ledger.TypeFund, ledger.TypeBudget:
				cash += a.Total
			}
		}
		for asset, sum := range sums {
			if sum != 0 {
				t.Errorf("postings in %s sum to %d, want 0", asset, sum)
			}
		}
		if len(sums) != 2 {
			t.Errorf("assets with postings: %v, want EUR and MIN", sums)
		}

		// Every initiative got a budget; most spent some of it.
		ins, err := s.Organisations(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		txs, err := s.LedgerTransactions(ctx, w.ID, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		granted := map[string]bool{}
		for _, tx := range txs {
			for _, p := range tx.Postings {
				if p.Amount > 0 {
					granted[p.AccountID] = true
				}
			}
		}
		initiatives, spent := 0, 0
		for _, o := range ins {
			if !o.Form.IsInitiative() {
				continue
			}
			initiatives++
			budget, ok := byCode["Initiatieven:"+o.Name+":Budget|EUR"]
			if !ok || !granted[budget.ID] {
				t.Errorf("%s: no budget granted", o.Name)
			}
			if byCode["Initiatieven:"+o.Name+":Uitgaven|EUR"].Total > 0 {
				spent++
			}
		}
		if initiatives != 20 || spent < 16 {
			t.Errorf("initiatives with expenses: %d of %d, want most of 20", spent, initiatives)
		}

		// The chain: one transaction per seq, keys demo-<seq>, in date order.
		seq, hash, err := s.LedgerHead(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if seq != int64(len(txs)) || hash == "" || txs[len(txs)-1].Hash != hash {
			t.Errorf("head seq=%d hash=%q, want %d transactions ending in that hash", seq, hash, len(txs))
		}
		if n := len(txs); n < 500 || n > 1200 {
			t.Errorf("transactions=%d, want 500..1200", n)
		}
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		lastMoney := today.AddDate(0, 0, -31)
		people, err := s.People(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		firstNames := map[string]bool{}
		for _, p := range people {
			firstNames[strings.Fields(p.DisplayName)[0]] = true
		}
		assets := map[string]string{}
		for _, a := range totals {
			assets[a.ID] = a.Asset
		}
		var exchanges int
		cats := map[string]int{}
		for i, tx := range txs {
			if want := fmt.Sprintf("demo-%d", i+1); tx.IdempotencyKey != want {
				t.Errorf("seq %d: key %q, want %q", tx.Seq, tx.IdempotencyKey, want)
			}
			if i > 0 && (tx.On.Before(txs[i-1].On) || tx.CreatedAt.Before(txs[i-1].CreatedAt)) {
				t.Errorf("seq %d: %s (created %v) before the one before it", tx.Seq, tx.On.Format(time.DateOnly), tx.CreatedAt)
			}
			if tx.On.After(today) || tx.CreatedAt.After(now) || tx.CreatedBy == "" || tx.Category == "" {
				t.Errorf("seq %d: on %v, created %v by %q, category %q", tx.Seq, tx.On, tx.CreatedAt, tx.CreatedBy, tx.Category)
			}
			if assets[tx.Postings[0].AccountID] == ledger.Time {
				exchanges++
				if m := tx.Postings[0].Amount; m < 30 || m > 180 {
					t.Errorf("seq %d: exchange of %d minutes", tx.Seq, m)
				}
			} else if tx.On.After(lastMoney) {
				t.Errorf("seq %d %q: money on %s, in the month of the demo bank statement", tx.Seq, tx.Description, tx.On.Format(time.DateOnly))
			}
			cats[tx.Category]++
			// Purposes are public: no private person's name.
			for _, p := range people {
				if strings.Contains(tx.Description, p.DisplayName) {
					t.Errorf("seq %d: %q names %s", tx.Seq, tx.Description, p.DisplayName)
				}
			}
			for _, word := range strings.FieldsFunc(tx.Description, func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '(' || r == ')' }) {
				if firstNames[word] {
					t.Errorf("seq %d: %q holds the first name %s", tx.Seq, tx.Description, word)
				}
			}
		}
		if exchanges < 20 || exchanges > 40 {
			t.Errorf("time bank exchanges=%d, want 20..40", exchanges)
		}
		for _, c := range []string{"subsidie", "toekenning", "materiaal", "huur", "koffie en thee", "zaaigoed", "gereedschap", "drukwerk", "vrijwilligersvergoeding", "contributie", "tijdbank"} {
			if cats[c] == 0 {
				t.Errorf("no transactions of category %q", c)
			}
		}

		// The time bank: one account per resident, among them the two
		// residents with a demo account; codes without names.
		timeOf := map[string]string{} // person ID: account code
		for _, a := range totals {
			if a.Type != ledger.TypeTime {
				continue
			}
			if a.Asset != ledger.Time || a.PersonID == "" || a.MinBalance != store.TimeAccountLimit || a.AllowOverdraft || timeOf[a.PersonID] != "" ||
				!strings.HasPrefix(a.Code, store.CodeTime+":") || strings.Contains(a.Code, ".") {
				t.Errorf("time account %+v", a.Account)
			}
			timeOf[a.PersonID] = a.Code
		}
		for _, p := range people {
			if p.DisplayName == "Naima B." || p.DisplayName == "Ria J." {
				if timeOf[p.ID] == "" {
					t.Errorf("no time account of %s", p.DisplayName)
				}
			}
		}
		if n := len(timeOf); n < 6 || n > 10 {
			t.Errorf("time accounts=%d, want 6..10", n)
		}

		// The demo bank statement starts where the books stop.
		st := parseStatement(t)
		if cash != st.opening {
			t.Errorf("money in the books when they stop: %d cents, the bank statement opens with %d", cash, st.opening)
		}
		if b := byCode["Bank|EUR"]; b.Total <= 0 {
			t.Errorf("Bank=%d, want money not set aside yet (last month's own income)", b.Total)
		}

		// The treasurer imports it: every line booked, some by a rule, the
		// others waiting; a second import finds only duplicates.
		pen, err := s.UserByEmail(ctx, "penningmeester@example.org")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.ImportBank(ctx, w.ID, demo.BankStatementName, demo.BankStatement, pen.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := len(st.doc.Stmt[0].Ntry)
		if rep.Rejected || rep.Imported != n || rep.Matched < 3 || rep.Queued < 3 {
			t.Errorf("import: rejected=%v (%s) imported=%d matched=%d queued=%d, want all %d lines, some matched and some queued; lines %+v",
				rep.Rejected, rep.Problem, rep.Imported, rep.Matched, rep.Queued, n, rep.Lines)
		}
		t.Logf("%s: import of the demo bank statement: %d lines, %d matched by a rule, %d queued", s.Dialect(), rep.Imported, rep.Matched, rep.Queued)
		rep, err = s.ImportBank(ctx, w.ID, demo.BankStatementName, demo.BankStatement, pen.ID)
		if err != nil || rep.Rejected || rep.Duplicates != n || rep.Imported != 0 {
			t.Errorf("second import: %v rejected=%v imported=%d duplicates=%d, want %d duplicates", err, rep.Rejected, rep.Imported, rep.Duplicates, n)
		}
		if broken, bad, err := s.VerifyLedger(ctx, w.ID); err != nil || broken != 0 || len(bad) != 0 {
			t.Errorf("VerifyLedger after the import: %v %d %v", err, broken, bad)
		}
	})
}

// booksFingerprint describes the books of the demo wijk without IDs, one
// line per transaction, for TestSeedDeterministic.
func booksFingerprint(t *testing.T, s *store.Store, wijkID string, name map[string]string) []string {
	t.Helper()
	ctx := context.Background()
	accounts, err := s.LedgerAccounts(ctx, wijkID)
	if err != nil {
		t.Fatal(err)
	}
	code := map[string]string{}
	for _, a := range accounts {
		code[a.ID] = a.Code
		if a.PersonID != "" { // a time account: its code holds the random person ID
			code[a.ID] = "time of " + name[a.PersonID]
		}
	}
	txs, err := s.LedgerTransactions(ctx, wijkID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tx := range txs {
		line := fmt.Sprintf("ledger %05d|%s|%s|%s|%s|%v", tx.Seq, tx.On.Format(time.DateOnly), tx.Description, tx.Category, tx.IdempotencyKey, tx.CreatedAt)
		for _, p := range tx.Postings {
			line += fmt.Sprintf("|%s %s %d", code[p.AccountID], p.Asset, p.Amount)
		}
		out = append(out, line)
	}
	return out
}

// camt is the part of a CAMT.053 statement the tests look at.
type camt struct {
	XMLName xml.Name `xml:"Document"`
	Stmt    []struct {
		Acct struct {
			IBAN string `xml:"Id>IBAN"`
			Ccy  string `xml:"Ccy"`
		} `xml:"Acct"`
		Count int    `xml:"TxsSummry>TtlNtries>NbOfNtries"`
		Net   string `xml:"TxsSummry>TtlNtries>TtlNetNtryAmt"`
		Bal   []struct {
			Code string `xml:"Tp>CdOrPrtry>Cd"`
			Amt  string `xml:"Amt"`
			Sign string `xml:"CdtDbtInd"`
			Dt   string `xml:"Dt>Dt"`
		} `xml:"Bal"`
		Ntry []struct {
			Amt   string `xml:"Amt"`
			Sign  string `xml:"CdtDbtInd"`
			Date  string `xml:"BookgDt>Dt"`
			Ref   string `xml:"AcctSvcrRef"`
			E2E   string `xml:"NtryDtls>TxDtls>Refs>EndToEndId"`
			Dbtr  string `xml:"NtryDtls>TxDtls>RltdPties>DbtrAcct>Id>IBAN"`
			Cdtr  string `xml:"NtryDtls>TxDtls>RltdPties>CdtrAcct>Id>IBAN"`
			Ustrd string `xml:"NtryDtls>TxDtls>RmtInf>Ustrd"`
		} `xml:"Ntry"`
	} `xml:"BkToCstmrStmt>Stmt"`
}

type statement struct {
	opening, closing int64
	doc              camt
}

func cents(t *testing.T, s, sign string) int64 {
	t.Helper()
	if !regexp.MustCompile(`^\d+\.\d\d$`).MatchString(s) {
		t.Fatalf("amount %q, want digits with two decimals", s)
	}
	n, err := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	switch sign {
	case "CRDT":
		return n
	case "DBIT":
		return -n
	}
	t.Fatalf("CdtDbtInd %q", sign)
	return 0
}

func parseStatement(t *testing.T) statement {
	t.Helper()
	// Well-formed: every token reads.
	dec := xml.NewDecoder(bytes.NewReader(demo.BankStatement))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("bank statement: %v", err)
		}
	}
	var st statement
	if err := xml.Unmarshal(demo.BankStatement, &st.doc); err != nil {
		t.Fatal(err)
	}
	if st.doc.XMLName.Space != "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" || len(st.doc.Stmt) != 1 {
		t.Fatalf("bank statement: namespace %q with %d statements, want camt.053.001.02 with one", st.doc.XMLName.Space, len(st.doc.Stmt))
	}
	s := st.doc.Stmt[0]
	for _, b := range s.Bal {
		switch b.Code {
		case "OPBD":
			st.opening = cents(t, b.Amt, b.Sign)
		case "CLBD":
			st.closing = cents(t, b.Amt, b.Sign)
		}
	}
	return st
}

// validIBAN checks the mod-97 check digits of an IBAN.
func validIBAN(s string) bool {
	if len(s) < 15 {
		return false
	}
	var digits strings.Builder
	for _, r := range s[4:] + s[:4] {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			digits.WriteString(strconv.Itoa(int(r-'A') + 10))
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(digits.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

func TestBankStatement(t *testing.T) {
	if !validIBAN(demo.DemoIBAN) || !strings.HasPrefix(demo.DemoIBAN, "NL") || len(demo.DemoIBAN) != 18 {
		t.Errorf("DemoIBAN %s is not a valid Dutch IBAN", demo.DemoIBAN)
	}
	if !bytes.Contains(demo.BankStatement, []byte(demo.DemoIBAN)) {
		t.Errorf("the bank statement does not hold DemoIBAN")
	}
	file, err := os.ReadFile(filepath.Join("testdata", demo.BankStatementName))
	if err != nil || !bytes.Equal(file, demo.BankStatement) {
		t.Errorf("BankStatementName %q does not name the embedded file (%v)", demo.BankStatementName, err)
	}
	st := parseStatement(t)
	s := st.doc.Stmt[0]
	if s.Acct.IBAN != demo.DemoIBAN || s.Acct.Ccy != "EUR" {
		t.Errorf("account %s %s, want %s EUR", s.Acct.IBAN, s.Acct.Ccy, demo.DemoIBAN)
	}
	if n := len(s.Ntry); n < 8 || n > 12 {
		t.Errorf("entries=%d, want 8..12", n)
	}
	sum, refs, notProvided, noIBAN := st.opening, map[string]bool{}, 0, 0
	prev := ""
	for i, e := range s.Ntry {
		sum += cents(t, e.Amt, e.Sign)
		if e.Ref == "" || refs[e.Ref] {
			t.Errorf("entry %d: reference %q missing or not unique", i+1, e.Ref)
		}
		refs[e.Ref] = true
		if e.E2E == "NOTPROVIDED" {
			notProvided++
		}
		if e.Date < prev || e.Date < "2026-02-12" || e.Date > "2026-03-13" {
			t.Errorf("entry %d: booked %s, want in date order within the statement's month", i+1, e.Date)
		}
		prev = e.Date
		for _, iban := range []string{e.Dbtr, e.Cdtr} {
			if iban != "" && !validIBAN(iban) {
				t.Errorf("entry %d: counterparty IBAN %s is not valid", i+1, iban)
			}
		}
		if e.Dbtr == "" && e.Cdtr == "" {
			noIBAN++
		}
		if e.Ustrd == "" {
			t.Errorf("entry %d: no description", i+1)
		}
	}
	if sum != st.closing || st.opening <= 0 || s.Count != len(s.Ntry) || cents(t, s.Net, "CRDT") != st.closing-st.opening {
		t.Errorf("opening %d + entries = %d, closing balance %d; summary: %d entries, net %s", st.opening, sum, st.closing, s.Count, s.Net)
	}

	// WEI's own parser reads it as the treasurer's import will.
	parsed, err := bank.Parse(demo.BankStatementName, demo.BankStatement)
	if err != nil {
		t.Fatalf("bank.Parse: %v", err)
	}
	if parsed.Format != bank.FormatCAMT053 || parsed.Account != demo.DemoIBAN || !parsed.HasBalances ||
		parsed.OpeningCents != st.opening || parsed.ClosingCents != st.closing || len(parsed.Lines) != len(s.Ntry) {
		t.Errorf("bank.Parse: format %s account %s balances %v %d..%d, %d lines", parsed.Format, parsed.Account, parsed.HasBalances,
			parsed.OpeningCents, parsed.ClosingCents, len(parsed.Lines))
	}
	if notProvided != 1 || noIBAN < 1 {
		t.Errorf("entries with end-to-end id NOTPROVIDED=%d, without a counterparty IBAN=%d; want 1 and at least 1", notProvided, noIBAN)
	}
	for _, want := range []string{"Subsidie wijkbudget", "Contributie", "Factuur"} {
		if !bytes.Contains(demo.BankStatement, []byte(want)) {
			t.Errorf("the bank statement has no line with %q", want)
		}
	}
}
