package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The signal pages of the demo wijk.
const (
	signalsPath   = demoWijk + "/signalen"
	visitsPath    = demoWijk + "/huisbezoeken"
	registerPath  = demoWijk + "/wie-doet-wat"
	publicPath    = signalsPath + "/overzicht"
	visitForm     = `main form[action="/w/blauwe-akker/huisbezoeken"]`
	signalForm    = `main form[action="/w/blauwe-akker/signalen"]`
	statusForm    = `main form[action$="/status"]`
	browserSignal = "Omgewaaide boom op het speelveld (browsertest)"
)

var (
	visitPath  = "^" + regexp.QuoteMeta(visitsPath+"/") + "[0-9a-f-]{36}$"
	signalPath = "^" + regexp.QuoteMeta(signalsPath+"/") + "[0-9a-f-]{36}$"
)

// volunteer is the demo account of the vrijwilliger.
var volunteer = role{"vrijwilliger", "vrijwilliger@example.org", "Fatima El Amrani", false, false}

// TestSignals walks the signals path of issue 5 in the browser, on a demo
// server of its own: the volunteer records a house visit on a phone-sized
// screen through the real form (first with an address the postcode table
// does not know, which comes back with a message and the input kept), the
// problem of the visit lands as a signal in the buurt of the address, and
// the note is shown only on request; a resident reports a problem and sees
// it under "Mijn meldingen"; the chair takes up the signal and sees the
// organisations that work side by side; a visitor sees only the counts.
// Every page is checked with axe-core.
//
//	WEI_E2E=1 go test -count=1 -v -run TestSignals ./e2e/
func TestSignals(t *testing.T) {
	s := newSuite(t, "signals")

	var signal string // path of the signal the visit made
	t.Run("vrijwilliger", func(t *testing.T) { signal = s.signalsVolunteer(t) })
	t.Run("bewoner", s.signalsResident)
	t.Run("voorzitter", func(t *testing.T) { s.signalsChair(t, signal) })
	t.Run("bezoeker", s.signalsPublic)
}

// phone makes the tab a phone-sized screen.
func (tb *tab) phone(t *testing.T) {
	t.Helper()
	err := tb.do(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 360, Height: 740, DeviceScaleFactor: 2, Mobile: true})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// signalsVolunteer records a house visit and follows its problem to the
// signal; it returns the path of that signal.
func (s *suite) signalsVolunteer(t *testing.T) string {
	tb := s.newTab(t, false)
	tb.phone(t)
	if !tb.login(t, volunteer, false) {
		t.FailNow()
	}
	l := s.loc.For(tb.lang())
	if !tb.check(t, "huisbezoeken", tb.open(visitsPath), expect{status: 200, path: visitsPath, axe: true,
		checks: []func(*testing.T){tb.heading("visits.list.title")}}) {
		t.FailNow()
	}
	if !tb.check(t, "huisbezoek-formulier", tb.follow(`main a[href="/w/blauwe-akker/huisbezoeken/nieuw"]`), expect{status: 200, path: visitsPath + "/nieuw", axe: true,
		checks: []func(*testing.T){tb.heading("visits.new.title"), func(t *testing.T) {
			// One column on a phone: the form is no wider than the screen.
			w, _ := eval[float64](tb, `document.querySelector(`+jsString(visitForm)+`).getBoundingClientRect().width`)
			if w > 360 {
				t.Errorf("the form is %.0f px wide on a 360 px screen", w)
			}
		}}}) {
		t.FailNow()
	}
	fill := func(number string) func() (loaded, error) {
		return func() (loaded, error) {
			steps := []struct{ sel, v string }{
				{visitForm + ` select[name="consent_how"]`, "verbal"},
				{visitForm + ` select[name="score_safety"]`, "2"},
				{visitForm + ` select[name="score_green"]`, "3"},
				{visitForm + ` select[name="problem_theme_1"]`, "groen"},
				{visitForm + ` select[name="problem_urgency_1"]`, "high"},
			}
			for _, st := range steps {
				if err := tb.setValue(st.sel, st.v); err != nil {
					return loaded{}, err
				}
			}
			for _, st := range []struct{ sel, v string }{
				{visitForm + ` input[name="resident_display_name"]`, "Henk de Vries"},
				{visitForm + ` input[name="postcode"]`, "3999 AC"},
				{visitForm + ` input[name="house_number"]`, number},
				{visitForm + ` input[name="problem_title_1"]`, browserSignal},
				{visitForm + ` textarea[name="note"]`, "Wil graag teruggebeld worden (browsertest)."},
			} {
				if err := tb.setValue(st.sel, ""); err != nil {
					return loaded{}, err
				}
				if err := tb.sendKeys(st.sel, st.v); err != nil {
					return loaded{}, err
				}
			}
			return tb.click(visitForm + ` button[type="submit"]`)
		}
	}
	// An address the postcode table does not know: a message, nothing lost.
	if !tb.check(t, "huisbezoek-onbekend-adres", fill("99"), expect{status: 400, path: visitsPath, axe: true,
		checks: []func(*testing.T){
			tb.fieldMessage("postcode", l.T("signals.error.address_unknown")),
			tb.shows(l.T("error.form")),
			func(t *testing.T) {
				for sel, want := range map[string]string{
					`input[name="resident_display_name"]`: "Henk de Vries",
					`input[name="problem_title_1"]`:       browserSignal,
					`select[name="problem_theme_1"]`:      "groen",
					`select[name="score_safety"]`:         "2",
					`textarea[name="note"]`:               "Wil graag teruggebeld worden (browsertest).",
				} {
					if got := tb.value(visitForm + " " + sel); got != want {
						t.Errorf("%s = %q after the refusal, want %q kept", sel, got, want)
					}
				}
			}}}) {
		t.FailNow()
	}
	// 3999 AC 9 lies in Blauwe Weide.
	var visit string
	if !tb.check(t, "huisbezoek-opgeslagen", fill("9"), expect{status: 200, path: visitPath, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("visits.flash.recorded")), tb.shows("Blauwe Weide"), tb.shows(browserSignal),
			func(*testing.T) { visit = tb.location() }}}) {
		t.FailNow()
	}
	if strings.Contains(tb.text("main"), "Henk de Vries") {
		t.Error("the visit shows the resident's name before it was asked for")
	}
	tb.check(t, "huisbezoek-prive", tb.follow(`main a[href$="?prive=1#private"]`), expect{status: 200, path: visitPath, axe: true,
		checks: []func(*testing.T){tb.shows("Henk de Vries"), tb.shows("3999AC 9"), tb.shows(l.T("signals.private.logged"))}})

	// The problem became a signal in Blauwe Weide.
	tb.open(visit)()
	var signal string
	if !tb.check(t, "signaal", tb.follow(`main section[aria-labelledby="problems"] a[href^="/w/blauwe-akker/signalen/"]`), expect{status: 200, path: signalPath, axe: true,
		checks: []func(*testing.T){tb.heading1(browserSignal), func(t *testing.T) {
			if got := tb.mustFact(t, l.T("signals.col.buurt")); got != "Blauwe Weide" {
				t.Errorf("the signal is in buurt %q, want Blauwe Weide (from the address)", got)
			}
			if got := tb.mustFact(t, l.T("signals.col.source")); !strings.HasPrefix(got, l.T("signals.source.visit")) {
				t.Errorf("source %q, want %s", got, l.T("signals.source.visit"))
			}
			signal = tb.location()
		}}}) {
		t.FailNow()
	}
	tb.check(t, "signalen", tb.open(signalsPath+"?status=new"), expect{status: 200, path: signalsPath, axe: true,
		checks: []func(*testing.T){tb.shows(browserSignal)}})
	return signal
}

// signalsResident reports a problem as a resident, with a chosen buurt, and
// finds it under "Mijn meldingen".
func (s *suite) signalsResident(t *testing.T) {
	tb := s.loggedIn(t, "bewoner")
	l := s.loc.For(tb.lang())
	const title = "Bankje bij de vijver is kapot (browsertest)"
	if !tb.check(t, "melden", tb.open(signalsPath+"/nieuw"), expect{status: 200, path: signalsPath + "/nieuw", axe: true,
		checks: []func(*testing.T){tb.heading("signals.new.title")}}) {
		t.FailNow()
	}
	// Without a theme: refused, the text kept.
	submit := func(theme string) func() (loaded, error) {
		return func() (loaded, error) {
			if err := tb.setValue(signalForm+` select[name="theme"]`, theme); err != nil {
				return loaded{}, err
			}
			if tb.value(signalForm+` input[name="title"]`) == "" {
				if err := tb.sendKeys(signalForm+` input[name="title"]`, title); err != nil {
					return loaded{}, err
				}
			}
			if err := tb.selectOption(signalForm+` select[name="buurt_id"]`, "Sluispark"); err != nil {
				return loaded{}, err
			}
			return tb.click(signalForm + ` button[type="submit"]`)
		}
	}
	tb.check(t, "melden-zonder-thema", submit(""), expect{status: 400, path: signalsPath, axe: true,
		checks: []func(*testing.T){tb.fieldMessage("theme", l.T("signals.error.theme")), func(t *testing.T) {
			if got := tb.value(signalForm + ` input[name="title"]`); got != title {
				t.Errorf("title %q after the refusal, want it kept", got)
			}
		}}})
	tb.check(t, "gemeld", submit("ontmoetingsplek"), expect{status: 200, path: signalsPath + "/mijn", axe: true,
		checks: []func(*testing.T){tb.shows(l.T("signals.flash.reported")), tb.shows(title), tb.shows(l.T("signals.status.new"))}})
	tb.check(t, "geen-lijst", tb.open(signalsPath), expect{status: 403, path: signalsPath})
}

// signalsChair takes up the signal of the visit and looks at the register
// with its overlaps.
func (s *suite) signalsChair(t *testing.T, signal string) {
	tb := s.loggedIn(t, "voorzitter")
	l := s.loc.For(tb.lang())
	if signal != "" {
		tb.check(t, "signaal", tb.open(signal), expect{status: 200, path: signalPath, axe: true})
		move := func() (loaded, error) {
			if err := tb.setValue(statusForm+` select[name="status"]`, "in_progress"); err != nil {
				return loaded{}, err
			}
			return tb.click(statusForm + ` button[type="submit"]`)
		}
		tb.check(t, "in-behandeling", move, expect{status: 200, path: signalPath, axe: true,
			checks: []func(*testing.T){tb.shows(l.T("signals.flash.status")), func(t *testing.T) {
				if got := tb.mustFact(t, l.T("signals.col.status")); got != l.T("signals.status.in_progress") {
					t.Errorf("status %q, want %s", got, l.T("signals.status.in_progress"))
				}
			}}})
	}
	tb.check(t, "wie-doet-wat", tb.open(registerPath), expect{status: 200, path: registerPath, axe: true,
		checks: []func(*testing.T){tb.heading("register.title"), tb.shows(l.T("register.overlap.title")), tb.shows("Welzijn Lindenwaard")}})
	tb.check(t, "themas", tb.open(signalsPath+"/themas"), expect{status: 200, path: signalsPath + "/themas", axe: true})
	tb.check(t, "bewaartermijnen", tb.open(signalsPath+"/bewaartermijnen"), expect{status: 200, path: signalsPath + "/bewaartermijnen", axe: true})
}

// signalsPublic looks at the counts as a visitor, with and without
// JavaScript.
func (s *suite) signalsPublic(t *testing.T) {
	for _, noJS := range []bool{false, true} {
		tb := s.newTab(t, noJS)
		name := "overzicht"
		if noJS {
			name += "-zonder-javascript"
		}
		tb.check(t, name, tb.open(publicPath), expect{status: 200, path: publicPath, axe: !noJS,
			checks: []func(*testing.T){tb.heading("signals.public.title"), func(t *testing.T) {
				l := s.loc.For(tb.lang())
				body := tb.text("main")
				if !strings.Contains(body, l.T("signals.public.hidden", 5)) {
					t.Error("the overview hides no small count")
				}
				if strings.Contains(body, browserSignal) {
					t.Error("the overview shows a title")
				}
				for _, b := range demoBuurten {
					if !strings.Contains(body, b) {
						t.Errorf("the overview lacks buurt %s", b)
					}
				}
			}}})
	}
}
