package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// booksFixture gives the fixture's wijk its chart and five transactions
// this year: a subsidy of the Woonstichting on a bank account whose name
// holds an IBAN, money set aside in the wijkbudget, a grant to the
// Buurttuin, an expense of the Buurttuin, and an hour and a half of help
// between two residents in the time bank.
type booksFixture struct {
	*fixture
	txs  []ledger.Transaction
	year int
}

const booksIBAN = "NL91ABNA0417164300"

func newBooksFixture(t *testing.T) *booksFixture {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	s := f.store
	if err := s.EnsureChart(ctx, f.wijk.ID); err != nil {
		t.Fatal(err)
	}
	acct := func(code string) ledger.Account {
		t.Helper()
		a, err := s.AccountByCode(ctx, f.wijk.ID, code, ledger.EUR)
		if err != nil {
			t.Fatalf("account %s: %v", code, err)
		}
		return a
	}
	bank := ledger.Account{WijkID: f.wijk.ID, Code: "Bank:Betaalrekening", Name: "Betaalrekening " + booksIBAN, Type: ledger.TypeBank, Asset: ledger.EUR}
	if err := s.CreateAccount(ctx, &bank); err != nil {
		t.Fatal(err)
	}
	funder, wb := acct(store.CodeFunders+":Woonstichting"), acct(store.CodeWijkbudget)
	budget, spent := acct(store.CodeInitiative+":Buurttuin:Budget"), acct(store.CodeInitiative+":Buurttuin:Uitgaven")
	year := today().Year()
	on := time.Date(year, 3, 1, 0, 0, 0, 0, time.UTC)
	bf := &booksFixture{fixture: f, year: year}
	post := func(key, desc, cat string, to, from ledger.Account, cents int64) {
		t.Helper()
		tx, _, err := s.Post(ctx, ledger.Transaction{WijkID: f.wijk.ID, On: on, Description: desc, Category: cat, IdempotencyKey: key,
			Postings: []ledger.Posting{{AccountID: to.ID, Asset: ledger.EUR, Amount: cents}, {AccountID: from.ID, Asset: ledger.EUR, Amount: -cents}}})
		if err != nil {
			t.Fatalf("post %s: %v", key, err)
		}
		bf.txs = append(bf.txs, tx)
		on = on.AddDate(0, 0, 1)
	}
	post("sub", "Subsidie leefbaarheid", "subsidie", bank, funder, 500_000)
	post("wb", "Geld voor het wijkbudget", "", wb, bank, 300_000)
	post("grant", "Bijdrage aan de Buurttuin", "toekenning", budget, wb, 123_456)
	post("exp", "Zaden en potgrond", "materiaal", spent, budget, 45_050)
	helper := wijk.Person{WijkID: f.wijk.ID, DisplayName: "Karel Zwaluw", ConsentAt: time.Now()}
	if err := s.CreatePerson(ctx, &helper); err != nil {
		t.Fatal(err)
	}
	tx, err := s.PayTime(ctx, f.wijk.ID, f.person.ID, helper.ID, 90, on, "Hulp bij de boodschappen", "time", "")
	if err != nil {
		t.Fatal(err)
	}
	bf.txs = append(bf.txs, tx)
	return bf
}

var ibanRe = regexp.MustCompile(`\b[A-Z]{2}[0-9]{2}[A-Z]{4}[0-9]{7,}\b`)

func TestBooksPublicPage(t *testing.T) {
	f := newBooksFixture(t)
	head := f.txs[len(f.txs)-1]
	body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding", "", nil)
	for _, want := range []string{
		"€ 5.000,00", // money in, and given by the Woonstichting
		"€ 1.234,56", // granted to the Buurttuin
		"€ 450,50",   // spent by it
		"€ 784,06",   // left in its budget; the difference granted - spent
		"Buurttuin", "Woonstichting", "subsidie", "materiaal",
		"Boeking nr. 5, controlecode", head.Hash,
		nl(t, "books.verify.ok"),
		`role="img"`, `href="/w/test-wijk/boekhouding" aria-current="page"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("public page lacks %q", want)
		}
	}
	if head.Seq != 5 {
		t.Fatalf("head seq=%d, want 5", head.Seq)
	}
	// No private persons, no IBANs, no receipts, no account names.
	if m := ibanRe.FindString(body); m != "" {
		t.Errorf("public page shows an IBAN-like string %q", m)
	}
	for _, bad := range []string{f.person.DisplayName, "Karel Zwaluw", store.CodeTime, "Hulp bij de boodschappen", "Betaalrekening", "tijdbank"} {
		if strings.Contains(body, bad) {
			t.Errorf("public page shows %q", bad)
		}
	}
	if strings.Contains(body, nl(t, "books.report.link")) {
		t.Error("an anonymous visitor sees the link to the reports")
	}
	if body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding", "penningmeester", nil); !strings.Contains(body, nl(t, "books.report.link")) {
		t.Error("the treasurer does not see the link to the reports")
	} else if !strings.Contains(body, `href="/w/test-wijk/boekhouding/bank"`) || !strings.Contains(body, `href="/w/test-wijk/declaraties"`) {
		t.Error("the treasurer's public page lacks the books sub-menu with the bank page and the claims")
	}
	if strings.Contains(body, `href="/w/test-wijk/boekhouding/bank"`) {
		t.Error("an anonymous visitor sees a link to the bank page")
	}

	// An earlier period holds nothing; the chain head still shows.
	body = f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding?from=2000-01-01&to=2000-12-31", "", nil)
	if strings.Contains(body, "€ 5.000,00") || !strings.Contains(body, nl(t, "books.initiatives.none")) || !strings.Contains(body, head.Hash) {
		t.Error("a period without transactions shows figures, or no head")
	}
	// Looking up an earlier transaction by its number.
	body = f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding?nr=1", "", nil)
	if !strings.Contains(body, "Boeking nr. 1 van") || !strings.Contains(body, f.txs[0].Hash) {
		t.Error("lookup of transaction 1 does not show its code")
	}
	if body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding?nr=99", "", nil); !strings.Contains(body, nl(t, "books.lookup.not_found")) {
		t.Error("lookup of a missing number")
	}
	f.page(http.StatusBadRequest, "GET", "/w/test-wijk/boekhouding?nr=abc", "", nil)
	f.page(http.StatusBadRequest, "GET", "/w/test-wijk/boekhouding?from=2025-13-01", "", nil)
	f.page(http.StatusBadRequest, "GET", "/w/test-wijk/boekhouding?from=2025-02-01&to=2025-01-01", "", nil)

	// In English, money is written the English way.
	req := httptest.NewRequest("GET", "/w/test-wijk/boekhouding", nil)
	req.Header.Set("Accept-Language", "en")
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), "€5,000.00") || !strings.Contains(rec.Body.String(), "Transaction no. 5, check code") {
		t.Error("English page lacks €5,000.00 or the head")
	}
}

func TestBooksPublicEmpty(t *testing.T) {
	f := newFixture(t)
	body := f.page(http.StatusOK, "GET", "/w/andere-wijk/boekhouding", "", nil)
	if !strings.Contains(body, nl(t, "books.public.empty")) || strings.Contains(body, "controlecode") {
		t.Error("a wijk without books does not show the empty state")
	}
	body = f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding/rapport", "penningmeester", nil)
	if !strings.Contains(body, nl(t, "books.report.empty")) {
		t.Error("the report of a wijk without books does not say so")
	}
}

func TestBooksReport(t *testing.T) {
	f := newBooksFixture(t)
	body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding/rapport", "penningmeester", nil)
	for _, want := range []string{
		"Bank:Betaalrekening", "€ 2.000,00", // 5,000 in, 3,000 to the wijkbudget
		"Wijkbudget", "€ 1.765,44", // 3,000 less the grant
		"Initiatieven:Buurttuin:Budget", "€ 784,06",
		"€ -5.000,00",                       // given by the Woonstichting
		"€ -450,50",                         // the result: expenses only
		nl(t, "books.report.balanced"),      // the balances add up to the result
		nl(t, "books.report.expense_total"), // the income statement
		"<caption", "export.csv?from=" + strconv.Itoa(f.year) + "-01-01&amp;to=" + strconv.Itoa(f.year) + "-12-31",
		"export.xlsx?", "export.journal?",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// One initiative.
	body = f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding/rapport?org="+f.org.ID, "voorzitter", nil)
	_, content, _ := strings.Cut(body, "<main") // the menu links to the wijkbudget pages; the report of one initiative holds no Wijkbudget account
	if !strings.Contains(body, nl(t, "books.report.for_org", "Buurttuin")) || strings.Contains(content, "Wijkbudget") || !strings.Contains(body, "€ 450,50") {
		t.Error("the report of one initiative")
	}
	// Another year has no income statement, and the bank was empty then.
	body = f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding/rapport?year=2001", "penningmeester", nil)
	if !strings.Contains(body, nl(t, "books.report.result.none")) || strings.Contains(body, "€ 2.000,00") {
		t.Error("the report of 2001")
	}
	f.page(http.StatusBadRequest, "GET", "/w/test-wijk/boekhouding/rapport?org=bogus", "penningmeester", nil)
	f.page(http.StatusBadRequest, "GET", "/w/test-wijk/boekhouding/rapport?year=twee", "penningmeester", nil)
	f.want(http.StatusForbidden, "GET", "/w/test-wijk/boekhouding/rapport", "bewoner", nil)
}

func TestBooksExports(t *testing.T) {
	f := newBooksFixture(t)
	get := func(path string) *httptest.ResponseRecorder {
		t.Helper()
		rec := f.do("GET", path, "penningmeester", nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d\n%s", path, rec.Code, rec.Body.String())
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="wei-boekhouding-test-wijk`) {
			t.Errorf("%s: Content-Disposition %q", path, cd)
		}
		return rec
	}

	// CSV: one row per posting, and per asset the amounts sum to zero.
	rec := get("/w/test-wijk/boekhouding/export.csv")
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	postings := 0
	for _, tx := range f.txs {
		postings += len(tx.Postings)
	}
	if len(rows) != 1+postings {
		t.Fatalf("csv has %d rows, want a header and %d postings", len(rows), postings)
	}
	sums := map[string]int64{}
	for _, r := range rows[1:] {
		v, err := strconv.ParseInt(strings.Replace(r[6], ".", "", 1), 10, 64)
		if err != nil {
			t.Fatalf("amount %q: %v", r[6], err)
		}
		sums[r[5]] += v
		if r[7] == "" || r[1] == "" {
			t.Errorf("row without seq or hash: %v", r)
		}
	}
	if len(sums) != 2 || sums[ledger.EUR] != 0 || sums[ledger.Time] != 0 {
		t.Errorf("sums per asset=%v, want EUR and MIN, both zero", sums)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("csv Content-Type %q", ct)
	}
	// A period: the first two days hold two transactions.
	y := strconv.Itoa(f.year)
	rec = get("/w/test-wijk/boekhouding/export.csv?from=" + y + "-03-01&to=" + y + "-03-02")
	if rows, _ := csv.NewReader(rec.Body).ReadAll(); len(rows) != 1+4 {
		t.Errorf("csv of two days has %d rows, want 5", len(rows))
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, y+"-03-01-tot-"+y+"-03-02.csv") {
		t.Errorf("period file name %q", cd)
	}

	// XLSX: a zip with the three sheets.
	rec = get("/w/test-wijk/boekhouding/export.xlsx")
	data := rec.Body.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("xlsx does not unzip: %v", err)
	}
	parts := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[zf.Name] = string(b)
	}
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/styles.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("xlsx lacks %s", name)
		}
	}
	for _, sheet := range []string{"Transacties", "Balans", "Resultaat"} {
		if !strings.Contains(parts["xl/workbook.xml"], `name="`+sheet+`"`) {
			t.Errorf("xlsx lacks sheet %s", sheet)
		}
	}
	if !strings.Contains(parts["xl/worksheets/sheet1.xml"], "<v>1234.56</v>") || strings.Contains(parts["xl/worksheets/sheet2.xml"], f.person.DisplayName) {
		t.Error("xlsx: the grant is not a number, or a resident is named")
	}

	// The journal starts with the wijk's name as title.
	rec = get("/w/test-wijk/boekhouding/export.journal")
	if j := rec.Body.String(); !strings.HasPrefix(j, "; Testwijk\n") || !strings.Contains(j, "seq:5, hash:"+f.txs[4].Hash) {
		t.Errorf("journal:\n%.400s", j)
	}

	if rec := f.do("GET", "/w/test-wijk/boekhouding/export.csv?from=gisteren", "penningmeester", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("bad period: status %d, want 400", rec.Code)
	}
	if rec := f.do("GET", "/w/test-wijk/boekhouding/export.csv", "bewoner", nil); rec.Code != http.StatusForbidden {
		t.Errorf("a resident exports: status %d, want 403", rec.Code)
	}
}

// tableRows returns the text of the cells of each body row of the table
// with the given id.
func tableRows(t *testing.T, body, id string) [][]string {
	t.Helper()
	start := strings.Index(body, `id="`+id+`"`)
	if start < 0 {
		return nil
	}
	end := strings.Index(body[start:], "</table>")
	tbody := body[start : start+end]
	if i := strings.Index(tbody, "<tbody"); i >= 0 {
		tbody = tbody[i:]
	}
	cell := regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	tag := regexp.MustCompile(`<[^>]+>`)
	var out [][]string
	for _, row := range strings.Split(tbody, "<tr")[1:] {
		var cells []string
		for _, m := range cell.FindAllStringSubmatch(row, -1) {
			cells = append(cells, html.UnescapeString(strings.TrimSpace(tag.ReplaceAllString(m[1], ""))))
		}
		out = append(out, cells)
	}
	return out
}

// TestBooksPublicFiguresAsBefore: the tables of the public page show, row
// by row, the figures ledger.NewFlows computes from every transaction, as
// the page did before it read sums: for this year, with a refund to the
// funder, a reversal in a category of its own and an expense taken back
// at once, and for a period of one day.
func TestBooksPublicFiguresAsBefore(t *testing.T) {
	f := newBooksFixture(t)
	ctx := context.Background()
	s := f.store
	acct := func(code string) ledger.Account {
		t.Helper()
		a, err := s.AccountByCode(ctx, f.wijk.ID, code, ledger.EUR)
		if err != nil {
			t.Fatalf("account %s: %v", code, err)
		}
		return a
	}
	on := time.Date(f.year, 4, 1, 0, 0, 0, 0, time.UTC)
	funder, bank := acct(store.CodeFunders+":Woonstichting"), acct("Bank:Betaalrekening")
	post := func(key, cat string, ps ...ledger.Posting) ledger.Transaction {
		t.Helper()
		tx, _, err := s.Post(ctx, ledger.Transaction{WijkID: f.wijk.ID, On: on, Description: "Boeking " + key, Category: cat, IdempotencyKey: key, Postings: ps})
		if err != nil {
			t.Fatalf("post %s: %v", key, err)
		}
		return tx
	}
	post("terug", "subsidie", ledger.Posting{AccountID: funder.ID, Asset: ledger.EUR, Amount: 10_000}, ledger.Posting{AccountID: bank.ID, Asset: ledger.EUR, Amount: -10_000})
	gift := post("gift", "correctie", ledger.Posting{AccountID: bank.ID, Asset: ledger.EUR, Amount: 2_500}, ledger.Posting{AccountID: funder.ID, Asset: ledger.EUR, Amount: -2_500})
	if _, _, err := s.Post(ctx, gift.Reversal(on.AddDate(0, 0, 1), "gift-terug", "")); err != nil {
		t.Fatal(err)
	}
	// An expense booked and taken back in one transaction: nothing went
	// out, so its category is not listed.
	spent := acct(store.CodeInitiative + ":Buurttuin:Uitgaven")
	post("intern", "intern", ledger.Posting{AccountID: spent.ID, Asset: ledger.EUR, Amount: 100}, ledger.Posting{AccountID: spent.ID, Asset: ledger.EUR, Amount: -100})

	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	l := b.For("nl")
	y := strconv.Itoa(f.year)
	for _, p := range [][2]string{{y + "-01-01", y + "-12-31"}, {y + "-03-04", y + "-03-04"}} {
		from, _ := time.Parse(time.DateOnly, p[0])
		to, _ := time.Parse(time.DateOnly, p[1])
		txs, err := s.LedgerTransactions(ctx, f.wijk.ID, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		accts, err := s.LedgerAccounts(ctx, f.wijk.ID)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]ledger.Account{}
		for _, a := range accts {
			m[a.ID] = a
		}
		old := ledger.NewFlows(ledger.EUR, from, to, txs, m)
		names := map[string]string{f.org.ID: f.org.Name, f.partner.ID: f.partner.Name}
		var inits, funders, cats [][]string
		for _, x := range old.Initiatives {
			inits = append(inits, []string{names[x.OrganisationID], euros(l, x.Granted), euros(l, x.Income), euros(l, x.In()), euros(l, x.Spent)})
		}
		for _, x := range old.Funders {
			funders = append(funders, []string{names[x.OrganisationID], euros(l, x.In), euros(l, x.Out)})
		}
		for _, x := range old.Categories {
			name := x.Category
			if name == "" {
				name = l.T("books.category.none")
			}
			cats = append(cats, []string{name, euros(l, x.In), euros(l, x.Out)})
		}
		body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding?from="+p[0]+"&to="+p[1], "", nil)
		for _, c := range []struct {
			id   string
			want [][]string
		}{{"books-initiatives", inits}, {"books-funders", funders}, {"books-categories", cats}} {
			if got := tableRows(t, body, c.id); !slices.EqualFunc(got, c.want, slices.Equal) {
				t.Errorf("%s..%s: table %s\n got %q\nwant %q", p[0], p[1], c.id, got, c.want)
			}
		}
		if !strings.Contains(body, euros(l, old.In)) || !strings.Contains(body, euros(l, old.Out)) {
			t.Errorf("%s..%s: the page lacks money in %s or out %s", p[0], p[1], euros(l, old.In), euros(l, old.Out))
		}
	}
	body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding", "", nil)
	if !strings.Contains(body, "correctie") || strings.Contains(body, ">intern<") {
		t.Error("the reversed gift's category should show (with nothing in or out), the one of money moved inside the wijk not")
	}
}

// TestBooksPublicCheck: the page checks the chain from its checkpoint on
// and shows a change after it, and a changed amount anywhere.
func TestBooksPublicCheck(t *testing.T) {
	f := newBooksFixture(t)
	ctx := context.Background()
	exec := func(q string) {
		t.Helper()
		if err := f.store.ExecForTest(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding", "", nil); !strings.Contains(body, nl(t, "books.verify.ok")) {
		t.Fatal("intact books are not reported as intact")
	}
	if seq, _, _ := f.store.LedgerCheckpoint(ctx, f.wijk.ID); seq != 5 {
		t.Fatalf("checkpoint after a view=%d, want 5", seq)
	}
	bank, _ := f.store.AccountByCode(ctx, f.wijk.ID, "Bank:Betaalrekening", ledger.EUR)
	wb, _ := f.store.AccountByCode(ctx, f.wijk.ID, store.CodeWijkbudget, ledger.EUR)
	sixth, _, err := f.store.Post(ctx, ledger.Transaction{WijkID: f.wijk.ID, On: time.Date(f.year, 5, 1, 0, 0, 0, 0, time.UTC), Description: "Nog wat",
		IdempotencyKey: "zes", Postings: []ledger.Posting{{AccountID: wb.ID, Asset: ledger.EUR, Amount: 100}, {AccountID: bank.ID, Asset: ledger.EUR, Amount: -100}}})
	if err != nil {
		t.Fatal(err)
	}
	exec("UPDATE ledger_transactions SET description = 'Vervalst' WHERE id = '" + sixth.ID + "'")
	if body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding", "", nil); !strings.Contains(body, nl(t, "books.verify.broken", 6)) {
		t.Error("a changed transaction after the checkpoint is not reported")
	}
	exec("UPDATE ledger_transactions SET description = 'Nog wat' WHERE id = '" + sixth.ID + "'")
	exec("UPDATE ledger_postings SET amount = amount + 1 WHERE position = 0 AND transaction_id = '" + f.txs[0].ID + "'")
	if body := f.page(http.StatusOK, "GET", "/w/test-wijk/boekhouding", "", nil); !strings.Contains(body, nl(t, "books.verify.balances")) {
		t.Error("a changed amount in an old transaction is not reported")
	}
}
