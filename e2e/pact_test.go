package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wei-platform/wei/internal/locale"
)

// The wijkpact pages of the demo wijk.
const (
	pactListPath  = demoWijk + "/wijkpact"
	pactNewForm   = `main form[action="/w/blauwe-akker/wijkpact"]`
	partyForm     = `main form[action$="/partijen"]`
	commitForm    = `main form[action$="/afspraken"]`
	acceptForm    = `main form[action$="/akkoord"]`
	progressForm  = `main form[action$="/voortgang"]`
	browserPact   = "Wijkpact Sluispark (browsertest)"
	pactResident  = "Wijkcoöperatie Blauwe Akker"
	pactGemeente  = "Gemeente Lindenwaard, wijkteam Oost"
	pactHousing   = "Woonstichting Akkerland" // the partner account's organisation
	demoChallenge = "Onderhoud van het groen in het Sluispark"
)

var pactPagePath = "^" + regexp.QuoteMeta(pactListPath+"/") + "[0-9a-f-]{36}$"

// TestPact walks the "done when" of the wijkpact in the browser, on a demo
// server of its own: the process manager makes a pact through the form
// (first refused without a name, the input kept), adds three parties of
// three kinds with a commitment each, and signs for the residents'
// organisation and the gemeente; the partner signs for the woonstichting
// through its own account, which makes the pact signed, and reports
// progress on its commitment; a visitor then sees the pact signed with
// its progress, without any person's name, and downloads the PDF. Every
// page is checked with axe-core.
//
//	WEI_E2E=1 go test -count=1 -v -run TestPact ./e2e/
func TestPact(t *testing.T) {
	s := newSuite(t, "pact")

	var pactPath string
	t.Run("procesmanager", func(t *testing.T) { pactPath = s.pactManager(t) })
	t.Run("partner", func(t *testing.T) { s.pactPartner(t, pactPath) })
	t.Run("bezoeker", func(t *testing.T) { s.pactPublic(t, pactPath) })
}

// pactManager is the process manager's path; it returns the new pact's path.
func (s *suite) pactManager(t *testing.T) string {
	tb := s.loggedIn(t, "procesmanager")
	l := s.loc.For(tb.lang())
	if !tb.check(t, "wijkpacten", tb.open(pactListPath), expect{status: 200, path: pactListPath, axe: true,
		checks: []func(*testing.T){tb.heading("pact.title")}}) {
		t.FailNow()
	}
	if !tb.check(t, "formulier", tb.follow(`main a[href="/w/blauwe-akker/wijkpact/nieuw"]`), expect{status: 200, path: pactListPath + "/nieuw", axe: true,
		checks: []func(*testing.T){tb.heading("pact.new.title")}}) {
		t.FailNow()
	}
	purpose := "Samen zorgen we voor een schoon en veilig Sluispark."
	if !tb.check(t, "formulier-fout", tb.submitForm(pactNewForm, map[string]string{"title": "Wp", "purpose": purpose}, nil, nil),
		expect{status: 400, path: pactListPath, axe: true, checks: []func(*testing.T){
			tb.fieldMessage("title", l.T("pact.error.title")),
			tb.keptValue(pactNewForm+` [name="purpose"]`, purpose),
		}}) {
		t.FailNow()
	}
	var path string
	if !tb.check(t, "pact", tb.submitForm(pactNewForm, map[string]string{"title": browserPact}, nil, nil),
		expect{status: 200, path: pactPagePath, axe: true, checks: []func(*testing.T){tb.heading1(browserPact), tb.shows(l.T("pact.flash.created"))}}) {
		t.FailNow()
	}
	path = tb.pathOnly()
	for _, org := range []string{pactResident, pactGemeente, pactHousing} {
		if !tb.check(t, "partij", tb.submitForm(partyForm, nil, map[string]string{"organisation_id": org}, nil),
			expect{status: 200, path: path, checks: []func(*testing.T){tb.shows(l.T("pact.flash.party_added"))}}) {
			t.FailNow()
		}
	}
	due := time.Now().AddDate(0, 6, 0).Format(time.DateOnly)
	for org, what := range map[string]string{pactResident: "Twee opschoondagen in het Sluispark", pactGemeente: "Tien nieuwe lantaarns langs het pad", pactHousing: "Portiekgesprekken in alle flats aan het park"} {
		if !tb.check(t, "afspraak", tb.submitForm(commitForm, map[string]string{"what": what, "indicator": "aantal", "target": "10", "owner": "wijkteam"},
			map[string]string{"party_id": org}, map[string]string{"due_on": due}),
			expect{status: 200, path: path, checks: []func(*testing.T){tb.shows(l.T("pact.flash.commitment_added")), tb.shows(what)}}) {
			t.FailNow()
		}
	}
	tb.check(t, "pact-klaar", tb.open(path), expect{status: 200, path: path, axe: true})
	for org, fn := range map[string]string{pactResident: "bestuur", pactGemeente: "wethouder"} {
		if !tb.check(t, "ondertekenen", tb.submitForm(acceptForm, map[string]string{"signatory": fn}, map[string]string{"accept_party": org}, nil),
			expect{status: 200, path: path, checks: []func(*testing.T){tb.shows(l.T("pact.history.accepted", org, fn))}}) {
			t.FailNow()
		}
	}
	tb.check(t, "twee-van-drie", tb.open(path), expect{status: 200, path: path, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("pact.view.draft", 2, 3)), tb.absent(commitForm)}})
	tb.logout(t, false)
	return path
}

// pactPartner signs for the woonstichting and reports progress.
func (s *suite) pactPartner(t *testing.T, path string) {
	if path == "" {
		t.Skip("the process manager's path made no pact")
	}
	tb := s.loggedIn(t, "partner")
	l := s.loc.For(tb.lang())
	if !tb.check(t, "pact", tb.open(path), expect{status: 200, path: path, axe: true,
		checks: []func(*testing.T){tb.absent(partyForm), tb.absent(commitForm)}}) {
		t.FailNow()
	}
	// The partner can sign for its own organisation only.
	opts, _ := eval[[]string](tb, `[...document.querySelectorAll('`+acceptForm+` select[name="accept_party"] option')].map(o => o.textContent.trim()).filter(Boolean)`)
	if len(opts) != 2 || opts[1] != pactHousing {
		t.Errorf("the partner may sign for %q, want only %q", opts, pactHousing)
	}
	if !tb.check(t, "ondertekenen", tb.submitForm(acceptForm, map[string]string{"signatory": "directeur"}, map[string]string{"accept_party": pactHousing}, nil),
		expect{status: 200, path: path, axe: true, checks: []func(*testing.T){tb.shows(l.T("pact.flash.accepted")), tb.shows(l.T("pact.status.signed"))}}) {
		t.FailNow()
	}
	commitment := pactHousing + ": Portiekgesprekken in alle flats aan het park"
	tb.check(t, "voortgang", tb.submitForm(progressForm, map[string]string{"value": "4", "note": "eerste vier flats"}, map[string]string{"commitment_id": commitment}, nil),
		expect{status: 200, path: path, axe: true, checks: []func(*testing.T){tb.shows(l.T("pact.flash.progress")), tb.shows(l.T("pact.reached", "4", "10", 40))}})
	tb.logout(t, false)
}

// pactPublic is a visitor: the pact is signed, progress shows per
// commitment, party and pact, no person is named, and the PDF downloads.
func (s *suite) pactPublic(t *testing.T, path string) {
	if path == "" {
		t.Skip("the process manager's path made no pact")
	}
	tb := s.newTab(t, false)
	var l *locale.Localizer // the language of the page, once one is open
	tb.check(t, "wijkpacten", tb.open(pactListPath), expect{status: 200, path: pactListPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) { l = s.loc.For(tb.lang()) }, tb.shows(browserPact)}})
	if l == nil {
		t.FailNow()
	}
	tb.check(t, "pact", tb.follow(`main a[href="`+path+`"]`), expect{status: 200, path: path, axe: true, checks: []func(*testing.T){
		tb.shows(l.T("pact.status.signed")),
		tb.shows(l.T("pact.reached", "4", "10", 40)),
		tb.shows(l.T("pact.history.accepted", pactHousing, "directeur")),
		tb.shows(l.T("pact.view.rollup", 13, 0, 3)),
		tb.absent(acceptForm), tb.absent(progressForm),
		func(t *testing.T) {
			body := tb.text("body")
			for _, r := range roles {
				if strings.Contains(body, r.person) {
					t.Errorf("the public pact page names %q", r.person)
				}
			}
		},
	}})
	t.Run("pdf", func(t *testing.T) {
		type download struct {
			Status int    `json:"status"`
			Type   string `json:"type"`
			Start  string `json:"start"`
			Size   int    `json:"size"`
		}
		d, err := eval[download](tb, `(async () => {
			const r = await fetch(`+jsString(path+"/wijkpact.pdf")+`);
			const b = new Uint8Array(await r.arrayBuffer());
			return {status: r.status, type: r.headers.get('content-type') || '', start: String.fromCharCode(...b.subarray(0, 5)), size: b.length};
		})()`, chromedp.EvalAwaitPromise)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != 200 || d.Type != "application/pdf" || d.Start != "%PDF-" || d.Size < 1000 {
			t.Fatalf("PDF: %+v", d)
		}
	})
	// Right to Challenge: the demo's challenge, refused and then granted,
	// with its agreement followed through the pact and the books.
	challenges := demoWijk + "/right-to-challenge"
	tb.check(t, "right-to-challenge", tb.open(challenges), expect{status: 200, path: challenges, axe: true,
		checks: []func(*testing.T){tb.heading("challenge.title"), tb.shows(demoChallenge)}})
	tb.check(t, "challenge", tb.follow(`main a[href^="/w/blauwe-akker/right-to-challenge/"]`), expect{status: 200, path: "^" + regexp.QuoteMeta(challenges+"/") + "[0-9a-f-]{36}$", axe: true,
		checks: []func(*testing.T){tb.heading1(demoChallenge), tb.shows(l.T("challenge.decision.rejected")), tb.shows(l.T("challenge.decision.accepted")),
			tb.shows(l.T("challenge.view.commitment")), tb.absent(`main form[action$="/besluit"]`)}})
}
