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
	if strings.Contains(pattern, "/people/") {
		id = f.person.ID
	}
	return strings.NewReplacer("{wijk}", f.noord.Slug, "{id}", id).Replace(pattern)
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
	}
}

// TestRolesByRoute sends every route as every role, anonymous and a site
// administrator, and checks that the request gets past authorisation
// exactly when the policy (account.Actor.Can) says so.
func TestRolesByRoute(t *testing.T) {
	t.Parallel()
	for _, rt := range routes {
		t.Run(rt.Method+" "+rt.Pattern, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			url := f.concreteURL(rt.Pattern)
			for _, key := range actorKeys() {
				allowed := f.actors[key].Can(rt.Perm, f.noord.ID)
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
				body = strings.NewReader(tt.body)
			}
			rec := f.do(t, tt.method, f.expand(tt.url), tt.actor, body)
			if rec.Code != tt.wantStatus {
				t.Errorf("status=%d, want %d; body %s", rec.Code, tt.wantStatus, truncate(rec.Body.String()))
			}
		})
	}
}
