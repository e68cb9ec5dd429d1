package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/requestid"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// fixture is a migrated SQLite store with two wijken, noord and zuid, and
// one account per role in noord, a site admin, and a procesmanager of zuid.
type fixture struct {
	s          *store.Store
	h          http.Handler
	logs       *bytes.Buffer
	noord      wijk.Wijk
	zuid       wijk.Wijk
	buurt      wijk.Buurt
	zuidBuurt  wijk.Buurt
	org        wijk.Organisation // burgerinitiatief in noord
	partnerOrg wijk.Organisation // partner in noord
	zuidOrg    wijk.Organisation
	person     wijk.Person     // in noord, member of org
	membership wijk.Membership // of person in org, a trekker since 2024-03-01
	crit       string          // ID of noord's required criterion to leave the informatiefase
	zuidPerson wijk.Person
	tokens     map[string]string        // actor key -> plain API token
	actors     map[string]account.Actor // actor key -> actor as the policy sees it
	vars       map[string]string        // {name} -> value saved by a step (see runSteps)
}

// Actor keys besides the role names.
const (
	anon     = ""
	admin    = "admin"
	zuidPM   = "zuid-procesmanager"
	badToken = "bad-token"
	badAuth  = "bad-scheme"
)

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "wei.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := &fixture{s: s, logs: &bytes.Buffer{}, tokens: map[string]string{}, actors: map[string]account.Actor{anon: {}}, vars: map[string]string{}}
	log := slog.New(slog.NewJSONHandler(f.logs, nil))
	f.h = requestid.Middleware(New(s, log))

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.noord = wijk.Wijk{Slug: "noord", Name: "Noord", CBSCode: "WK036301", CBSYear: 2024, Municipality: "Amsterdam"}
	f.zuid = wijk.Wijk{Slug: "zuid", Name: "Zuid", CBSCode: "WK036302", CBSYear: 2024, Municipality: "Amsterdam"}
	must(s.CreateWijk(ctx, &f.noord))
	must(s.CreateWijk(ctx, &f.zuid))
	f.buurt = wijk.Buurt{WijkID: f.noord.ID, Name: "Vogelbuurt", CBSCode: "BU03630101", CBSYear: 2024}
	f.zuidBuurt = wijk.Buurt{WijkID: f.zuid.ID, Name: "Rivierenbuurt", CBSCode: "BU03630201", CBSYear: 2024}
	must(s.CreateBuurt(ctx, &f.buurt))
	must(s.CreateBuurt(ctx, &f.zuidBuurt))
	f.org = wijk.Organisation{WijkID: f.noord.ID, Name: "Moestuin Noord", Form: wijk.FormBurgerinitiatief}
	f.partnerOrg = wijk.Organisation{WijkID: f.noord.ID, Name: "Woonstichting", Form: wijk.FormPartner, Domain: wijk.DomainWoningcorporatie}
	f.zuidOrg = wijk.Organisation{WijkID: f.zuid.ID, Name: "Repair Café Zuid", Form: wijk.FormBuurtbedrijf}
	// The organisations exist since 2024, so memberships can start then.
	s.SetClock(func() time.Time { return time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC) })
	must(s.CreateOrganisation(ctx, &f.org))
	must(s.CreateOrganisation(ctx, &f.partnerOrg))
	must(s.CreateOrganisation(ctx, &f.zuidOrg))
	s.SetClock(time.Now)
	now := time.Now()
	f.person = wijk.Person{WijkID: f.noord.ID, BuurtID: f.buurt.ID, DisplayName: "Fatima de Vries", Email: "fatima@example.nl", ConsentAt: now}
	f.zuidPerson = wijk.Person{WijkID: f.zuid.ID, DisplayName: "Jan Zuidema", ConsentAt: now}
	must(s.CreatePerson(ctx, &f.person))
	must(s.CreatePerson(ctx, &f.zuidPerson))
	f.membership = wijk.Membership{OrganisationID: f.org.ID, PersonID: f.person.ID, Role: wijk.MemberTrekker,
		StartedOn: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	must(s.AddMembership(ctx, &f.membership))
	crit, err := s.Criteria(ctx, f.noord.ID)
	must(err)
	for _, c := range crit {
		if c.Phase == proces.PhaseInformatie && c.Required {
			f.crit = c.ID
		}
	}
	if f.crit == "" {
		t.Fatal("noord has no required criterion for the informatiefase")
	}

	addUser := func(key string, isAdmin bool, grants ...account.Grant) {
		t.Helper()
		u := account.User{Email: key + "@example.nl", DisplayName: "User " + key, IsAdmin: isAdmin, PasswordHash: "$argon2id$secret-hash"}
		must(s.CreateUser(ctx, &u))
		for _, g := range grants {
			g.UserID = u.ID
			must(s.AddGrant(ctx, &g))
		}
		tok, _, err := s.CreateAPIToken(ctx, u.ID, "test")
		must(err)
		gs, err := s.GrantsOfUser(ctx, u.ID)
		must(err)
		f.tokens[key] = tok
		f.actors[key] = account.Actor{User: &u, Grants: gs}
	}
	for _, r := range account.Roles {
		g := account.Grant{WijkID: f.noord.ID, Role: r}
		switch r {
		case account.RoleInitiatiefnemer:
			g.OrganisationID = f.org.ID
		case account.RolePartner:
			g.OrganisationID = f.partnerOrg.ID
		}
		addUser(string(r), false, g)
	}
	addUser(admin, true)
	addUser(zuidPM, false, account.Grant{WijkID: f.zuid.ID, Role: account.RoleProcesmanager})
	f.tokens[badToken] = "wei_0000000000000000000000000000000000000000000000"
	return f
}

// expand fills in the IDs of the fixture, today's date and the values
// saved by earlier steps in a URL or body.
func (f *fixture) expand(s string) string {
	pairs := []string{
		"{org}", f.org.ID, "{partner_org}", f.partnerOrg.ID, "{zuid_org}", f.zuidOrg.ID,
		"{person}", f.person.ID, "{zuid_person}", f.zuidPerson.ID, "{membership}", f.membership.ID,
		"{buurt}", f.buurt.ID, "{zuid_buurt}", f.zuidBuurt.ID, "{crit}", f.crit,
		"{today}", proces.Day(time.Now()).Format(dateLayout),
	}
	for k, v := range f.vars {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// addResident gives the account of actor key a resident record in noord.
func (f *fixture) addResident(t testing.TB, key string) wijk.Person {
	t.Helper()
	p := wijk.Person{WijkID: f.noord.ID, DisplayName: "Resident " + key, UserID: f.actors[key].User.ID, ConsentAt: time.Now()}
	if err := f.s.CreatePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// do sends a request as the actor with the given key.
func (f *fixture) do(t testing.TB, method, url, actor string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, url, body)
	switch actor {
	case anon:
	case badAuth:
		req.Header.Set("Authorization", "Basic dXNlcjpwYXNz")
	default:
		tok, ok := f.tokens[actor]
		if !ok {
			t.Fatalf("no token for actor %q", actor)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

// checkErrorBody asserts the one error shape on any status >= 400.
func checkErrorBody(t testing.TB, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code < 400 {
		return
	}
	if ct := rec.Header().Get("Content-Type"); ct != contentTypeJSON {
		t.Errorf("Content-Type=%q, want %q", ct, contentTypeJSON)
	}
	var e errorBody
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	if rec.Code != http.StatusUnprocessableEntity {
		// A refused bank import answers with its report, which carries
		// the fields of the error body besides its own.
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("error body %q is not the error shape: %v", rec.Body.String(), err)
	}
	if e.Code == "" || e.Message == "" {
		t.Errorf("error body %q: code and message must be set", rec.Body.String())
	}
	if e.RequestID == "" || e.RequestID != rec.Header().Get(requestid.Header) {
		t.Errorf("error body request_id=%q, want the %s header %q", e.RequestID, requestid.Header, rec.Header().Get(requestid.Header))
	}
}

func TestScenarios(t *testing.T) {
	t.Parallel()
	const (
		w      = "/api/v1/wijken/noord"
		newOrg = `{"name":"Buurtkeuken","form":"burgerinitiatief","description":"Samen koken"}`
	)
	oversize := `{"name":"` + strings.Repeat("x", maxBody) + `","form":"burgerinitiatief"}`
	tests := []struct {
		name         string
		method       string
		url          string
		actor        string
		body         string
		wantStatus   int
		wantContains []string
		wantAbsent   []string
	}{
		// Public reading.
		{"list wijken", "GET", "/api/v1/wijken", anon, "", 200, []string{`"slug":"noord"`, `"slug":"zuid"`, `"cbs_code":"WK036301"`}, nil},
		{"get wijk with buurten and counts", "GET", w, anon, "", 200,
			[]string{`"name":"Noord"`, `"buurten":[{`, `"Vogelbuurt"`, `"people":1`, `"organisations":2`, `"burgerinitiatief":1`, `"partner":1`, `"wijkcooperatie":0`},
			[]string{"Fatima", "Rivierenbuurt"}},
		{"unknown wijk", "GET", "/api/v1/wijken/nergens", anon, "", 404, []string{`"code":"not_found"`}, nil},
		{"unknown wijk before permission", "GET", "/api/v1/wijken/nergens/people", anon, "", 404, []string{`"code":"not_found"`}, nil},
		{"list buurten", "GET", w + "/buurten", anon, "", 200, []string{`"cbs_code":"BU03630101"`}, []string{"Rivierenbuurt"}},
		{"list organisations", "GET", w + "/organisations", anon, "", 200, []string{"Moestuin Noord", "Woonstichting"}, []string{"Repair"}},
		{"filter organisations by form", "GET", w + "/organisations?form=partner", anon, "", 200, []string{"Woonstichting", `"domain":"woningcorporatie"`}, []string{"Moestuin"}},
		{"filter organisations by two forms", "GET", w + "/organisations?form=partner&form=burgerinitiatief", anon, "", 200, []string{"Woonstichting", "Moestuin"}, nil},
		{"filter organisations by unknown form", "GET", w + "/organisations?form=sekte", anon, "", 400, []string{`"fields":{"form":"error.choice"}`}, nil},
		{"get organisation", "GET", w + "/organisations/{org}", anon, "", 200, []string{`"id":"{org}"`, `"form":"burgerinitiatief"`}, nil},
		{"organisation of another wijk", "GET", w + "/organisations/{zuid_org}", anon, "", 404, []string{`"code":"not_found"`}, []string{"Repair"}},
		{"unknown organisation", "GET", w + "/organisations/nope", anon, "", 404, []string{`"code":"not_found"`}, nil},
		{"openapi document", "GET", "/api/v1/openapi.json", anon, "", 200, []string{`"openapi": "3.0.3"`}, nil},

		// Authentication.
		{"unknown token, also on a public route", "GET", "/api/v1/wijken", badToken, "", 401, []string{`"code":"unauthorized"`}, nil},
		{"not a bearer token", "GET", "/api/v1/me", badAuth, "", 401, []string{`"code":"unauthorized"`}, nil},
		{"anonymous where an account is needed", "POST", w + "/organisations", anon, newOrg, 401, []string{`"code":"unauthorized"`}, nil},
		{"bad token where an account is needed", "GET", w + "/people", badToken, "", 401, []string{`"code":"unauthorized"`}, nil},

		// Organisations.
		{"create organisation", "POST", w + "/organisations", "procesmanager", newOrg, 201, []string{`"name":"Buurtkeuken"`, `"wijk_id":"`}, nil},
		{"create organisation as admin", "POST", w + "/organisations", admin, newOrg, 201, []string{`"name":"Buurtkeuken"`}, nil},
		{"create organisation without name", "POST", w + "/organisations", "procesmanager", `{"form":"burgerinitiatief"}`, 400, []string{`"code":"invalid"`, `"name":"error.required"`}, nil},
		{"create partner without domain", "POST", w + "/organisations", "procesmanager", `{"name":"Gemeente","form":"partner"}`, 400, []string{`"domain":"error.choice"`}, nil},
		{"create organisation with unknown form", "POST", w + "/organisations", "procesmanager", `{"name":"X","form":"sekte"}`, 400, []string{`"form":"error.choice"`}, nil},
		{"duplicate organisation name", "POST", w + "/organisations", "procesmanager", `{"name":"Moestuin Noord","form":"buurtbedrijf"}`, 409, []string{`"code":"conflict"`, `"name":"error.taken"`}, nil},
		{"same name in another wijk", "POST", "/api/v1/wijken/zuid/organisations", zuidPM, `{"name":"Moestuin Noord","form":"burgerinitiatief"}`, 201, nil, nil},
		{"unknown field", "POST", w + "/organisations", "procesmanager", `{"name":"X","form":"burgerinitiatief","colour":"red"}`, 400, []string{`"colour":"error.unknown_field"`}, nil},
		{"wrong type", "POST", w + "/organisations", "procesmanager", `{"name":42,"form":"burgerinitiatief"}`, 400, []string{`"name":"error.type"`}, nil},
		{"bad JSON", "POST", w + "/organisations", "procesmanager", `{"name":`, 400, []string{`"code":"invalid"`}, nil},
		{"not JSON", "POST", w + "/organisations", "procesmanager", `name=x`, 400, []string{`"code":"invalid"`}, nil},
		{"empty body", "POST", w + "/organisations", "procesmanager", ``, 400, []string{`"code":"invalid"`, "empty"}, nil},
		{"two JSON values", "POST", w + "/organisations", "procesmanager", newOrg + `{}`, 400, []string{`"code":"invalid"`}, nil},
		{"oversize body", "POST", w + "/organisations", "procesmanager", oversize, 400, []string{`"code":"invalid"`, "larger than 1048576 bytes"}, nil},
		{"create organisation as bewoner", "POST", w + "/organisations", "bewoner", newOrg, 403, []string{`"code":"forbidden"`}, nil},
		{"create organisation in another wijk", "POST", w + "/organisations", zuidPM, newOrg, 403, []string{`"code":"forbidden"`}, nil},
		{"update organisation", "PUT", w + "/organisations/{org}", "beheerder", `{"name":"Moestuin de Noordpunt","form":"zelfstandig_burgerinitiatief","description":"Groeit"}`, 200,
			[]string{`"name":"Moestuin de Noordpunt"`, `"form":"zelfstandig_burgerinitiatief"`, `"id":"{org}"`}, nil},
		{"update organisation to a taken name", "PUT", w + "/organisations/{org}", "procesmanager", `{"name":"Woonstichting","form":"burgerinitiatief"}`, 409, []string{`"name":"error.taken"`}, nil},
		{"update organisation of another wijk", "PUT", w + "/organisations/{zuid_org}", "procesmanager", `{"name":"Overname","form":"burgerinitiatief"}`, 404, []string{`"code":"not_found"`}, nil},
		{"update organisation without form", "PUT", w + "/organisations/{org}", "procesmanager", `{"name":"Moestuin"}`, 400, []string{`"form":"error.choice"`}, nil},

		// Memberships.
		{"list members", "GET", w + "/organisations/{org}/members", "voorzitter", "", 200, []string{`"person_name":"Fatima de Vries"`, `"role":"trekker"`, `"started_on":"2024-03-01"`, `"active":true`}, nil},
		{"list members as initiatiefnemer", "GET", w + "/organisations/{org}/members", "initiatiefnemer", "", 403, nil, []string{"Fatima"}},
		{"list members anonymously", "GET", w + "/organisations/{org}/members", anon, "", 401, nil, []string{"Fatima"}},
		{"list members of another wijk's organisation", "GET", w + "/organisations/{zuid_org}/members", "procesmanager", "", 404, nil, nil},
		{"add membership", "POST", w + "/memberships", "procesmanager", `{"organisation_id":"{partner_org}","person_id":"{person}","role":"vrijwilliger","started_on":"2025-01-15"}`, 201,
			[]string{`"organisation_id":"{partner_org}"`, `"started_on":"2025-01-15"`, `"active":true`}, nil},
		{"add membership of another wijk's person", "POST", w + "/memberships", "procesmanager", `{"organisation_id":"{org}","person_id":"{zuid_person}","role":"lid","started_on":"2025-01-15"}`, 400,
			[]string{`"person_id":"error.choice"`}, nil},
		{"add membership to another wijk's organisation", "POST", w + "/memberships", "procesmanager", `{"organisation_id":"{zuid_org}","person_id":"{person}","role":"lid","started_on":"2025-01-15"}`, 400,
			[]string{`"organisation_id":"error.choice"`}, nil},
		{"add membership with bad date and role", "POST", w + "/memberships", "procesmanager", `{"organisation_id":"{org}","person_id":"{person}","role":"baas","started_on":"15-01-2025"}`, 400,
			[]string{`"started_on":"error.date"`, `"role":"error.choice"`}, nil},
		{"add membership ending before it starts", "POST", w + "/memberships", "procesmanager", `{"organisation_id":"{org}","person_id":"{person}","role":"lid","started_on":"2025-01-15","ended_on":"2025-01-01"}`, 400,
			[]string{`"ended_on":"error.date_order"`}, nil},
		{"add membership as partner", "POST", w + "/memberships", "partner", `{"organisation_id":"{org}","person_id":"{person}","role":"lid","started_on":"2025-01-15"}`, 403, nil, nil},

		// People.
		{"list people", "GET", w + "/people", "procesmanager", "", 200, []string{`"display_name":"Fatima de Vries"`, `"buurt_id":"{buurt}"`, `"consent_at":"`}, []string{"Jan Zuidema", "password"}},
		{"list people as bewoner", "GET", w + "/people", "bewoner", "", 403, []string{`"code":"forbidden"`}, []string{"Fatima"}},
		{"list people as penningmeester", "GET", w + "/people", "penningmeester", "", 403, nil, []string{"Fatima"}},
		{"list people of another wijk", "GET", w + "/people", zuidPM, "", 403, nil, []string{"Fatima"}},
		{"get person", "GET", w + "/people/{person}", "voorzitter", "", 200, []string{`"id":"{person}"`, `"email":"fatima@example.nl"`, `"has_account":false`}, nil},
		{"get person of another wijk", "GET", w + "/people/{zuid_person}", "procesmanager", "", 404, nil, []string{"Jan"}},
		{"register person", "POST", w + "/people", "procesmanager", `{"display_name":"Ahmed","phone":"06 12345678","buurt_id":"{buurt}","consent":true}`, 201,
			[]string{`"display_name":"Ahmed"`, `"consent_by":"`, `"consent_at":"`}, nil},
		{"register person without consent", "POST", w + "/people", "procesmanager", `{"display_name":"Ahmed"}`, 400, []string{`"consent":"error.consent"`}, nil},
		{"register person with consent false", "POST", w + "/people", "procesmanager", `{"display_name":"Ahmed","consent":false}`, 400, []string{`"consent":"error.consent"`}, nil},
		{"register person with all fields wrong", "POST", w + "/people", "procesmanager", `{"display_name":"","email":"nope","phone":"x","consent":true}`, 400,
			[]string{`"display_name":"error.name"`, `"email":"error.email"`, `"phone":"error.phone"`}, nil},
		{"register person in another wijk's buurt", "POST", w + "/people", "procesmanager", `{"display_name":"Ahmed","buurt_id":"{zuid_buurt}","consent":true}`, 400,
			[]string{`"buurt_id":"error.choice"`}, nil},
		{"register person with user_id", "POST", w + "/people", "procesmanager", `{"display_name":"Ahmed","consent":true,"user_id":"x"}`, 400, []string{`"user_id":"error.unknown_field"`}, nil},
		{"register person as voorzitter", "POST", w + "/people", "voorzitter", `{"display_name":"Ahmed","consent":true}`, 403, nil, nil},
		{"update person", "PUT", w + "/people/{person}", "procesmanager", `{"display_name":"Fatima V.","email":"","phone":"+31 6 1234 5678"}`, 200,
			[]string{`"display_name":"Fatima V."`, `"phone":"+31 6 1234 5678"`}, []string{"fatima@example.nl", "buurt_id"}},
		{"update person with bad e-mail", "PUT", w + "/people/{person}", "procesmanager", `{"display_name":"Fatima","email":"fatima@"}`, 400, []string{`"email":"error.email"`}, nil},
		{"update person of another wijk", "PUT", w + "/people/{zuid_person}", "procesmanager", `{"display_name":"Jan"}`, 404, nil, nil},
		{"update person with consent field", "PUT", w + "/people/{person}", "procesmanager", `{"display_name":"Fatima","consent":true}`, 400, []string{`"consent":"error.unknown_field"`}, nil},
		{"erase person", "DELETE", w + "/people/{person}", "beheerder", "", 204, nil, nil},
		{"erase person of another wijk", "DELETE", w + "/people/{zuid_person}", "beheerder", "", 404, nil, nil},
		{"erase person as voorzitter", "DELETE", w + "/people/{person}", "voorzitter", "", 403, nil, nil},

		// WEI-proces: initiatives and their phase.
		{"list initiatives", "GET", w + "/initiatives", anon, "", 200,
			[]string{`"id":"{org}"`, `"form":"burgerinitiatief"`, `"phase":"informatie"`, `"phase_seq":1`, `"phase_since":"2024-01-02"`}, []string{"Woonstichting", "Repair"}},
		{"filter initiatives by phase", "GET", w + "/initiatives?phase=informatie", anon, "", 200, []string{"Moestuin Noord"}, nil},
		{"filter initiatives by another phase", "GET", w + "/initiatives?phase=ontstaan&phase=beeindigd", anon, "", 200, []string{`{"items":[]}`}, nil},
		{"filter initiatives by unknown phase", "GET", w + "/initiatives?phase=zomer", anon, "", 400, []string{`"fields":{"phase":"error.choice"}`}, nil},
		{"get initiative", "GET", w + "/initiatives/{org}", anon, "", 200,
			[]string{`"phase_events":[{`, `"seq":1`, `"to":"informatie"`, `"on":"2024-01-02"`, `"form_events":[{`, `"to":"burgerinitiatief"`}, []string{"by_user_id", `"from":`}},
		{"get initiative of another wijk", "GET", w + "/initiatives/{zuid_org}", anon, "", 404, nil, []string{"Repair"}},
		{"a partner is no initiative", "GET", w + "/initiatives/{partner_org}", anon, "", 404, nil, nil},
		{"move without the checklist", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"ontstaan","expect_seq":1}`, 400,
			[]string{`"checklist":"error.checklist_open"`, "checklist is not ticked"}, nil},
		{"move with a stale expect_seq", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"ontstaan","expect_seq":0}`, 409,
			[]string{`"code":"conflict"`, `"to":"error.phase_conflict"`}, nil},
		{"move without expect_seq", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"ontstaan"}`, 400, []string{`"expect_seq":"error.required"`}, nil},
		{"move skipping a phase", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"ontwikkel","expect_seq":1}`, 400, []string{`"to":"error.phase_skip"`}, nil},
		{"move to an unknown phase", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"zomer","expect_seq":1}`, 400, []string{`"to":"error.choice"`}, nil},
		{"override without a reason", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"ontstaan","override":true,"expect_seq":1}`, 400,
			[]string{`"reason":"error.override_reason"`}, nil},
		{"override with a reason", "POST", w + "/initiatives/{org}/phase", "beheerder", `{"to":"ontstaan","override":true,"reason":"Groep is er al","expect_seq":1}`, 201,
			[]string{`"seq":2`, `"from":"informatie"`, `"to":"ontstaan"`, `"override":true`, `"on":"{today}"`, `"by_user_id":"`}, nil},
		{"end an initiative without a reason", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"beeindigd","expect_seq":1}`, 400,
			[]string{`"reason":"error.end_reason"`}, nil},
		{"move on a future date", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"beeindigd","reason":"Gestopt","on":"2999-01-01","expect_seq":1}`, 400,
			[]string{`"on":"error.date_future"`}, nil},
		{"move on a malformed date", "POST", w + "/initiatives/{org}/phase", "procesmanager", `{"to":"beeindigd","reason":"Gestopt","on":"1-1-2025","expect_seq":1}`, 400,
			[]string{`"on":"error.date"`}, nil},
		{"move an initiative of another wijk", "POST", w + "/initiatives/{zuid_org}/phase", "procesmanager", `{"to":"ontstaan","expect_seq":1}`, 404, nil, nil},

		// WEI-proces: the checklist.
		{"checklist", "GET", w + "/initiatives/{org}/checklist", "procesmanager", "", 200,
			[]string{`"phase":"informatie"`, `"phase_seq":1`, `"criterion_id":"{crit}"`, `"required":true`, `"checked":false`}, []string{`"phase":"ontstaan"`, "evidence"}},
		{"tick", "PUT", w + "/initiatives/{org}/checklist/{crit}", "procesmanager", `{"evidence":"  Tien bewoners kwamen  "}`, 200,
			[]string{`"criterion_id":"{crit}"`, `"checked":true`, `"evidence":"Tien bewoners kwamen"`, `"checked_at":"`}, nil},
		{"tick without evidence", "PUT", w + "/initiatives/{org}/checklist/{crit}", "procesmanager", `{"evidence":" "}`, 400, []string{`"evidence":"error.evidence"`}, nil},
		{"tick an unknown criterion", "PUT", w + "/initiatives/{org}/checklist/nope", "procesmanager", `{"evidence":"x"}`, 404, nil, nil},
		{"untick what is not ticked", "DELETE", w + "/initiatives/{org}/checklist/{crit}", "procesmanager", "", 404, nil, nil},

		// WEI-proces: people joining and leaving.
		{"join without a resident record", "POST", w + "/initiatives/{org}/join", "bewoner", `{"role":"deelnemer"}`, 400,
			[]string{"You are not registered as a resident of this wijk."}, nil},
		{"join a partner", "POST", w + "/initiatives/{partner_org}/join", "bewoner", `{"role":"deelnemer"}`, 404, nil, nil},
		{"leave someone else's membership", "POST", w + "/memberships/{membership}/leave", "bewoner", `{}`, 403, []string{`"code":"forbidden"`}, nil},
		{"leave an unknown membership", "POST", w + "/memberships/nope/leave", "procesmanager", `{}`, 404, nil, nil},
		{"leave on a future date", "POST", w + "/memberships/{membership}/leave", "procesmanager", `{"on":"2999-01-01"}`, 400, []string{`"on":"error.date_future"`}, nil},
		{"leave before joining", "POST", w + "/memberships/{membership}/leave", "procesmanager", `{"on":"2024-02-01"}`, 400, []string{`"on":"error.date_order"`}, nil},
		{"leave as the initiatiefnemer", "POST", w + "/memberships/{membership}/leave", "initiatiefnemer", `{"reason":"Verhuisd"}`, 204, nil, nil},

		// WEI-proces: events and flow figures.
		{"phase events", "GET", w + "/phase-events", "voorzitter", "", 200, []string{`"initiative_id":"{org}"`, `"seq":1`, `"to":"informatie"`}, []string{"{zuid_org}"}},
		{"phase events up to a day before any", "GET", w + "/phase-events?upto=2024-01-01", "voorzitter", "", 200, []string{`{"items":[]}`}, nil},
		{"phase events up to a bad date", "GET", w + "/phase-events?upto=gisteren", "voorzitter", "", 400, []string{`"upto":"error.date"`}, nil},
		{"people events", "GET", w + "/people-events", "procesmanager", "", 200,
			[]string{`"person_id":"{person}"`, `"kind":"instroom"`, `"role":"trekker"`, `"phase":"informatie"`, `"on":"2024-03-01"`}, []string{"Fatima"}},
		{"people events as bewoner", "GET", w + "/people-events", "bewoner", "", 403, nil, []string{"{person}"}},
		{"flow", "GET", w + "/flow", "partner", "", 200,
			[]string{`"period":{"from":"`, `"phases":[{"phase":"informatie","initiatives":1,`, `"stuck_after_days":180`, `"stuck":[{"initiative_id":"{org}","phase":"informatie","since":"2024-01-02"`}, nil},
		{"flow of 2024", "GET", w + "/flow?from=2024-01-01&to=2024-12-31&stuck_days=30", "procesmanager", "", 200,
			[]string{`"period":{"from":"2024-01-01","to":"2024-12-31"}`, `"people_total":1`, `"instroom":1`, `"stuck_after_days":30`}, nil},
		{"flow ending before it starts", "GET", w + "/flow?from=2025-02-01&to=2025-01-01", "procesmanager", "", 400, []string{`"to":"error.date_order"`}, nil},
		{"flow with bad dates", "GET", w + "/flow?from=gisteren&to=2025-13-01", "procesmanager", "", 400, []string{`"from":"error.date"`, `"to":"error.date"`}, nil},
		{"flow with stuck_days out of range", "GET", w + "/flow?stuck_days=0", "procesmanager", "", 400, []string{`"stuck_days":"error.range"`}, nil},
		{"flow with stuck_days not a number", "GET", w + "/flow?stuck_days=veel", "procesmanager", "", 400, []string{`"stuck_days":"error.range"`}, nil},

		// WEI-proces: Action Learning.
		{"record a reflection", "POST", w + "/initiatives/{org}/reflections", "initiatiefnemer",
			`{"participants":["{person}","{person}"],"went_well":"Opkomst","learned":"Samen plannen werkt","next_action":"Volgende maand weer"}`, 201,
			[]string{`"participants":["{person}"]`, `"on":"{today}"`, `"next_action":"Volgende maand weer"`}, nil},
		{"reflection with someone of another wijk", "POST", w + "/initiatives/{org}/reflections", "procesmanager",
			`{"participants":["{zuid_person}"],"learned":"x","next_action":"y"}`, 400, []string{`"participants":"error.choice"`}, nil},
		{"reflection without a next action", "POST", w + "/initiatives/{org}/reflections", "procesmanager", `{"learned":"x","on":"2999-01-01"}`, 400,
			[]string{`"next_action":"error.required"`, `"on":"error.date_future"`}, nil},
		{"reflections", "GET", w + "/initiatives/{org}/reflections", "voorzitter", "", 200, []string{`{"items":[]}`}, nil},

		// Wijkboekhouding; the bookings themselves are in TestBooks.
		{"public ledger of empty books", "GET", w + "/ledger", anon, "", 200,
			[]string{`"head":{"seq":0,"hash":""}`, `"verified":true`, `"asset":"EUR"`, `"initiatives":[]`, `"funders":[]`}, nil},
		{"public ledger with a bad period", "GET", w + "/ledger?from=2025-02-01&to=2025-01-01", anon, "", 400, []string{`"to":"error.date_order"`}, nil},
		{"public ledger with a bad date", "GET", w + "/ledger?from=1-1-2025", anon, "", 400, []string{`"from":"error.date"`}, nil},
		{"chart with balances", "GET", w + "/ledger/accounts", "beheerder", "", 200,
			[]string{`"code":"Bank"`, `"code":"Initiatieven:Moestuin Noord:Budget"`, `"code":"Financiers:Woonstichting"`, `"balance":{"amount":0,"amount_text":"0.00"}`}, nil},
		{"chart as bewoner", "GET", w + "/ledger/accounts", "bewoner", "", 403, nil, []string{"Bank"}},
		{"transactions of this year", "GET", w + "/ledger/transactions", "voorzitter", "", 200, []string{`{"items":[]}`}, nil},
		{"post without Idempotency-Key", "POST", w + "/ledger/transactions", "penningmeester",
			`{"on":"{today}","description":"x","postings":[{"account":"Bank","asset":"EUR","amount":1},{"account":"Wijkbudget","asset":"EUR","amount":-1}]}`, 400,
			[]string{`"idempotency_key":"error.required"`}, nil},
		{"post as bewoner", "POST", w + "/ledger/transactions", "bewoner", `{}`, 403, []string{`"code":"forbidden"`}, nil},
		{"post as voorzitter", "POST", w + "/ledger/transactions", "voorzitter", `{}`, 403, nil, nil},
		{"bank queue as beheerder", "GET", w + "/bank/queue", "beheerder", "", 403, nil, nil},
		{"empty bank queue", "GET", w + "/bank/queue", "penningmeester", "", 200, []string{`{"items":[]}`}, nil},
		{"lm3 of the example", "POST", "/api/v1/lm3", anon, lm3Example, 200,
			[]string{`"lm3":2.01`, `"r2":{"amount":700000,"amount_text":"7000.00"}`, `"r3":{"amount":310000,"amount_text":"3100.00"}`}, nil},
		{"lm3 without an income", "POST", "/api/v1/lm3", anon, `{}`, 400, []string{`"r1":"error.positive"`}, nil},

		// Me.
		{"me", "GET", "/api/v1/me", "initiatiefnemer", "", 200,
			[]string{`"email":"initiatiefnemer@example.nl"`, `"role":"initiatiefnemer"`, `"wijk_slug":"noord"`, `"organisation_id":"{org}"`, `"has_password":true`},
			[]string{"argon2id", "password_hash"}},
		{"me as admin without roles", "GET", "/api/v1/me", admin, "", 200, []string{`"is_admin":true`, `"roles":[]`}, nil},
		{"me anonymously", "GET", "/api/v1/me", anon, "", 401, nil, nil},
		{"export", "GET", "/api/v1/me/export", "bewoner", "", 200, []string{`"account":{`, `"email":"bewoner@example.nl"`, `"roles":[{`, `"resident_records":[]`}, []string{"argon2id"}},
		{"erase me without confirm", "DELETE", "/api/v1/me", "bewoner", `{}`, 400, []string{`"confirm":"error.confirm"`}, nil},
		{"erase me with confirm false", "DELETE", "/api/v1/me", "bewoner", `{"confirm":false}`, 400, []string{`"confirm":"error.confirm"`}, nil},
		{"erase me without body", "DELETE", "/api/v1/me", "bewoner", ``, 400, nil, nil},
		{"erase me", "DELETE", "/api/v1/me", "bewoner", `{"confirm":true}`, 204, nil, nil},

		// Routing.
		{"unknown route", "GET", "/api/v1/nope", anon, "", 404, []string{`"code":"not_found"`}, nil},
		{"unknown nested route", "GET", w + "/organisations/{org}/nope", anon, "", 404, []string{`"code":"not_found"`}, nil},
		{"wrong method", "DELETE", "/api/v1/wijken", anon, "", 405, []string{`"code":"method_not_allowed"`}, nil},
		{"wrong method on a record", "PATCH", w + "/people/{person}", "procesmanager", "", 405, []string{`"code":"method_not_allowed"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			var body io.Reader
			if tt.method == "POST" || tt.method == "PUT" || tt.body != "" {
				body = strings.NewReader(f.expand(tt.body))
			}
			rec := f.do(t, tt.method, f.expand(tt.url), tt.actor, body)
			if rec.Code != tt.wantStatus {
				t.Fatalf("%s %s: status=%d, want %d; body %s", tt.method, tt.url, rec.Code, tt.wantStatus, truncate(rec.Body.String()))
			}
			got := rec.Body.String()
			for _, want := range tt.wantContains {
				if want = f.expand(want); !strings.Contains(got, want) {
					t.Errorf("body does not contain %s; body %s", want, truncate(got))
				}
			}
			for _, absent := range tt.wantAbsent {
				if strings.Contains(got, f.expand(absent)) {
					t.Errorf("body contains %s, want it absent; body %s", absent, truncate(got))
				}
			}
			checkErrorBody(t, rec)
			if rec.Code < 300 && rec.Code != http.StatusNoContent {
				if ct := rec.Header().Get("Content-Type"); ct != contentTypeJSON {
					t.Errorf("Content-Type=%q, want %q", ct, contentTypeJSON)
				}
				if !json.Valid(rec.Body.Bytes()) {
					t.Errorf("body is not valid JSON: %s", truncate(got))
				}
			}
			if rec.Code == http.StatusUnauthorized && rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate header")
			}
			if rec.Code == http.StatusMethodNotAllowed && rec.Header().Get("Allow") == "" {
				t.Errorf("405 without Allow header")
			}
		})
	}
}

func truncate(s string) string {
	if len(s) > 500 {
		return s[:500] + "..."
	}
	return s
}

// TestTimesAreUTC checks that times are RFC 3339 in UTC.
func TestTimesAreUTC(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := f.do(t, "GET", "/api/v1/wijken/noord/people/"+f.person.ID, "procesmanager", nil)
	var p struct {
		ConsentAt string `json:"consent_at"`
		CreatedAt string `json:"created_at"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]string{"consent_at": p.ConsentAt, "created_at": p.CreatedAt} {
		tm, err := time.Parse(time.RFC3339, v)
		if err != nil || !strings.HasSuffix(v, "Z") || tm.IsZero() {
			t.Errorf("%s=%q, want an RFC 3339 time in UTC (err %v)", name, v, err)
		}
	}
}

// TestInternalErrorIsHidden breaks the database and checks that the client
// gets "Internal error" with a request ID, and the log gets the details once.
func TestInternalErrorIsHidden(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	rec := f.do(t, "GET", "/api/v1/wijken", anon, nil)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status=%d, want 500", rec.Code)
	}
	checkErrorBody(t, rec)
	var e errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatal(err)
	}
	if e.Code != "internal" || e.Message != "Internal error" {
		t.Errorf("body=%s, want code internal and message %q", rec.Body.String(), "Internal error")
	}
	if strings.Contains(rec.Body.String(), "sql") || strings.Contains(rec.Body.String(), "store") {
		t.Errorf("body leaks the error: %s", rec.Body.String())
	}
	logs := f.logs.String()
	if n := strings.Count(logs, "\n"); n != 1 {
		t.Errorf("logged %d lines, want 1: %s", n, logs)
	}
	if !strings.Contains(logs, `"request_id":"`+e.RequestID+`"`) || !strings.Contains(logs, "closed") {
		t.Errorf("log %s does not hold the request ID %s and the error", logs, e.RequestID)
	}
}
