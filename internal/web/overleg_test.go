package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/mail"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// overlegFixture is the web fixture with a buurt, a series chaired by the
// voorzitter, a meeting held on the first day of last month with the
// initiative invited, and an action of the initiative agreed there that
// was due two days later and is overdue.
type overlegFixture struct {
	*fixture
	buurt  wijk.Buurt
	series overleg.Series
	past   overleg.Meeting
	late   overleg.Action
}

func newOverlegFixture(t *testing.T) overlegFixture {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	of := overlegFixture{fixture: f}
	of.buurt = wijk.Buurt{WijkID: f.wijk.ID, Name: "Akker-Noord", CBSCode: "BU09990101", CBSYear: 2025}
	if err := f.store.CreateBuurt(ctx, &of.buurt); err != nil {
		t.Fatal(err)
	}
	of.series = overleg.Series{WijkID: f.wijk.ID, Name: "Leefomgevingsoverleg Testwijk", ChairUserID: f.users["voorzitter"].ID, Cadence: overleg.CadenceMonth, ReportEvery: overleg.Monthly}
	f.store.SetClock(func() time.Time { return time.Now().AddDate(0, -3, 0) })
	defer f.store.SetClock(time.Now)
	if err := f.store.CreateSeries(ctx, &of.series); err != nil {
		t.Fatal(err)
	}
	lastMonth := overleg.PeriodOf(overleg.Monthly, time.Now()).Prev().Start
	start := time.Date(lastMonth.Year(), lastMonth.Month(), 1, 19, 30, 0, 0, overleg.Amsterdam)
	of.past = overleg.Meeting{SeriesID: of.series.ID, WijkID: f.wijk.ID, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Place: "Buurthuis De Akker",
		Participants: []overleg.Participant{{OrganisationID: f.org.ID}}}
	if err := f.store.CreateMeeting(ctx, &of.past); err != nil {
		t.Fatal(err)
	}
	of.late = overleg.Action{SeriesID: of.series.ID, WijkID: f.wijk.ID, MeetingID: of.past.ID, OrganisationID: f.org.ID, What: "Buren uitnodigen voor de tuindag",
		Due: overleg.Day(start.AddDate(0, 0, 2))}
	if err := f.store.CreateAction(ctx, &of.late); err != nil {
		t.Fatal(err)
	}
	return of
}

func (of overlegFixture) seriesPath() string { return "/w/test-wijk/overleg/" + of.series.ID }

// signal stores a signal in the fixture's buurt, created at the given moment.
func (of overlegFixture) signal(t *testing.T, title, theme string, at time.Time) signaal.Signal {
	t.Helper()
	of.store.SetClock(func() time.Time { return at })
	defer of.store.SetClock(time.Now)
	sg := signaal.Signal{WijkID: of.wijk.ID, BuurtID: of.buurt.ID, Theme: theme, Source: signaal.SourceResident, Title: title, CreatedBy: of.users["procesmanager"].ID}
	if err := of.store.CreateSignal(context.Background(), &sg); err != nil {
		t.Fatalf("CreateSignal: %v", err)
	}
	return sg
}

// TestOverlegSeriesForm: bad input comes back with the input and a message
// per field, and nothing is saved; good input makes the series.
func TestOverlegSeriesForm(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	expectPage(t, f.do("GET", "/w/test-wijk/overleg/nieuw", "voorzitter", nil), http.StatusOK, `name="chair_user_id"`, "User voorzitter", `value="4"`)
	bad := url.Values{"name": {"Ov"}, "chair_user_id": {f.users["procesmanager"].ID}, "cadence": {"daily"}, "report_every": {"month"}, "stale_weeks": {"veel"}}
	expectPage(t, f.do("POST", "/w/test-wijk/overleg", "procesmanager", bad), http.StatusBadRequest,
		"Vul een naam in van 3 tot 120 tekens", `href="#f-name"`, `value="Ov"`, "Kies een voorzitter", "Vul een getal in van 1 tot en met 52", `value="veel"`, "Kies een van de mogelijkheden")
	if list, _ := f.store.SeriesOfWijk(ctx, f.wijk.ID); len(list) != 0 {
		t.Fatalf("%d series saved after a refused form", len(list))
	}
	good := url.Values{"name": {"Leefomgevingsoverleg Testwijk"}, "chair_user_id": {f.users["voorzitter"].ID}, "cadence": {"6weeks"}, "report_every": {"week"}, "stale_weeks": {"6"}}
	rec := f.do("POST", "/w/test-wijk/overleg", "procesmanager", good)
	expectPage(t, rec, http.StatusSeeOther)
	list, _ := f.store.SeriesOfWijk(ctx, f.wijk.ID)
	if len(list) != 1 || list[0].Cadence != overleg.Cadence6Weeks || list[0].ReportEvery != overleg.Weekly || list[0].StaleWeeks != 6 || rec.Header().Get("Location") != "/w/test-wijk/overleg/"+list[0].ID {
		t.Fatalf("series=%+v location=%q", list, rec.Header().Get("Location"))
	}
	expectPage(t, f.do("POST", "/w/test-wijk/overleg", "procesmanager", good), http.StatusBadRequest, "Dit wordt al gebruikt")
	expectPage(t, f.do("GET", "/w/test-wijk/overleg", "partner", nil), http.StatusOK, "Leefomgevingsoverleg Testwijk", "User voorzitter")
	expectPage(t, f.do("GET", "/w/andere-wijk/overleg/"+list[0].ID, "admin", nil), http.StatusNotFound)
}

// TestOverlegMeetingFlow is the chair's path: plan the next meeting,
// prepare its agenda from the signals and the open action, decide, agree
// on an action, record attendance, close an action; partners see their
// own organisation's actions marked and cannot change anything.
func TestOverlegMeetingFlow(t *testing.T) {
	of := newOverlegFixture(t)
	ctx := context.Background()
	sp := of.seriesPath()
	sg := of.signal(t, "Zwerfvuil bij het schoolplein", "afval", time.Now().Add(-time.Hour))

	// The series page: the overdue action is flagged, the form suggests
	// the next meeting a month after the last one.
	expectPage(t, of.do("GET", sp, "voorzitter", nil), http.StatusOK, "Buren uitnodigen voor de tuindag", "Te laat", `name="date"`, `value="Buurthuis De Akker"`,
		"Te laat: 1 actiepunten")

	// A meeting with impossible times is refused; the input comes back.
	next := time.Now().AddDate(0, 0, 7)
	day := next.Format(time.DateOnly)
	expectPage(t, of.do("POST", sp+"/bijeenkomsten", "voorzitter", url.Values{"date": {"2026-02-30"}, "start": {"19:30"}, "end": {"21:00"}, "place": {"De Akkerboom"}}),
		http.StatusBadRequest, "Vul een goede datum in", `value="De Akkerboom"`, `href="#f-date"`)
	expectPage(t, of.do("POST", sp+"/bijeenkomsten", "voorzitter", url.Values{"date": {day}, "start": {"21:00"}, "end": {"19:30"}, "place": {"De Akkerboom"}}),
		http.StatusBadRequest, "De eindtijd moet na de begintijd liggen", `value="21:00"`)
	expectPage(t, of.do("POST", sp+"/bijeenkomsten", "voorzitter", url.Values{"date": {day}, "start": {"half acht"}, "end": {"21:00"}}),
		http.StatusBadRequest, "Vul een tijd in, zoals 19:30", `value="half acht"`)
	if list, _ := of.store.Meetings(ctx, of.series.ID); len(list) != 1 {
		t.Fatalf("%d meetings after refusals, want 1", len(list))
	}
	rec := of.do("POST", sp+"/bijeenkomsten", "voorzitter", url.Values{"date": {day}, "start": {"19:30"}, "end": {"21.30"}, "place": {"De Akkerboom"}})
	expectPage(t, rec, http.StatusSeeOther)
	mp := rec.Header().Get("Location")
	list, _ := of.store.Meetings(ctx, of.series.ID)
	if len(list) != 2 || mp != sp+"/bijeenkomsten/"+list[1].ID {
		t.Fatalf("meetings=%d location=%q", len(list), mp)
	}
	m := list[1]
	if got := m.StartsAt.In(overleg.Amsterdam).Format("2006-01-02 15:04"); got != day+" 19:30" || m.EndsAt.Sub(m.StartsAt) != 2*time.Hour {
		t.Errorf("meeting at %s for %v, want %s 19:30 for 2h", got, m.EndsAt.Sub(m.StartsAt), day)
	}
	if len(m.Participants) != 1 || m.Participants[0].OrganisationID != of.org.ID {
		t.Errorf("participants %+v, want the initiative invited again", m.Participants)
	}

	// Prepare the agenda: the overdue action and the new signal.
	expectPage(t, of.do("POST", mp+"/agenda/voorbereiden", "voorzitter", nil), http.StatusSeeOther)
	page := of.do("GET", mp, "voorzitter", nil)
	expectPage(t, page, http.StatusOK, "Actiepunt: Buren uitnodigen voor de tuindag", "Nieuw signaal: Zwerfvuil bij het schoolplein", "Te laat", "Laatst voorbereid op")
	items, _ := of.store.AgendaItems(ctx, m.ID)
	if len(items) != 2 || items[1].SignalID != sg.ID {
		t.Fatalf("agenda=%+v", items)
	}
	expectPage(t, of.do("POST", mp+"/agenda/voorbereiden", "voorzitter", nil), http.StatusSeeOther)
	if again, _ := of.store.AgendaItems(ctx, m.ID); len(again) != 2 {
		t.Errorf("preparing twice: %d items, want 2", len(again))
	}
	// Own item, moved up; the first item cannot move up.
	expectPage(t, of.do("POST", mp+"/agenda", "voorzitter", url.Values{"item_title": {"x"}}), http.StatusBadRequest, "Schrijf het punt op in 3 tot 300 tekens", `href="#f-item_title"`)
	expectPage(t, of.do("POST", mp+"/agenda", "voorzitter", url.Values{"item_title": {"Rondvraag"}}), http.StatusSeeOther)
	items, _ = of.store.AgendaItems(ctx, m.ID)
	expectPage(t, of.do("POST", mp+"/agenda/"+items[2].ID+"/verplaatsen", "voorzitter", url.Values{"direction": {"up"}}), http.StatusSeeOther)
	expectPage(t, of.do("POST", mp+"/agenda/"+items[0].ID+"/verplaatsen", "voorzitter", url.Values{"direction": {"up"}}), http.StatusBadRequest, "Dit punt kan niet verder die kant op")
	if got, _ := of.store.AgendaItems(ctx, m.ID); got[1].Title != "Rondvraag" {
		t.Errorf("after moving up: %q second", got[1].Title)
	}
	expectPage(t, of.do("POST", mp+"/agenda/"+items[2].ID+"/verwijderen", "voorzitter", nil), http.StatusSeeOther)
	expectPage(t, of.do("GET", mp, "voorzitter", nil), http.StatusOK, "Weggehaalde punten (1)", "Terugzetten")

	// A decision on the signal; an empty one is refused.
	expectPage(t, of.do("POST", mp+"/besluiten", "voorzitter", url.Values{"decision_item": {items[1].ID}, "decision_text": {""}}), http.StatusBadRequest,
		"Schrijf het besluit op", `href="#f-decision_text"`)
	expectPage(t, of.do("POST", mp+"/besluiten", "voorzitter", url.Values{"decision_item": {items[1].ID}, "decision_text": {"De school zet extra prullenbakken neer."}}), http.StatusSeeOther)

	// An action on the signal: a bad date comes back with the input.
	action := url.Values{"action_item": {items[1].ID}, "organisation_id": {of.partner.ID}, "with_org_ids": {of.org.ID}, "person": {"Sandra"}, "what": {"Prullenbakken plaatsen bij de school"}, "due": {"morgen"}}
	expectPage(t, of.do("POST", mp+"/acties", "voorzitter", action), http.StatusBadRequest, "Vul een goede datum in", `value="morgen"`, "Prullenbakken plaatsen bij de school", `value="Sandra"`, `href="#f-due"`)
	action.Set("due", time.Now().AddDate(0, 0, 14).Format(time.DateOnly))
	action.Set("person", "sandra@example.org")
	expectPage(t, of.do("POST", mp+"/acties", "voorzitter", action), http.StatusBadRequest, "Vul alleen een naam in")
	action.Set("person", "Sandra")
	expectPage(t, of.do("POST", mp+"/acties", "voorzitter", action), http.StatusSeeOther)
	acts, _ := of.store.Actions(ctx, of.series.ID)
	if len(acts) != 2 || acts[1].SignalID != sg.ID || acts[1].OrganisationID != of.partner.ID || len(acts[1].WithOrgIDs) != 1 {
		t.Fatalf("actions=%+v", acts)
	}

	// The partner sees the meeting, its own organisation's action marked,
	// and none of the chair's forms.
	pp := of.do("GET", mp, "partner", nil)
	expectPage(t, pp, http.StatusOK, "<mark>Prullenbakken plaatsen bij de school</mark>", "De school zet extra prullenbakken neer.")
	for _, chairOnly := range []string{"Agenda voorbereiden", `action="` + mp + `/acties"`, "Aanwezigheid opslaan"} {
		if strings.Contains(pp.Body.String(), chairOnly) {
			t.Errorf("the partner's page has %q", chairOnly)
		}
	}
	expectPage(t, of.do("POST", mp+"/besluiten", "partner", url.Values{"decision_text": {"Zelf besloten"}}), http.StatusForbidden)
	expectPage(t, of.do("GET", sp, "partner", nil), http.StatusOK, "Je organisatie heeft 1 open actiepunten")

	// Attendance of the past meeting; a value that is not a choice is refused.
	pastURL := sp + "/bijeenkomsten/" + of.past.ID
	expectPage(t, of.do("POST", pastURL+"/aanwezigheid", "voorzitter", url.Values{"attendance_" + of.org.ID: {"misschien"}}), http.StatusBadRequest, "Kies een van de mogelijkheden")
	expectPage(t, of.do("POST", pastURL+"/deelnemers", "voorzitter", url.Values{"participant": {of.partner.ID}}), http.StatusSeeOther)
	expectPage(t, of.do("POST", pastURL+"/deelnemers", "voorzitter", url.Values{"participant": {of.partner.ID}}), http.StatusBadRequest, "Deze organisatie is al uitgenodigd")
	expectPage(t, of.do("POST", pastURL+"/aanwezigheid", "voorzitter", url.Values{"attendance_" + of.org.ID: {"present"}, "attendance_" + of.partner.ID: {"excused"}}), http.StatusSeeOther)
	pm, _ := of.store.Meeting(ctx, of.past.ID)
	att := map[string]overleg.Attendance{}
	for _, p := range pm.Participants {
		att[p.OrganisationID] = p.Attendance
	}
	if att[of.org.ID] != overleg.Present || att[of.partner.ID] != overleg.Excused {
		t.Errorf("attendance=%v", att)
	}

	// The overdue action is done; a second click finds it done already.
	statusURL := sp + "/acties/" + of.late.ID + "/status"
	expectPage(t, of.do("POST", statusURL, "voorzitter", url.Values{"status": {"done"}, "return": {mp}}), http.StatusSeeOther)
	if a, _ := of.store.Action(ctx, of.late.ID); a.Status != overleg.ActionDone {
		t.Errorf("status=%s, want done", a.Status)
	}
	rec = of.do("POST", statusURL, "voorzitter", url.Values{"status": {"done"}, "return": {"https://evil.example/"}})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), sp) {
		t.Errorf("second done: status=%d location=%q, want a redirect to the series", rec.Code, rec.Header().Get("Location"))
	}
	expectPage(t, of.do("POST", statusURL, "voorzitter", url.Values{"status": {"klaar"}}), http.StatusBadRequest)
	expectPage(t, of.do("POST", statusURL, "partner", url.Values{"status": {"open"}}), http.StatusForbidden)
	// Another wijk's URL does not reach this series.
	expectPage(t, of.do("GET", "/w/andere-wijk/overleg/"+of.series.ID+"/bijeenkomsten/"+m.ID, "admin", nil), http.StatusNotFound)
	expectPage(t, of.do("GET", sp+"/bijeenkomsten/"+m.ID+"x", "voorzitter", nil), http.StatusNotFound)
}

// TestOverlegReportPages: the report as HTML and PDF, with the decisions,
// the actions and the overdue ones; a bad period is refused clearly; a
// partner outside the overleg gets small counts hidden.
func TestOverlegReportPages(t *testing.T) {
	of := newOverlegFixture(t)
	ctx := context.Background()
	d := overleg.Decision{MeetingID: of.past.ID, Text: "We organiseren een tuindag in het voorjaar."}
	if err := of.store.AddDecision(ctx, of.wijk.ID, of.series.ID, &d); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		of.signal(t, "Losse stoeptegel", "veiligheid", of.past.StartsAt.Add(time.Duration(i)*time.Hour))
	}
	per := overleg.PeriodOf(overleg.Monthly, of.past.StartsAt).String()
	rp := of.seriesPath() + "/rapport?periode=" + per

	html := of.do("GET", rp, "voorzitter", nil)
	expectPage(t, html, http.StatusOK, "We organiseren een tuindag in het voorjaar.", "Buren uitnodigen voor de tuindag", "Buurttuin", "Losse stoeptegel")
	if !regexp.MustCompile(`(?s)id="overdue".*Buren uitnodigen voor de tuindag.*Te laat.*id="who"`).MatchString(html.Body.String()) {
		t.Error("the overdue action is not flagged in the overdue section")
	}

	// A partner whose organisation never took part sees the three signals
	// as "fewer than 5", and not their titles.
	pr := of.do("GET", rp, "partner", nil)
	expectPage(t, pr, http.StatusOK, "minder dan 5", "Aantallen kleiner dan 5")
	if strings.Contains(pr.Body.String(), "Losse stoeptegel") {
		t.Error("a partner outside the overleg sees the signals' titles")
	}
	// Once invited, the partner's organisation is a party: the counts show.
	if err := of.store.AddParticipant(ctx, of.wijk.ID, of.series.ID, of.past.ID, of.partner.ID); err != nil {
		t.Fatal(err)
	}
	if body := of.do("GET", rp, "partner", nil).Body.String(); strings.Contains(body, "minder dan 5") {
		t.Error("a party of the overleg gets the counts suppressed")
	}

	expectPage(t, of.do("GET", of.seriesPath()+"/rapport?periode=2026-13", "voorzitter", nil), http.StatusBadRequest, "Een periode is een maand, zoals 2026-11")
	expectPage(t, of.do("GET", of.seriesPath()+"/rapport", "bewoner", nil), http.StatusForbidden)

	pdfRec := of.do("GET", of.seriesPath()+"/rapport.pdf?periode="+per, "voorzitter", nil)
	if pdfRec.Code != http.StatusOK || pdfRec.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdfRec.Body.String(), "%PDF-") {
		t.Fatalf("PDF: status=%d type=%q starts %q", pdfRec.Code, pdfRec.Header().Get("Content-Type"), pdfRec.Body.String()[:min(8, pdfRec.Body.Len())])
	}
	if text, ok := pdfText(t, pdfRec.Body.Bytes()); ok {
		for _, want := range []string{"Buren uitnodigen voor de tuindag", "We organiseren een tuindag", "Wie doet wat", "Leefomgevingsoverleg Testwijk"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF's text lacks %q", want)
			}
		}
	}

	// A series without meetings: a valid report that says so.
	empty := overleg.Series{WijkID: of.wijk.ID, Name: "Jongerenoverleg", ChairUserID: of.users["voorzitter"].ID, Cadence: overleg.CadenceWeek, ReportEvery: overleg.Weekly}
	if err := of.store.CreateSeries(ctx, &empty); err != nil {
		t.Fatal(err)
	}
	expectPage(t, of.do("GET", "/w/test-wijk/overleg/"+empty.ID+"/rapport", "voorzitter", nil), http.StatusOK, "nog geen bijeenkomsten gehad")
	pdfEmpty := of.do("GET", "/w/test-wijk/overleg/"+empty.ID+"/rapport.pdf", "voorzitter", nil)
	if pdfEmpty.Code != http.StatusOK || !strings.HasPrefix(pdfEmpty.Body.String(), "%PDF-") {
		t.Errorf("PDF of a series without meetings: status=%d", pdfEmpty.Code)
	}
}

// pdfText extracts the text of a PDF with pdftotext; ok is false (and the
// check is logged as skipped) when poppler-utils is not installed.
func pdfText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext is not installed: the PDF's text is not checked")
		return "", false
	}
	path := filepath.Join(t.TempDir(), "rapport.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext cannot read the report: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " "), true
}

// TestOverlegFeed: the chair makes a secret link; the feed answers to that
// link only, without logging in.
func TestOverlegFeed(t *testing.T) {
	of := newOverlegFixture(t)
	sp := of.seriesPath()
	expectPage(t, of.do("GET", sp+"/agenda.ics", "", nil), http.StatusNotFound)
	rec := of.do("POST", sp+"/agenda-link", "voorzitter", nil)
	expectPage(t, rec, http.StatusOK, "Kopieer hem nu")
	m := regexp.MustCompile(`http://wei\.test(/w/test-wijk/overleg/[^"<]+/agenda\.ics\?token=([0-9a-f]+))`).FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatalf("no feed link on the page:\n%s", rec.Body.String())
	}
	feed := of.do("GET", m[1], "", nil)
	expectPage(t, feed, http.StatusOK, "BEGIN:VCALENDAR\r\n", "BEGIN:VEVENT\r\n", "UID:"+of.past.ID+"@wei.test\r\n", "LOCATION:Buurthuis De Akker\r\n", "SUMMARY:Leefomgevingsoverleg Testwijk\r\n")
	if ct := feed.Header().Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type=%q", ct)
	}
	expectPage(t, of.do("GET", sp+"/agenda.ics?token="+strings.Repeat("0", len(m[2])), "", nil), http.StatusNotFound)
	expectPage(t, of.do("GET", strings.Replace(m[1], "test-wijk", "andere-wijk", 1), "", nil), http.StatusNotFound)
	// A new link ends the old one.
	expectPage(t, of.do("POST", sp+"/agenda-link", "voorzitter", nil), http.StatusOK)
	expectPage(t, of.do("GET", m[1], "", nil), http.StatusNotFound)
	expectPage(t, of.do("POST", sp+"/agenda-link", "partner", nil), http.StatusForbidden)
}

// TestOverlegSubscribersAndMail: the chair keeps the mailing list; the job
// sends last month's report once to each address, also when two instances
// run it at the same moment, with small counts hidden.
func TestOverlegSubscribersAndMail(t *testing.T) {
	of := newOverlegFixture(t)
	ctx := context.Background()
	sp := of.seriesPath()
	expectPage(t, of.do("POST", sp+"/abonnees", "voorzitter", url.Values{"email": {"geen adres"}}), http.StatusBadRequest, "Vul een goed e-mailadres in", `value="geen adres"`)
	for _, e := range []string{"beleid@lindenwaard.nl", "wethouder@lindenwaard.nl"} {
		expectPage(t, of.do("POST", sp+"/abonnees", "voorzitter", url.Values{"email": {e}}), http.StatusSeeOther)
	}
	expectPage(t, of.do("POST", sp+"/abonnees", "voorzitter", url.Values{"email": {"Beleid@lindenwaard.nl"}}), http.StatusBadRequest, "Dit adres krijgt het rapport al")
	expectPage(t, of.do("GET", sp, "voorzitter", nil), http.StatusOK, "wethouder@lindenwaard.nl")
	if body := of.do("GET", sp, "partner", nil).Body.String(); strings.Contains(body, "wethouder@lindenwaard.nl") {
		t.Error("a partner sees the subscribers' addresses")
	}
	expectPage(t, of.do("POST", sp+"/abonnees/verwijderen", "voorzitter", url.Values{"email": {"wethouder@lindenwaard.nl"}}), http.StatusSeeOther)
	of.signal(t, "Kapotte schommel", "spelen", of.past.StartsAt.Add(time.Hour))

	// The job runs the month after the past meeting, on two instances at once.
	now := overleg.PeriodOf(overleg.Monthly, of.past.StartsAt).End.Add(3 * time.Hour)
	second, err := New(Deps{Store: of.store, Mail: mail.New(of.store, config.SMTP{}, nil), Config: config.Config{BaseURL: "http://wei.test"}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, h := range []*Handler{of.h, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := h.SendOverlegReports(ctx, now); err != nil {
				t.Errorf("SendOverlegReports: %v", err)
			}
		}()
	}
	wg.Wait()
	if err := of.h.SendOverlegReports(ctx, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	mails, err := of.store.Outbox(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	var reports []string
	for _, m := range mails {
		if strings.HasPrefix(m.Subject, "Rapport Leefomgevingsoverleg Testwijk") {
			reports = append(reports, m.To)
			for _, want := range []string{"Buren uitnodigen voor de tuindag", "Te laat", "minder dan 5", "/w/test-wijk/overleg/" + of.series.ID + "/rapport?periode="} {
				if !strings.Contains(m.Body, want) {
					t.Errorf("the report mail lacks %q:\n%s", want, m.Body)
				}
			}
			if strings.Contains(m.Body, "Kapotte schommel") {
				t.Error("the report mail names a signal")
			}
		}
	}
	if len(reports) != 1 || reports[0] != "beleid@lindenwaard.nl" {
		t.Fatalf("report mails to %v, want exactly one to beleid@lindenwaard.nl", reports)
	}
	expectPage(t, of.do("GET", sp, "voorzitter", nil), http.StatusOK, "Verstuurd per e-mail:", "naar 1 adressen op")
}
