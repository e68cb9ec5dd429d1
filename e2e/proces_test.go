package e2e

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/wei-platform/wei/internal/locale"
)

// The WEI-proces pages of the demo wijk.
const (
	phasesPath = demoWijk + "/initiatieven"
	flowPath   = demoWijk + "/stroom"

	moveForm  = `main form[action$="/fase"]`
	tickForm  = `main form[action$="/afvinken"]`
	joinForm  = `main form[action$="/meedoen"]`
	leaveForm = `main form[action$="/stoppen"]`
)

var initiativePath = "^" + regexp.QuoteMeta(phasesPath+"/") + "[^/]+$"

// The phases of the WEI-model, as the pages and the form values name them.
const (
	phaseInformatie = "informatie"
	phaseOntstaan   = "ontstaan"
)

// proces walks the "done when" path of WEI-proces: the process manager
// sees the wijk by phase, opens an initiative, is refused a move with an
// open checklist, ticks it, moves the initiative on and sees the figures
// change; a resident joins an initiative and leaves it again, and the
// process manager sees both in the people flow. Every page is checked with
// axe-core.
func (s *suite) proces(t *testing.T) {
	pm := s.loggedIn(t, "procesmanager")
	var moved string // path of the initiative the process manager moved
	t.Run("procesmanager", func(t *testing.T) { moved = s.procesManager(t, pm) })
	t.Run("bewoner", func(t *testing.T) { s.procesResident(t, pm, moved) })
	t.Run("keyboard", func(t *testing.T) { s.moveFormKeyboard(t, pm, moved) })
}

// procesManager is the process manager's path; it returns the path of the
// initiative it moved from the informatiefase to the ontstaansfase.
func (s *suite) procesManager(t *testing.T, tb *tab) string {
	l := s.loc.For(tb.lang())
	informatie, ontstaan := l.T("proces.phase."+phaseInformatie), l.T("proces.phase."+phaseOntstaan)

	// The wijk by phase.
	var infoBefore, ontBefore phaseColumn
	if !tb.check(t, "initiatieven", tb.open(phasesPath), expect{status: 200, path: phasesPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) {
			infoBefore = tb.mustPhaseColumn(t, informatie)
			ontBefore = tb.mustPhaseColumn(t, ontstaan)
		}}}) {
		t.FailNow()
	}
	if len(infoBefore.Links) == 0 {
		t.Fatalf("the %s section lists no initiative; the demo has five", informatie)
	}
	target := infoBefore.Links[0]

	// The flow figures before the move.
	var transBefore int
	var svgBefore string
	if !tb.check(t, "stroom", tb.open(flowPath), expect{status: 200, path: flowPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) {
			svgBefore = tb.mustFlowChart(t, l)
			transBefore = tb.mustTransitions(t, l, informatie, ontstaan)
		}}}) {
		t.FailNow()
	}
	t.Logf("before the move: %s %d initiatives (heading %d), %s %d (heading %d); %s → %s transitions: %d",
		informatie, len(infoBefore.Links), infoBefore.Shown, ontstaan, len(ontBefore.Links), ontBefore.Shown, informatie, ontstaan, transBefore)

	// Open the first initiative of the informatiefase from the phases page.
	tb.check(t, "initiatieven-terug", tb.open(phasesPath), expect{status: 200, path: phasesPath})
	var page string
	if !tb.check(t, "initiatief", tb.follow(`main a[href=`+jsString(target.Href)+`]`), expect{status: 200, path: initiativePath, axe: true,
		checks: []func(*testing.T){tb.heading1(target.Name), tb.inPhase(l, informatie), func(*testing.T) { page = tb.location() }}}) {
		t.FailNow()
	}
	if page != target.Href {
		t.Fatalf("the link %q led to %s, want %s", target.Name, page, target.Href)
	}

	// Moving on with the required criterion still open is refused.
	checklistOpen := l.T("error.checklist_open")
	if !tb.check(t, "fase-checklist-open", tb.submitMove(l, ontstaan), expect{status: 400, path: "^" + regexp.QuoteMeta(page+"/fase") + "$", axe: true,
		checks: []func(*testing.T){tb.shows(checklistOpen), tb.checklistAlert(l, checklistOpen), tb.inPhase(l, informatie)}}) {
		t.FailNow()
	}

	// Tick the open required criteria, with evidence.
	open, err := eval[[]string](tb, `[...document.querySelectorAll(`+jsString(tickForm)+`)]
		.filter(f => (f.closest('li')?.innerText ?? '').includes(`+jsString("("+l.T("proces.checklist.required")+")")+`))
		.map(f => f.querySelector('input[name="criterion_id"]').value)`)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) == 0 {
		t.Fatalf("%s: the checklist was refused, but it has no open required criterion with a tick form", page)
	}
	for i, id := range open {
		evidence := fmt.Sprintf("Twaalf buren kwamen naar de informatieavond en willen samen verder (browsertest, punt %d).", i+1)
		if !tb.check(t, "afvinken", tb.tick(id, evidence), expect{status: 200, path: "^" + regexp.QuoteMeta(page) + "$", axe: i == len(open)-1,
			checks: []func(*testing.T){tb.ticked(l, id, evidence), tb.inPhase(l, informatie)}}) {
			t.FailNow()
		}
	}

	// Now the move goes through.
	if !tb.check(t, "fase-wijzigen", tb.submitMove(l, ontstaan), expect{status: 200, path: "^" + regexp.QuoteMeta(page) + "$", axe: true,
		checks: []func(*testing.T){tb.inPhase(l, ontstaan), tb.shows(l.T("proces.flash.moved"))}}) {
		t.FailNow()
	}

	// The phases page lists it in the ontstaansfase now.
	tb.check(t, "initiatieven-na", tb.open(phasesPath), expect{status: 200, path: phasesPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) {
			info, ont := tb.mustPhaseColumn(t, informatie), tb.mustPhaseColumn(t, ontstaan)
			if !slices.Contains(ont.Links, target) {
				t.Errorf("%s is not listed in the %s section after the move; it lists %v", target.Name, ontstaan, ont.Links)
			}
			if slices.Contains(info.Links, target) {
				t.Errorf("%s is still listed in the %s section after the move", target.Name, informatie)
			}
			if ont.Shown != ontBefore.Shown+1 || len(ont.Links) != len(ontBefore.Links)+1 {
				t.Errorf("%s section: heading %d, %d listed after the move; want %d and %d", ontstaan, ont.Shown, len(ont.Links), ontBefore.Shown+1, len(ontBefore.Links)+1)
			}
		}}})

	// The flow page counts the transition, in the table and in the chart.
	tb.check(t, "stroom-na", tb.open(flowPath), expect{status: 200, path: flowPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) {
			svg := tb.mustFlowChart(t, l)
			if got := tb.mustTransitions(t, l, informatie, ontstaan); got != transBefore+1 {
				t.Errorf("%s → %s transitions = %d after the move, want %d (one more than before)", informatie, ontstaan, got, transBefore+1)
			}
			if svg == svgBefore {
				t.Error("the flow chart did not change after the move")
			}
			want := fmt.Sprintf("%s → %s: %d", informatie, ontstaan, transBefore+1)
			titles, err := eval[[]string](tb, `[...document.querySelectorAll('main figure svg path > title')].map(t => t.textContent.trim())`)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(titles, want) {
				t.Errorf("the flow chart has no link titled %q; its links: %q", want, titles)
			}
		}}})

	// The other pages of the process manager.
	tb.page(t, "samenwerking", demoWijk+"/samenwerking")
	tb.page(t, "leren", demoWijk+"/leren")
	tb.page(t, "gids", demoWijk+"/gids")
	return page
}

// procesResident is the resident's path: join an initiative in the
// informatiefase and leave it again. The process manager's tab (pm) reads
// the people flow before and after.
func (s *suite) procesResident(t *testing.T, pm *tab, exclude string) {
	tb := s.newTab(t, false)
	if !tb.login(t, roleNamed(t, "bewoner"), true) {
		t.FailNow()
	}
	l := s.loc.For(tb.lang())
	informatie := l.T("proces.phase." + phaseInformatie)

	// Pick an initiative in the informatiefase that the resident does not
	// take part in yet, from the phases page.
	var col phaseColumn
	if !tb.check(t, "initiatieven", tb.open(phasesPath), expect{status: 200, path: phasesPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) { col = tb.mustPhaseColumn(t, informatie) }}}) {
		t.FailNow()
	}
	var page string
	for i, c := range col.Links {
		if c.Href == exclude {
			continue
		}
		if i > 0 && !tb.check(t, "initiatieven", tb.open(phasesPath), expect{status: 200, path: phasesPath}) {
			t.FailNow()
		}
		if !tb.check(t, "initiatief", tb.follow(`main a[href=`+jsString(c.Href)+`]`), expect{status: 200, path: "^" + regexp.QuoteMeta(c.Href) + "$", axe: true,
			checks: []func(*testing.T){tb.heading1(c.Name), tb.inPhase(l, informatie)}}) {
			t.FailNow()
		}
		if ok, err := tb.exists(joinForm); err != nil {
			t.Fatal(err)
		} else if ok {
			page = c.Href
			break
		}
	}
	if page == "" {
		t.Fatalf("the resident takes part in every initiative of the %s (or none has a join form): %v", informatie, col.Links)
	}

	before, ok := pm.peopleFlow(t, l, informatie, "stroom-voor")
	if !ok {
		t.FailNow()
	}

	// Join as deelnemer: the page shows the leave form.
	join := func() (loaded, error) {
		if err := tb.selectOption(joinForm+` select[name="role"]`, l.T("member.deelnemer")); err != nil {
			return loaded{}, err
		}
		return tb.click(joinForm + ` button[type="submit"]`)
	}
	if !tb.check(t, "meedoen", join, expect{status: 200, path: "^" + regexp.QuoteMeta(page) + "$", axe: true,
		checks: []func(*testing.T){tb.shows(l.T("proces.flash.joined")), tb.shows(l.T("proces.join.member") + " " + l.T("member.deelnemer")),
			tb.present(leaveForm, true), tb.present(joinForm, false), tb.buttonText(leaveForm, l.T("proces.leave.submit"))}}) {
		t.FailNow()
	}

	// Leave with a reason: the join form is back.
	leave := func() (loaded, error) {
		if err := tb.sendKeys(leaveForm+` textarea[name="reason"]`, "Ik heb op woensdag geen tijd meer (browsertest)."); err != nil {
			return loaded{}, err
		}
		return tb.click(leaveForm + ` button[type="submit"]`)
	}
	if !tb.check(t, "stoppen", leave, expect{status: 200, path: "^" + regexp.QuoteMeta(page) + "$", axe: true,
		checks: []func(*testing.T){tb.shows(l.T("proces.flash.left")), tb.present(joinForm, true), tb.present(leaveForm, false),
			tb.buttonText(joinForm, l.T("proces.join.submit"))}}) {
		t.FailNow()
	}

	after, ok := pm.peopleFlow(t, l, informatie, "stroom-na")
	if !ok {
		t.FailNow()
	}
	if after.in != before.in+1 || after.out != before.out+1 {
		t.Errorf("%s: instroom %d → %d, uitstroom %d → %d after one join and one leave; want each one more", informatie, before.in, after.in, before.out, after.out)
	}
}

// moveFormKeyboard checks that Tab reaches every control of the move form,
// in order, from its first control to its submit button.
func (s *suite) moveFormKeyboard(t *testing.T, tb *tab, page string) {
	if page == "" {
		t.Skip("no initiative page from the process manager's path")
	}
	if !tb.check(t, "initiatief", tb.open(page), expect{status: 200, path: page}) {
		t.FailNow()
	}
	type control struct {
		Count   int    `json:"count"`   // focusable controls in the move form
		Index   int    `json:"index"`   // of the focused one, -1 outside the form
		Focused string `json:"focused"` // what has the focus, to explain a failure
	}
	where := `(() => {
		const cs = [...document.querySelector(` + jsString(moveForm) + `).querySelectorAll('select, textarea, button, input:not([type="hidden"])')];
		const a = document.activeElement;
		return {count: cs.length, index: cs.indexOf(a), focused: a.tagName + (a.name ? '[name=' + a.name + ']' : '') + (a.id ? '#' + a.id : '')};
	})()`

	if err := tb.do(func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(moveForm+` select[name="to"]`)))
	}); err != nil {
		t.Fatalf("focusing the phase select: %v", err)
	}
	c, err := eval[control](tb, where)
	if err != nil {
		t.Fatal(err)
	}
	if c.Count < 5 || c.Index != 0 {
		t.Fatalf("move form: %d controls, focus on %s (index %d); want the phase select first of at least 5 (select, date, reason, override, submit)", c.Count, c.Focused, c.Index)
	}
	seen := map[int]bool{0: true}
	path := []string{c.Focused}
	// A date field takes a Tab per part (day, month, year).
	const maxTabs = 10
	for range maxTabs {
		if err := tb.key(kb.Tab); err != nil {
			t.Fatalf("pressing Tab: %v", err)
		}
		if c, err = eval[control](tb, where); err != nil {
			t.Fatal(err)
		}
		path = append(path, c.Focused)
		if c.Index < 0 {
			t.Fatalf("Tab left the move form at %s before it reached the submit button; focus went %s", c.Focused, strings.Join(path, " → "))
		}
		seen[c.Index] = true
		if c.Index == c.Count-1 {
			break
		}
	}
	if c.Index != c.Count-1 {
		t.Fatalf("%d Tabs from the phase select did not reach the submit button; focus went %s", maxTabs, strings.Join(path, " → "))
	}
	for i := range c.Count {
		if !seen[i] {
			t.Errorf("Tab skipped control %d of the move form; focus went %s", i, strings.Join(path, " → "))
		}
	}
	t.Logf("move form by keyboard: %s", strings.Join(path, " → "))
}

// pageLink is a link in the page content.
type pageLink struct {
	Name string `json:"name"`
	Href string `json:"href"`
}

// phaseColumn is a phase's section of the phases page.
type phaseColumn struct {
	Found bool       `json:"found"`
	Shown int        `json:"shown"` // the number in its heading, -1 when there is none
	Links []pageLink `json:"links"` // the initiatives it lists
}

// mustPhaseColumn reads the section of the phases page whose heading is
// the phase's label, with the number of initiatives after it: "Label (n)".
func (tb *tab) mustPhaseColumn(t *testing.T, label string) phaseColumn {
	t.Helper()
	c, err := eval[phaseColumn](tb, `(() => {
		const h = [...document.querySelectorAll('main h2')].find(h => h.textContent.replace(/\s*\(\d+\)\s*$/, '').trim() === `+jsString(label)+`);
		if (!h) return {found: false, shown: -1, links: []};
		const m = h.textContent.match(/\((\d+)\)\s*$/);
		const links = [...h.parentElement.querySelectorAll('ul a[href]')].map(a => ({name: a.textContent.trim(), href: a.getAttribute('href')}));
		return {found: true, shown: m ? Number(m[1]) : -1, links};
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Found {
		t.Fatalf("%s: no section headed %q", tb.location(), label)
	}
	if c.Shown != len(c.Links) {
		t.Errorf("%s section: the heading says %d, it lists %d initiatives", label, c.Shown, len(c.Links))
	}
	return c
}

// table is a data table of the page: its column headers and the cells of
// its body rows (row headers first).
type table struct {
	Found bool       `json:"found"`
	Head  []string   `json:"head"`
	Rows  [][]string `json:"rows"`
}

// mustTable reads the table of the page with the caption.
func (tb *tab) mustTable(t *testing.T, caption string) table {
	t.Helper()
	tab, err := eval[table](tb, `(() => {
		const c = [...document.querySelectorAll('main table > caption')].find(c => c.textContent.trim() === `+jsString(caption)+`);
		if (!c) return {found: false, head: [], rows: []};
		const t = c.parentElement;
		return {found: true, head: [...t.querySelectorAll('thead th')].map(c => c.textContent.trim()),
			rows: [...t.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()))};
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if !tab.Found {
		t.Fatalf("%s: no table with the caption %q", tb.location(), caption)
	}
	return tab
}

// cell returns the cell in the column headed col of the row whose first
// cells are keys; found is false when no row starts with them.
func (tab table) cell(t *testing.T, col string, keys ...string) (v string, found bool) {
	t.Helper()
	ci := slices.Index(tab.Head, col)
	if ci < 0 {
		t.Fatalf("table has no column %q; columns: %q", col, tab.Head)
	}
	for _, r := range tab.Rows {
		if len(r) > ci && len(r) >= len(keys) && slices.Equal(r[:len(keys)], keys) {
			return r[ci], true
		}
	}
	return "", false
}

// count reads a whole number as the page writes it ("1.234" in Dutch).
func count(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.Map(func(r rune) rune {
		if r == '.' || r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, s))
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

// mustTransitions reads the number of initiatives that moved from one
// phase to the other from the transitions table of the flow page; 0 when
// the table has no row for them.
func (tb *tab) mustTransitions(t *testing.T, l *locale.Localizer, from, to string) int {
	t.Helper()
	tab := tb.mustTable(t, l.T("flow.table.transitions"))
	v, ok := tab.cell(t, l.T("flow.col.count"), from, to)
	if !ok {
		return 0
	}
	return count(t, v)
}

// mustFlowChart checks the flow chart of the flow page: an SVG image with
// a title that names it. It returns the SVG.
func (tb *tab) mustFlowChart(t *testing.T, l *locale.Localizer) string {
	t.Helper()
	type chart struct {
		Found bool   `json:"found"`
		Role  string `json:"role"`
		Title string `json:"title"`
		Named bool   `json:"named"` // aria-labelledby refers to the title
		SVG   string `json:"svg"`
	}
	c, err := eval[chart](tb, `(() => {
		const s = document.querySelector('main figure svg');
		if (!s) return {found: false};
		const title = s.querySelector(':scope > title');
		const ids = (s.getAttribute('aria-labelledby') || '').split(/\s+/);
		return {found: true, role: s.getAttribute('role') || '', title: title ? title.textContent.trim() : '',
			named: !!title && title.id !== '' && ids.includes(title.id), svg: s.outerHTML};
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case !c.Found:
		t.Fatalf("%s: no flow chart (main figure svg)", tb.location())
	case c.Role != "img":
		t.Errorf("flow chart: role=%q, want img", c.Role)
	case c.Title == "":
		t.Error("flow chart: no <title>")
	case !c.Named:
		t.Errorf("flow chart: aria-labelledby does not refer to its <title> %q", c.Title)
	}
	// The title names the period: "... %s tot en met %s".
	if prefix, _, _ := strings.Cut(l.T("flow.chart.title"), "%s"); !strings.HasPrefix(c.Title, prefix) {
		t.Errorf("flow chart title %q, want it to start with %q", c.Title, prefix)
	}
	return c.SVG
}

// people is a phase's row of the people flow table.
type people struct{ in, out int }

// peopleFlow opens the flow page in the tab (axe) and reads instroom and
// uitstroom of the phase from the people flow table.
func (tb *tab) peopleFlow(t *testing.T, l *locale.Localizer, phase, name string) (people, bool) {
	t.Helper()
	var p people
	ok := tb.check(t, name, tb.open(flowPath), expect{status: 200, path: flowPath, axe: true,
		checks: []func(*testing.T){func(t *testing.T) {
			tab := tb.mustTable(t, l.T("flow.table.people"))
			in, found := tab.cell(t, l.T("flow.instroom"), phase)
			out, _ := tab.cell(t, l.T("flow.uitstroom"), phase)
			if !found {
				t.Fatalf("people flow table has no row %q: %q", phase, tab.Rows)
			}
			p = people{count(t, in), count(t, out)}
			t.Logf("%s: instroom %d, uitstroom %d", phase, p.in, p.out)
		}}})
	return p, ok
}

// submitMove returns the load func of a check that chooses the next phase
// in the move form, by its label, and submits the form.
func (tb *tab) submitMove(l *locale.Localizer, next string) func() (loaded, error) {
	return func() (loaded, error) {
		if err := tb.selectOption(moveForm+` select[name="to"]`, l.T("proces.move.to.next", next)); err != nil {
			return loaded{}, err
		}
		return tb.click(moveForm + ` button[type="submit"]`)
	}
}

// tick returns the load func of a check that fills in the evidence of the
// criterion and ticks it.
func (tb *tab) tick(id, evidence string) func() (loaded, error) {
	form := tickForm + `:has(input[name="criterion_id"][value=` + jsString(id) + `])`
	return func() (loaded, error) {
		if err := tb.sendKeys(form+` textarea[name="evidence"]`, evidence); err != nil {
			return loaded{}, err
		}
		return tb.click(form + ` button[type="submit"]`)
	}
}

// inPhase returns an extra check: the initiative page says it is in the
// phase (the label of the phase fact).
func (tb *tab) inPhase(l *locale.Localizer, label string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		got, err := eval[string](tb, `(() => {
			const dt = [...document.querySelectorAll('main dl dt')].find(dt => dt.textContent.trim() === `+jsString(l.T("proces.initiative.phase"))+`);
			return (dt?.nextElementSibling?.querySelector('strong')?.innerText ?? '').trim();
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		if got != label {
			t.Errorf("the initiative is in phase %q, want %q", got, label)
		}
	}
}

// checklistAlert returns an extra check: the checklist section shows an
// alert with the message.
func (tb *tab) checklistAlert(l *locale.Localizer, msg string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		ok, err := eval[bool](tb, `[...document.querySelectorAll('main section [role="alert"]')].some(a =>
			a.innerText.includes(`+jsString(msg)+`) &&
			a.closest('section').querySelector('h2')?.textContent.trim() === `+jsString(l.T("proces.checklist.title"))+`)`)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Errorf("the checklist section shows no alert %q", msg)
		}
	}
}

// ticked returns an extra check: the criterion is ticked, with the
// evidence, and can be unticked.
func (tb *tab) ticked(l *locale.Localizer, id, evidence string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		text, err := eval[*string](tb, `(() => {
			const f = document.querySelector(`+jsString(`main form[action$="/uitvinken"]:has(input[name="criterion_id"][value=`+jsString(id)+`])`)+`);
			return f ? f.closest('li').innerText : null;
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		if text == nil {
			t.Fatalf("criterion %s has no untick form: it was not ticked; page says: %s", id, tb.excerpt())
		}
		for _, want := range []string{l.T("proces.checklist.done"), l.T("proces.checklist.evidence_given") + " " + evidence} {
			if !strings.Contains(*text, want) {
				t.Errorf("criterion %s does not show %q; it says: %s", id, want, *text)
			}
		}
	}
}

// buttonText returns an extra check: the submit button of the form says s.
func (tb *tab) buttonText(form, s string) func(*testing.T) {
	return func(t *testing.T) {
		t.Helper()
		if got := tb.text(form + ` button[type="submit"]`); got != s {
			t.Errorf("%s button = %q, want %q", form, got, s)
		}
	}
}
