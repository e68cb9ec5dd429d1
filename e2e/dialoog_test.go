package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// The wijkdialogen pages of the demo wijk.
const (
	dialoguesPath = demoWijk + "/dialogen"
	saidDidPath   = demoWijk + "/u-zei-wij-deden"
	inputForm     = `main form[action$="/inbreng"]`
	answerForm    = `main form[action$="/antwoord"]`
	browserInput  = "Een fietsenstalling in de portiek (browsertest)"
	browserAnswer = "We bouwen in maart een fietsenstalling bij elke portiek (browsertest)."
)

var inputPath = "^" + regexp.QuoteMeta(demoWijk+"/inbreng/") + "[0-9a-f-]{36}$"

// TestDialogues walks the dialogue path of issue 6 in the browser, on a
// demo server of its own: the resident gives input in the open online
// round (first empty, which comes back with a message), the partner
// (Woonstichting Akkerland, the round's owner) answers it, the resident
// sees the answer on the input and under "Jouw inbreng", and a visitor
// sees it on the public "u zei, wij deden" page, with and without
// JavaScript, without the resident's name. Every page is checked with
// axe-core.
//
//	WEI_E2E=1 go test -count=1 -v -run TestDialogues ./e2e/
func TestDialogues(t *testing.T) {
	s := newSuite(t, "dialogues")

	resident := s.newTab(t, false)
	var input string
	t.Run("bewoner", func(t *testing.T) { input = s.dialogueResident(t, resident) })
	if input == "" {
		t.FailNow()
	}
	t.Run("partner", func(t *testing.T) { s.dialoguePartner(t, input) })
	t.Run("bewoner-ziet-antwoord", func(t *testing.T) { s.dialogueAnswerSeen(t, resident, input) })
	t.Run("bezoeker", s.dialoguePublic)
}

// dialogueResident gives input in the open online round; it returns the
// path of the input.
func (s *suite) dialogueResident(t *testing.T, tb *tab) string {
	if !tb.login(t, roleNamed(t, "bewoner"), false) {
		t.FailNow()
	}
	l := s.loc.For(tb.lang())
	if !tb.check(t, "dialogen", tb.open(dialoguesPath), expect{status: 200, path: dialoguesPath, axe: true,
		checks: []func(*testing.T){tb.heading("dialoog.list.title"), tb.shows("Wonen in de portiekflats")}}) {
		t.FailNow()
	}
	round := "^" + regexp.QuoteMeta(dialoguesPath+"/") + "[0-9a-f-]{36}$"
	if !tb.check(t, "online-ronde", tb.follow(`main li a[href^="/w/blauwe-akker/dialogen/"]`), expect{status: 200, path: round, axe: true,
		checks: []func(*testing.T){tb.heading1("Wonen in de portiekflats"), tb.shows("Woonstichting Akkerland")}}) {
		t.FailNow()
	}
	give := func(body string) func() (loaded, error) {
		return func() (loaded, error) {
			if err := tb.setValue(inputForm+` select[name="kind"]`, "idea"); err != nil {
				return loaded{}, err
			}
			if body != "" {
				if err := tb.sendKeys(inputForm+` textarea[name="body"]`, body); err != nil {
					return loaded{}, err
				}
			}
			return tb.click(inputForm + ` button[type="submit"]`)
		}
	}
	// Empty: refused with a message at the field, nothing saved.
	tb.check(t, "inbreng-leeg", give(""), expect{status: 400, path: "^" + regexp.QuoteMeta(dialoguesPath+"/") + "[0-9a-f-]{36}/inbreng$", axe: true,
		checks: []func(*testing.T){tb.fieldMessage("body", l.T("dialoog.error.body")), tb.shows(l.T("error.form"))}})
	var input string
	if !tb.check(t, "inbreng-gegeven", give(browserInput), expect{status: 200, path: inputPath, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("dialoog.flash.input_given")), tb.shows(browserInput), tb.shows(l.T("dialoog.follow.on")),
			tb.shows(l.T("dialoog.status.open")), func(*testing.T) { input = tb.location() }}}) {
		t.FailNow()
	}
	return input
}

// dialoguePartner answers the input as its owner.
func (s *suite) dialoguePartner(t *testing.T, input string) {
	tb := s.loggedIn(t, "partner")
	l := s.loc.For(tb.lang())
	if !tb.check(t, "inbreng", tb.open(input), expect{status: 200, path: inputPath, axe: true,
		checks: []func(*testing.T){tb.shows(browserInput), tb.shows(l.T("dialoog.answer.title"))}}) {
		t.FailNow()
	}
	answer := func(text string) func() (loaded, error) {
		return func() (loaded, error) {
			if err := tb.setValue(answerForm+` select[name="status"]`, "answered"); err != nil {
				return loaded{}, err
			}
			if text != "" {
				if err := tb.sendKeys(answerForm+` textarea[name="answer"]`, text); err != nil {
					return loaded{}, err
				}
			}
			return tb.click(answerForm + ` button[type="submit"]`)
		}
	}
	tb.check(t, "antwoord-leeg", answer(""), expect{status: 400, path: "^" + regexp.QuoteMeta(demoWijk+"/inbreng/") + "[0-9a-f-]{36}/antwoord$", axe: true,
		checks: []func(*testing.T){tb.fieldMessage("answer", l.T("dialoog.error.answer"))}})
	tb.check(t, "beantwoord", answer(browserAnswer), expect{status: 200, path: inputPath, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("dialoog.flash.answered")), tb.shows(browserAnswer), tb.shows(l.T("dialoog.status.answered"))}})
}

// dialogueAnswerSeen: the resident sees the answer on the input and among
// their own inputs.
func (s *suite) dialogueAnswerSeen(t *testing.T, tb *tab, input string) {
	l := s.loc.For(tb.lang())
	tb.check(t, "antwoord-op-inbreng", tb.open(input), expect{status: 200, path: inputPath, axe: true,
		checks: []func(*testing.T){tb.shows(browserAnswer), tb.shows(l.T("dialoog.status.answered"))}})
	tb.check(t, "jouw-inbreng", tb.open(dialoguesPath), expect{status: 200, path: dialoguesPath, axe: true,
		checks: []func(*testing.T){tb.shows(l.T("dialoog.mine.title")), tb.shows(browserAnswer)}})
}

// dialoguePublic reads the "u zei, wij deden" page as a visitor, with and
// without JavaScript.
func (s *suite) dialoguePublic(t *testing.T) {
	for _, noJS := range []bool{false, true} {
		tb := s.newTab(t, noJS)
		name := "u-zei-wij-deden"
		if noJS {
			name += "-zonder-javascript"
		}
		tb.check(t, name, tb.open(saidDidPath), expect{status: 200, path: saidDidPath, axe: !noJS,
			checks: []func(*testing.T){tb.heading("dialoog.public.title"), tb.shows(browserInput), tb.shows(browserAnswer), tb.shows("Woonstichting Akkerland"),
				func(t *testing.T) {
					if body := tb.text("main"); strings.Contains(body, roleNamed(t, "bewoner").person) {
						t.Error("the public page shows the resident's name")
					}
				}}})
	}
	tb := s.newTab(t, false)
	tb.check(t, "te-laat", tb.open(saidDidPath+"?te-laat=1"), expect{status: 200, path: saidDidPath, axe: true,
		checks: []func(*testing.T){tb.shows("De bomen aan de Molenstraat zijn al lang niet gesnoeid."), func(t *testing.T) {
			l := s.loc.For(tb.lang()) // the page's language, once it is loaded
			tb.shows(strings.SplitN(l.T("dialoog.overdue", ""), ":", 2)[0])(t)
		}}})
}
