package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/pact"
	"github.com/wei-platform/wei/wijk"
)

// TestPactForm: bad input comes back with the input and a message per
// field, and nothing is saved; good input makes the pact.
func TestPactForm(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	expectPage(t, f.do("GET", "/w/test-wijk/wijkpact/nieuw", "procesmanager", nil), http.StatusOK, `name="title"`, `type="date"`)
	expectPage(t, f.do("GET", "/w/test-wijk/wijkpact/nieuw", "partner", nil), http.StatusForbidden)
	bad := url.Values{"title": {"Wp"}, "purpose": {"Schoon"}, "starts_on": {"2026-01-01"}, "ends_on": {"morgen"}, "review_on": {""}}
	expectPage(t, f.do("POST", "/w/test-wijk/wijkpact", "procesmanager", bad), http.StatusBadRequest,
		"Vul een naam in van 3 tot 120 tekens", `href="#f-title"`, `value="Wp"`, "Beschrijf het doel", ">Schoon</textarea>", "Vul een goede datum in", `value="morgen"`)
	if list, _ := f.store.PactsOfWijk(ctx, f.wijk.ID); len(list) != 0 {
		t.Fatalf("%d pacts saved after a refused form", len(list))
	}
	good := url.Values{"title": {"Wijkpact Testwijk"}, "purpose": {"Samen werken aan een schone wijk."}, "starts_on": {"2026-01-01"}, "ends_on": {"2027-12-31"}, "review_on": {"2026-07-01"}}
	rec := f.do("POST", "/w/test-wijk/wijkpact", "procesmanager", good)
	expectPage(t, rec, http.StatusSeeOther)
	list, _ := f.store.PactsOfWijk(ctx, f.wijk.ID)
	if len(list) != 1 || len(list[0].Reviews) != 1 || rec.Header().Get("Location") != "/w/test-wijk/wijkpact/"+list[0].ID {
		t.Fatalf("pacts=%+v location=%q", list, rec.Header().Get("Location"))
	}
	expectPage(t, f.do("POST", "/w/test-wijk/wijkpact", "procesmanager", good), http.StatusBadRequest, "Dit wordt al gebruikt")
	expectPage(t, f.do("GET", "/w/test-wijk/wijkpact", "", nil), http.StatusOK, "Wijkpact Testwijk", "0 van 0 partijen akkoord")
	expectPage(t, f.do("GET", "/w/andere-wijk/wijkpact/"+list[0].ID, "", nil), http.StatusNotFound)
}

// TestPactSigning is the path of the issue: the process manager drafts a
// pact with three parties, each party signs (two through their own
// accounts, the gemeente through the process manager), the text is then
// frozen, progress is reported and visible on the public page without any
// person's name, and the PDF downloads.
func TestPactSigning(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	gemeente := wijk.Organisation{WijkID: f.wijk.ID, Name: "Gemeente Testgemeente", Form: wijk.FormPartner, Domain: wijk.DomainGemeente}
	if err := f.store.CreateOrganisation(ctx, &gemeente); err != nil {
		t.Fatal(err)
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	p := pact.Pact{WijkID: f.wijk.ID, Title: "Wijkpact Testwijk", Purpose: "Samen werken aan een schone wijk.", StartsOn: today.AddDate(0, -1, 0), EndsOn: today.AddDate(1, 0, 0)}
	if err := f.store.CreatePact(ctx, &p); err != nil {
		t.Fatal(err)
	}
	pp := "/w/test-wijk/wijkpact/" + p.ID
	for _, o := range []string{f.org.ID, f.partner.ID, gemeente.ID} {
		expectPage(t, f.do("POST", pp+"/partijen", "procesmanager", url.Values{"organisation_id": {o}}), http.StatusSeeOther)
	}
	expectPage(t, f.do("POST", pp+"/partijen", "procesmanager", url.Values{"organisation_id": {f.org.ID}}), http.StatusBadRequest, "doet al mee")
	expectPage(t, f.do("POST", pp+"/partijen", "partner", url.Values{"organisation_id": {f.org.ID}}), http.StatusForbidden)
	got, _ := f.store.Pact(ctx, f.wijk.ID, p.ID)
	if len(got.Parties) != 3 {
		t.Fatalf("%d parties", len(got.Parties))
	}
	party := map[string]string{}
	for _, pt := range got.Parties {
		party[pt.OrganisationID] = pt.ID
	}
	due := today.AddDate(0, 6, 0).Format(time.DateOnly)
	bad := url.Values{"party_id": {party[f.partner.ID]}, "what": {"Veel"}, "indicator": {"portiekgesprekken"}, "target": {"tien"}, "due_on": {"2099-01-01"}}
	expectPage(t, f.do("POST", pp+"/afspraken", "procesmanager", bad), http.StatusBadRequest,
		"Beschrijf de afspraak", `value="tien"`, "Vul een heel getal in groter dan 0", "buiten de looptijd", `value="portiekgesprekken"`)
	for org, what := range map[string]string{f.org.ID: "Vier opschoondagen per jaar", f.partner.ID: "Portiekgesprekken in alle flats", gemeente.ID: "Extra afvalbakken plaatsen"} {
		c := url.Values{"party_id": {party[org]}, "what": {what}, "indicator": {"aantal"}, "target": {"4"}, "due_on": {due}, "owner": {"team wijkbeheer"}}
		expectPage(t, f.do("POST", pp+"/afspraken", "procesmanager", c), http.StatusSeeOther)
	}

	// A resident and a partner cannot sign for a party that is not theirs.
	expectPage(t, f.do("POST", pp+"/akkoord", "bewoner", url.Values{"accept_party": {party[f.org.ID]}, "signatory": {"bestuur"}}), http.StatusBadRequest, "Kies een partij van dit pact")
	expectPage(t, f.do("POST", pp+"/akkoord", "partner", url.Values{"accept_party": {party[f.org.ID]}, "signatory": {"directeur"}}), http.StatusBadRequest, "Kies een partij van dit pact")
	expectPage(t, f.do("POST", pp+"/akkoord", "partner", url.Values{"accept_party": {party[f.partner.ID]}, "signatory": {""}}), http.StatusBadRequest, "Vul de functie in")
	if got, _ := f.store.Pact(ctx, f.wijk.ID, p.ID); len(got.Events) != 0 {
		t.Fatalf("refused acceptances were saved: %+v", got.Events)
	}
	// The partner's page offers only its own party.
	body := f.do("GET", pp, "partner", nil).Body.String()
	if !strings.Contains(body, `name="accept_party"`) || strings.Contains(body, `<option value="`+party[f.org.ID]+`"`) {
		t.Fatalf("the partner's acceptance form offers the wrong parties")
	}
	expectPage(t, f.do("POST", pp+"/akkoord", "partner", url.Values{"accept_party": {party[f.partner.ID]}, "signatory": {"directeur"}}), http.StatusSeeOther)
	expectPage(t, f.do("POST", pp+"/akkoord", "initiatiefnemer", url.Values{"accept_party": {party[f.org.ID]}, "signatory": {"bestuur"}}), http.StatusSeeOther)
	// Frozen now: no more commitments.
	c := url.Values{"party_id": {party[gemeente.ID]}, "what": {"Nog iets extra"}, "indicator": {"aantal"}, "target": {"1"}, "due_on": {due}}
	expectPage(t, f.do("POST", pp+"/afspraken", "procesmanager", c), http.StatusBadRequest, "De tekst kan daarom niet meer veranderen", ">Nog iets extra</textarea>")
	expectPage(t, f.do("GET", pp, "", nil), http.StatusOK, "Concept: 2 van 3 partijen hebben ondertekend")
	expectPage(t, f.do("POST", pp+"/akkoord", "procesmanager", url.Values{"accept_party": {party[gemeente.ID]}, "signatory": {"wethouder"}}), http.StatusSeeOther)

	got, _ = f.store.Pact(ctx, f.wijk.ID, p.ID)
	var partnerC string
	for _, c := range got.Commitments {
		if c.PartyID == party[f.partner.ID] {
			partnerC = c.ID
		}
	}
	// Progress: the partner for its own commitment only.
	var orgC string
	for _, c := range got.Commitments {
		if c.PartyID == party[f.org.ID] {
			orgC = c.ID
		}
	}
	expectPage(t, f.do("POST", pp+"/voortgang", "partner", url.Values{"commitment_id": {orgC}, "value": {"2"}}), http.StatusBadRequest, "Kies een afspraak van je eigen partij")
	expectPage(t, f.do("POST", pp+"/voortgang", "partner", url.Values{"commitment_id": {partnerC}, "value": {"-3"}}), http.StatusBadRequest, "Vul een heel getal in van 0 of meer", `value="-3"`)
	expectPage(t, f.do("POST", pp+"/voortgang", "partner", url.Values{"commitment_id": {partnerC}, "value": {"2"}, "note": {"eerste flats gedaan"}}), http.StatusSeeOther)

	// The public page: signed, progress per commitment, per party and for
	// the pact, the history; organisations and functions, no persons.
	rec := f.do("GET", pp, "", nil)
	expectPage(t, rec, http.StatusOK, "Door alle partijen ondertekend op", "Woonstichting", "Gemeente Testgemeente", "Buurttuin", "2 van 4 (50%)",
		"Het pact is voor 16% klaar", "Woonstichting tekende (directeur)", "eerste flats gedaan", "wijkpact.pdf")
	for _, name := range []string{"User partner", "User procesmanager", "User initiatiefnemer"} {
		if strings.Contains(rec.Body.String(), name) {
			t.Errorf("the public page names %q", name)
		}
	}
	if strings.Contains(rec.Body.String(), `action="`+pp+`/akkoord"`) {
		t.Error("an anonymous visitor sees the acceptance form")
	}
	expectPage(t, f.do("GET", "/w/test-wijk/wijkpact", "", nil), http.StatusOK, "Door alle partijen ondertekend", "16%")

	// Withdrawing is refused for another's party, and kept in the history.
	expectPage(t, f.do("POST", pp+"/intrekken", "partner", url.Values{"withdraw_party": {party[f.org.ID]}}), http.StatusBadRequest, "Kies een partij van dit pact")

	pdf := f.do("GET", pp+"/wijkpact.pdf", "", nil)
	if pdf.Code != http.StatusOK || pdf.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf.Body.Bytes(), []byte("%PDF")) || pdf.Body.Len() < 1000 {
		t.Fatalf("pdf: status=%d type=%q len=%d", pdf.Code, pdf.Header().Get("Content-Type"), pdf.Body.Len())
	}
	expectPage(t, f.do("GET", "/w/test-wijk/wijkpact/00000000-0000-7000-8000-000000000000/wijkpact.pdf", "", nil), http.StatusNotFound)
}
