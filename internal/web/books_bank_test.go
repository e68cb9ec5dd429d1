package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// fixtureIBAN is the account of bank/testdata/camt053_v02.xml.
const fixtureIBAN = "NL44RABO0123456789"

// bankFixture gives the fixture's wijk its chart and registers the IBAN
// of the CAMT.053 test statement.
func bankFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	c := context.Background()
	if err := f.store.EnsureChart(c, f.wijk.ID); err != nil {
		t.Fatal(err)
	}
	b, err := f.store.AccountByCode(c, f.wijk.ID, store.CodeBank, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.AddBankAccount(c, f.wijk.ID, fixtureIBAN, b.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func readBankFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "bank", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// upload posts a bank file as who, multipart with the CSRF token.
func (f *fixture) upload(who, name string, data []byte) *httptest.ResponseRecorder {
	f.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if err := mw.WriteField("csrf_token", f.csrf[who]); err != nil {
		f.t.Fatal(err)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		f.t.Fatal(err)
	}
	fw.Write(data)
	if err := mw.Close(); err != nil {
		f.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/w/"+f.wijk.Slug+"/boekhouding/bank/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

func (f *fixture) head(t testing.TB) (int64, string) {
	t.Helper()
	seq, hash, err := f.store.LedgerHead(context.Background(), f.wijk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return seq, hash
}

func (f *fixture) queue(t testing.TB) []store.BankLine {
	t.Helper()
	q, err := f.store.QueuedBankLines(context.Background(), f.wijk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestBankImport(t *testing.T) {
	f := bankFixture(t)
	data := readBankFile(t, "camt053_v02.xml")
	st, err := bank.Parse("camt053_v02.xml", data)
	if err != nil {
		t.Fatal(err)
	}
	l := f.h.loc.For("nl")

	rec := f.upload("penningmeester", "camt053_v02.xml", data)
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("first import: status=%d, want 200: %s", rec.Code, body)
	}
	for _, ln := range st.Lines {
		for _, want := range []string{`<th scope="row" class="utrecht-table__header-cell">` + strconv.Itoa(ln.LineNo) + `</th>`, euros(l, ln.AmountCents)} {
			if !strings.Contains(body, want) {
				t.Errorf("report lacks line %d: %q", ln.LineNo, want)
			}
		}
	}
	queued := `<td class="utrecht-table__cell">` + l.T("books.bank.outcome.queued") + `</td>`
	if got := strings.Count(body, queued); got != len(st.Lines) {
		t.Errorf("queued lines in the report=%d, want %d", got, len(st.Lines))
	}
	if !strings.Contains(body, "€ 500,00") {
		t.Errorf("report lacks the amount as € 500,00")
	}
	if got := len(f.queue(t)); got != len(st.Lines) {
		t.Fatalf("queue=%d lines, want %d", got, len(st.Lines))
	}
	seq, hash := f.head(t)

	// The same file again: every line is a duplicate, nothing is booked.
	rec = f.upload("penningmeester", "camt053_v02.xml", data)
	body = rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("second import: status=%d, want 200: %s", rec.Code, body)
	}
	dup := `<td class="utrecht-table__cell">` + l.T("books.bank.outcome.duplicate") + `</td>`
	if got := strings.Count(body, dup); got != len(st.Lines) {
		t.Errorf("duplicates in the report=%d, want %d", got, len(st.Lines))
	}
	if s2, h2 := f.head(t); s2 != seq || h2 != hash {
		t.Errorf("second import changed the ledger head: %d %s, want %d %s", s2, h2, seq, hash)
	}

	// A truncated file: refused, nothing imported, the head unchanged.
	rec = f.upload("penningmeester", "camt053_truncated.xml", readBankFile(t, "camt053_truncated.xml"))
	body = rec.Body.String()
	if rec.Code != http.StatusBadRequest {
		t.Errorf("truncated file: status=%d, want 400", rec.Code)
	}
	if !strings.Contains(body, l.T("books.bank.report.rejected.title")) {
		t.Errorf("truncated file: the page does not say that nothing was imported: %s", body)
	}
	if s2, h2 := f.head(t); s2 != seq || h2 != hash {
		t.Errorf("truncated file changed the ledger head: %d %s, want %d %s", s2, h2, seq, hash)
	}

	// The bank page shows the queue with the private details.
	rec = f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank", "penningmeester", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("bank page: status=%d", rec.Code)
	}
	for _, want := range []string{"Gemeente Voorbeeldstad", "NL36 INGB 0007 6543 21", "Koffie en gebak buurtavond", "NL44 RABO 0123 4567 89"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("bank page lacks %q", want)
		}
	}
}

func TestBankImportRefusesAnotherIBAN(t *testing.T) {
	f := newFixture(t) // no IBAN registered
	rec := f.upload("penningmeester", "camt053_v02.xml", readBankFile(t, "camt053_v02.xml"))
	if rec.Code != http.StatusBadRequest {
		t.Errorf("status=%d, want 400", rec.Code)
	}
	// The reason is the page's own, in Dutch, with the IBAN as banks print it.
	if want := "de rekening NL44 RABO 0123 4567 89 is geen bankrekening van deze wijk"; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("the report lacks %q", want)
	}
	if strings.Contains(rec.Body.String(), "is not a bank account") {
		t.Errorf("the report gives the store's English reason")
	}
	if seq, _ := f.head(t); seq != 0 {
		t.Errorf("ledger head=%d, want 0", seq)
	}
}

func TestBankImportNoFile(t *testing.T) {
	f := bankFixture(t)
	rec := f.do(http.MethodPost, "/w/test-wijk/boekhouding/bank/import", "penningmeester", nil)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("status=%d, want 400", rec.Code)
	}
	if want := f.h.loc.For("nl").T("books.bank.error.no_file"); !strings.Contains(rec.Body.String(), want) {
		t.Errorf("page lacks %q", want)
	}
}

func TestBankMatch(t *testing.T) {
	f := bankFixture(t)
	if rec := f.upload("penningmeester", "camt053_v02.xml", readBankFile(t, "camt053_v02.xml")); rec.Code != http.StatusOK {
		t.Fatalf("import: status=%d", rec.Code)
	}
	c := context.Background()
	income, err := f.store.AccountByCode(c, f.wijk.ID, store.CodeInitiative+":Buurttuin:Inkomsten", ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	suspense, err := f.store.AccountByCode(c, f.wijk.ID, store.CodeSuspense, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	q := f.queue(t)
	var line store.BankLine
	for _, ln := range q {
		if ln.AmountCents == 50000 {
			line = ln
		}
	}
	if line.ID == "" {
		t.Fatal("the subsidy line is not in the queue")
	}
	target := "/w/test-wijk/boekhouding/bank/mutaties/" + line.ID + "/matchen"

	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"no purpose", url.Values{"account_id": {income.ID}}, "books.bank.purpose.label"},
		{"no account", url.Values{"purpose": {"Subsidie"}}, "books.bank.match_account.label"},
		{"the queue itself", url.Values{"account_id": {suspense.ID}, "purpose": {"Subsidie"}}, "books.bank.match_account.label"},
	} {
		rec := f.do(http.MethodPost, target, "penningmeester", tc.form)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status=%d, want 400", tc.name, rec.Code)
		}
		if !strings.Contains(rec.Body.String(), `id="error-summary-title"`) {
			t.Errorf("%s: no error summary", tc.name)
		}
	}
	if got := len(f.queue(t)); got != len(q) {
		t.Fatalf("after refused matches: queue=%d, want %d", got, len(q))
	}

	rec := f.do(http.MethodPost, target, "penningmeester", url.Values{"account_id": {income.ID}, "category": {"subsidie"},
		"purpose": {"Subsidie van de gemeente voor de buurtmoestuin"}, "rule": {"yes"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("match: status=%d, want 303: %s", rec.Code, rec.Body.String())
	}
	after := f.queue(t)
	if len(after) != len(q)-1 {
		t.Errorf("queue=%d lines, want %d", len(after), len(q)-1)
	}
	for _, ln := range after {
		if ln.ID == line.ID {
			t.Errorf("the matched line is still in the queue")
		}
	}
	if b, err := f.store.Balance(c, income.ID); err != nil || b != -50000 {
		t.Errorf("income balance=%d (%v), want -50000", b, err)
	}
	rules, err := f.store.BankRules(c, f.wijk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 1 || rules[0].CounterIBAN != line.CounterIBAN || rules[0].AccountID != income.ID {
		t.Errorf("rules=%+v, want one by IBAN %s", rules, line.CounterIBAN)
	}

	// A second click on the same line: it is gone, nothing is booked.
	seq, _ := f.head(t)
	rec = f.do(http.MethodPost, target, "penningmeester", url.Values{"account_id": {income.ID}, "purpose": {"Nog een keer"}})
	if rec.Code != http.StatusSeeOther {
		t.Errorf("second match: status=%d, want 303", rec.Code)
	}
	if s2, _ := f.head(t); s2 != seq {
		t.Errorf("second match booked: head %d, want %d", s2, seq)
	}
}

func TestBankRuleByWords(t *testing.T) {
	f := newFixture(t)
	c := context.Background()
	if err := f.store.EnsureChart(c, f.wijk.ID); err != nil {
		t.Fatal(err)
	}
	b, err := f.store.AccountByCode(c, f.wijk.ID, store.CodeBank, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	// ing.csv is a statement of NL20INGB0001234567; its card payment and
	// bank costs have no counter IBAN.
	if err := f.store.AddBankAccount(c, f.wijk.ID, "NL20INGB0001234567", b.ID); err != nil {
		t.Fatal(err)
	}
	if rec := f.upload("penningmeester", "ing.csv", readBankFile(t, "ing.csv")); rec.Code != http.StatusOK {
		t.Fatalf("import: status=%d: %s", rec.Code, rec.Body.String())
	}
	expense, err := f.store.AccountByCode(c, f.wijk.ID, store.CodeInitiative+":Buurttuin:Uitgaven", ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	var line store.BankLine
	for _, ln := range f.queue(t) {
		if ln.CounterIBAN == "" && strings.Contains(ln.Description, "Kosten") {
			line = ln
			break
		}
	}
	if line.ID == "" {
		t.Fatal("no bank costs line in the queue")
	}
	// The words are offered to confirm, prefilled with the description.
	rec := f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank", "penningmeester", nil)
	if want := `name="words" value="` + line.Description + `"`; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("bank page lacks %q", want)
	}
	target := "/w/test-wijk/boekhouding/bank/mutaties/" + line.ID + "/matchen"
	form := url.Values{"account_id": {expense.ID}, "category": {"bankkosten"}, "purpose": {"Kosten van de bank"}, "rule": {"yes"}, "words": {""}}
	if rec := f.do(http.MethodPost, target, "penningmeester", form); rec.Code != http.StatusBadRequest {
		t.Errorf("a rule without words: status=%d, want 400", rec.Code)
	}
	form.Set("words", "kosten zakelijk betalen")
	// The new rule books the other waiting line of bank costs at once, and
	// the page says so.
	rec = f.do(http.MethodPost, target, "penningmeester", form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("match: status=%d: %s", rec.Code, rec.Body.String())
	}
	if loc := rec.Header().Get("Location"); loc != "/w/test-wijk/boekhouding/bank?geboekt=1" {
		t.Errorf("Location=%q, want the bank page saying one line was booked", loc)
	}
	for _, ln := range f.queue(t) {
		if strings.Contains(ln.Description, "Kosten") {
			t.Errorf("a line of bank costs is still waiting: %+v", ln)
		}
	}
	if b, err := f.store.Balance(c, expense.ID); err != nil || b != 1900 {
		t.Errorf("expense balance=%d (%v), want 1900: both lines of bank costs", b, err)
	}
	page := f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank?geboekt=1", "penningmeester", nil).Body.String()
	if want := "De regels hebben wachtende bankmutaties geboekt. Aantal: 1."; !strings.Contains(page, want) {
		t.Errorf("bank page lacks %q", want)
	}
	rules, err := f.store.BankRules(c, f.wijk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 1 || rules[0].Words != "kosten zakelijk betalen" || rules[0].CounterIBAN != "" || rules[0].Purpose != "Kosten van de bank" {
		t.Errorf("rules=%+v, want one by words", rules)
	}
	rec = f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank", "penningmeester", nil)
	if want := "Woorden: kosten zakelijk betalen"; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("bank page lacks the rule %q", want)
	}
}

func TestBankAccountAdd(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name string
		iban string
		want int
	}{
		{"invalid", "NL00RABO0123456789", http.StatusBadRequest},
		{"valid", "nl44 rabo 0123 4567 89", http.StatusSeeOther},
		{"again", fixtureIBAN, http.StatusBadRequest},
	} {
		if err := f.store.EnsureChart(context.Background(), f.wijk.ID); err != nil {
			t.Fatal(err)
		}
		b, err := f.store.AccountByCode(context.Background(), f.wijk.ID, store.CodeBank, ledger.EUR)
		if err != nil {
			t.Fatal(err)
		}
		rec := f.do(http.MethodPost, "/w/test-wijk/boekhouding/bank/rekeningen", "penningmeester", url.Values{"iban": {tc.iban}, "account_id": {b.ID}})
		if rec.Code != tc.want {
			t.Errorf("%s: status=%d, want %d: %s", tc.name, rec.Code, tc.want, rec.Body.String())
		}
		if tc.want == http.StatusBadRequest && strings.Contains(rec.Body.String(), ">error.") {
			t.Errorf("%s: an untranslated error key on the page", tc.name)
		}
	}
	ibans, err := f.store.BankAccounts(context.Background(), f.wijk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ibans) != 1 || ibans[fixtureIBAN] == "" {
		t.Errorf("ibans=%v, want %s", ibans, fixtureIBAN)
	}
}

func TestBankExample(t *testing.T) {
	f := bankFixture(t)
	if rec := f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank/voorbeeld", "penningmeester", nil); rec.Code != http.StatusNotFound {
		t.Errorf("outside the demo: status=%d, want 404", rec.Code)
	}
	b, err := f.store.AccountByCode(context.Background(), f.wijk.ID, store.CodeBank, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.AddBankAccount(context.Background(), f.wijk.ID, demo.DemoIBAN, b.ID); err != nil {
		t.Fatal(err)
	}
	rec := f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank", "penningmeester", nil)
	if !strings.Contains(rec.Body.String(), "/boekhouding/bank/voorbeeld") {
		t.Errorf("the bank page of a wijk with the demo IBAN does not offer the example")
	}
	rec = f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank/voorbeeld", "penningmeester", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status=%d, want 200", rec.Code)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, demo.BankStatementName) {
		t.Errorf("Content-Disposition=%q", cd)
	}
	want, err := demo.BankStatementFor(context.Background(), f.store, f.wijk.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rec.Body.Bytes(), want) {
		t.Errorf("the download is not the demo statement of this wijk's books")
	}

	// The statement fits the books in the database: it opens with the
	// money booked before its month and ends yesterday.
	c := context.Background()
	funder, err := f.store.AccountByCode(c, f.wijk.ID, store.CodeWorld, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.store.Post(c, ledger.Transaction{WijkID: f.wijk.ID, On: today().AddDate(0, 0, -60), Description: "Subsidie", Category: "subsidie",
		IdempotencyKey: "sub", Postings: []ledger.Posting{{AccountID: b.ID, Asset: ledger.EUR, Amount: 123_45}, {AccountID: funder.ID, Asset: ledger.EUR, Amount: -123_45}}}); err != nil {
		t.Fatal(err)
	}
	rec = f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank/voorbeeld", "penningmeester", nil)
	st, err := bank.Parse(demo.BankStatementName, rec.Body.Bytes())
	if err != nil {
		t.Fatalf("the download does not read as a bank statement: %v", err)
	}
	yesterday := today().AddDate(0, 0, -1)
	if st.Account != demo.DemoIBAN || !st.HasBalances || st.OpeningCents != 123_45 || len(st.Lines) == 0 || !st.Lines[len(st.Lines)-1].BookingDate.Before(today()) {
		t.Errorf("download: account %s, opening balance %d (want 12345, the money in the books), last line on %v (want by %s)",
			st.Account, st.OpeningCents, st.Lines[len(st.Lines)-1].BookingDate, yesterday.Format(time.DateOnly))
	}
}

func TestBankForbidden(t *testing.T) {
	f := bankFixture(t)
	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, "/w/test-wijk/boekhouding/bank"},
		{http.MethodGet, "/w/test-wijk/boekhouding/bank/voorbeeld"},
		{http.MethodPost, "/w/test-wijk/boekhouding/bank/rekeningen"},
		{http.MethodPost, "/w/test-wijk/boekhouding/bank/mutaties/x/matchen"},
		{http.MethodPost, "/w/test-wijk/boekhouding/bank/regels/x/verwijderen"},
		{http.MethodPost, "/w/test-wijk/boekhouding/bank/regels/toepassen"},
	} {
		for _, who := range []string{"bewoner", "voorzitter"} {
			if rec := f.do(tc.method, tc.path, who, nil); rec.Code != http.StatusForbidden {
				t.Errorf("%s %s as %s: status=%d, want 403", tc.method, tc.path, who, rec.Code)
			}
		}
	}
	rec := f.upload("bewoner", "camt053_v02.xml", readBankFile(t, "camt053_v02.xml"))
	if rec.Code != http.StatusForbidden {
		t.Errorf("upload as bewoner: status=%d, want 403", rec.Code)
	}
	if seq, _ := f.head(t); seq != 0 {
		t.Errorf("a forbidden upload booked: head=%d", seq)
	}
}

// TestBankImportReasonsInDutch: the parsers' reasons reach the report in
// the reader's language, amounts as the language writes money.
func TestBankImportReasonsInDutch(t *testing.T) {
	f := bankFixture(t)
	for _, tc := range []struct {
		file      string
		want, not []string
	}{
		{"ing_bad.csv", []string{
			`het bedrag &#34;23,875&#34; heeft meer dan 2 cijfers achter de komma`,
			"het IBAN NL37RABO0300065264 van de tegenpartij klopt niet",
			`de datum &#34;20240230&#34; bestaat niet`,
			"de rij heeft 8 kolommen in plaats van 11",
		}, []string{"more than 2 decimals", "does not exist", "entry "}},
		{"camt053_unbalanced.xml", []string{
			"afschrift 1 (RABO-20240301-NL44RABO0123456789): het beginsaldo € 1.500,00 plus de boekingen (€ 334,50) is niet gelijk aan het eindsaldo € 1.843,50",
		}, []string{"opening balance", "1500.00 EUR"}},
		{"camt053_truncated.xml", []string{"het bestand is niet compleet (de XML houdt te vroeg op): regel 129:"}, []string{"the file is incomplete"}},
	} {
		rec := f.upload("penningmeester", tc.file, readBankFile(t, tc.file))
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status=%d, want 400", tc.file, rec.Code)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: report lacks %q", tc.file, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(body, n) {
				t.Errorf("%s: report has the English %q", tc.file, n)
			}
		}
	}
}

// TestBankImportStoreReasons: the store's own reasons reach the report in
// the reader's language from the store's report alone: a payment the books
// cannot take, and the rule that booked a line.
func TestBankImportStoreReasons(t *testing.T) {
	f := bankFixture(t)
	csv := func(lines ...string) []byte {
		return []byte(`"IBAN/BBAN","Munt","Volgnr","Datum","Bedrag","Tegenrekening IBAN/BBAN","Naam tegenpartij","Transactiereferentie","Omschrijving-1"` + "\n" +
			strings.Join(lines, "\n") + "\n")
	}
	// The bank account of the books is empty: a payment cannot be booked.
	rec := f.upload("penningmeester", "rabo.csv", csv(`"NL44RABO0123456789","EUR","1","2025-03-01","-100,00","","Aannemer","","Nieuw dak"`))
	body := rec.Body.String()
	if rec.Code != http.StatusBadRequest {
		t.Errorf("payment beyond the balance: status=%d, want 400", rec.Code)
	}
	for _, want := range []string{nl(t, "books.bank.reason.cannot_book"), nl(t, "books.bank.report.rejected.fix")} {
		if !strings.Contains(body, want) {
			t.Errorf("payment beyond the balance: the report lacks %q", want)
		}
	}
	if strings.Contains(body, "holds less") || strings.Contains(body, "below") {
		t.Errorf("payment beyond the balance: the report gives the store's English reason")
	}

	// A rule books the subsidy; the report names it.
	world, err := f.store.AccountByCode(context.Background(), f.wijk.ID, store.CodeWorld, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.AddBankRule(context.Background(), &store.BankRule{WijkID: f.wijk.ID, Words: "subsidie", AccountID: world.ID, Purpose: "Subsidie van de gemeente"}); err != nil {
		t.Fatal(err)
	}
	rec = f.upload("penningmeester", "rabo.csv", csv(`"NL44RABO0123456789","EUR","2","2025-03-02","+500,00","","Gemeente","","Subsidie 2025"`))
	body = rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("subsidy: status=%d, want 200: %s", rec.Code, body)
	}
	if want := nl(t, "books.bank.reason.rule", "Subsidie van de gemeente"); !strings.Contains(body, want) {
		t.Errorf("subsidy: the report lacks %q", want)
	}
	if strings.Contains(body, "rule: ") {
		t.Errorf("subsidy: the report gives the store's English reason")
	}
}

// TestBankImportReasonTexts: each of the store's own reasons has a text in
// every language, taking one value where the store gives one.
func TestBankImportReasonTexts(t *testing.T) {
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	args := map[string]int{store.ReasonNotOurAccount: 1, store.ReasonRule: 1, store.ReasonClaim: 1, store.ReasonCannotBook: 0}
	if len(store.ReportReasonKeys()) != len(args) {
		t.Fatalf("store.ReportReasonKeys()=%v, the test knows %d: add the new key here", store.ReportReasonKeys(), len(args))
	}
	for _, k := range store.ReportReasonKeys() {
		for _, lang := range b.Langs() {
			l := b.For(lang)
			key := "books.bank.reason." + k
			if !l.Has(key) {
				t.Errorf("%s lacks %q", lang, key)
			} else if n := strings.Count(l.T(key), "%s"); n != args[k] {
				t.Errorf("%s %q takes %d values, the store gives %d", lang, key, n, args[k])
			}
		}
	}
}

// TestBankErrorKeysUsed: every text of the bank page's own errors is
// used by the bank pages, so that none is left behind when a message
// moves (the store's field errors have shared keys, "error.iban").
func TestBankErrorKeysUsed(t *testing.T) {
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("books_bank*.go")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := filepath.Glob(filepath.Join("templates", "books_bank*.html"))
	if err != nil {
		t.Fatal(err)
	}
	var code strings.Builder
	for _, name := range append(files, tmpl...) {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		code.Write(data)
	}
	n := 0
	for _, lang := range b.Langs() {
		for _, k := range b.For(lang).Keys() {
			if strings.HasPrefix(k, "books.bank.error.") {
				n++
				if !strings.Contains(code.String(), `"`+k+`"`) {
					t.Errorf("%s: %q is used by no bank page", lang, k)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no books.bank.error keys: is the scan broken?")
	}
}

// TestBankRules: the rules are listed with a delete button; applying them
// books the waiting lines they match, all or nothing; a deleted rule is
// gone and what it booked stays.
func TestBankRules(t *testing.T) {
	f := bankFixture(t)
	c := context.Background()
	if rec := f.upload("penningmeester", "camt053_v02.xml", readBankFile(t, "camt053_v02.xml")); rec.Code != http.StatusOK {
		t.Fatalf("import: status=%d", rec.Code)
	}
	acct := func(code string) ledger.Account {
		a, err := f.store.AccountByCode(c, f.wijk.ID, code, ledger.EUR)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	budget, expense := acct(store.CodeInitiative+":Buurttuin:Budget"), acct(store.CodeInitiative+":Buurttuin:Uitgaven")
	before := len(f.queue(t))

	// A rule that cannot book its line (the subsidy would take the budget
	// below zero) refuses the whole run: nothing is booked.
	bad := store.BankRule{WijkID: f.wijk.ID, Words: "subsidie", AccountID: budget.ID, Purpose: "Subsidie op het budget"}
	if err := f.store.AddBankRule(c, &bad); err != nil {
		t.Fatal(err)
	}
	good := store.BankRule{WijkID: f.wijk.ID, CounterIBAN: "NL39RABO0300065264", AccountID: expense.ID, Category: "eten_drinken", Purpose: "Koffie en gebak"}
	if err := f.store.AddBankRule(c, &good); err != nil {
		t.Fatal(err)
	}
	page := f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank", "penningmeester", nil).Body.String()
	for _, want := range []string{
		`action="/w/test-wijk/boekhouding/bank/regels/toepassen"`, "Regels opnieuw toepassen", "Wachtende bankmutaties: " + strconv.Itoa(before),
		`action="/w/test-wijk/boekhouding/bank/regels/` + good.ID + `/verwijderen"`, `Verwijderen<span class="wei-visually-hidden">: Koffie en gebak</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("bank page lacks %q", want)
		}
	}
	seq, _ := f.head(t)
	rec := f.do(http.MethodPost, "/w/test-wijk/boekhouding/bank/regels/toepassen", "penningmeester", nil)
	expectPage(t, rec, http.StatusConflict, "Een regel kan een wachtende bankmutatie niet boeken", `role="alert"`)
	if s2, _ := f.head(t); s2 != seq || len(f.queue(t)) != before {
		t.Fatalf("a refused run booked: head %d, want %d", s2, seq)
	}

	// Without the bad rule, the run books the bakery's line.
	rec = f.do(http.MethodPost, "/w/test-wijk/boekhouding/bank/regels/"+bad.ID+"/verwijderen", "penningmeester", nil)
	expectPage(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/w/test-wijk/boekhouding/bank#rules" {
		t.Errorf("Location=%q", loc)
	}
	rec = f.do(http.MethodPost, "/w/test-wijk/boekhouding/bank/regels/"+bad.ID+"/verwijderen", "penningmeester", nil)
	expectPage(t, rec, http.StatusSeeOther) // a second click: it is gone already
	rec = f.do(http.MethodPost, "/w/test-wijk/boekhouding/bank/regels/toepassen", "penningmeester", nil)
	expectPage(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/w/test-wijk/boekhouding/bank?geboekt=1" {
		t.Errorf("Location=%q, want ?geboekt=1", loc)
	}
	if got := len(f.queue(t)); got != before-1 {
		t.Errorf("queue=%d, want %d", got, before-1)
	}
	if b, _ := f.store.Balance(c, expense.ID); b != 4550 {
		t.Errorf("expense balance=%d, want 4550", b)
	}
	expectPage(t, f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank?geboekt=0", "penningmeester", nil), http.StatusOK, "Geen enkele wachtende bankmutatie past bij een regel")

	// Deleting the good rule keeps what it booked.
	expectPage(t, f.do(http.MethodPost, "/w/test-wijk/boekhouding/bank/regels/"+good.ID+"/verwijderen", "voorzitter", nil), http.StatusForbidden)
	expectPage(t, f.do(http.MethodPost, "/w/test-wijk/boekhouding/bank/regels/"+good.ID+"/verwijderen", "penningmeester", nil), http.StatusSeeOther)
	if rules, _ := f.store.BankRules(c, f.wijk.ID); len(rules) != 0 {
		t.Errorf("rules=%+v, want none", rules)
	}
	if b, _ := f.store.Balance(c, expense.ID); b != 4550 {
		t.Errorf("after deleting the rule: expense balance=%d, want 4550", b)
	}
	page = f.do(http.MethodGet, "/w/test-wijk/boekhouding/bank", "penningmeester", nil).Body.String()
	if strings.Contains(page, "regels/toepassen") {
		t.Error("the apply button is offered without rules")
	}
	// The books pages lead to each other.
	for _, want := range []string{`href="/w/test-wijk/boekhouding/bank" aria-current="page"`, `href="/w/test-wijk/declaraties"`, `href="/w/test-wijk/boekhouding/lm3"`} {
		if !strings.Contains(page, want) {
			t.Errorf("bank page lacks the link %q", want)
		}
	}
}
