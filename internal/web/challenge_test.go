package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/wijk"
)

// TestChallenge is the Right to Challenge path: the initiatiefnemer
// submits a challenge for its own organisation (bad amounts come back
// with the input, nothing saved), only the gemeente decides (a partner of
// a woningcorporatie may not), a changed decision keeps the first with its
// reasons visible, the process manager records the agreement linked to a
// ledger account, and the public page shows it without any person.
func TestChallenge(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	gemeente := wijk.Organisation{WijkID: f.wijk.ID, Name: "Gemeente Testgemeente", Form: wijk.FormPartner, Domain: wijk.DomainGemeente}
	if err := f.store.CreateOrganisation(ctx, &gemeente); err != nil {
		t.Fatal(err)
	}
	official := account.User{Email: "ambtenaar@example.org", DisplayName: "User ambtenaar"}
	if err := f.store.CreateUser(ctx, &official); err != nil {
		t.Fatal(err)
	}
	if err := f.store.AddGrant(ctx, &account.Grant{UserID: official.ID, WijkID: f.wijk.ID, Role: account.RolePartner, OrganisationID: gemeente.ID}); err != nil {
		t.Fatal(err)
	}
	tok, sess, err := f.store.CreateSession(ctx, official.ID, 3600e9)
	if err != nil {
		t.Fatal(err)
	}
	f.sessions["ambtenaar"], f.csrf["ambtenaar"] = tok, sess.CSRFToken

	newPath := "/w/test-wijk/initiatieven/" + f.org.ID + "/right-to-challenge"
	expectPage(t, f.do("GET", "/w/test-wijk/right-to-challenge", "initiatiefnemer", nil), http.StatusOK, newPath+"/nieuw")
	expectPage(t, f.do("GET", newPath+"/nieuw", "initiatiefnemer", nil), http.StatusOK, "Namens Buurttuin", `name="current_cost"`)
	expectPage(t, f.do("GET", newPath+"/nieuw", "bewoner", nil), http.StatusForbidden)
	expectPage(t, f.do("GET", "/w/test-wijk/initiatieven/"+f.partner.ID+"/right-to-challenge/nieuw", "procesmanager", nil), http.StatusNotFound)

	bad := url.Values{"task": {"Onderhoud van de buurttuin"}, "current_cost": {"veel"}, "plan": {"Kort"}, "business_case": {"Goedkoper en beter voor de hele buurt."}, "proposed_cost": {"9.500"}}
	expectPage(t, f.do("POST", newPath, "initiatiefnemer", bad), http.StatusBadRequest, "Vul een bedrag in euro in", `value="veel"`, "Beschrijf het plan", `value="9.500"`, `value="Onderhoud van de buurttuin"`)
	if list, _ := f.store.ChallengesOfWijk(ctx, f.wijk.ID); len(list) != 0 {
		t.Fatalf("%d challenges saved after a refused form", len(list))
	}
	good := url.Values{"task": {"Onderhoud van de buurttuin"}, "current_cost": {"12.000"}, "plan": {"Bewoners maaien en snoeien elke week met een vaste ploeg."}, "business_case": {"Goedkoper en beter voor de hele buurt."}, "proposed_cost": {"9.500,50"}}
	rec := f.do("POST", newPath, "initiatiefnemer", good)
	expectPage(t, rec, http.StatusSeeOther)
	list, _ := f.store.ChallengesOfWijk(ctx, f.wijk.ID)
	if len(list) != 1 || list[0].CurrentCostCents != 1_200_000 || list[0].ProposedCostCents != 950_050 {
		t.Fatalf("challenges=%+v", list)
	}
	cp := "/w/test-wijk/right-to-challenge/" + list[0].ID
	if rec.Header().Get("Location") != cp {
		t.Fatalf("location=%q", rec.Header().Get("Location"))
	}

	// Only the gemeente decides, with reasons.
	expectPage(t, f.do("POST", cp+"/besluit", "partner", url.Values{"decision": {"accepted"}, "reasons": {"Wij vinden het prima zo."}}), http.StatusForbidden)
	expectPage(t, f.do("POST", cp+"/besluit", "ambtenaar", url.Values{"decision": {"accepted"}, "reasons": {"ok"}}), http.StatusBadRequest, "Geef de redenen")
	expectPage(t, f.do("POST", cp+"/besluit", "ambtenaar", url.Values{"decision": {"rejected"}, "reasons": {"Er is geen verzekering geregeld."}}), http.StatusSeeOther)
	expectPage(t, f.do("POST", cp+"/besluit", "ambtenaar", url.Values{"decision": {"rejected"}, "reasons": {"Nog steeds geen verzekering."}}), http.StatusBadRequest, "Dit is al het besluit")
	expectPage(t, f.do("POST", cp+"/besluit", "ambtenaar", url.Values{"decision": {"accepted"}, "reasons": {"De verzekering is nu geregeld."}}), http.StatusSeeOther)

	// The agreement, linked to an account of the books.
	if err := f.store.EnsureChart(ctx, f.wijk.ID); err != nil {
		t.Fatal(err)
	}
	accounts, _ := f.store.LedgerAccounts(ctx, f.wijk.ID)
	expectPage(t, f.do("POST", cp+"/afspraak", "ambtenaar", url.Values{"agreement": {"Drie jaar onderhoud."}}), http.StatusForbidden)
	expectPage(t, f.do("POST", cp+"/afspraak", "procesmanager", url.Values{"agreement": {"Kort"}, "ledger_account_id": {accounts[0].ID}}), http.StatusBadRequest, "Beschrijf de afspraak", ">Kort</textarea>")
	expectPage(t, f.do("POST", cp+"/afspraak", "procesmanager", url.Values{"agreement": {"Drie jaar onderhoud door de bewoners."}, "ledger_account_id": {accounts[0].ID}}), http.StatusSeeOther)

	page := f.do("GET", cp, "", nil)
	expectPage(t, page, http.StatusOK, "Onderhoud van de buurttuin", "Buurttuin", "12.000,00", "9.500,50", "2.499,50", "Toegekend", "De verzekering is nu geregeld.",
		"Er is geen verzekering geregeld.", "Drie jaar onderhoud door de bewoners.", accounts[0].Code)
	for _, name := range []string{"User initiatiefnemer", "User ambtenaar", "User procesmanager"} {
		if strings.Contains(page.Body.String(), name) {
			t.Errorf("the public page names %q", name)
		}
	}
	if strings.Contains(page.Body.String(), `action="`+cp+`/besluit"`) {
		t.Error("a visitor sees the decision form")
	}
	expectPage(t, f.do("GET", "/w/andere-wijk/right-to-challenge/"+list[0].ID, "", nil), http.StatusNotFound)
}
