package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/locale"
)

// The impact (SROI) pages of the demo wijk.
const (
	impactPath  = demoWijk + "/impact"
	proxiesPath = impactPath + "/proxies"
	// The form of an outcome, item or settings; not its delete button.
	sroiSubmit = `main form.wei-form:not([action$="/verwijderen"]) button[type="submit"]`
)

var sroiAnalysisPath = "^" + regexp.QuoteMeta(impactPath+"/") + "[0-9a-f-]{36}$"

// TestSROI walks the "done when" of the impact module in the browser, on a
// demo server of its own: the process manager opens the overview and the
// demo analysis of the Repair Café, notes its ratio, opens the form of the
// volunteers' outcome, is refused an attribution of 120% (the form keeps
// what was typed and says why), sets it to 50% and sees the ratio fall;
// opens the report, which shows the new ratio, and fetches the PDF it
// links to; opens the wijk's analysis, the proxy library and makes an
// analysis of a period without inputs, which says the ratio is undefined.
// Every page is checked with axe-core.
//
//	WEI_E2E=1 go test -count=1 -v -run TestSROI ./e2e/
func TestSROI(t *testing.T) {
	s := newSuite(t, "sroi")

	t.Run("bezoeker", s.sroiVisitor)
	t.Run("procesmanager", s.sroiManager)
}

// sroiVisitor: the overview, the wijk's analysis with its shared outcome
// and its charts are public, without the forms.
func (s *suite) sroiVisitor(t *testing.T) {
	tb := s.newTab(t, false)
	period := demo.SROIPeriod(time.Now(), 0)
	l := func() *locale.Localizer { return s.loc.For(tb.lang()) }
	if !tb.check(t, "impact", tb.open(impactPath), expect{status: 200, path: impactPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) { tb.heading1(l().T("sroi.overview.title", "Blauwe Akker"))(t) },
			func(t *testing.T) { tb.shows(l().T("sroi.compare.title"))(t) }}}) {
		t.FailNow()
	}
	if err := tb.markText(); err != nil {
		t.Fatal(err)
	}
	tb.check(t, "analyse", tb.follow(`main a`+textIs(demo.SROIWijkTitle(period))), expect{status: 200, path: sroiAnalysisPath, axe: true,
		checks: []func(*testing.T){tb.heading1(demo.SROIWijkTitle(period)), func(t *testing.T) { tb.shows(l().T("sroi.shared.title"))(t) },
			tb.present(`main svg[role="img"]`, true), tb.present(`main a[href$="/uitkomsten/nieuw"]`, false)}})
}

// textIs is a selector part that needs the element's text to be s; CSS
// cannot, so the tab marks the element first (see markText).
func textIs(s string) string { return `[data-text=` + jsString(s) + `]` }

// markText puts data-text on every link in main, so that a selector can
// name a link by its text.
func (tb *tab) markText() error {
	_, err := eval[bool](tb, `(() => { document.querySelectorAll('main a').forEach(a => a.dataset.text = a.textContent.trim()); return true; })()`)
	return err
}

// sroiRatio is the headline ratio of the analysis on the page, in
// hundredths.
func (tb *tab) sroiRatio(t *testing.T) int {
	t.Helper()
	s := strings.NewReplacer(",", "", ".", "").Replace(tb.text("#sroi-ratio"))
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("the ratio %q is no number: %v", tb.text("#sroi-ratio"), err)
	}
	return n
}

// typeOver clears the control and types v, as a person selecting the
// text and typing over it.
func (tb *tab) typeOver(sel, v string) error {
	if _, err := eval[bool](tb, `(() => { const e = document.querySelector(`+jsString(sel)+`); e.value = ''; return true; })()`); err != nil {
		return err
	}
	return tb.sendKeys(sel, v)
}

func (s *suite) sroiManager(t *testing.T) {
	tb := s.loggedIn(t, "procesmanager")
	l := s.loc.For(tb.lang())
	cafe := demo.SROITitle(demo.SROIPeriod(time.Now(), 0))

	// The overview, then the Repair Café's analysis.
	if !tb.check(t, "impact", tb.open(impactPath), expect{status: 200, path: impactPath, axe: true,
		checks: []func(*testing.T){tb.heading1(l.T("sroi.overview.title", "Blauwe Akker"))}}) {
		t.FailNow()
	}
	if err := tb.markText(); err != nil {
		t.Fatal(err)
	}
	var analysis string
	var before int
	if !tb.check(t, "analyse", tb.follow(`main a`+textIs(cafe)), expect{status: 200, path: sroiAnalysisPath, axe: true,
		checks: []func(*testing.T){tb.heading1(cafe), tb.shows("Initiatieven:Repair Café Blauwe Akker:Uitgaven"), tb.present(`main svg[role="img"]`, true),
			func(t *testing.T) { analysis, before = tb.location(), tb.sroiRatio(t) }}}) {
		t.FailNow()
	}
	t.Logf("%s: ratio %d hundredths", analysis, before)

	// The form of the volunteers' outcome.
	outcome := "Vrijwilligers zijn tevredener met hun leven"
	if err := tb.markText(); err != nil {
		t.Fatal(err)
	}
	formPath := "^" + regexp.QuoteMeta(analysis+"/uitkomsten/") + "[0-9a-f-]{36}$"
	if !tb.check(t, "uitkomst", tb.follow(`main a`+textIs(l.T("sroi.outcome.edit", outcome))), expect{status: 200, path: formPath, axe: true,
		checks: []func(*testing.T){tb.present(`main input[name="attribution"][value="20"]`, true)}}) {
		t.FailNow()
	}
	form := tb.location()

	// 120% is refused; the form keeps it and says why.
	submit := func(v string) func() (loaded, error) {
		return func() (loaded, error) {
			if err := tb.typeOver(`main input[name="attribution"]`, v); err != nil {
				return loaded{}, err
			}
			return tb.click(sroiSubmit)
		}
	}
	if !tb.check(t, "attributie-120", submit("120"), expect{status: 400, path: form, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("sroi.error.percentage")), tb.shows(l.T("error.form")),
			tb.present(`main input[name="attribution"][value="120"][aria-invalid="true"]`, true)}}) {
		t.FailNow()
	}
	var after int
	if !tb.check(t, "attributie-50", submit("50"), expect{status: 200, path: analysis, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("sroi.flash.saved")), func(t *testing.T) { after = tb.sroiRatio(t) }}}) {
		t.FailNow()
	}
	if after >= before {
		t.Errorf("the ratio is %d hundredths after raising the attribution from 20%% to 50%%, was %d: want it lower", after, before)
	}
	t.Logf("after 50%% attribution: ratio %d hundredths", after)

	// The report shows the new ratio and links to the PDF.
	if !tb.check(t, "rapport", tb.follow(`main a[href$="/rapport"]`), expect{status: 200, path: analysis + "/rapport", axe: true,
		checks: []func(*testing.T){tb.heading1(l.T("sroi.report.title", cafe)), tb.shows(l.T("sroi.report.method")),
			func(t *testing.T) {
				if got := tb.sroiRatio(t); got != after {
					t.Errorf("the report says ratio %d, the analysis %d", got, after)
				}
			}}}) {
		t.FailNow()
	}
	t.Run("pdf", func(t *testing.T) {
		got, err := eval[[]string](tb, `(async () => {
			const a = document.querySelector('main a[href$="/rapport.pdf"]');
			if (!a) return ['no link'];
			const r = await fetch(a.href);
			const b = new Uint8Array(await r.arrayBuffer());
			return [String(r.status), r.headers.get('content-type'), String.fromCharCode(...b.slice(0, 5)), String(b.length)];
		})()`, chromedp.EvalAwaitPromise)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 || got[0] != "200" || got[1] != "application/pdf" || got[2] != "%PDF-" {
			t.Fatalf("the PDF link gives %q, want 200, application/pdf, %%PDF-", got)
		}
		t.Logf("PDF: %s bytes", got[3])
	})

	// The proxy library and the form to make an analysis.
	tb.check(t, "proxies", tb.open(proxiesPath), expect{status: 200, path: proxiesPath, axe: true,
		checks: []func(*testing.T){tb.heading1(l.T("sroi.proxies.title")), tb.shows("HM Treasury (2021)")}})
	newPath := impactPath + "/nieuw"
	if !tb.check(t, "nieuw", tb.open(newPath), expect{status: 200, path: newPath, axe: true}) {
		t.FailNow()
	}
	create := func() (loaded, error) {
		if err := tb.selectOption(`main select[name="subject"]`, "Repair Café Blauwe Akker"); err != nil {
			return loaded{}, err
		}
		if err := tb.sendKeys(`main input[name="title"]`, "Repair Café 2010"); err != nil {
			return loaded{}, err
		}
		if _, err := eval[bool](tb, `(() => { document.querySelector('main input[name="from"]').value = '2010-01-01';
			document.querySelector('main input[name="to"]').value = '2010-12-31'; return true; })()`); err != nil {
			return loaded{}, err
		}
		return tb.click(`main form button[type="submit"]`)
	}
	tb.check(t, "zonder-inputs", create, expect{status: 200, path: sroiAnalysisPath, axe: true,
		checks: []func(*testing.T){tb.heading1("Repair Café 2010"), tb.shows(l.T("sroi.no_inputs.heading")), tb.shows(l.T("sroi.ratio.undefined")),
			tb.shows(l.T("sroi.sens.none"))}})
}
