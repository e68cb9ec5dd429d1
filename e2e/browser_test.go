// Package e2e drives WEI in a real browser: headless Chromium through the
// DevTools protocol (chromedp) against a server started in-process with the
// demo wijk. It walks the main pages as a visitor and as every demo role,
// logs in through the real forms, walks the WEI-proces path (an initiative
// ticked and moved on, a resident who joins and leaves again, and the flow
// figures that count both), and checks every page with axe-core (WCAG 2.1 A
// and AA).
//
// The suite runs only with WEI_E2E=1 and a Chromium at $WEI_CHROMIUM or
// /usr/bin/chromium:
//
//	WEI_E2E=1 go test -count=1 -v ./e2e/
package e2e

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	demoWijk     = "/w/blauwe-akker"
	demoPassword = "wijk-demo-2026"

	passwordForm = `form[action="/inloggen/wachtwoord"]`
	logoutButton = `form[action="/uitloggen"] button[type="submit"], form[action="/uitloggen"] input[type="submit"]`
	// The first link to an organisation or a person in the page content,
	// not a link to a form.
	organisationLink = `main a[href^="/w/blauwe-akker/organisaties/"]:not([href$="/nieuw"]):not([href$="/bewerken"])`
	personLink       = `main a[href^="/w/blauwe-akker/mensen/"]:not([href$="/nieuw"]):not([href$="/bewerken"])`
)

// role is a demo account (internal/demo) and what its role may see.
type role struct {
	name   string // role, and the subtest name
	email  string
	person string // display name
	people bool   // may see the people of the wijk
	admin  bool   // beheerder of the wijk and site administrator
}

var roles = []role{
	{"beheerder", "beheerder@example.org", "Sandra de Wit", true, true},
	{"procesmanager", "procesmanager@example.org", "Karim Bouzid", true, false},
	{"penningmeester", "penningmeester@example.org", "Joke van Leeuwen", false, false},
	{"voorzitter", "voorzitter@example.org", "Hans Verbeek", true, false},
	{"partner", "partner@example.org", "Mirjam Kok", false, false},
	{"initiatiefnemer", "initiatiefnemer@example.org", "Naima B.", false, false},
	{"bewoner", "bewoner@example.org", "Ria J.", false, false},
}

func TestBrowser(t *testing.T) {
	s := newSuite(t, "browser")

	t.Run("anonymous", s.anonymous)
	for _, r := range roles {
		t.Run(r.name, func(t *testing.T) { s.signedIn(t, r) })
	}
	t.Run("proces", s.proces)
	t.Run("keyboard", s.keyboard)
	t.Run("no-javascript", s.noJavaScript)
}

// anonymous walks the public pages as a visitor who is not logged in.
func (s *suite) anonymous(t *testing.T) {
	tb := s.newTab(t, false)
	tb.page(t, "home", "/")
	tb.page(t, "wijk", demoWijk)
	if tb.page(t, "organisaties", demoWijk+"/organisaties") {
		tb.check(t, "organisatie", tb.follow(organisationLink), expect{status: 200, path: orgPath, axe: true})
	}
	tb.page(t, "buurten", demoWijk+"/buurten")
	tb.page(t, "inloggen", "/inloggen")
	tb.page(t, "aanmelden", "/aanmelden")
	tb.check(t, "niet-gevonden", tb.open("/w/bestaat-niet"), expect{status: 404, path: "/w/bestaat-niet", axe: true,
		checks: []func(*testing.T){tb.heading("error.not_found.title")}})
}

// signedIn logs in as the role through the password form, walks the pages
// the role may see, and logs out.
func (s *suite) signedIn(t *testing.T, r role) {
	tb := s.newTab(t, false)
	if !tb.login(t, r, true) {
		t.FailNow()
	}
	tb.page(t, "wijk", demoWijk)
	tb.page(t, "organisaties", demoWijk+"/organisaties")
	tb.page(t, "tokens", "/mijn/tokens")
	if r.people {
		if tb.page(t, "mensen", demoWijk+"/mensen") {
			tb.check(t, "persoon", tb.follow(personLink), expect{status: 200, path: personPath, axe: true})
		}
	} else {
		tb.check(t, "mensen-geen-toegang", tb.open(demoWijk+"/mensen"), expect{status: 403, path: demoWijk + "/mensen", axe: true,
			checks: []func(*testing.T){tb.heading("error.forbidden.title")}})
	}
	if r.admin {
		tb.page(t, "rollen", demoWijk+"/beheer/rollen")
		tb.page(t, "logboek", demoWijk+"/beheer/logboek")
		tb.page(t, "beheer", "/beheer")
		tb.page(t, "outbox", "/beheer/outbox")
	}
	tb.logout(t, true)
}

// keyboard checks that the first Tab on a page reaches the skip link, and
// that the link moves the focus to the content.
func (s *suite) keyboard(t *testing.T) {
	tb := s.newTab(t, false)
	if !tb.check(t, "inloggen", tb.open("/inloggen"), expect{status: 200, path: "/inloggen"}) {
		t.FailNow()
	}
	type focus struct {
		Tag  string `json:"tag"`
		ID   string `json:"id"`
		Href string `json:"href"`
		Text string `json:"text"`
		Hash string `json:"hash"`
	}
	const active = `({tag: document.activeElement.tagName, id: document.activeElement.id,
		href: document.activeElement.getAttribute('href') || '', text: document.activeElement.innerText.trim(), hash: location.hash})`
	if err := tb.key(kb.Tab); err != nil {
		t.Fatalf("pressing Tab: %v", err)
	}
	f, err := eval[focus](tb, active)
	if err != nil {
		t.Fatal(err)
	}
	want := s.loc.For(tb.lang()).T("skip.main")
	if f.Tag != "A" || f.Href != "#main" || f.Text != want {
		t.Fatalf("after one Tab the focus is on <%s href=%q> %q, want the skip link <A href=\"#main\"> %q", f.Tag, f.Href, f.Text, want)
	}
	if err := tb.key(kb.Enter); err != nil {
		t.Fatalf("pressing Enter: %v", err)
	}
	if f, err = eval[focus](tb, active); err != nil {
		t.Fatal(err)
	}
	if f.Hash != "#main" || f.ID != "main" {
		t.Errorf("after Enter on the skip link: hash %q, focus on <%s id=%q>; want hash #main and the focus on <main id=\"main\">", f.Hash, f.Tag, f.ID)
	}
}

// noJavaScript logs in and out with the page scripts turned off: the forms
// must work as plain HTML.
func (s *suite) noJavaScript(t *testing.T) {
	tb := s.newTab(t, true)
	r := roles[len(roles)-1] // the bewoner: residents are who we most promise this to
	if !tb.login(t, r, false) {
		t.FailNow()
	}
	tb.check(t, "wijk", tb.open(demoWijk), expect{status: 200, path: demoWijk})
	tb.logout(t, false)
}

// expect is what a page check wants.
type expect struct {
	status int
	path   string // the path the browser must end on; a regular expression when it starts with "^"
	axe    bool   // run axe-core on the page
	checks []func(*testing.T)
}

// Paths of the pages that a click on the first link of a list leads to.
var (
	orgPath    = "^" + regexp.QuoteMeta(demoWijk+"/organisaties/") + "[^/]+$"
	personPath = "^" + regexp.QuoteMeta(demoWijk+"/mensen/") + "[^/]+$"
)

func (e expect) pathOK(u *url.URL) bool {
	if strings.HasPrefix(e.path, "^") {
		return regexp.MustCompile(e.path).MatchString(u.Path)
	}
	return u.Path == e.path
}

// open returns the load func of a check that navigates to path.
func (tb *tab) open(path string) func() (loaded, error) {
	return func() (loaded, error) { return tb.navigate(path) }
}

// follow returns the load func of a check that clicks the first element
// that matches the CSS selector on the current page.
func (tb *tab) follow(sel string) func() (loaded, error) {
	return func() (loaded, error) { return tb.click(sel) }
}

// page checks a page that must load with 200 at the same path, with axe.
func (tb *tab) page(t *testing.T, name, path string) bool {
	t.Helper()
	return tb.check(t, name, tb.open(path), expect{status: 200, path: path, axe: true})
}

// check runs a subtest for one page: load it, want the status and the path,
// run the extra checks, then axe-core.
func (tb *tab) check(t *testing.T, name string, load func() (loaded, error), e expect) bool {
	t.Helper()
	return t.Run(name, func(t *testing.T) {
		l, err := load()
		if err != nil {
			t.Fatal(err)
		}
		if l.Status != e.status {
			t.Fatalf("%s: status %d, want %d; page says: %s", l.PathQuery(), l.Status, e.status, tb.excerpt())
		}
		if !e.pathOK(l.URL) {
			t.Fatalf("ended on %s (status %d), want path %s; page says: %s", l.PathQuery(), l.Status, e.path, tb.excerpt())
		}
		for _, f := range e.checks {
			f(t)
		}
		if e.axe {
			tb.axe(t, l.PathQuery())
		}
	})
}

// heading returns an extra check: the page's h1 is the text of the locale
// key, in the language of the page.
func (tb *tab) heading(key string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		want := tb.s.loc.For(tb.lang()).T(key)
		if got := tb.text("h1"); got != want {
			t.Errorf("h1 = %q, want %q", got, want)
		}
	}
}

// shows returns an extra check: the visible text of the page holds s.
func (tb *tab) shows(s string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		if body := tb.text("body"); !strings.Contains(body, s) {
			t.Errorf("page does not show %q; it says: %s", s, tb.excerpt())
		}
	}
}

// login logs in as the role through the password form of /inloggen, as a
// person would: type the e-mail address and the password, press the button.
// It must land on /mijn, which shows the person's name.
func (tb *tab) login(t *testing.T, r role, withAxe bool) bool {
	t.Helper()
	// The anonymous scenario checks this page with axe-core already.
	if !tb.check(t, "inloggen-formulier", tb.open("/inloggen"), expect{status: 200, path: "/inloggen"}) {
		return false
	}
	submit := func() (loaded, error) {
		if err := tb.openDetailsOf(passwordForm); err != nil {
			return loaded{}, err
		}
		if err := tb.sendKeys(passwordForm+` input[name="email"]`, r.email); err != nil {
			return loaded{}, err
		}
		if err := tb.sendKeys(passwordForm+` input[name="password"]`, demoPassword); err != nil {
			return loaded{}, err
		}
		return tb.click(passwordForm + ` button[type="submit"], ` + passwordForm + ` input[type="submit"]`)
	}
	return tb.check(t, "inloggen", submit, expect{status: 200, path: "/mijn", axe: withAxe,
		checks: []func(*testing.T){tb.shows(r.person)}})
}

// openDetailsOf clicks the summary of the closed <details> that holds the
// element, if there is one, as a person must do to reach a folded form.
func (tb *tab) openDetailsOf(sel string) error {
	closed, err := eval[bool](tb, "!!document.querySelector("+jsString(sel)+")?.closest('details:not([open])')")
	if err != nil || !closed {
		return err
	}
	return tb.do(func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Click(chromedp.CSS("details:has("+sel+") > summary")))
	})
}

// logout presses the logout button in the page header. It must land on the
// home page, and /mijn must then ask to log in again.
func (tb *tab) logout(t *testing.T, withAxe bool) {
	t.Helper()
	tb.check(t, "uitloggen", tb.follow(logoutButton), expect{status: 200, path: "/", axe: withAxe})
	tb.check(t, "uitgelogd", tb.open("/mijn"), expect{status: 200, path: "/inloggen"})
}
