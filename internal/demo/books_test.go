package demo_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
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
		for _, a := range totals {
			byCode[a.Code+"|"+a.Asset] = a
			sums[a.Asset] += a.Total
			if !a.AllowOverdraft && a.Total < a.MinBalance {
				t.Errorf("%s (%s): balance %d below its limit %d", a.Code, a.Asset, a.Total, a.MinBalance)
			}
		}
		cash := moneyInPots(totals)
		for asset, sum := range sums {
			if sum != 0 {
				t.Errorf("postings in %s sum to %d, want 0", asset, sum)
			}
		}
		_, eur := sums[ledger.EUR]
		_, local := sums[demo.LocalCurrency.Code]
		if _, minutes := sums[ledger.Time]; !eur || !minutes || !local {
			t.Errorf("assets with postings: %v, want EUR, MIN and %s", sums, demo.LocalCurrency.Code)
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
		personOf := map[string]string{} // account ID: the resident whose account it is
		pot := map[string]bool{}        // the accounts that hold the money in the bank
		for _, a := range totals {
			assets[a.ID], personOf[a.ID] = a.Asset, a.PersonID
			pot[a.ID] = a.Asset == ledger.EUR && isPot(a.Type)
		}
		var exchanges, demoKeys, claimKeys int
		exchanged := map[string]bool{} // the residents in the books' exchanges of hours
		cats := map[string]int{}
		for i, tx := range txs {
			if i > 0 && (tx.On.Before(txs[i-1].On) || tx.CreatedAt.Before(txs[i-1].CreatedAt)) {
				t.Errorf("seq %d: %s (created %v) before the one before it", tx.Seq, tx.On.Format(time.DateOnly), tx.CreatedAt)
			}
			// The books' own transactions are keyed demo-1, demo-2...; the
			// approval of a claim of the last month (demo-claim-...) comes
			// between them in date order.
			key := tx.IdempotencyKey
			if !booksKey.MatchString(key) {
				continue // booked by another part of the seed (the local currency, say)
			}
			if strings.HasPrefix(key, "demo-claim-") {
				claimKeys++
				var moved int64
				for _, p := range tx.Postings {
					if pot[p.AccountID] {
						moved += p.Amount
					}
				}
				if moved != 0 || !tx.On.After(lastMoney) || tx.On.After(today) {
					t.Errorf("seq %d %q on %s: the pots change by %d; want a claim of the statement's month that keeps the money in the bank",
						tx.Seq, tx.Description, tx.On.Format(time.DateOnly), moved)
				}
			} else {
				demoKeys++
				if want := fmt.Sprintf("demo-%d", demoKeys); key != want {
					t.Errorf("seq %d: key %q, want %q", tx.Seq, key, want)
				}
				if tx.On.After(today) || tx.CreatedAt.After(now) || tx.CreatedBy == "" || tx.Category == "" {
					t.Errorf("seq %d: on %v, created %v by %q, category %q", tx.Seq, tx.On, tx.CreatedAt, tx.CreatedBy, tx.Category)
				}
				if assets[tx.Postings[0].AccountID] == ledger.Time {
					exchanges++
					if m := tx.Postings[0].Amount; m < 30 || m > 180 {
						t.Errorf("seq %d: exchange of %d minutes", tx.Seq, m)
					}
					for _, p := range tx.Postings {
						if personOf[p.AccountID] == "" {
							t.Errorf("seq %d: an exchange of hours with an account of no resident", tx.Seq)
						}
						exchanged[personOf[p.AccountID]] = true
					}
				} else if tx.On.After(lastMoney) {
					t.Errorf("seq %d %q: money on %s, in the month of the demo bank statement", tx.Seq, tx.Description, tx.On.Format(time.DateOnly))
				}
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
		if claimKeys != 1 {
			t.Errorf("claim transactions=%d, want the approval of one claim", claimKeys)
		}
		if exchanges < 20 || exchanges > 40 {
			t.Errorf("time bank exchanges=%d, want 20..40", exchanges)
		}
		for _, c := range []string{"subsidie", "toekenning", "materiaal", "huur", "koffie en thee", "zaaigoed", "gereedschap", "drukwerk", "vrijwilligersvergoeding", "contributie", "tijdbank"} {
			if cats[c] == 0 {
				t.Errorf("no transactions of category %q", c)
			}
		}

		// The time bank: one account in minutes per resident, with the
		// standard limit and a code without names (residents' accounts in
		// the local currency are of type time too, and volunteers thanked
		// with hours have one as well). The books' exchanges are between a
		// few residents, among them the two with a demo account.
		timeOf := map[string]string{} // person ID: the code of their account in minutes
		for _, a := range totals {
			if a.Type != ledger.TypeTime || a.Asset != ledger.Time {
				continue
			}
			if a.PersonID == "" || a.MinBalance != store.TimeAccountLimit || a.AllowOverdraft || timeOf[a.PersonID] != "" ||
				!strings.HasPrefix(a.Code, store.CodeTime+":") || strings.Contains(a.Code, ".") {
				t.Errorf("time account %+v", a.Account)
			}
			timeOf[a.PersonID] = a.Code
		}
		for id := range exchanged {
			if timeOf[id] == "" {
				t.Errorf("resident %s exchanged hours without an account in minutes", id)
			}
		}
		for _, p := range people {
			if p.DisplayName == "Naima B." || p.DisplayName == "Ria J." {
				if !exchanged[p.ID] {
					t.Errorf("%s took no part in the time bank's exchanges", p.DisplayName)
				}
			}
		}
		if n := len(exchanged); n < 6 || n > 10 {
			t.Errorf("residents exchanging hours=%d, want 6..10", n)
		}

		if b := byCode["Bank|EUR"]; b.Total <= 0 {
			t.Errorf("Bank=%d, want money not set aside yet (last month's own income)", b.Total)
		}
		importAndPay(t, s, w.ID, now, cash)
	})
}

// importAndPay is the demo's path through the last month of the books,
// as the treasurer and the voorzitter walk it: the bank statement starts
// where the books stop (its opening balance is cash, the money in the pots
// then) and is imported, every line booked, some by a rule and the others
// waiting, and the payment of the approved claim linked to that claim; a
// second import finds only duplicates. The voorzitter approves the waiting
// claim and the treasurer pays it.
func importAndPay(t *testing.T, s *store.Store, wijkID string, seeded time.Time, cash int64) {
	t.Helper()
	ctx := context.Background()
	data, err := demo.BankStatementFor(ctx, s, wijkID, seeded)
	if err != nil {
		t.Fatal(err)
	}
	st := parseStatement(t, data)
	checkStatement(t, st, data, seeded)
	if cash != st.opening {
		t.Errorf("money in the books when they stop: %d cents, the bank statement opens with %d", cash, st.opening)
	}
	again, err := demo.BankStatementFor(ctx, s, wijkID, seeded.AddDate(0, 2, 0))
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("asked for two months later, the bank statement changed (%v): a second import would book it twice", err)
	}

	user := func(email string) string {
		u, err := s.UserByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	pen, chair, naima := user("penningmeester@example.org"), user("voorzitter@example.org"), user("initiatiefnemer@example.org")

	// The claims: the newest waits for approval, the other was approved
	// by the voorzitter and its payment is on the statement.
	claims, err := s.Claims(ctx, wijkID, "")
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for _, c := range claims {
		statuses = append(statuses, string(c.Status))
		if c.ClaimantUserID != naima || c.ReceiptType != "application/pdf" || c.PayeeIBAN == "" || c.CreatedAt.After(seeded) ||
			!c.CreatedAt.After(seeded.AddDate(0, 0, -statementDays)) {
			t.Errorf("claim %q: claimant %s, receipt %s, payee IBAN %q, submitted %v; want the initiatiefnemer's, with a PDF, in the statement's month",
				c.Purpose, c.ClaimantUserID, c.ReceiptType, c.PayeeIBAN, c.CreatedAt)
		}
		if c.Status == store.ClaimApproved && c.ApprovedBy != chair {
			t.Errorf("claim %q approved by %s, want the voorzitter", c.Purpose, c.ApprovedBy)
		}
		r, err := s.Receipt(ctx, c.ID)
		if err != nil || !bytes.HasPrefix(r.Data, []byte("%PDF-1.4")) || !bytes.HasSuffix(r.Data, []byte("%%EOF\n")) {
			t.Errorf("receipt of %q: %v, %q", c.Purpose, err, r.Data)
		}
	}
	if !slices.Equal(statuses, []string{string(store.ClaimSubmitted), string(store.ClaimApproved)}) {
		t.Fatalf("claims (newest first): %v, want one submitted and one approved", statuses)
	}
	waiting, approved := claims[0], claims[1]

	rep, err := s.ImportBank(ctx, wijkID, demo.BankStatementName, data, pen)
	if err != nil {
		t.Fatal(err)
	}
	n := len(st.doc.Stmt[0].Ntry)
	if rep.Rejected || rep.Imported != n || rep.Matched < 4 || rep.Queued < 3 {
		t.Errorf("import: rejected=%v (%s) imported=%d matched=%d queued=%d, want all %d lines, some matched and some queued; lines %+v",
			rep.Rejected, rep.Problem, rep.Imported, rep.Matched, rep.Queued, n, rep.Lines)
	}
	var claimLines []store.ReportLine
	for _, l := range rep.Lines {
		if l.Why != nil && l.Why.Key == store.ReasonClaim {
			claimLines = append(claimLines, l)
		}
	}
	if len(claimLines) != 1 || claimLines[0].AmountCents != -approved.AmountCents || claimLines[0].Outcome != store.LineMatched ||
		!slices.Equal(claimLines[0].Why.Args, []any{approved.Purpose}) || claimLines[0].Reason != "claim: "+approved.Purpose {
		t.Errorf("lines recognised as the payment of a claim: %+v; want one, of -%d cents, the approved claim %q", claimLines, approved.AmountCents, approved.Purpose)
	}
	if c, err := s.Claim(ctx, approved.ID); err != nil || c.Status != store.ClaimPaid {
		t.Errorf("the approved claim after the import of its payment: %s (%v), want paid", c.Status, err)
	}
	t.Logf("%s: import of the demo bank statement: %d lines, %d matched (%d of them a claim's payment), %d queued", s.Dialect(),
		rep.Imported, rep.Matched, len(claimLines), rep.Queued)
	rep, err = s.ImportBank(ctx, wijkID, demo.BankStatementName, data, pen)
	if err != nil || rep.Rejected || rep.Duplicates != n || rep.Imported != 0 {
		t.Errorf("second import: %v rejected=%v imported=%d duplicates=%d, want %d duplicates", err, rep.Rejected, rep.Imported, rep.Duplicates, n)
	}
	bankAcct, err := s.AccountByCode(ctx, wijkID, store.CodeBank, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	totals, err := s.AccountTotals(ctx, wijkID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if held := moneyInPots(totals); held != st.closing {
		t.Errorf("after the import the pots hold %d cents, the statement closes with %d", moneyInPots(totals), st.closing)
	}

	// Four eyes: the voorzitter approves the waiting claim and the
	// treasurer pays it; paying the other again books nothing.
	if _, err := s.ApproveClaim(ctx, waiting.ID, naima, ""); wei.ErrorCode(err) != wei.EINVALID {
		t.Errorf("the claimant's own approval: %v, want EINVALID", err)
	}
	if _, err := s.ApproveClaim(ctx, waiting.ID, chair, ""); err != nil {
		t.Errorf("the voorzitter's approval: %v", err)
	}
	bankBefore, err := s.Balance(ctx, bankAcct.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []store.Claim{waiting, approved} {
		if c, err := s.PayClaim(ctx, c.ID, pen, ""); err != nil || c.Status != store.ClaimPaid {
			t.Errorf("paying %q: %s, %v", c.Purpose, c.Status, err)
		}
	}
	if bankAfter, err := s.Balance(ctx, bankAcct.ID); err != nil || bankAfter != bankBefore-waiting.AmountCents {
		t.Errorf("Bank after paying the claims: %d (%v), want %d: less by the claim that was not paid yet (%d)", bankAfter, err,
			bankBefore-waiting.AmountCents, waiting.AmountCents)
	}
	if broken, bad, err := s.VerifyLedger(ctx, wijkID); err != nil || broken != 0 || len(bad) != 0 {
		t.Errorf("VerifyLedger after the import and the claims: %v %d %v", err, broken, bad)
	}
}

// TestBooksOtherDays seeds the demo on days across the year (the ends of
// months, a leap day, the turn of the year, and today) and walks the
// demo's last month on each: the statement fits the books and imports
// whole, and the claims can be approved and paid.
func TestBooksOtherDays(t *testing.T) {
	t.Parallel()
	days := []time.Time{time.Now().UTC()}
	// The edges a 30-day statement can cross: a new year, a year's end, a
	// February without and with a leap day. (Each day is a whole seed, the
	// slowest part of the suite under the race detector: keep the list short.)
	for _, d := range []string{"2026-01-01", "2026-12-31", "2027-03-01", "2028-02-29"} {
		day, err := time.Parse(time.DateOnly, d)
		if err != nil {
			t.Fatal(err)
		}
		days = append(days, day.Add(11*time.Hour+7*time.Minute))
	}
	for _, seeded := range days {
		t.Run(seeded.Format(time.DateOnly), func(t *testing.T) {
			t.Parallel()
			s := openSQLite(t)
			ctx := context.Background()
			res, err := demo.Seed(ctx, s, seeded)
			if err != nil {
				t.Fatal(err)
			}
			end := time.Date(seeded.Year(), seeded.Month(), seeded.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -statementDays-1)
			totals, err := s.AccountTotals(ctx, res.Wijk.ID, time.Time{}, end)
			if err != nil {
				t.Fatal(err)
			}
			importAndPay(t, s, res.Wijk.ID, seeded, moneyInPots(totals))
		})
	}
}

// isPot reports whether accounts of a type hold money of the wijk's bank
// account (in euros): Bank, the Wijkbudget, the wijkcoöperatie's own
// account and the initiatives' budgets. An initiative's accounts in
// minutes and in the local currency are of type budget too.
func isPot(t ledger.AccountType) bool {
	return t == ledger.TypeBank || t == ledger.TypeFund || t == ledger.TypeBudget
}

// moneyInPots is the money in euros in the pots: what the wijk's bank
// account holds according to the books.
func moneyInPots(totals []store.AccountTotal) int64 {
	var cents int64
	for _, a := range totals {
		if a.Asset == ledger.EUR && isPot(a.Type) {
			cents += a.Total
		}
	}
	return cents
}

// booksKey matches the idempotency keys of the books' own transactions
// (demo-1, demo-2...) and of the demo claims' (demo-claim-1-approve...).
var booksKey = regexp.MustCompile(`^demo-(\d+|claim-.+)$`)

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
	claims, err := s.Claims(ctx, wijkID, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		r, err := s.Receipt(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("claim %s|%s|%s|%d|%s|%s|%v|%v|%s|%x", c.Purpose, c.Category, c.Status, c.AmountCents, c.SpentOn.Format(time.DateOnly),
			c.PayeeName, c.CreatedAt, c.ApprovedAt, r.Name, sha256.Sum256(r.Data)))
	}
	data, err := demo.BankStatementFor(ctx, s, wijkID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return append(out, fmt.Sprintf("bank statement %x", sha256.Sum256(data)))
}

// camt is the part of a CAMT.053 statement the tests look at.
type camt struct {
	XMLName xml.Name `xml:"Document"`
	Stmt    []struct {
		Acct struct {
			IBAN string `xml:"Id>IBAN"`
			Ccy  string `xml:"Ccy"`
		} `xml:"Acct"`
		From    string `xml:"FrToDt>FrDtTm"`
		To      string `xml:"FrToDt>ToDtTm"`
		Count   int    `xml:"TxsSummry>TtlNtries>NbOfNtries"`
		Sum     string `xml:"TxsSummry>TtlNtries>Sum"`
		Net     string `xml:"TxsSummry>TtlNtries>TtlNetNtryAmt"`
		NetSign string `xml:"TxsSummry>TtlNtries>CdtDbtInd"`
		Credits struct {
			N   int    `xml:"NbOfNtries"`
			Sum string `xml:"Sum"`
		} `xml:"TxsSummry>TtlCdtNtries"`
		Debits struct {
			N   int    `xml:"NbOfNtries"`
			Sum string `xml:"Sum"`
		} `xml:"TxsSummry>TtlDbtNtries"`
		Bal []struct {
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

func parseStatement(t *testing.T, data []byte) statement {
	t.Helper()
	// Well-formed: every token reads.
	dec := xml.NewDecoder(bytes.NewReader(data))
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
	if err := xml.Unmarshal(data, &st.doc); err != nil {
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

// update rewrites the golden demo bank statement in testdata:
//
//	go test ./internal/demo -run TestBankStatement -update
var update = flag.Bool("update", false, "rewrite testdata/"+demo.BankStatementName+" from the demo seeded on the tests' day")

// TestBankStatement checks the demo bank statement of the demo seeded on
// the tests' day against the golden file in testdata, so that a change to
// the demo's books or to the statement is seen and checked.
func TestBankStatement(t *testing.T) {
	t.Parallel()
	if !validIBAN(demo.DemoIBAN) || !strings.HasPrefix(demo.DemoIBAN, "NL") || len(demo.DemoIBAN) != 18 {
		t.Errorf("DemoIBAN %s is not a valid Dutch IBAN", demo.DemoIBAN)
	}
	s := openSQLite(t)
	ctx := context.Background()
	res, err := demo.Seed(ctx, s, now)
	if err != nil {
		t.Fatal(err)
	}
	data, err := demo.BankStatementFor(ctx, s, res.Wijk.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	checkStatement(t, parseStatement(t, data), data, now)
	golden := filepath.Join("testdata", demo.BankStatementName)
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, data) {
		got, want := strings.Split(string(data), "\n"), strings.Split(string(file), "\n")
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Errorf("the demo bank statement of a demo seeded on %s differs from %s from line %d on (run with -update after checking the change)",
			now.Format(time.DateOnly), golden, i+1)
	}
	// A wijk whose books are younger than the demo's gets a statement
	// that ends yesterday.
	young := mustBooks(t, s, "jonge-wijk")
	for _, day := range []time.Time{now, now.AddDate(0, 0, 5)} {
		data, err := demo.BankStatementFor(ctx, s, young, day)
		if err != nil {
			t.Fatal(err)
		}
		st := parseStatement(t, data)
		checkStatement(t, st, data, day)
		if st.opening != 0 {
			t.Errorf("young wijk: opening balance %d, want 0 (no money booked)", st.opening)
		}
	}
}

// mustBooks makes a wijk with the standard chart and no transactions.
func mustBooks(t *testing.T, s *store.Store, slug string) string {
	t.Helper()
	ctx := context.Background()
	w := wijk.Wijk{Slug: slug, Name: slug, CBSCode: "WK036301", CBSYear: 2024, Municipality: "Amsterdam"}
	if err := s.CreateWijk(ctx, &w); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureChart(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	return w.ID
}

// statementDays is the length of the demo bank statement's period.
const statementDays = 30

// checkStatement checks a demo bank statement for a demo seeded on the day
// seeded: DemoIBAN, the statementDays days before that day, lines in date
// order with unique references, balances and a summary that add up, every
// payment after the subsidy, and what WEI's parser reads.
func checkStatement(t *testing.T, st statement, data []byte, seeded time.Time) {
	t.Helper()
	first := seeded.UTC().AddDate(0, 0, -statementDays).Format(time.DateOnly)
	last := seeded.UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	s := st.doc.Stmt[0]
	if s.Acct.IBAN != demo.DemoIBAN || s.Acct.Ccy != "EUR" {
		t.Errorf("account %s %s, want %s EUR", s.Acct.IBAN, s.Acct.Ccy, demo.DemoIBAN)
	}
	if s.From != first+"T00:00:00" || s.To != last+"T23:59:59" {
		t.Errorf("period %s..%s, want %s..%s", s.From, s.To, first, last)
	}
	if n := len(s.Ntry); n < 8 || n > 12 {
		t.Errorf("entries=%d, want 8..12", n)
	}
	sum, refs, notProvided, noIBAN := st.opening, map[string]bool{}, 0, 0
	var in, out int64
	var nIn, nOut int
	prev, subsidy := "", ""
	for i, e := range s.Ntry {
		c := cents(t, e.Amt, e.Sign)
		sum += c
		if c > 0 {
			in, nIn = in+c, nIn+1
		} else {
			out, nOut = out-c, nOut+1
		}
		if e.Ref == "" || refs[e.Ref] || !strings.HasPrefix(e.Ref, strings.ReplaceAll(e.Date, "-", "")) {
			t.Errorf("entry %d: reference %q missing, not unique or not starting with its date %s", i+1, e.Ref, e.Date)
		}
		refs[e.Ref] = true
		if e.E2E == "NOTPROVIDED" {
			notProvided++
		}
		if e.Date < prev || e.Date < first || e.Date > last {
			t.Errorf("entry %d: booked %s, want in date order within %s..%s", i+1, e.Date, first, last)
		}
		prev = e.Date
		if strings.HasPrefix(e.Ustrd, "Subsidie wijkbudget") {
			subsidy = e.Date
		}
		if c < 0 && (subsidy == "" || e.Date < subsidy) {
			t.Errorf("entry %d: a payment on %s before the subsidy came in", i+1, e.Date)
		}
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
	if sum != st.closing || st.opening < 0 || s.Count != len(s.Ntry) || cents(t, s.Net, s.NetSign) != st.closing-st.opening {
		t.Errorf("opening %d + entries = %d, closing balance %d; summary: %d entries, net %s %s", st.opening, sum, st.closing, s.Count, s.Net, s.NetSign)
	}
	if cents(t, s.Sum, "CRDT") != in+out || s.Credits.N != nIn || cents(t, s.Credits.Sum, "CRDT") != in || s.Debits.N != nOut || cents(t, s.Debits.Sum, "CRDT") != out {
		t.Errorf("summary: all %s, credits %d %s, debits %d %s; want %d, %d of %d, %d of %d", s.Sum, s.Credits.N, s.Credits.Sum, s.Debits.N, s.Debits.Sum,
			in+out, nIn, in, nOut, out)
	}

	// WEI's own parser reads it as the treasurer's import will.
	parsed, err := bank.Parse(demo.BankStatementName, data)
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
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the bank statement has no line with %q", want)
		}
	}
}
