package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// lm3Fixture books an income of €10,000 from the Woonstichting in 2025.
func lm3Fixture(t *testing.T) (*fixture, ledger.Account) {
	t.Helper()
	f := newFixture(t)
	c := context.Background()
	if err := f.store.EnsureChart(c, f.wijk.ID); err != nil {
		t.Fatal(err)
	}
	funder, err := f.store.AccountByCode(c, f.wijk.ID, store.CodeFunders+":Woonstichting", ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	bank, err := f.store.AccountByCode(c, f.wijk.ID, store.CodeBank, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.store.Post(c, ledger.Transaction{WijkID: f.wijk.ID, On: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Description: "Bijdrage leefbaarheid",
		IdempotencyKey: "lm3", Postings: []ledger.Posting{{AccountID: bank.ID, Asset: ledger.EUR, Amount: 1_000_000}, {AccountID: funder.ID, Asset: ledger.EUR, Amount: -1_000_000}}}); err != nil {
		t.Fatal(err)
	}
	return f, funder
}

// lm3Rows is the example of the issue: local suppliers €4,000 re-spending
// 40%, local staff €3,000 re-spending 50%, €3,000 out of the wijk.
func lm3Rows(accountID string) url.Values {
	return url.Values{"account_id": {accountID}, "from": {"2025-01-01"}, "to": {"2025-12-31"}, "rows": {"5"},
		"recipient_0": {"Lokale leveranciers"}, "amount_0": {"4.000"}, "local_0": {"yes"}, "respend_0": {"40"},
		"recipient_1": {"Lokaal personeel"}, "amount_1": {"3000,00"}, "local_1": {"yes"}, "respend_1": {"50"},
		"recipient_2": {"Leveranciers buiten de wijk"}, "amount_2": {"3000"},
		"recipient_3": {""}, "amount_3": {""}}
}

// TestLM3Example fills in the example of the issue and sees LM3 = 2,01.
func TestLM3Example(t *testing.T) {
	f, funder := lm3Fixture(t)
	q := "?account_id=" + funder.ID + "&from=2025-01-01&to=2025-12-31"
	expectPage(t, f.do(http.MethodGet, "/w/test-wijk/boekhouding/lm3"+q, "penningmeester", nil), http.StatusOK,
		"€ 10.000,00", `name="recipient_0"`, `name="rows" value="3"`, `href="/w/test-wijk/boekhouding/lm3" aria-current="page"`)

	rec := f.do(http.MethodPost, "/w/test-wijk/boekhouding/lm3", "penningmeester", lm3Rows(funder.ID))
	expectPage(t, rec, http.StatusSeeOther)
	loc := rec.Header().Get("Location")
	if !strings.HasPrefix(loc, "/w/test-wijk/boekhouding/lm3?") || !strings.HasSuffix(loc, "#result") {
		t.Fatalf("Location=%q", loc)
	}
	// A browser keeps the fragment to itself; the page is for all of the
	// books' roles, the voorzitter too.
	loc, _, _ = strings.Cut(loc, "#")
	page := f.do(http.MethodGet, loc, "voorzitter", nil)
	expectPage(t, page, http.StatusOK, "<dd>2,01</dd>", "€ 7.000,00", "€ 3.100,00", // R2, R3
		`role="img"`, "Waar het geld de wijk verlaat", `id="lm3-table"`,
		"Lokale leveranciers", "40%", "€ 1.600,00", "€ 2.400,00", // what stays and leaks per recipient
		"Naar buiten de wijk gaat in ronde 2 € 3.000,00, en in ronde 3 € 3.900,00.",
		`value="4.000,00"`, `value="40"`) // the form keeps the figures for the next change
	if strings.Contains(page.Body.String(), "Nog niet besteed") {
		t.Error("the page says part is unspent; all of R1 was spent")
	}
	// The survey figures are kept per recipient for the next study.
	rs, err := f.store.LM3Recipients(context.Background(), f.wijk.ID)
	if err != nil || len(rs) != 3 {
		t.Fatalf("LM3Recipients=%+v %v", rs, err)
	}
	// In English the figure reads 2.01.
	if err := f.store.SetUserLocale(context.Background(), f.users["penningmeester"].ID, "en"); err != nil {
		t.Fatal(err)
	}
	expectPage(t, f.do(http.MethodGet, loc, "penningmeester", nil), http.StatusOK, "<dd>2.01</dd>", "€7,000.00")
}

func TestLM3Refused(t *testing.T) {
	f, funder := lm3Fixture(t)
	for _, tc := range []struct {
		name   string
		change func(url.Values)
		want   []string
	}{
		{"percentage above 100", func(v url.Values) { v.Set("respend_1", "140") },
			[]string{"Vul een percentage in van 0 tot en met 100", `href="#lm3-1-respend"`, `value="140"`, `value="Lokaal personeel"`}},
		{"amount not a number", func(v url.Values) { v.Set("amount_0", "vierduizend") },
			[]string{`href="#lm3-0-amount"`, `value="vierduizend"`, `value="Lokaal personeel"`}},
		{"a name without an amount", func(v url.Values) { v.Set("recipient_3", "Schoonmaak") },
			[]string{`href="#lm3-3-amount"`, `value="Schoonmaak"`}},
		{"an amount without a name", func(v url.Values) { v.Set("amount_3", "10") }, []string{`href="#lm3-3-recipient"`}},
		{"more than came in", func(v url.Values) { v.Set("amount_2", "3000,01") },
			[]string{"Samen is dit meer dan het inkomen (R1)", `value="3000,01"`}},
		{"nothing filled in", func(v url.Values) {
			for _, k := range []string{"recipient_0", "amount_0", "recipient_1", "amount_1", "recipient_2", "amount_2"} {
				v.Set(k, "")
			}
		}, []string{"Vul minstens één ontvanger in"}},
		{"a period without income", func(v url.Values) { v.Set("from", "2024-01-01"); v.Set("to", "2024-12-31") },
			[]string{"Op deze rekening kwam in deze periode niets binnen"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			form := lm3Rows(funder.ID)
			tc.change(form)
			rec := f.do(http.MethodPost, "/w/test-wijk/boekhouding/lm3", "penningmeester", form)
			expectPage(t, rec, http.StatusBadRequest, append(tc.want, `id="error-summary-title"`)...)
		})
	}
	if _, err := f.store.LM3StudyOf(context.Background(), f.wijk.ID, funder.ID, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("a refused study was stored")
	}
	// A bad pick on the page itself.
	expectPage(t, f.do(http.MethodGet, "/w/test-wijk/boekhouding/lm3?account_id=x&from=2025-13-01&to=2025-01-01", "penningmeester", nil), http.StatusBadRequest,
		`href="#lm3-account"`, `href="#lm3-from"`)

	// Only the books' roles.
	for _, who := range []string{"bewoner", "initiatiefnemer", "partner", "vrijwilliger"} {
		expectPage(t, f.do(http.MethodGet, "/w/test-wijk/boekhouding/lm3", who, nil), http.StatusForbidden)
		expectPage(t, f.do(http.MethodPost, "/w/test-wijk/boekhouding/lm3", who, lm3Rows(funder.ID)), http.StatusForbidden)
	}
}

func TestPercent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in  string
		bp  int
		key string
	}{
		{"40", 4000, ""}, {"40,5", 4050, ""}, {"40.25 %", 4025, ""}, {"0", 0, ""}, {"100", 10000, ""},
		{"100,01", 0, "error.percentage"}, {"veertig", 0, "error.percentage"}, {"", 0, "error.required"}, {"1,234", 0, "error.percentage"},
	} {
		bp, key := parsePercent(tc.in)
		if bp != tc.bp || key != tc.key {
			t.Errorf("parsePercent(%q)=%d %q, want %d %q", tc.in, bp, key, tc.bp, tc.key)
		}
	}
	b := testBundle(t)
	for bp, want := range map[int]string{4000: "40%", 4050: "40,5%", 4025: "40,25%", 0: "0%", 10000: "100%"} {
		if got := percentText(b.For("nl"), bp); got != want {
			t.Errorf("percentText(%d)=%q, want %q", bp, got, want)
		}
	}
}

// TestLM3FromBooks has the initiative Buurttuin, which keeps its books in
// WEI, as a recipient: in 2025 it spent €300 at the Repair Café (another
// initiative) and €100 outside the wijk, so 75% of what it gets stays in
// the wijk, from its own books. R2 = 4,000 + 3,000 = €7,000; R3 =
// 4,000×75% + 3,000×50% = €4,500; LM3 = (10,000 + 7,000 + 4,500) /
// 10,000 = 2,15. A survey figure typed for the Buurttuin does not count.
func TestLM3FromBooks(t *testing.T) {
	f, funder := lm3Fixture(t)
	c := context.Background()
	cafe := wijk.Organisation{WijkID: f.wijk.ID, Name: "Repair Café", Form: wijk.FormBurgerinitiatief}
	if err := f.store.CreateOrganisation(c, &cafe); err != nil {
		t.Fatal(err)
	}
	if err := f.store.EnsureChart(c, f.wijk.ID); err != nil {
		t.Fatal(err)
	}
	acct := func(code string) string {
		t.Helper()
		a, err := f.store.AccountByCode(c, f.wijk.ID, code, ledger.EUR)
		if err != nil {
			t.Fatal(code, err)
		}
		return a.ID
	}
	tuinExp := acct(store.CodeInitiative + ":Buurttuin:Uitgaven")
	for i, to := range []struct {
		account string
		cents   int64
	}{{acct(store.CodeInitiative + ":Repair Café:Inkomsten"), 30_000}, {acct(store.CodeWorld), 10_000}} {
		if _, _, err := f.store.Post(c, ledger.Transaction{WijkID: f.wijk.ID, On: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), Description: "Uitgave Buurttuin",
			IdempotencyKey: fmt.Sprint("tuin-", i), Postings: []ledger.Posting{{AccountID: tuinExp, Asset: ledger.EUR, Amount: to.cents}, {AccountID: to.account, Asset: ledger.EUR, Amount: -to.cents}}}); err != nil {
			t.Fatal(err)
		}
	}
	q := "?account_id=" + funder.ID + "&from=2025-01-01&to=2025-12-31"
	expectPage(t, f.do(http.MethodGet, "/w/test-wijk/boekhouding/lm3"+q, "penningmeester", nil), http.StatusOK,
		"Doet een ontvanger uit de wijk zijn boekhouding in WEI", "<strong>Buurttuin</strong>: 75% weer in de wijk besteed (€ 300,00 van € 400,00)",
		"<strong>Repair Café</strong>: geen uitgaven in deze periode")

	for _, survey := range []string{"", "90"} {
		form := lm3Rows(funder.ID)
		form.Set("recipient_0", "buurttuin")
		form.Set("respend_0", survey)
		expectPage(t, f.do(http.MethodPost, "/w/test-wijk/boekhouding/lm3", "penningmeester", form), http.StatusSeeOther)
		page := f.do(http.MethodGet, "/w/test-wijk/boekhouding/lm3"+q, "penningmeester", nil)
		expectPage(t, page, http.StatusOK, "<dd>2,15</dd>", "€ 7.000,00", "€ 4.500,00",
			"<th scope=\"row\" class=\"utrecht-table__header-cell\">buurttuin</th>", "75%", "uit de eigen boekhouding", "uit een enquête",
			"Dit deel komt uit de eigen boekhouding van deze organisatie: 75%.")
		if strings.Contains(page.Body.String(), "90%") {
			t.Errorf("survey %q: the page shows the survey figure of an organisation with books", survey)
		}
	}
	// Without books the same row needs a survey figure.
	form := lm3Rows(funder.ID)
	form.Set("recipient_0", "Buurthuis")
	form.Set("respend_0", "")
	expectPage(t, f.do(http.MethodPost, "/w/test-wijk/boekhouding/lm3", "penningmeester", form), http.StatusBadRequest, `href="#lm3-0-respend"`)
}
