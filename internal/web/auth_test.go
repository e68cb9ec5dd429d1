package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// lastMail returns the newest outbox message to addr.
func (f *fixture) lastMail(addr string) (subject, body string) {
	f.t.Helper()
	mails, err := f.store.Outbox(context.Background(), 50)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, m := range mails {
		if m.To == addr {
			return m.Subject, m.Body
		}
	}
	f.t.Fatalf("no mail to %s", addr)
	return "", ""
}

var linkRe = regexp.MustCompile(`http://wei\.test(/inloggen/link/[0-9a-f]+)`)
var codeRe = regexp.MustCompile(`\b(\d{6})\b`)

func sessionFrom(t *testing.T, rec interface{ Result() *http.Response }) string {
	t.Helper()
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("session cookie flags: HttpOnly=%v SameSite=%v", c.HttpOnly, c.SameSite)
			}
			return c.Value
		}
	}
	t.Fatal("no session cookie set")
	return ""
}

func TestLoginLinkNeedsConfirmButton(t *testing.T) {
	f := newFixture(t)
	addr := f.users["bewoner"].Email
	rec := f.do("POST", "/inloggen", "", url.Values{"email": {addr}})
	if rec.Code != http.StatusOK {
		t.Fatalf("POST /inloggen: %d", rec.Code)
	}
	_, body := f.lastMail(addr)
	m := linkRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("mail has no login link: %q", body)
	}
	// A mail scanner following the link twice must not use it up.
	for range 2 {
		if rec := f.do("GET", m[1], "", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `method="post"`) {
			t.Fatalf("GET link: %d, want 200 with a confirm form", rec.Code)
		}
	}
	rec = f.do("POST", m[1], "", nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/mijn" {
		t.Fatalf("POST link: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	tok := sessionFrom(t, rec)
	if sess, err := f.store.SessionByToken(context.Background(), tok); err != nil || sess.UserID != f.users["bewoner"].ID {
		t.Fatalf("session: %+v, %v", sess, err)
	}
	if rec := f.do("POST", m[1], "", nil); rec.Code != http.StatusGone {
		t.Errorf("second POST of the link: %d, want 410", rec.Code)
	}
}

func TestLoginCodeAndSignup(t *testing.T) {
	f := newFixture(t)
	addr := "nieuw@example.org"
	rec := f.do("POST", "/aanmelden", "", url.Values{"display_name": {"Nieuwe Bewoner"}, "email": {addr}, "wijk": {"test-wijk"}, "consent": {"yes"}})
	if rec.Code != http.StatusOK {
		t.Fatalf("POST /aanmelden: %d", rec.Code)
	}
	if _, err := f.store.UserByEmail(context.Background(), addr); err == nil {
		t.Fatal("account exists before the address was proven")
	}
	_, body := f.lastMail(addr)
	code := codeRe.FindStringSubmatch(body)
	if code == nil {
		t.Fatalf("mail has no code: %q", body)
	}
	wrong := "000000"
	if code[1] == wrong {
		wrong = "111111"
	}
	rec = f.do("POST", "/inloggen/code", "", url.Values{"email": {addr}, "code": {wrong}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), addr) {
		t.Fatalf("wrong code: %d, want 400 with the address kept", rec.Code)
	}
	rec = f.do("POST", "/inloggen/code", "", url.Values{"email": {addr}, "code": {code[1]}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("right code: %d", rec.Code)
	}
	sessionFrom(t, rec)
	u, err := f.store.UserByEmail(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.store.PersonOfUser(context.Background(), f.wijk.ID, u.ID)
	if err != nil || p.DisplayName != "Nieuwe Bewoner" || p.ConsentAt.IsZero() {
		t.Fatalf("resident record: %+v, %v", p, err)
	}
	grants, _ := f.store.GrantsOfUser(context.Background(), u.ID)
	if len(grants) != 1 || grants[0].Role != "bewoner" {
		t.Fatalf("grants=%+v, want bewoner", grants)
	}
}

func TestSignupKeepsInputOnErrors(t *testing.T) {
	f := newFixture(t)
	rec := f.do("POST", "/aanmelden", "", url.Values{"display_name": {"Ria de Vries"}, "email": {"geen-adres"}})
	body := rec.Body.String()
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status=%d, want 400", rec.Code)
	}
	for _, want := range []string{`value="Ria de Vries"`, `value="geen-adres"`, `aria-invalid="true"`, `id="f-email-error"`, `id="f-consent-error"`} {
		if !strings.Contains(body, want) {
			t.Errorf("response lacks %s", want)
		}
	}
}

func TestPasswordLoginAndRateLimit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	hash := mustHash(t, "een-goed-wachtwoord")
	u := f.users["procesmanager"]
	if err := f.store.SetPassword(ctx, u.ID, hash); err != nil {
		t.Fatal(err)
	}
	rec := f.do("POST", "/inloggen/wachtwoord", "", url.Values{"email": {u.Email}, "password": {"fout"}})
	if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), `value="`+u.Email+`"`) {
		t.Fatalf("wrong password: %d, want 401 with the address kept", rec.Code)
	}
	rec = f.do("POST", "/inloggen/wachtwoord", "", url.Values{"email": {u.Email}, "password": {"een-goed-wachtwoord"}, "next": {"/w/test-wijk/mensen"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/w/test-wijk/mensen" {
		t.Fatalf("right password: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	// An open redirect through next is refused.
	rec = f.do("POST", "/inloggen/wachtwoord", "", url.Values{"email": {u.Email}, "password": {"een-goed-wachtwoord"}, "next": {"//evil.example/"}})
	if loc := rec.Header().Get("Location"); loc != "/mijn" {
		t.Errorf("next=//evil.example: Location=%q, want /mijn", loc)
	}
	// The limit per address: after ratePerEmail attempts in the window, 429.
	got := 0
	for range ratePerEmail + 2 {
		got = f.do("POST", "/inloggen/wachtwoord", "", url.Values{"email": {u.Email}, "password": {"fout"}}).Code
	}
	if got != http.StatusTooManyRequests {
		t.Fatalf("after many attempts: %d, want 429", got)
	}
}

func TestTamperedSessionAndCSRF(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	before, _ := f.store.Organisations(ctx, f.wijk.ID)
	form := url.Values{"name": {"Nieuw initiatief"}, "form": {"burgerinitiatief"}}
	// A wrong CSRF token: 403 and nothing written.
	form.Set("csrf_token", strings.Repeat("0", 64))
	if rec := f.do("POST", "/w/test-wijk/organisaties", "procesmanager", form); rec.Code != http.StatusForbidden {
		t.Errorf("bad CSRF: %d, want 403", rec.Code)
	}
	// A session cookie that matches no session: 403 and nothing written.
	f.sessions["tampered"] = f.sessions["procesmanager"][:60] + "ffff"
	f.csrf["tampered"] = f.csrf["procesmanager"]
	if rec := f.do("POST", "/w/test-wijk/organisaties", "tampered", url.Values{"name": {"Nieuw initiatief"}, "form": {"burgerinitiatief"}}); rec.Code != http.StatusForbidden {
		t.Errorf("tampered session: %d, want 403", rec.Code)
	}
	after, _ := f.store.Organisations(ctx, f.wijk.ID)
	if len(after) != len(before) {
		t.Fatalf("organisations %d -> %d: something was written", len(before), len(after))
	}
	// With the right token it works.
	if rec := f.do("POST", "/w/test-wijk/organisaties", "procesmanager", url.Values{"name": {"Nieuw initiatief"}, "form": {"burgerinitiatief"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("good POST: %d", rec.Code)
	}
}

func TestEraseMine(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rec := f.do("POST", "/mijn/verwijderen", "bewoner", url.Values{})
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("erase without confirm: %d, want 400", rec.Code)
	}
	rec = f.do("GET", "/mijn/gegevens.json", "bewoner", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), f.users["bewoner"].Email) {
		t.Fatalf("export: %d", rec.Code)
	}
	rec = f.do("POST", "/mijn/verwijderen", "bewoner", url.Values{"confirm": {"yes"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("erase: %d", rec.Code)
	}
	if _, err := f.store.UserByEmail(ctx, f.users["bewoner"].Email); err == nil {
		t.Fatal("account still found by its address after erasure")
	}
	if rec := f.do("GET", "/mijn", "bewoner", nil); rec.Code != http.StatusSeeOther {
		t.Errorf("old session after erasure: %d, want redirect to login", rec.Code)
	}
}
