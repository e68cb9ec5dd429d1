package e2e

import (
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wei-platform/wei/internal/locale"
)

// The leefomgevingsoverleg pages of the demo wijk.
const (
	overlegPath    = demoWijk + "/overleg"
	prepareForm    = `main form[action$="/agenda/voorbereiden"]`
	actionForm     = `main form[action$="/acties"]:has([name="what"])`
	browserAction  = "Bewoners van de flats bellen over de schimmel (browsertest)"
	overlegDemoOrg = "Woonstichting Akkerland" // the partner account's organisation
)

var (
	seriesPath  = "^" + regexp.QuoteMeta(overlegPath+"/") + "[0-9a-f-]{36}$"
	meetingPath = "^" + regexp.QuoteMeta(overlegPath+"/") + "[0-9a-f-]{36}/bijeenkomsten/[0-9a-f-]{36}$"
	reportPage  = "^" + regexp.QuoteMeta(overlegPath+"/") + "[0-9a-f-]{36}/rapport$"
)

// TestOverleg walks the "done when" of the leefomgevingsoverleg in the
// browser, on a demo server of its own: the chair opens the series, sees
// the overdue action flagged, opens the next meeting and prepares its
// agenda from the signals and the open actions, assigns an action (first
// refused without saying what, the input kept), opens the monthly report
// and finds the action and the overdue one there, and downloads the PDF,
// whose text holds the action. The partner then sees the actions of their
// own organisation marked. Every page is checked with axe-core.
//
//	WEI_E2E=1 go test -count=1 -v -run TestOverleg ./e2e/
func TestOverleg(t *testing.T) {
	s := newSuite(t, "overleg")

	var series string // path of the demo series
	t.Run("voorzitter", func(t *testing.T) { series = s.overlegChair(t) })
	t.Run("partner", func(t *testing.T) { s.overlegPartner(t, series) })
}

// overlegChair is the chair's path; it returns the path of the series.
func (s *suite) overlegChair(t *testing.T) string {
	tb := s.loggedIn(t, "voorzitter")
	l := s.loc.For(tb.lang())
	overdue := l.T("overleg.action.overdue")

	// The list of series, and the demo series with its overdue action.
	if !tb.check(t, "overleggen", tb.open(overlegPath), expect{status: 200, path: overlegPath, axe: true,
		checks: []func(*testing.T){tb.heading("overleg.title")}}) {
		t.FailNow()
	}
	var series string
	if !tb.check(t, "overleg", tb.follow(`main table a[href^="`+overlegPath+`/"]`), expect{status: 200, path: seriesPath, axe: true,
		checks: []func(*testing.T){tb.overdueRow(overdue, "Schimmel in de flats"), func(*testing.T) { series = tb.location() }}}) {
		t.FailNow()
	}

	// The next meeting, and its agenda prepared from the sources.
	if !tb.check(t, "volgende-bijeenkomst", tb.follow(`main section[aria-labelledby="next"] a[href*="/bijeenkomsten/"]`), expect{status: 200, path: meetingPath, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("overleg.agenda.empty"))}}) {
		t.FailNow()
	}
	meeting := tb.location()
	if !tb.check(t, "agenda-voorbereiden", tb.follow(prepareForm+` button[type="submit"]`), expect{status: 200, path: meetingPath, axe: true,
		checks: []func(*testing.T){
			tb.shows(l.T("overleg.flash.prepared")),
			tb.shows(l.T("overleg.kind.action") + ": Schimmel in de flats"),
			tb.agendaHasSignal(l),
		}}) {
		t.FailNow()
	}

	// Assign an action on the first signal of the agenda: refused first
	// without saying what must be done, with the choices kept.
	item, err := eval[string](tb, `(() => {
		const o = [...document.querySelectorAll('select[name="action_item"] option')].find(o => /^\d+\. /.test(o.textContent) &&
			[...document.querySelectorAll('ol.wei-agenda > li h3')].some(h => h.textContent.includes(o.textContent.replace(/^\d+\. /, '')) && (h.textContent.startsWith(`+jsString(l.T("overleg.kind.signal_new"))+`) || h.textContent.startsWith(`+jsString(l.T("overleg.kind.signal_open"))+`))));
		return o ? o.value : '';
	})()`)
	if err != nil || item == "" {
		t.Fatalf("no signal on the agenda to choose for the action (%v); page says: %s", err, tb.excerpt())
	}
	org, err := tb.selectByText(actionForm+` select[name="organisation_id"]`, overlegDemoOrg)
	if err != nil {
		t.Fatal(err)
	}
	due := time.Now().AddDate(0, 0, 21).Format(time.DateOnly)
	fill := func(what string) func() (loaded, error) {
		return func() (loaded, error) {
			for sel, v := range map[string]string{`select[name="action_item"]`: item, `select[name="organisation_id"]`: org, `input[name="due"]`: due, `textarea[name="what"]`: what, `input[name="person"]`: "Mirjam Kok"} {
				if err := tb.setValue(actionForm+" "+sel, v); err != nil {
					return loaded{}, err
				}
			}
			return tb.click(actionForm + ` button[type="submit"]`)
		}
	}
	tb.check(t, "actie-zonder-wat", fill(""), expect{status: 400, path: meeting + "/acties", axe: true,
		checks: []func(*testing.T){
			tb.fieldError(actionForm, "what", l.T("overleg.error.what")),
			tb.keptValue(actionForm+` select[name="organisation_id"]`, org),
			tb.keptValue(actionForm+` input[name="person"]`, "Mirjam Kok"),
			tb.keptValue(actionForm+` input[name="due"]`, due),
		}})
	if !tb.check(t, "actie", fill(browserAction), expect{status: 200, path: meeting, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("overleg.flash.action_added")), tb.shows(browserAction)}}) {
		t.FailNow()
	}

	// The monthly report shows the new action under who does what, and the
	// overdue one flagged.
	if !tb.check(t, "rapport", tb.open(series+"/rapport"), expect{status: 200, path: reportPage, axe: true,
		checks: []func(*testing.T){
			tb.shows(browserAction),
			tb.overdueRow(overdue, "Schimmel in de flats"),
			tb.shows(l.T("overleg.report.who")),
		}}) {
		t.FailNow()
	}
	tb.checkReportPDF(t, l, browserAction, "Schimmel in de flats")
	tb.logout(t, false)
	return series
}

// overlegPartner: the partner sees the series and the meeting, with the
// actions of their own organisation marked.
func (s *suite) overlegPartner(t *testing.T, series string) {
	if series == "" {
		t.Skip("the chair's path did not find the series")
	}
	tb := s.loggedIn(t, "partner")
	l := s.loc.For(tb.lang())
	tb.check(t, "overleg", tb.open(series), expect{status: 200, path: series, axe: true,
		checks: []func(*testing.T){
			tb.marked("Schimmel in de flats"),
			tb.marked(browserAction),
			tb.absent(`main form[action$="/bijeenkomsten"]`),
		}})
	tb.check(t, "rapport", tb.open(series+"/rapport"), expect{status: 200, path: series + "/rapport", axe: true,
		checks: []func(*testing.T){tb.shows(l.T("overleg.report.who.own", overlegDemoOrg))}})
	tb.logout(t, false)
}

// overdueRow returns an extra check: a table row holds the action and says
// it is overdue, in words.
func (tb *tab) overdueRow(overdue, action string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		ok, err := eval[bool](tb, `[...document.querySelectorAll('main tr')].some(r => r.innerText.includes(`+jsString(action)+`) && r.innerText.includes(`+jsString(overdue)+`))`)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Errorf("no table row flags %q as %q; page says: %s", action, overdue, tb.excerpt())
		}
	}
}

// agendaHasSignal returns an extra check: the agenda has a signal item.
func (tb *tab) agendaHasSignal(l *locale.Localizer) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		n, err := eval[int](tb, `[...document.querySelectorAll('ol.wei-agenda > li h3')].filter(h => h.textContent.startsWith(`+jsString(l.T("overleg.kind.signal_new"))+`) || h.textContent.startsWith(`+jsString(l.T("overleg.kind.signal_open"))+`)).length`)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("the prepared agenda has no signal; page says: %s", tb.excerpt())
		}
	}
}

// marked returns an extra check: the text is in a <mark>, as the actions
// of the partner's own organisation are.
func (tb *tab) marked(text string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		ok, err := eval[bool](tb, `[...document.querySelectorAll('main mark')].some(m => m.textContent.includes(`+jsString(text)+`))`)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Errorf("%q is not marked as the partner's own", text)
		}
	}
}

// selectByText returns the value of the option of the select whose text is text.
func (tb *tab) selectByText(sel, text string) (string, error) {
	v, err := eval[string](tb, `[...document.querySelectorAll(`+jsString(sel+" option")+`)].find(o => o.textContent.trim() === `+jsString(text)+`)?.value ?? ''`)
	if err == nil && v == "" {
		err = fmt.Errorf("%s has no option %q", sel, text)
	}
	return v, err
}

// checkReportPDF downloads the report's PDF through the page's link in the
// same session, and checks it is a PDF whose text holds the actions.
func (tb *tab) checkReportPDF(t *testing.T, l *locale.Localizer, texts ...string) {
	t.Run("rapport-pdf", func(t *testing.T) {
		type download struct {
			Found       bool   `json:"found"`
			Status      int    `json:"status"`
			Type        string `json:"type"`
			Disposition string `json:"disposition"`
			Body        string `json:"body"` // base64
		}
		d, err := eval[download](tb, `(async () => {
			const a = [...document.querySelectorAll('main a[href*="/rapport.pdf"]')].find(a => a.textContent.trim() === `+jsString(l.T("overleg.report.pdf_download"))+`);
			if (!a) return {found: false};
			const r = await fetch(a.href, {credentials: 'same-origin'});
			const b = new Uint8Array(await r.arrayBuffer());
			let s = ''; for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
			return {found: true, status: r.status, type: r.headers.get('content-type') || '', disposition: r.headers.get('content-disposition') || '', body: btoa(s)};
		})()`, chromedp.EvalAwaitPromise)
		if err != nil {
			t.Fatal(err)
		}
		if !d.Found {
			t.Fatalf("the report has no link %q", l.T("overleg.report.pdf_download"))
		}
		pdf, err := base64.StdEncoding.DecodeString(d.Body)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != 200 || d.Type != "application/pdf" || !strings.HasPrefix(d.Disposition, "attachment") || !strings.HasPrefix(string(pdf), "%PDF-") {
			t.Fatalf("PDF: status %d, type %q, disposition %q, starts %q", d.Status, d.Type, d.Disposition, string(pdf[:min(8, len(pdf))]))
		}
		bin, err := exec.LookPath("pdftotext")
		if err != nil {
			t.Skip("pdftotext (poppler-utils) is not installed: the PDF's text is not checked")
		}
		path := filepath.Join(t.TempDir(), "rapport.pdf")
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext cannot read the report: %v", err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range texts {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF's text lacks %q", want)
			}
		}
	})
}
