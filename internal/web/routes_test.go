package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/mail"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// fixture is a small wijk with one account per role.
type fixture struct {
	t        testing.TB
	store    *store.Store
	h        *Handler
	wijk     wijk.Wijk
	other    wijk.Wijk
	org      wijk.Organisation
	partner  wijk.Organisation
	person   wijk.Person
	users    map[string]account.User // by role name, plus "admin" and "none"
	sessions map[string]string       // cookie token by role name
	csrf     map[string]string
	grantID  string
}

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
	cfg := config.Config{BaseURL: "http://wei.test", SessionTTL: time.Hour}
	h, err := New(Deps{Store: s, Mail: mail.New(s, config.SMTP{}, nil), Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: s, h: h, users: map[string]account.User{}, sessions: map[string]string{}, csrf: map[string]string{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.wijk = wijk.Wijk{Slug: "test-wijk", Name: "Testwijk", CBSCode: "WK099901", CBSYear: 2025, Municipality: "Testgemeente"}
	must(s.CreateWijk(ctx, &f.wijk))
	f.other = wijk.Wijk{Slug: "andere-wijk", Name: "Andere wijk", CBSCode: "WK099902", CBSYear: 2025, Municipality: "Testgemeente"}
	must(s.CreateWijk(ctx, &f.other))
	f.org = wijk.Organisation{WijkID: f.wijk.ID, Name: "Buurttuin", Form: wijk.FormBurgerinitiatief}
	must(s.CreateOrganisation(ctx, &f.org))
	f.partner = wijk.Organisation{WijkID: f.wijk.ID, Name: "Woonstichting", Form: wijk.FormPartner, Domain: wijk.DomainWoningcorporatie}
	must(s.CreateOrganisation(ctx, &f.partner))
	f.person = wijk.Person{WijkID: f.wijk.ID, DisplayName: "Fatima B.", ConsentAt: time.Now()}
	must(s.CreatePerson(ctx, &f.person))
	names := append([]string{"admin", "none"}, rolesOf()...)
	for _, n := range names {
		u := account.User{Email: n + "@example.org", DisplayName: "User " + n, IsAdmin: n == "admin"}
		must(s.CreateUser(ctx, &u))
		f.users[n] = u
		if r := account.Role(n); r.Valid() {
			g := account.Grant{UserID: u.ID, WijkID: f.wijk.ID, Role: r}
			if r == account.RoleInitiatiefnemer {
				g.OrganisationID = f.org.ID
			}
			if r == account.RolePartner {
				g.OrganisationID = f.partner.ID
			}
			must(s.AddGrant(ctx, &g))
			if r == account.RoleBewoner {
				f.grantID = g.ID
			}
		}
		tok, sess, err := s.CreateSession(ctx, u.ID, time.Hour)
		must(err)
		f.sessions[n], f.csrf[n] = tok, sess.CSRFToken
	}
	return f
}

func rolesOf() []string {
	var out []string
	for _, r := range account.Roles {
		out = append(out, string(r))
	}
	return out
}

// do sends a request as who ("" is anonymous). POST requests carry the
// right CSRF token unless the form already has one.
func (f *fixture) do(method, target, who string, form url.Values) *httptest.ResponseRecorder {
	f.t.Helper()
	var body *strings.Reader
	if form == nil {
		form = url.Values{}
	}
	anonCSRF := strings.Repeat("a", 64)
	if method == http.MethodPost && form.Get("csrf_token") == "" {
		if who == "" {
			form.Set("csrf_token", anonCSRF)
		} else {
			form.Set("csrf_token", f.csrf[who])
		}
	}
	body = strings.NewReader(form.Encode())
	req := httptest.NewRequest(method, target, body)
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if who == "" {
		req.AddCookie(&http.Cookie{Name: csrfCookie, Value: anonCSRF})
	} else {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

// orgOf returns the organisation ID fillPattern puts in a route's URL.
func (f *fixture) orgOf(rt route) string {
	if strings.Contains(rt.Pattern, "/mensen/{id}") || strings.Contains(rt.Pattern, "/rollen/{id}") {
		return ""
	}
	return f.org.ID
}

// fillPattern turns a route pattern into a URL of the fixture's wijk.
func (f *fixture) fillPattern(rt route) string {
	p := strings.TrimSuffix(rt.Pattern, "{$}")
	p = strings.ReplaceAll(p, "{wijk}", f.wijk.Slug)
	p = strings.ReplaceAll(p, "{token}", "0000")
	switch {
	case strings.Contains(p, "/mensen/{id}"):
		p = strings.ReplaceAll(p, "{id}", f.person.ID)
	case strings.Contains(p, "/organisaties/{id}"), strings.Contains(p, "/initiatieven/{id}"):
		p = strings.ReplaceAll(p, "{id}", f.org.ID)
	case strings.Contains(p, "/rollen/{id}"):
		p = strings.ReplaceAll(p, "{id}", f.grantID)
	default:
		p = strings.ReplaceAll(p, "{id}", "00000000-0000-7000-8000-000000000000")
	}
	return p
}

// TestRouteRoles walks every route with every role and asserts that the
// server lets in exactly those the policy allows: anonymous visitors are
// sent to the login page, signed-in users without the right get 403, and
// allowed users are neither.
func TestRouteRoles(t *testing.T) {
	f := newFixture(t)
	who := append([]string{"", "admin", "none"}, rolesOf()...)
	routes := f.h.routes()
	if len(routes) < 30 {
		t.Fatalf("only %d routes in the table", len(routes))
	}
	for _, rt := range routes {
		for _, w := range who {
			name := w
			if name == "" {
				name = "anonymous"
			}
			t.Run(rt.Method+" "+rt.Pattern+" as "+name, func(t *testing.T) {
				actor := account.Actor{}
				if w != "" {
					u := f.users[w]
					grants, err := f.store.GrantsOfUser(context.Background(), u.ID)
					if err != nil {
						t.Fatal(err)
					}
					actor = account.Actor{User: &u, Grants: grants}
				}
				wijkID := ""
				if strings.Contains(rt.Pattern, "{wijk}") {
					wijkID = f.wijk.ID
				}
				want := actor.Can(rt.Perm, wijkID)
				if rt.OrgParam != "" {
					want = actor.CanOrg(rt.Perm, wijkID, f.orgOf(rt))
				}
				// Logging out or erasing would end the session other subtests use.
				if rt.Pattern == "/uitloggen" || rt.Pattern == "/mijn/verwijderen" && rt.Method == http.MethodPost {
					if w != "" && want {
						return
					}
				}
				rec := f.do(rt.Method, f.fillPattern(rt), w, nil)
				loc := rec.Header().Get("Location")
				// The web pages deny with 403, or send visitors to the login
				// page; 401 only answers a wrong password, which is no denial.
				denied := rec.Code == http.StatusForbidden ||
					(rec.Code == http.StatusSeeOther && strings.HasPrefix(loc, "/inloggen?next="))
				if denied == want {
					t.Errorf("status=%d location=%q, want allowed=%v", rec.Code, loc, want)
				}
				if rec.Code >= 500 {
					t.Errorf("status=%d: %s", rec.Code, rec.Body.String())
				}
				if !want && w != "" && rec.Code != http.StatusForbidden {
					t.Errorf("signed in but not allowed: status=%d, want 403", rec.Code)
				}
			})
		}
	}
}

// TestPolicySpotChecks pins a few decisions so that an emptied policy table
// cannot pass TestRouteRoles by accident.
func TestPolicySpotChecks(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		method, path, who string
		want              int
	}{
		{"GET", "/w/test-wijk", "", http.StatusOK},
		{"GET", "/w/test-wijk/mensen", "", http.StatusSeeOther},
		{"GET", "/w/test-wijk/mensen", "bewoner", http.StatusForbidden},
		{"GET", "/w/test-wijk/mensen", "procesmanager", http.StatusOK},
		{"GET", "/w/test-wijk/beheer/rollen", "procesmanager", http.StatusForbidden},
		{"GET", "/w/test-wijk/beheer/rollen", "beheerder", http.StatusOK},
		{"GET", "/w/andere-wijk/mensen", "procesmanager", http.StatusForbidden},
		{"GET", "/beheer/outbox", "beheerder", http.StatusForbidden},
		{"GET", "/beheer/outbox", "admin", http.StatusOK},
		{"GET", "/mijn", "bewoner", http.StatusOK},
		{"GET", "/w/bestaat-niet", "", http.StatusNotFound},
		{"GET", "/bestaat/niet", "", http.StatusNotFound},
	} {
		rec := f.do(tc.method, tc.path, tc.who, nil)
		if rec.Code != tc.want {
			t.Errorf("%s %s as %q: status=%d, want %d", tc.method, tc.path, tc.who, rec.Code, tc.want)
		}
	}
}
