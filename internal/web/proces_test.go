package web

import (
	"bytes"
	"context"
	"html"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// Helpers for the WEI-proces pages, on top of the fixture of routes_test.go.

func (f *fixture) initiativePath() string { return "/w/" + f.wijk.Slug + "/initiatieven/" + f.org.ID }

// want sends a request and fails unless the status is code; it returns the body.
func (f *fixture) want(code int, method, target, who string, form url.Values) string {
	f.t.Helper()
	rec := f.do(method, target, who, form)
	if rec.Code != code {
		f.t.Fatalf("%s %s as %q: status=%d, want %d\n%s", method, target, who, rec.Code, code, rec.Body.String())
	}
	return rec.Body.String()
}

// page is want for a page: it also runs the structural HTML checks.
func (f *fixture) page(code int, method, target, who string, form url.Values) string {
	f.t.Helper()
	body := f.want(code, method, target, who, form)
	checkHTML(f.t, body)
	return body
}

// nl returns the Dutch text of a key as it appears in HTML.
func nl(t testing.TB, key string, args ...any) string {
	t.Helper()
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	l := b.For("nl")
	if !l.Has(key) {
		t.Fatalf("no Dutch text for %q", key)
	}
	return html.EscapeString(l.T(key, args...))
}

func (f *fixture) phaseEvents() []proces.PhaseEvent {
	f.t.Helper()
	evs, err := f.store.PhaseEvents(context.Background(), f.org.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return evs
}

// requiredCriteria are the required criteria to leave phase p.
func (f *fixture) requiredCriteria(p proces.Phase) []proces.Criterion {
	f.t.Helper()
	crit, err := f.store.Criteria(context.Background(), f.wijk.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []proces.Criterion
	for _, c := range crit {
		if c.Phase == p && c.Required && !c.Retired {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		f.t.Fatalf("no required criteria for %s", p)
	}
	return out
}

// section returns the part of body from the element with id to the next
// element with an id starting with prefix, or to the end.
func section(body, id, prefix string) string {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := body[i+len(id)+5:]
	if j := strings.Index(rest, `id="`+prefix); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func moveForm(to proces.Phase, on time.Time, seq string) url.Values {
	return url.Values{"to": {string(to)}, "on": {on.Format(time.DateOnly)}, "expect_seq": {seq}}
}

// residentWithPerson gives the bewoner account a resident record in the wijk.
func (f *fixture) residentWithPerson() wijk.Person {
	f.t.Helper()
	p := wijk.Person{WijkID: f.wijk.ID, DisplayName: "Bewoner B.", UserID: f.users["bewoner"].ID, ConsentAt: time.Now()}
	if err := f.store.CreatePerson(context.Background(), &p); err != nil {
		f.t.Fatal(err)
	}
	return p
}

// TestProcesManagerPath walks the process manager's path: the phases page,
// an initiative, a refused move, ticking the checklist, the move, and the
// flow figures.
func TestProcesManagerPath(t *testing.T) {
	f := newFixture(t)
	pm, base := "procesmanager", "/w/"+f.wijk.Slug
	now := today()

	body := f.page(http.StatusOK, "GET", base+"/initiatieven", pm, nil)
	if !strings.Contains(section(body, "phase-informatie", "phase-"), f.org.Name) {
		t.Fatalf("phases page: %s not under the informatiefase", f.org.Name)
	}
	body = f.page(http.StatusOK, "GET", f.initiativePath(), pm, nil)
	for _, want := range []string{`name="expect_seq" value="1"`, nl(t, "proces.checklist.title"), nl(t, "guide.next_step"), `<option value="ontstaan" selected>`} {
		if !strings.Contains(body, want) {
			t.Errorf("initiative page lacks %q", want)
		}
	}

	// Moving on with an open checklist is refused, and nothing is written.
	form := moveForm(proces.PhaseOntstaan, now, "1")
	form.Set("reason", "Mijn eigen woorden")
	body = f.page(http.StatusBadRequest, "POST", f.initiativePath()+"/fase", pm, form)
	if !strings.Contains(body, nl(t, "error.checklist_open")) {
		t.Error("refused move lacks the checklist message")
	}
	if !strings.Contains(body, `href="#checklist"`) || !strings.Contains(body, ">Mijn eigen woorden</textarea>") {
		t.Error("refused move: no link to the checklist in the summary, or the reason was not kept")
	}
	if n := len(f.phaseEvents()); n != 1 {
		t.Fatalf("after a refused move: %d phase events, want 1", n)
	}

	// Ticking needs evidence.
	crit := f.requiredCriteria(proces.PhaseInformatie)
	body = f.page(http.StatusBadRequest, "POST", f.initiativePath()+"/afvinken", pm, url.Values{"criterion_id": {crit[0].ID}, "evidence": {"  "}})
	if !strings.Contains(body, nl(t, "error.evidence")) || !strings.Contains(body, `href="#tick-`+crit[0].ID+`"`) {
		t.Error("tick without evidence: no message linked to the field")
	}
	for _, c := range crit {
		rec := f.do("POST", f.initiativePath()+"/afvinken", pm, url.Values{"criterion_id": {c.ID}, "evidence": {"Verslag van de bijeenkomst"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("tick: status=%d", rec.Code)
		}
	}
	body = f.page(http.StatusOK, "GET", f.initiativePath(), pm, nil)
	if !strings.Contains(body, "Verslag van de bijeenkomst") {
		t.Error("the evidence is not shown")
	}

	// Now the move goes through.
	rec := f.do("POST", f.initiativePath()+"/fase", pm, moveForm(proces.PhaseOntstaan, now, "1"))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != f.initiativePath() {
		t.Fatalf("move: status=%d location=%q, want 303 to the initiative", rec.Code, rec.Header().Get("Location"))
	}
	if evs := f.phaseEvents(); len(evs) != 2 || evs[1].To != proces.PhaseOntstaan || evs[1].Override {
		t.Fatalf("phase events=%+v, want a second one to ontstaan", evs)
	}
	body = f.page(http.StatusOK, "GET", base+"/initiatieven", pm, nil)
	if !strings.Contains(section(body, "phase-ontstaan", "phase-"), f.org.Name) || strings.Contains(section(body, "phase-informatie", "phase-"), f.org.Name) {
		t.Error("phases page does not show the initiative in the ontstaansfase")
	}

	// The flow page shows the transition in its table.
	q := url.Values{"from": {now.AddDate(0, 0, -30).Format(time.DateOnly)}, "to": {now.Format(time.DateOnly)}}
	body = f.page(http.StatusOK, "GET", base+"/stroom?"+q.Encode(), pm, nil)
	table := section(body, "flow-transitions", "flow-")
	re := regexp.MustCompile(`Informatiefase</th>\s*<td[^>]*>Ontstaansfase</td>\s*<td[^>]*>1</td>`)
	if !re.MatchString(table) {
		t.Errorf("flow page: no transition informatie -> ontstaan with 1 in\n%s", table)
	}
	if !strings.Contains(body, "<svg") || !strings.Contains(body, "<figcaption") {
		t.Error("flow page lacks the chart in a figure")
	}
}

// TestResidentJoinsAndLeaves: a resident joins an initiative and leaves it;
// the flow CSV counts one instroom and one uitstroom in the phase.
func TestResidentJoinsAndLeaves(t *testing.T) {
	f := newFixture(t)
	person := f.residentWithPerson()

	body := f.page(http.StatusOK, "GET", f.initiativePath(), "bewoner", nil)
	if !strings.Contains(body, `action="`+f.initiativePath()+`/meedoen"`) {
		t.Fatal("resident sees no join form")
	}
	if body := f.page(http.StatusBadRequest, "POST", f.initiativePath()+"/meedoen", "bewoner", url.Values{"role": {"trekker"}}); !strings.Contains(body, nl(t, "error.choice")) {
		t.Error("join with a role a resident cannot choose: no message")
	}
	rec := f.do("POST", f.initiativePath()+"/meedoen", "bewoner", url.Values{"role": {"vrijwilliger"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("join: status=%d\n%s", rec.Code, rec.Body.String())
	}
	body = f.page(http.StatusOK, "GET", f.initiativePath(), "bewoner", nil)
	if !strings.Contains(body, `action="`+f.initiativePath()+`/stoppen"`) {
		t.Fatal("member sees no form to stop")
	}
	f.want(http.StatusBadRequest, "POST", f.initiativePath()+"/meedoen", "bewoner", url.Values{"role": {"deelnemer"}})
	rec = f.do("POST", f.initiativePath()+"/stoppen", "bewoner", url.Values{"reason": {"Geen tijd meer"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("leave: status=%d\n%s", rec.Code, rec.Body.String())
	}
	f.want(http.StatusBadRequest, "POST", f.initiativePath()+"/stoppen", "bewoner", nil)

	// An account without a resident record cannot join.
	f.want(http.StatusBadRequest, "POST", f.initiativePath()+"/meedoen", "none", url.Values{"role": {"deelnemer"}})

	rec = f.do("GET", "/w/"+f.wijk.Slug+"/stroom.csv", "procesmanager", nil)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment;") ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: status=%d headers=%v", rec.Code, rec.Header())
	}
	csv := rec.Body.String()
	for _, want := range []string{"instroom,informatie,,,1\n", "uitstroom,informatie,,,1\n", "people,total,,,0\n"} {
		if !strings.Contains(csv, want) {
			t.Errorf("csv lacks %q:\n%s", want, csv)
		}
	}

	// The person page and Mijn wijk show the steps.
	body = f.page(http.StatusOK, "GET", "/w/"+f.wijk.Slug+"/mensen/"+person.ID, "procesmanager", nil)
	for _, want := range []string{nl(t, "proces.person.flow"), nl(t, "flow.instroom"), nl(t, "flow.uitstroom"), "Geen tijd meer"} {
		if !strings.Contains(body, want) {
			t.Errorf("person page lacks %q", want)
		}
	}
	body = f.page(http.StatusOK, "GET", "/mijn", "bewoner", nil)
	if !strings.Contains(body, nl(t, "proces.mine.heading", f.wijk.Name)) || !strings.Contains(body, "Geen tijd meer") {
		t.Error("Mijn wijk does not show the resident's steps")
	}
}

// TestMoveRefusals: a stale form gets 409, an override needs a reason, a
// date in the future is refused; none of them writes an event.
func TestMoveRefusals(t *testing.T) {
	f := newFixture(t)
	pm, now := "procesmanager", today()
	var logs bytes.Buffer
	f.h.log = slog.New(slog.NewTextHandler(&logs, nil))

	// Someone else moves the initiative first.
	if _, err := f.store.MovePhase(context.Background(), proces.Move{InitiativeID: f.org.ID, To: proces.PhaseOntstaan, On: now,
		Override: true, Reason: "Al lang bezig", ExpectSeq: 1, ByUserID: f.users["beheerder"].ID}); err != nil {
		t.Fatal(err)
	}
	form := moveForm(proces.PhaseEnded, now, "1")
	form.Set("reason", "Gestopt")
	body := f.page(http.StatusConflict, "POST", f.initiativePath()+"/fase", pm, form)
	if !strings.Contains(body, nl(t, "error.phase_conflict")) || !strings.Contains(body, `name="expect_seq" value="2"`) {
		t.Error("conflict: no message, or the form does not carry the new state")
	}

	tests := []struct {
		name string
		form url.Values
		key  string
	}{
		{"override without reason", url.Values{"to": {"autonoom"}, "on": {now.Format(time.DateOnly)}, "override": {"yes"}, "expect_seq": {"2"}}, "error.override_reason"},
		{"skip without override", url.Values{"to": {"autonoom"}, "on": {now.Format(time.DateOnly)}, "expect_seq": {"2"}}, "error.phase_skip"},
		{"date in the future", url.Values{"to": {"informatie"}, "reason": {"Vergissing"}, "on": {now.AddDate(0, 0, 1).Format(time.DateOnly)}, "expect_seq": {"2"}}, "error.date_future"},
		{"bad date", url.Values{"to": {"informatie"}, "reason": {"Vergissing"}, "on": {"31-12-2025"}, "expect_seq": {"2"}}, "error.date"},
		{"back without reason", url.Values{"to": {"informatie"}, "on": {now.Format(time.DateOnly)}, "expect_seq": {"2"}}, "error.undo_reason"},
		{"same phase", url.Values{"to": {"ontstaan"}, "on": {now.Format(time.DateOnly)}, "expect_seq": {"2"}}, "error.phase_same"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := f.page(http.StatusBadRequest, "POST", f.initiativePath()+"/fase", pm, tc.form)
			if !strings.Contains(body, nl(t, tc.key)) {
				t.Errorf("no message %s", tc.key)
			}
		})
	}
	if n := len(f.phaseEvents()); n != 2 {
		t.Fatalf("after refusals: %d phase events, want 2", n)
	}

	// With a reason the override goes through and is logged.
	logs.Reset()
	form = url.Values{"to": {"autonoom"}, "on": {now.Format(time.DateOnly)}, "override": {"yes"}, "reason": {"Werkt al zelfstandig"}, "expect_seq": {"2"}}
	f.want(http.StatusSeeOther, "POST", f.initiativePath()+"/fase", pm, form)
	evs := f.phaseEvents()
	if last := evs[len(evs)-1]; last.To != proces.PhaseAutonoom || !last.Override || last.Reason != "Werkt al zelfstandig" {
		t.Fatalf("override event=%+v", last)
	}
	if l := logs.String(); !strings.Contains(l, "initiative_id="+f.org.ID) || !strings.Contains(l, "user_id="+f.users[pm].ID) || !strings.Contains(l, "request_id=") {
		t.Errorf("override not logged with initiative, user and request: %q", l)
	}
	body = f.page(http.StatusOK, "GET", f.initiativePath(), pm, nil)
	if !strings.Contains(body, nl(t, "proces.history.override")) {
		t.Error("history does not mark the override")
	}
}

// TestFlowPeriod checks the period form of the flow page.
func TestFlowPeriod(t *testing.T) {
	f := newFixture(t)
	base := "/w/" + f.wijk.Slug + "/stroom"
	now := today()
	body := f.page(http.StatusOK, "GET", base, "voorzitter", nil)
	if !strings.Contains(body, `value="`+now.AddDate(-1, 0, 0).Format(time.DateOnly)+`"`) || !strings.Contains(body, `value="`+now.Format(time.DateOnly)+`"`) {
		t.Error("flow page: the default period is not the last 12 months")
	}
	body = f.page(http.StatusOK, "GET", base+"?to="+now.AddDate(0, 2, 0).Format(time.DateOnly), "procesmanager", nil)
	if !strings.Contains(body, nl(t, "flow.clamped")) {
		t.Error("a future end date is not clamped to today")
	}
	body = f.page(http.StatusBadRequest, "GET", base+"?from=2025-02-30&to=2025-01-01", "procesmanager", nil)
	if !strings.Contains(body, nl(t, "error.date")) || !strings.Contains(body, `value="2025-02-30"`) {
		t.Error("bad date: no message, or the input was not kept")
	}
	body = f.page(http.StatusBadRequest, "GET", base+"?from=2025-06-01&to=2025-01-01", "procesmanager", nil)
	if !strings.Contains(body, nl(t, "flow.error.order")) {
		t.Error("from after to: no message")
	}
	f.want(http.StatusBadRequest, "GET", base+".csv?from=nope", "procesmanager", nil)
}

// TestProcesForms covers the other forms: reflections, sessions,
// cooperation and the matrix, the wijkcoöperatie, the form change and the
// guide.
func TestProcesForms(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	base, now := "/w/"+f.wijk.Slug, today().Format(time.DateOnly)
	m := wijk.Membership{OrganisationID: f.org.ID, PersonID: f.person.ID, Role: wijk.MemberTrekker, StartedOn: today()}
	if err := f.store.AddMembership(ctx, &m); err != nil {
		t.Fatal(err)
	}

	// A reflection by the initiatiefnemer of the initiative.
	body := f.page(http.StatusBadRequest, "POST", f.initiativePath()+"/reflecties", "initiatiefnemer", url.Values{"on": {now}, "participants": {f.person.ID}, "learned": {"Samen plannen"}})
	if !strings.Contains(body, nl(t, "error.required")) || !strings.Contains(body, `value="`+f.person.ID+`" checked`) {
		t.Error("refused reflection: no message, or the participant was not kept")
	}
	f.want(http.StatusSeeOther, "POST", f.initiativePath()+"/reflecties", "initiatiefnemer",
		url.Values{"on": {now}, "participants": {f.person.ID}, "learned": {"Samen plannen"}, "next_action": {"Tweede bijeenkomst"}})
	body = f.page(http.StatusOK, "GET", f.initiativePath(), "initiatiefnemer", nil)
	if !strings.Contains(body, "Tweede bijeenkomst") || !strings.Contains(body, f.person.DisplayName) {
		t.Error("the reflection is not listed with its participant")
	}

	// A training for the wijk.
	body = f.page(http.StatusOK, "GET", base+"/leren", "procesmanager", nil)
	if !strings.Contains(body, `<legend class="utrecht-form-fieldset__legend`) {
		t.Error("learning page: attendees not in a fieldset with a legend")
	}
	f.page(http.StatusBadRequest, "POST", base+"/leren", "procesmanager", url.Values{"kind": {"training"}, "on": {now}})
	f.want(http.StatusSeeOther, "POST", base+"/leren", "procesmanager", url.Values{"kind": {"training"}, "title": {"Vergaderen"}, "on": {now},
		"initiative_id": {f.org.ID}, "skills": {"Notuleren\r\nVoorzitten\r\n"}, "attendees": {f.person.ID}})
	body = f.page(http.StatusOK, "GET", base+"/mensen/"+f.person.ID, "procesmanager", nil)
	for _, want := range []string{"Vergaderen", "Notuleren", "Voorzitten", "Tweede bijeenkomst", nl(t, "proces.person.learned"), nl(t, "proces.person.contributed")} {
		if !strings.Contains(body, want) {
			t.Errorf("person page lacks %q", want)
		}
	}

	// Cooperation with a partner shows in the matrix.
	body = f.page(http.StatusOK, "GET", base+"/samenwerking", "procesmanager", nil)
	if !strings.Contains(section(body, "coop-matrix", "none"), f.org.Name) {
		t.Error("matrix: the initiative is not listed as without partner")
	}
	f.page(http.StatusBadRequest, "POST", f.initiativePath()+"/partners", "procesmanager", url.Values{"since": {now}})
	f.want(http.StatusSeeOther, "POST", f.initiativePath()+"/partners", "procesmanager", url.Values{"partner_id": {f.partner.ID}, "what": {"Ruimte"}, "since": {now}})
	body = f.page(http.StatusOK, "GET", base+"/samenwerking", "partner", nil)
	row := section(body, "coop-matrix", "none")
	if i := strings.Index(row, f.partner.Name); i < 0 || !strings.Contains(row[i:], f.org.Name) {
		t.Error("matrix: the initiative is not in the partner's row")
	}
	if strings.Contains(row[strings.Index(row, nl(t, "coop.matrix.without")):], f.org.Name) {
		t.Error("matrix: the initiative still has no partner")
	}

	// The wijkcoöperatie.
	coop := wijk.Organisation{WijkID: f.wijk.ID, Name: "Wijkcoöperatie Test", Form: wijk.FormWijkcooperatie}
	if err := f.store.CreateOrganisation(ctx, &coop); err != nil {
		t.Fatal(err)
	}
	body = f.page(http.StatusBadRequest, "POST", f.initiativePath()+"/wijkcooperatie", "procesmanager", url.Values{"fee": {"twintig"}, "joined_on": {now}})
	if !strings.Contains(body, nl(t, "coop.error.fee")) || !strings.Contains(body, `value="twintig"`) {
		t.Error("bad fee: no message or the input was not kept")
	}
	f.want(http.StatusSeeOther, "POST", f.initiativePath()+"/wijkcooperatie", "procesmanager", url.Values{"shares": {"2"}, "fee": {"25,00"}, "joined_on": {now}})
	body = f.page(http.StatusOK, "GET", base+"/organisaties/"+coop.ID, "", nil)
	if !strings.Contains(body, "€ 25,00") || !strings.Contains(body, f.org.Name) {
		t.Error("the coöperatie page does not list the member with its fee")
	}

	// The organisation form.
	f.page(http.StatusBadRequest, "POST", f.initiativePath()+"/vorm", "procesmanager", url.Values{"form": {"burgerinitiatief"}, "on": {now}})
	f.want(http.StatusSeeOther, "POST", f.initiativePath()+"/vorm", "procesmanager", url.Values{"form": {"buurtbedrijf"}, "on": {now}, "note": {"Eigen kassa"}})
	if in, err := f.store.Initiative(ctx, f.org.ID); err != nil || in.Form != wijk.FormBuurtbedrijf {
		t.Errorf("form change: form=%q err=%v", in.Form, err)
	}

	// The guide: an own text, and back to the default.
	f.page(http.StatusOK, "GET", base+"/gids", "procesmanager", nil)
	f.want(http.StatusSeeOther, "POST", base+"/gids", "procesmanager", url.Values{"phase": {"informatie"}, "next_step": {"Bel de buurtvader."}})
	body = f.page(http.StatusOK, "GET", f.initiativePath(), "", nil)
	if !strings.Contains(body, "Bel de buurtvader.") {
		t.Error("the initiative page does not show the wijk's own next step")
	}
	texts, err := f.store.GuideTexts(ctx, f.wijk.ID, "nl")
	if err != nil || texts[proces.PhaseInformatie]["next_step"] != "Bel de buurtvader." || len(texts[proces.PhaseInformatie]) != 1 {
		t.Fatalf("guide texts=%v err=%v, want only the next step", texts, err)
	}
	def, _ := proces.GuideFor("nl", proces.PhaseInformatie)
	f.want(http.StatusSeeOther, "POST", base+"/gids", "procesmanager", url.Values{"phase": {"informatie"}, "next_step": {def.NextStep}})
	if texts, _ := f.store.GuideTexts(ctx, f.wijk.ID, "nl"); len(texts[proces.PhaseInformatie]) != 0 {
		t.Errorf("the default text was stored as the wijk's own: %v", texts)
	}

	// The checklist: add a criterion, then retire it.
	f.page(http.StatusBadRequest, "POST", base+"/gids/criteria", "procesmanager", url.Values{"phase": {"ontstaan"}})
	f.want(http.StatusSeeOther, "POST", base+"/gids/criteria", "procesmanager", url.Values{"phase": {"ontstaan"}, "text": {"Er is een buurtfeest geweest"}, "required": {"yes"}})
	var added proces.Criterion
	crit, _ := f.store.Criteria(ctx, f.wijk.ID)
	for _, c := range crit {
		if c.Text == "Er is een buurtfeest geweest" {
			added = c
		}
	}
	if !added.Required {
		t.Fatalf("criterion not added as required: %+v", added)
	}
	f.page(http.StatusBadRequest, "POST", base+"/gids/criteria/"+added.ID, "procesmanager", url.Values{"text": {""}})
	f.want(http.StatusSeeOther, "POST", base+"/gids/criteria/"+added.ID, "procesmanager", url.Values{"text": {"Buurtfeest"}, "retired": {"yes"}})
	crit, _ = f.store.Criteria(ctx, f.wijk.ID)
	for _, c := range crit {
		if c.ID == added.ID && (!c.Retired || c.Required || c.Text != "Buurtfeest") {
			t.Errorf("criterion after update=%+v", c)
		}
	}
}

func TestParseEuros(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"25", 2500, true}, {"25,00", 2500, true}, {"25.5", 2550, true}, {"€ 1.234,50", 123450, true},
		{"1,234.50", 123450, true}, {"0,05", 5, true}, {"1.000", 100000, true}, {"", 0, false}, {"abc", 0, false}, {"-5", 0, false},
	} {
		got, ok := parseEuros(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseEuros(%q)=%d,%v, want %d,%v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := euros(b.For("nl"), 123450); got != "€ 1.234,50" {
		t.Errorf("euros nl=%q", got)
	}
	if got := euros(b.For("en"), 2505); got != "€25.05" {
		t.Errorf("euros en=%q", got)
	}
}

// TestPhaseKeys guards that every phase, flow kind and session kind has a
// text in both languages.
func TestPhaseKeys(t *testing.T) {
	t.Parallel()
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, p := range proces.FlowPhases {
		keys = append(keys, "proces.phase."+string(p))
	}
	for _, k := range proces.FlowKinds {
		keys = append(keys, "flow."+string(k))
	}
	for _, k := range []proces.SessionKind{proces.Training, proces.Coaching} {
		keys = append(keys, "learning.kind."+string(k))
	}
	for _, k := range proces.GuideFieldKeys() {
		if !strings.HasPrefix(k, "partner.") {
			keys = append(keys, "guide.field."+k)
		}
	}
	keys = append(keys, "guide.field.partner_contributes", "guide.field.partner_wins")
	for _, k := range keys {
		for _, lang := range b.Langs() {
			if !b.For(lang).Has(k) {
				t.Errorf("%s.json lacks %q", lang, k)
			}
		}
	}
}
