package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// timebankFixture makes the bewoner's account a resident ("Ria de Vries")
// and the fixture's person ("Fatima B.") a volunteer of the Buurttuin.
func timebankFixture(t *testing.T) (*fixture, wijk.Person) {
	t.Helper()
	f := newFixture(t)
	ria := wijk.Person{WijkID: f.wijk.ID, DisplayName: "Ria de Vries", Email: "ria@example.org", UserID: f.users["bewoner"].ID, ConsentAt: time.Now()}
	if err := f.store.CreatePerson(context.Background(), &ria); err != nil {
		t.Fatal(err)
	}
	m := wijk.Membership{OrganisationID: f.org.ID, PersonID: f.person.ID, Role: wijk.MemberVrijwilliger, StartedOn: today()}
	if err := f.store.AddMembership(context.Background(), &m); err != nil {
		t.Fatal(err)
	}
	return f, ria
}

func (f *fixture) holding(t *testing.T, personID, asset string) int64 {
	t.Helper()
	hs, err := f.store.ResidentHoldings(context.Background(), f.wijk.ID, personID)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.Asset.Code == asset {
			return h.Balance
		}
	}
	t.Fatalf("no %s holding", asset)
	return 0
}

func TestTimebankPage(t *testing.T) {
	f, ria := timebankFixture(t)
	code, err := f.store.TimebankCode(context.Background(), f.wijk.ID, ria.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec := f.do(http.MethodGet, "/w/test-wijk/tijdbank", "bewoner", nil)
	expectPage(t, rec, http.StatusOK, store.FormatTimebankCode(code), "Je mag tot 10 uur onder nul gaan.", "Je kunt nu nog 10 uur betalen.",
		`action="/w/test-wijk/tijdbank/betalen"`, `name="hours"`, `name="to"`, "Je hebt nog niets gekregen of betaald.",
		`href="/w/test-wijk/tijdbank" aria-current="page"`) // the main navigation
	if strings.Contains(rec.Body.String(), "/belonen") {
		t.Error("a bewoner is offered to thank volunteers")
	}
	// Signed in, but no resident of the wijk: told why, no forms.
	rec = f.do(http.MethodGet, "/w/test-wijk/tijdbank", "none", nil)
	expectPage(t, rec, http.StatusOK, "Je staat in WEI nog niet als bewoner van deze wijk")
	if strings.Contains(rec.Body.String(), "/tijdbank/betalen") {
		t.Error("the pay form is offered to someone who is no resident")
	}
	// Visitors are sent to log in, and do not see the menu item.
	rec = f.do(http.MethodGet, "/w/test-wijk/tijdbank", "", nil)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/inloggen") {
		t.Errorf("anonymous: status=%d location=%q", rec.Code, rec.Header().Get("Location"))
	}
	if strings.Contains(f.do(http.MethodGet, "/w/test-wijk", "", nil).Body.String(), `href="/w/test-wijk/tijdbank"`) {
		t.Error("the navigation offers the time bank to a visitor")
	}
	rec = f.do(http.MethodPost, "/w/test-wijk/tijdbank/betalen", "none", url.Values{"asset": {ledger.Time}, "to": {code}, "hours": {"1"}, "purpose": {"Hulp"}})
	expectPage(t, rec, http.StatusBadRequest, "Daarom kun je niet betalen")
}

func TestTimebankPay(t *testing.T) {
	f, ria := timebankFixture(t)
	c := context.Background()
	fatima, err := f.store.TimebankCode(c, f.wijk.ID, f.person.ID)
	if err != nil {
		t.Fatal(err)
	}
	own, _ := f.store.TimebankCode(c, f.wijk.ID, ria.ID)
	pay := func(v url.Values) *httptest.ResponseRecorder {
		t.Helper()
		if v.Get("asset") == "" {
			v.Set("asset", ledger.Time)
		}
		return f.do(http.MethodPost, "/w/test-wijk/tijdbank/betalen", "bewoner", v)
	}

	// Refusals: kept input, a message at the field, nothing booked.
	for _, tc := range []struct {
		name string
		form url.Values
		want []string
	}{
		{"unknown code", url.Values{"to": {"AAAA-BBBB"}, "hours": {"1"}, "purpose": {"Boodschappen gedaan"}},
			[]string{"Deze code kennen we niet", `href="#pay-min-to"`, `value="AAAA-BBBB"`, `value="Boodschappen gedaan"`}},
		{"no one to pay", url.Values{"hours": {"1"}, "purpose": {"Hulp"}}, []string{"Vul de tijdbank-code in"}},
		{"no time", url.Values{"to": {fatima}, "purpose": {"Hulp"}}, []string{"Vul een tijd in van 1 minuut tot en met 24 uur", `href="#pay-min-hours"`}},
		{"bad minutes", url.Values{"to": {fatima}, "hours": {"1"}, "minutes": {"75"}, "purpose": {"Hulp"}}, []string{"Vul een aantal minuten in van 0 tot en met 59", `value="75"`}},
		{"no purpose", url.Values{"to": {fatima}, "hours": {"1"}}, []string{"Vul dit veld in", `href="#pay-min-purpose"`}},
		{"oneself", url.Values{"to": {own}, "hours": {"1"}, "purpose": {"Hulp"}}, []string{"Je kunt niet aan jezelf betalen"}},
		{"more than the limit", url.Values{"to": {fatima}, "hours": {"10"}, "minutes": {"1"}, "purpose": {"Verhuizing"}},
			[]string{"Je kunt nu hoogstens 10 uur betalen, want je mag tot 10 uur onder nul gaan."}},
	} {
		rec := pay(tc.form)
		expectPage(t, rec, http.StatusBadRequest, append([]string{`id="error-summary-title"`}, tc.want...)...)
	}
	if seq, _ := f.head(t); seq != 0 {
		t.Fatalf("refused payments booked: head=%d", seq)
	}

	// Ria pays Fatima 1 hour and 30 minutes, typing the code as she likes.
	typed := strings.ToLower(fatima[:4] + " " + fatima[4:])
	form := url.Values{"to": {typed}, "hours": {"1"}, "minutes": {"30"}, "purpose": {"Hulp bij de boodschappen"}, "key": {"k1"}}
	rec := pay(form)
	expectPage(t, rec, http.StatusSeeOther)
	expectPage(t, pay(form), http.StatusSeeOther) // sent twice, booked once
	if got := f.holding(t, ria.ID, ledger.Time); got != -90 {
		t.Errorf("Ria's balance=%d, want -90", got)
	}
	if got := f.holding(t, f.person.ID, ledger.Time); got != 90 {
		t.Errorf("Fatima's balance=%d, want 90", got)
	}
	page := f.do(http.MethodGet, "/w/test-wijk/tijdbank", "bewoner", nil).Body.String()
	for _, want := range []string{"Hulp bij de boodschappen", "<td class=\"utrecht-table__cell\">Fatima</td>", "− 1 uur en 30 minuten", "-1 uur en 30 minuten",
		"Je kunt nu nog 8 uur en 30 minuten betalen.", `<option value="` + f.person.ID + `">Fatima</option>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "Fatima B.") {
		t.Error("the page shows another resident's surname")
	}
	// Fatima's side says who paid by first name.
	hist, err := f.store.ResidentHistory(c, f.wijk.ID, f.person.ID)
	if err != nil || len(hist) != 1 || hist[0].Amount != 90 || hist[0].With[0].PersonID != ria.ID {
		t.Errorf("Fatima's history=%+v %v", hist, err)
	}

	// Someone paid before can be picked without the code; someone else cannot.
	expectPage(t, pay(url.Values{"known": {f.person.ID}, "minutes": {"15"}, "purpose": {"Koffie gezet"}}), http.StatusSeeOther)
	if got := f.holding(t, f.person.ID, ledger.Time); got != 105 {
		t.Errorf("Fatima's balance=%d, want 105", got)
	}
	stranger := wijk.Person{WijkID: f.wijk.ID, DisplayName: "Sem", ConsentAt: time.Now()}
	if err := f.store.CreatePerson(c, &stranger); err != nil {
		t.Fatal(err)
	}
	expectPage(t, pay(url.Values{"known": {stranger.ID}, "minutes": {"15"}, "purpose": {"Hulp"}}), http.StatusBadRequest, "Kies een van de mogelijkheden")
	if got := f.holding(t, stranger.ID, ledger.Time); got != 0 {
		t.Errorf("Sem's balance=%d, want 0", got)
	}
}

func TestTimebankLocalCurrency(t *testing.T) {
	f, ria := timebankFixture(t)
	c := context.Background()
	if err := f.store.EnsureLocalCurrency(c, ledger.Asset{WijkID: f.wijk.ID, Code: "AKK", Name: "Akkertje", Decimals: 2}); err != nil {
		t.Fatal(err)
	}
	fatima, _ := f.store.TimebankCode(c, f.wijk.ID, f.person.ID)
	expectPage(t, f.do(http.MethodGet, "/w/test-wijk/tijdbank", "bewoner", nil), http.StatusOK,
		"Betalen met Akkertje", "Bedrag in Akkertje", `value="AKK"`, "Je mag tot 25,00 AKK onder nul gaan.")
	pay := func(amount string) *httptest.ResponseRecorder {
		return f.do(http.MethodPost, "/w/test-wijk/tijdbank/betalen", "bewoner",
			url.Values{"asset": {"AKK"}, "to": {fatima}, "amount": {amount}, "purpose": {"Fiets gemaakt"}})
	}
	expectPage(t, pay("12,505"), http.StatusBadRequest, "te veel cijfers achter de komma", `value="12,505"`, `href="#pay-akk-amount"`)
	expectPage(t, pay("twaalf"), http.StatusBadRequest, "Vul een bedrag in, zoals 12,50")
	expectPage(t, pay("12,50"), http.StatusSeeOther)
	expectPage(t, pay("12,51"), http.StatusBadRequest, "Je kunt nu hoogstens 12,50 AKK betalen")
	if got := f.holding(t, ria.ID, "AKK"); got != -1250 {
		t.Errorf("Ria's AKK=%d, want -1250", got)
	}
	// An asset the wijk does not have.
	expectPage(t, f.do(http.MethodPost, "/w/test-wijk/tijdbank/betalen", "bewoner", url.Values{"asset": {"XYZ"}, "to": {fatima}, "amount": {"1"}, "purpose": {"x"}}),
		http.StatusBadRequest)
}

func TestTimebankReward(t *testing.T) {
	f, ria := timebankFixture(t)
	c := context.Background()
	target := "/w/test-wijk/initiatieven/" + f.org.ID + "/belonen"
	page := f.do(http.MethodGet, "/w/test-wijk/tijdbank", "initiatiefnemer", nil)
	expectPage(t, page, http.StatusOK, "Vrijwilligers van Buurttuin bedanken", `action="`+target+`"`, `<option value="`+f.person.ID+`">Fatima</option>`,
		"Je staat in WEI nog niet als bewoner") // the initiatiefnemer is no resident, and may still thank
	if strings.Contains(page.Body.String(), ria.ID) {
		t.Error("the reward form offers someone who is not a member")
	}
	// The initiative page leads there.
	expectPage(t, f.do(http.MethodGet, "/w/test-wijk/initiatieven/"+f.org.ID, "initiatiefnemer", nil), http.StatusOK,
		`href="/w/test-wijk/initiatieven/`+f.org.ID+`/budget"`, `href="/w/test-wijk/tijdbank?initiatief=`+f.org.ID+`#reward-`+f.org.ID+`"`)
	if body := f.do(http.MethodGet, "/w/test-wijk/initiatieven/"+f.org.ID, "", nil).Body.String(); !strings.Contains(body, "/budget") || strings.Contains(body, "/belonen") || strings.Contains(body, "tijdbank?initiatief") {
		t.Error("a visitor's initiative page: want the budget link only")
	}

	form := url.Values{"asset": {ledger.Time}, "person_id": {f.person.ID}, "hours": {"2"}, "purpose": {"Dank voor het snoeien"}}
	expectPage(t, f.do(http.MethodPost, target, "bewoner", clone(form)), http.StatusForbidden)
	expectPage(t, f.do(http.MethodPost, target, "initiatiefnemer", url.Values{"asset": {ledger.Time}, "person_id": {ria.ID}, "hours": {"2"}, "purpose": {"Dank"}}),
		http.StatusBadRequest, "Deze persoon doet niet (meer) mee aan het initiatief", `href="#reward-`+f.org.ID+`-min-person"`)
	expectPage(t, f.do(http.MethodPost, target, "initiatiefnemer", url.Values{"asset": {ledger.Time}, "hours": {"2"}, "purpose": {"Dank"}}),
		http.StatusBadRequest, "Kies een van de mogelijkheden", `value="Dank"`)
	rec := f.do(http.MethodPost, target, "initiatiefnemer", clone(form))
	expectPage(t, rec, http.StatusSeeOther)
	if got := f.holding(t, f.person.ID, ledger.Time); got != 120 {
		t.Errorf("Fatima's balance=%d, want 120", got)
	}
	hs, err := f.store.InitiativeHoldings(c, f.wijk.ID, f.org.ID)
	if err != nil || hs[0].Balance != -120 {
		t.Errorf("initiative holdings=%+v %v", hs, err)
	}
	expectPage(t, f.do(http.MethodGet, rec.Header().Get("Location"), "initiatiefnemer", nil), http.StatusOK, "Het initiatief heeft -2 uur.")
	// Another initiative's initiatiefnemer may not: the fixture has one
	// initiative, so a partner organisation stands in for another.
	other := "/w/test-wijk/initiatieven/" + f.partner.ID + "/belonen"
	expectPage(t, f.do(http.MethodPost, other, "initiatiefnemer", clone(form)), http.StatusForbidden)
}

// clone copies a form, so that f.do's CSRF token of one user does not
// stay in it for the next.
func clone(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func TestMinutesText(t *testing.T) {
	t.Parallel()
	b := testBundle(t)
	nl, en := b.For("nl"), b.For("en")
	for _, tc := range []struct {
		m      int64
		nl, en string
	}{
		{0, "0 minuten", "0 minutes"},
		{1, "1 minuut", "1 minute"},
		{60, "1 uur", "1 hour"},
		{90, "1 uur en 30 minuten", "1 hour and 30 minutes"},
		{121, "2 uur en 1 minuut", "2 hours and 1 minute"},
		{-600, "-10 uur", "-10 hours"},
	} {
		if got := minutesText(nl, tc.m); got != tc.nl {
			t.Errorf("nl minutesText(%d)=%q, want %q", tc.m, got, tc.nl)
		}
		if got := minutesText(en, tc.m); got != tc.en {
			t.Errorf("en minutesText(%d)=%q, want %q", tc.m, got, tc.en)
		}
	}
}

func TestParseUnits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in       string
		decimals int
		want     int64
		key      string
	}{
		{"12,50", 2, 1250, ""}, {"12.5", 2, 1250, ""}, {"3", 2, 300, ""}, {",5", 1, 5, ""}, {"7", 0, 7, ""},
		{"1 000", 0, 1000, ""}, {"", 2, 0, "error.required"}, {"1,234", 2, 0, "timebank.error.amount_decimals"},
		{"1.2.3", 2, 0, "timebank.error.amount_format"}, {"-5", 2, 0, "timebank.error.amount_format"}, {"1e3", 2, 0, "timebank.error.amount_format"},
		{"9999999999", 0, 0, "timebank.error.amount_format"}, {"0,5", 0, 0, "timebank.error.amount_decimals"},
	} {
		v, key := parseUnits(tc.in, tc.decimals)
		if v != tc.want || key != tc.key {
			t.Errorf("parseUnits(%q, %d)=%d %q, want %d %q", tc.in, tc.decimals, v, key, tc.want, tc.key)
		}
	}
}
