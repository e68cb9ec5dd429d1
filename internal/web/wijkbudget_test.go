package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// budgetFixture adds to the fixture's wijk a buurt with two addresses in
// the CBS postcode table (3999 AA 1 and 2; 3999 AB 1 is in another buurt)
// and €2.000 in the Wijkbudget account, from the partner as funder.
func budgetFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	b := wijk.Buurt{WijkID: f.wijk.ID, CBSCode: "BU09990101", Name: "Akkerhof", CBSYear: 2025}
	if err := f.store.CreateBuurt(ctx, &b); err != nil {
		t.Fatal(err)
	}
	csv := "PC6,Huisnummer,Buurt2025,Wijk2025,Gemeente2025\n3999AA,1,9990101,99901,999\n3999AA,2,9990101,99901,999\n3999AB,1,9990102,99901,999\n"
	if _, err := f.store.ImportCBSPostcodes(ctx, "pc6hnr20250801_gwb.csv", strings.NewReader(csv), 0); err != nil {
		t.Fatal(err)
	}
	if err := f.store.EnsureChart(ctx, f.wijk.ID); err != nil {
		t.Fatal(err)
	}
	from, err := f.store.AccountByCode(ctx, f.wijk.ID, "Financiers:Woonstichting", ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	to, err := f.store.AccountByCode(ctx, f.wijk.ID, store.CodeWijkbudget, ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.store.Post(ctx, ledger.Transaction{WijkID: f.wijk.ID, On: time.Now(), Description: "Wijkbudget 2026", IdempotencyKey: "wb",
		Postings: []ledger.Posting{{AccountID: to.ID, Asset: ledger.EUR, Amount: 200_000}, {AccountID: from.ID, Asset: ledger.EUR, Amount: -200_000}}}); err != nil {
		t.Fatal(err)
	}
	return f
}

func wantStatus(t *testing.T, rec interface {
	Result() *http.Response
}, code int, what string) {
	t.Helper()
	if got := rec.Result().StatusCode; got != code {
		t.Fatalf("%s: status=%d, want %d", what, got, code)
	}
}

func wantBody(t *testing.T, body string, what string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			t.Errorf("%s: body lacks %q", what, s)
		}
	}
}

// TestWijkbudgetPages walks a round through the pages: bad input is
// refused and kept, the roles are checked, a resident votes with a code
// from the printed list, and the treasurer funds the winner in the books.
func TestWijkbudgetPages(t *testing.T) {
	f := budgetFixture(t)
	base := "/w/test-wijk/wijkbudget"

	rec := f.do("GET", base, "", nil)
	wantStatus(t, rec, 200, "list as visitor")
	if strings.Contains(rec.Body.String(), `action="/w/test-wijk/wijkbudget"`) {
		t.Error("visitor sees the form to start a round")
	}
	rec = f.do("POST", base, "procesmanager", url.Values{"title": {""}, "method": {"knapsack"}, "budget": {"twaalf"}})
	wantStatus(t, rec, 400, "round without title")
	wantBody(t, rec.Body.String(), "round without title", "twaalf", "Vul dit veld in", "Niet alles is goed ingevuld")
	wantStatus(t, f.do("POST", base, "bewoner", url.Values{"title": {"X"}, "method": {"knapsack"}, "budget": {"10"}}), 403, "round as bewoner")
	rec = f.do("POST", base, "procesmanager", url.Values{"title": {"Wijkbudget 2026"}, "method": {"knapsack"}, "budget": {"1.000"}})
	wantStatus(t, rec, 303, "round")
	round := rec.Header().Get("Location")

	rec = f.do("POST", round+"/projecten", "procesmanager", url.Values{"title": {"Speeltuin"}, "cost": {"2000"}})
	wantStatus(t, rec, 400, "project over budget")
	wantBody(t, rec.Body.String(), "project over budget", `value="Speeltuin"`, "meer dan het hele budget")
	for _, v := range []url.Values{{"title": {"Speeltuin"}, "cost": {"600"}, "initiative_id": {f.org.ID}}, {"title": {"Fontein"}, "cost": {"300"}}} {
		wantStatus(t, f.do("POST", round+"/projecten", "procesmanager", v), 303, "project")
	}
	wantStatus(t, f.do("POST", round+"/projecten", "penningmeester", url.Values{"title": {"X"}, "cost": {"1"}}), 403, "project as penningmeester")
	wantStatus(t, f.do("POST", round+"/fase", "procesmanager", url.Values{"phase": {"voting"}}), 400, "skipping a phase")
	wantStatus(t, f.do("POST", round+"/fase", "procesmanager", url.Values{"phase": {"review"}}), 303, "to review")

	rec = f.do("GET", round, "procesmanager", nil)
	ids := regexp.MustCompile(`/projecten/([0-9a-f-]{36})/toetsing`).FindAllStringSubmatch(rec.Body.String(), -1)
	if len(ids) != 2 {
		t.Fatalf("review forms=%d, want 2", len(ids))
	}
	speeltuin, fontein := ids[0][1], ids[1][1]
	rec = f.do("POST", round+"/projecten/"+fontein+"/toetsing", "procesmanager", url.Values{"feasibility": {"infeasible"}})
	wantStatus(t, rec, 400, "infeasible without reason")
	wantBody(t, rec.Body.String(), "infeasible without reason", "Schrijf op waarom")
	wantStatus(t, f.do("POST", round+"/projecten/"+fontein+"/toetsing", "procesmanager", url.Values{"feasibility": {"infeasible"}, "note": {"Geen water."}}), 303, "review fontein")
	wantStatus(t, f.do("POST", round+"/projecten/"+speeltuin+"/toetsing", "procesmanager", url.Values{"feasibility": {"feasible"}, "initiative_id": {f.org.ID}}), 303, "review speeltuin")
	wantStatus(t, f.do("POST", round+"/fase", "procesmanager", url.Values{"phase": {"voting"}}), 303, "to voting")

	wantStatus(t, f.do("POST", round+"/codes", "procesmanager", url.Values{"count": {"0"}}), 400, "zero codes")
	wantStatus(t, f.do("POST", round+"/codes", "vrijwilliger", url.Values{"count": {"2"}}), 403, "codes as vrijwilliger")
	rec = f.do("POST", round+"/codes", "procesmanager", url.Values{"count": {"2"}})
	wantStatus(t, rec, 200, "codes")
	codes := regexp.MustCompile(`[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}`).FindAllString(rec.Body.String(), -1)
	if len(codes) != 2 {
		t.Fatalf("codes shown=%v, want 2", codes)
	}

	// The ballot, anonymously.
	wantStatus(t, f.do("GET", round+"/stemmen", "", nil), 200, "ballot")
	rec = f.do("POST", round+"/stemmen", "", url.Values{"code": {codes[0]}, "postcode": {"3999 AB"}, "house_number": {"1"}, "project": {speeltuin}})
	wantStatus(t, rec, 400, "vote from outside")
	wantBody(t, rec.Body.String(), "vote from outside", "niet in de wijk", `value="3999 AB"`, `value="`+speeltuin+`" checked`)
	rec = f.do("POST", round+"/stemmen", "", url.Values{"code": {codes[0]}, "postcode": {"3999 AA"}, "house_number": {"1"}, "project": {fontein}})
	wantStatus(t, rec, 400, "vote for an infeasible project")
	wantStatus(t, f.do("POST", round+"/stemmen", "", url.Values{"code": {codes[0]}, "postcode": {"3999 AA"}, "house_number": {"1"}, "project": {speeltuin}}), 303, "vote")
	rec = f.do("POST", round+"/stemmen", "", url.Values{"code": {codes[0]}, "postcode": {"3999 AA"}, "house_number": {"2"}, "project": {speeltuin}})
	wantStatus(t, rec, 400, "code used twice")
	wantBody(t, rec.Body.String(), "code used twice", "al gestemd")

	wantStatus(t, f.do("POST", round+"/fase", "procesmanager", url.Values{"phase": {"results"}}), 303, "to results")
	wantStatus(t, f.do("POST", round+"/stemmen", "", url.Values{"code": {codes[1]}, "postcode": {"3999 AA"}, "house_number": {"2"}, "project": {speeltuin}}), 400, "vote after closing")
	rec = f.do("GET", round, "", nil)
	wantBody(t, rec.Body.String(), "results", "Gewonnen", "Zo tellen we")
	wantStatus(t, f.do("POST", round+"/toekennen", "procesmanager", nil), 403, "fund as procesmanager")
	wantStatus(t, f.do("POST", round+"/toekennen", "penningmeester", nil), 303, "fund")
	wantStatus(t, f.do("POST", round+"/toekennen", "penningmeester", nil), 400, "fund twice")

	rec = f.do("GET", round+"/projecten/"+speeltuin, "", nil)
	wantStatus(t, rec, 200, "project page")
	wantBody(t, rec.Body.String(), "project page", "Toegekend: € 600,00", "Buurttuin", "Nog te besteden")
	budget, err := f.store.AccountByCode(context.Background(), f.wijk.ID, "Initiatieven:Buurttuin:Budget", ledger.EUR)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := f.store.Balance(context.Background(), budget.ID); b != 60_000 {
		t.Errorf("initiative budget=%d, want 60000", b)
	}
	wantStatus(t, f.do("GET", base+"/00000000-0000-7000-8000-000000000000", "", nil), 404, "unknown round")
}
