package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/locale"
)

// The wijkbudget pages of the demo wijk.
const (
	budgetListPath = demoWijk + "/wijkbudget"
	budgetCodeForm = `main form[action$="/codes"]`
	budgetVoteForm = `main form[action$="/stemmen"]`
	budgetPhase    = `main form[action$="/fase"]`
	budgetFundForm = `main form[action$="/toekennen"]`
)

var budgetRoundPath = "^" + regexp.QuoteMeta(budgetListPath+"/") + "[0-9a-f-]{36}$"

// TestWijkbudget walks the "done when" of the wijkbudget in the browser, on
// a demo server of its own: the process manager makes a voting code for
// the open round through the form (first refused for a count of 0); a
// resident without an account votes with it through the ballot (first
// refused for an address the postcode table does not know, with the code,
// address and chosen projects kept), and the same code is refused the
// second time; the process manager closes the vote; the treasurer funds the
// winners, and the winner's project page shows the grant in the books.
// Every page is checked with axe-core.
//
//	WEI_E2E=1 go test -count=1 -v -run TestWijkbudget ./e2e/
func TestWijkbudget(t *testing.T) {
	s := newSuite(t, "wijkbudget")

	var round, code string
	t.Run("procesmanager-codes", func(t *testing.T) { round, code = s.budgetCodes(t) })
	t.Run("bewoner-stemt", func(t *testing.T) { s.budgetVote(t, round, code) })
	t.Run("procesmanager-sluit", func(t *testing.T) { s.budgetClose(t, round) })
	t.Run("penningmeester-kent-toe", func(t *testing.T) { s.budgetFund(t, round) })
}

// budgetCodes makes one voting code for the open round; it returns the
// round's path and the code.
func (s *suite) budgetCodes(t *testing.T) (string, string) {
	tb := s.loggedIn(t, "procesmanager")
	l := s.loc.For(tb.lang())
	if !tb.check(t, "rondes", tb.open(budgetListPath), expect{status: 200, path: budgetListPath, axe: true,
		checks: []func(*testing.T){tb.heading("wijkbudget.title"), tb.shows(demo.BudgetRoundOpen)}}) {
		t.FailNow()
	}
	// Newest first: the open round is on the first row.
	if !tb.check(t, "ronde", tb.follow(`main tbody tr:first-child a`), expect{status: 200, path: budgetRoundPath, axe: true,
		checks: []func(*testing.T){tb.heading1(demo.BudgetRoundOpen)}}) {
		t.FailNow()
	}
	round := tb.pathOnly()
	if !tb.check(t, "codes-fout", tb.submitForm(budgetCodeForm, map[string]string{"count": "0"}, nil, nil),
		expect{status: 400, path: round + "/codes", axe: true, checks: []func(*testing.T){tb.fieldMessage("count", l.T("wijkbudget.error.code_count"))}}) {
		t.FailNow()
	}
	if !tb.check(t, "codes", tb.submitForm(budgetCodeForm, map[string]string{"count": "1"}, nil, nil),
		expect{status: 200, path: round + "/codes", axe: true, checks: []func(*testing.T){tb.shows(l.T("wijkbudget.codes.once"))}}) {
		t.FailNow()
	}
	code, err := eval[string](tb, `document.querySelector('main code.wei-code')?.textContent ?? ''`)
	if err != nil || !regexp.MustCompile(`^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$`).MatchString(code) {
		t.Fatalf("code on the page=%q, %v", code, err)
	}
	tb.logout(t, false)
	return round, code
}

// checkProjects ticks the first n projects of the ballot.
func (tb *tab) checkProjects(t *testing.T, n int) {
	t.Helper()
	if _, err := eval[bool](tb, `(() => { document.querySelectorAll('`+budgetVoteForm+` input[name="project"]').forEach((c, i) => { c.checked = i < `+strconv.Itoa(n)+` }); return true })()`); err != nil {
		t.Fatal(err)
	}
}

func (tb *tab) checkedProjects(want int) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		n, err := eval[int](tb, `document.querySelectorAll('`+budgetVoteForm+` input[name="project"]:checked').length`)
		if err != nil || n != want {
			t.Errorf("checked projects=%d, %v; want %d kept", n, err, want)
		}
	}
}

// budgetVote votes with the code, without an account.
func (s *suite) budgetVote(t *testing.T, round, code string) {
	if round == "" {
		t.Skip("no code was made")
	}
	tb := s.newTab(t, false)
	var l *locale.Localizer
	if !tb.check(t, "ronde", tb.open(round), expect{status: 200, path: round, axe: true,
		checks: []func(*testing.T){func(t *testing.T) { l = s.loc.For(tb.lang()) }, tb.absent(budgetCodeForm)}}) {
		t.FailNow()
	}
	if !tb.check(t, "stembiljet", tb.follow(`main a[href$="/stemmen"]`), expect{status: 200, path: round + "/stemmen", axe: true}) {
		t.FailNow()
	}
	tb.checkProjects(t, 2)
	if !tb.check(t, "stem-fout", tb.submitForm(budgetVoteForm, map[string]string{"code": code, "postcode": "3999 AA", "house_number": "99"}, nil, nil),
		expect{status: 400, path: round + "/stemmen", axe: true, checks: []func(*testing.T){
			tb.fieldMessage("postcode", l.T("cbs.error.address_unknown")),
			tb.keptValue(budgetVoteForm+` [name="code"]`, code),
			tb.keptValue(budgetVoteForm+` [name="postcode"]`, "3999 AA"),
			tb.checkedProjects(2),
		}}) {
		t.FailNow()
	}
	if !tb.check(t, "stem", tb.submitForm(budgetVoteForm, map[string]string{"house_number": "12"}, nil, nil),
		expect{status: 200, path: round, axe: true, checks: []func(*testing.T){tb.shows(l.T("wijkbudget.flash.voted"))}}) {
		t.FailNow()
	}
	tb.check(t, "stembiljet-opnieuw", tb.open(round+"/stemmen"), expect{status: 200, path: round + "/stemmen"})
	tb.checkProjects(t, 1)
	tb.check(t, "stem-dubbel", tb.submitForm(budgetVoteForm, map[string]string{"code": code, "postcode": "3999 AB", "house_number": "3"}, nil, nil),
		expect{status: 400, path: round + "/stemmen", axe: true, checks: []func(*testing.T){tb.fieldMessage("code", l.T("wijkbudget.error.code_used"))}})
}

// budgetClose moves the round from voting to its results.
func (s *suite) budgetClose(t *testing.T, round string) {
	if round == "" {
		t.Skip("no round")
	}
	tb := s.loggedIn(t, "procesmanager")
	l := s.loc.For(tb.lang())
	tb.check(t, "ronde", tb.open(round), expect{status: 200, path: round})
	tb.check(t, "uitslag", func() (loaded, error) { return tb.click(budgetPhase + ` button[type="submit"]`) }, expect{status: 200, path: round, axe: true, checks: []func(*testing.T){
		tb.shows(l.T("wijkbudget.flash.phase")), tb.shows(l.T("wijkbudget.results.rule")), tb.absent(budgetFundForm)}})
	tb.logout(t, false)
}

// budgetFund funds the winners and follows the money to a project page.
func (s *suite) budgetFund(t *testing.T, round string) {
	if round == "" {
		t.Skip("no round")
	}
	tb := s.loggedIn(t, "penningmeester")
	l := s.loc.For(tb.lang())
	if !tb.check(t, "ronde", tb.open(round), expect{status: 200, path: round, axe: true, checks: []func(*testing.T){tb.absent(budgetPhase)}}) {
		t.FailNow()
	}
	if !tb.check(t, "toekennen", func() (loaded, error) { return tb.click(budgetFundForm + ` button[type="submit"]`) }, expect{status: 200, path: round, axe: true, checks: []func(*testing.T){
		tb.shows(l.T("wijkbudget.flash.funded")), tb.shows(l.T("wijkbudget.funded.title")), tb.absent(budgetFundForm)}}) {
		t.FailNow()
	}
	tb.check(t, "project", tb.follow(`main section[aria-labelledby="results"] tbody tr:first-child a`),
		expect{status: 200, path: "^" + regexp.QuoteMeta(round+"/projecten/") + "[0-9a-f-]{36}$", axe: true, checks: []func(*testing.T){
			tb.shows(l.T("wijkbudget.trail.title")), tb.shows(l.T("budget.granted")),
			func(t *testing.T) {
				if txt, _ := eval[string](tb, `document.querySelector('main').innerText`); strings.Contains(txt, l.T("wijkbudget.trail.none")) {
					t.Error("the winner's project page says it got no money")
				}
			}}})
	tb.logout(t, false)
}
