package api

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/wei-platform/wei/account"
)

// actorKeys are everyone the role test sends requests as: anonymous, one
// account per role in noord, and a site administrator.
func actorKeys() []string {
	keys := []string{anon}
	for _, r := range account.Roles {
		keys = append(keys, string(r))
	}
	return append(keys, admin)
}

// concreteURL fills a route pattern with noord and an ID of the right kind.
func (f *fixture) concreteURL(pattern string) string {
	id := f.org.ID
	switch {
	case strings.Contains(pattern, "/people/"):
		id = f.person.ID
	case strings.Contains(pattern, "/memberships/"):
		id = f.membership.ID
	}
	return strings.NewReplacer("{wijk}", f.noord.Slug, "{id}", id, "{criterion}", f.crit).Replace(pattern)
}

// allowed is what the policy says about actor key on the route in noord,
// with the organisation of concreteURL: Actor.Can, CanOrg for routes scoped
// to an organisation, and the checks a handler makes itself.
func (f *fixture) allowed(rt route, key string) bool {
	a := f.actors[key]
	ok := a.Can(rt.Perm, f.noord.ID)
	if rt.OrgParam != "" {
		perm := rt.OrgPerm
		if perm == "" {
			perm = rt.Perm
		}
		ok = ok || a.CanOrg(perm, f.noord.ID, f.org.ID)
	}
	if rt.Name == "leaveMembership" {
		// The fixture's membership is of a person without an account, so
		// only those who may edit the memberships of org may end it.
		ok = ok && a.CanOrg(account.PermEditMemberships, f.noord.ID, f.membership.OrganisationID)
	}
	return ok
}

func TestRouteTable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	names := map[string]bool{}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Pattern
		if seen[key] {
			t.Errorf("route %s is listed twice", key)
		}
		seen[key] = true
		if names[rt.Name] || rt.Name == "" {
			t.Errorf("route %s: name %q is empty or used twice", key, rt.Name)
		}
		names[rt.Name] = true
		if !strings.HasPrefix(rt.Pattern, Prefix+"/") {
			t.Errorf("route %s is not under %s", key, Prefix)
		}
		if !slices.Contains(account.Permissions, rt.Perm) {
			t.Errorf("route %s: permission %q is not in account.Permissions", key, rt.Perm)
		}
		if rt.Handle == nil {
			t.Errorf("route %s has no handler", key)
		}
		if rt.OrgParam != "" && !strings.Contains(rt.Pattern, "{"+rt.OrgParam+"}") {
			t.Errorf("route %s: OrgParam %q is not a path value of the pattern", key, rt.OrgParam)
		}
		if rt.OrgPerm != "" && (rt.OrgParam == "" || !slices.Contains(account.Permissions, rt.OrgPerm)) {
			t.Errorf("route %s: OrgPerm %q needs an OrgParam and must be in account.Permissions", key, rt.OrgPerm)
		}
	}
}

// TestRolesByRoute sends every route as every role, anonymous and a site
// administrator, and checks that the request gets past authorisation
// exactly when the policy (account.Actor.Can, or CanOrg) says so.
func TestRolesByRoute(t *testing.T) {
	t.Parallel()
	for _, rt := range routes {
		t.Run(rt.Method+" "+rt.Pattern, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			url := f.concreteURL(rt.Pattern)
			for _, key := range actorKeys() {
				allowed := f.allowed(rt, key)
				var body io.Reader
				if rt.Method != "GET" {
					// Enough to get past or be stopped by authorisation;
					// {} never confirms the erasure of an account.
					body = strings.NewReader(`{}`)
				}
				rec := f.do(t, rt.Method, url, key, body)
				checkErrorBody(t, rec)
				denied := rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden
				switch {
				case allowed && denied:
					t.Errorf("actor %q: status=%d, want allowed; body %s", key, rec.Code, truncate(rec.Body.String()))
				case allowed && rt.Method == "GET" && rec.Code != http.StatusOK:
					t.Errorf("actor %q: status=%d, want 200; body %s", key, rec.Code, truncate(rec.Body.String()))
				case !allowed && key == anon && rec.Code != http.StatusUnauthorized:
					t.Errorf("anonymous: status=%d, want 401", rec.Code)
				case !allowed && key != anon && rec.Code != http.StatusForbidden:
					t.Errorf("actor %q: status=%d, want 403", key, rec.Code)
				}
			}
		})
	}
}

// TestRolesFixed pins a few decisions of the policy, so that this package's
// tests fail if the policy table is emptied or loosened, not only follow it.
func TestRolesFixed(t *testing.T) {
	t.Parallel()
	const w = "/api/v1/wijken/noord"
	newPerson := `{"display_name":"Ahmed","consent":true}`
	newOrg := `{"name":"Buurtkeuken","form":"burgerinitiatief"}`
	join := `{"role":"deelnemer"}`
	move := `{"to":"ontstaan","expect_seq":1}`
	tick := `{"evidence":"Tien bewoners op de bijeenkomst"}`
	reflection := `{"participants":["{person}"],"learned":"Samen plannen werkt","next_action":"Volgende maand weer"}`
	tests := []struct {
		actor      string
		method     string
		url        string
		body       string
		wantStatus int
	}{
		{anon, "GET", "/api/v1/wijken", "", 200},
		{anon, "GET", w, "", 200},
		{anon, "GET", w + "/organisations", "", 200},
		{anon, "GET", w + "/people", "", 401},
		{anon, "GET", "/api/v1/me", "", 401},
		{"bewoner", "GET", w + "/people", "", 403},
		{"bewoner", "GET", w + "/people/{person}", "", 403},
		{"bewoner", "GET", "/api/v1/me", "", 200},
		{"initiatiefnemer", "GET", w + "/organisations/{org}/members", "", 403},
		{"partner", "POST", w + "/organisations", newOrg, 403},
		{"penningmeester", "POST", w + "/people", newPerson, 403},
		{"voorzitter", "GET", w + "/people", "", 200},
		{"voorzitter", "POST", w + "/people", newPerson, 403},
		{"procesmanager", "GET", w + "/people", "", 200},
		{"procesmanager", "POST", w + "/people", newPerson, 201},
		{"procesmanager", "POST", w + "/organisations", newOrg, 201},
		{"beheerder", "DELETE", w + "/people/{person}", "", 204},
		{zuidPM, "GET", w + "/people", "", 403},
		{zuidPM, "GET", "/api/v1/wijken/zuid/people", "", 200},
		{admin, "GET", w + "/people", "", 200},
		{admin, "POST", w + "/people", newPerson, 201},

		// WEI-proces.
		{anon, "GET", w + "/initiatives", "", 200},
		{anon, "GET", w + "/initiatives/{org}", "", 200},
		{anon, "GET", w + "/flow", "", 401},
		{anon, "POST", w + "/initiatives/{org}/join", join, 401},
		{"bewoner", "GET", w + "/flow", "", 403},
		{"bewoner", "GET", w + "/phase-events", "", 403},
		{"bewoner", "GET", w + "/people-events", "", 403},
		{"bewoner", "POST", w + "/memberships/{membership}/leave", "{}", 403},
		{"bewoner", "GET", w + "/initiatives/{org}/reflections", "", 403},
		{"initiatiefnemer", "POST", w + "/initiatives/{org}/phase", move, 403},
		{"initiatiefnemer", "GET", w + "/initiatives/{org}/checklist", "", 403},
		{"initiatiefnemer", "GET", w + "/initiatives/{org}/reflections", "", 200},
		{"initiatiefnemer", "POST", w + "/initiatives/{org}/reflections", reflection, 201},
		{"initiatiefnemer", "POST", w + "/initiatives/{zuid_org}/reflections", reflection, 403}, // not their initiative
		{"initiatiefnemer", "POST", w + "/memberships/{membership}/leave", "{}", 204},
		{"partner", "GET", w + "/flow", "", 200},
		{"partner", "GET", w + "/people-events", "", 403},
		{"partner", "GET", w + "/initiatives/{org}/reflections", "", 403},
		{"penningmeester", "GET", w + "/flow.csv", "", 200},
		{"voorzitter", "GET", w + "/phase-events", "", 200},
		{"voorzitter", "GET", w + "/people-events", "", 200},
		{"voorzitter", "GET", w + "/initiatives/{org}/reflections", "", 200},
		{"voorzitter", "POST", w + "/initiatives/{org}/reflections", reflection, 403},
		{"voorzitter", "POST", w + "/initiatives/{org}/phase", move, 403},
		{"voorzitter", "PUT", w + "/initiatives/{org}/checklist/{crit}", tick, 403},
		{"voorzitter", "POST", w + "/memberships/{membership}/leave", "{}", 403},
		{"procesmanager", "GET", w + "/initiatives/{org}/checklist", "", 200},
		{"procesmanager", "PUT", w + "/initiatives/{org}/checklist/{crit}", tick, 200},
		{"beheerder", "POST", w + "/initiatives/{org}/phase", move, 400}, // allowed; the checklist is open
		{zuidPM, "GET", w + "/flow", "", 403},
		{zuidPM, "GET", "/api/v1/wijken/zuid/flow", "", 200},

		// Wijkboekhouding.
		{anon, "GET", w + "/ledger", "", 200},
		{anon, "POST", "/api/v1/lm3", lm3Example, 200},
		{anon, "GET", w + "/ledger/transactions", "", 401},
		{"bewoner", "GET", w + "/ledger/accounts", "", 403},
		{"partner", "GET", w + "/ledger/transactions", "", 403},
		{"voorzitter", "GET", w + "/ledger/transactions", "", 200},
		{"voorzitter", "POST", w + "/ledger/transactions", "{}", 403},
		{"beheerder", "GET", w + "/ledger/accounts", "", 200},
		{"beheerder", "GET", w + "/bank/queue", "", 403},
		{"procesmanager", "POST", w + "/bank/import", "{}", 403},
		{"penningmeester", "GET", w + "/bank/queue", "", 200},
		{"penningmeester", "POST", w + "/ledger/transactions", "{}", 400}, // allowed; no Idempotency-Key
		{zuidPM, "GET", w + "/ledger/accounts", "", 403},
	}
	for _, tt := range tests {
		name := tt.actor
		if name == anon {
			name = "anonymous"
		}
		t.Run(name+" "+tt.method+" "+tt.url, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(f.expand(tt.body))
			}
			rec := f.do(t, tt.method, f.expand(tt.url), tt.actor, body)
			if rec.Code != tt.wantStatus {
				t.Errorf("status=%d, want %d; body %s", rec.Code, tt.wantStatus, truncate(rec.Body.String()))
			}
		})
	}
}
