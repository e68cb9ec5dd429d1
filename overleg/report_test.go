package overleg

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wei-platform/wei/signaal"
)

func TestPeriods(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in         string
		start, end time.Time
		prev, next string
		lastDay    time.Time
	}{
		{"2026-11", at(2026, 11, 1, 0, 0), at(2026, 12, 1, 0, 0), "2026-10", "2026-12", date(2026, 11, 30)},
		{"2026-01", at(2026, 1, 1, 0, 0), at(2026, 2, 1, 0, 0), "2025-12", "2026-02", date(2026, 1, 31)},
		{"2026-03", at(2026, 3, 1, 0, 0), at(2026, 4, 1, 0, 0), "2026-02", "2026-04", date(2026, 3, 31)}, // summer time starts
		{"2026-W45", at(2026, 11, 2, 0, 0), at(2026, 11, 9, 0, 0), "2026-W44", "2026-W46", date(2026, 11, 8)},
		{"2026-W01", at(2025, 12, 29, 0, 0), at(2026, 1, 5, 0, 0), "2025-W52", "2026-W02", date(2026, 1, 4)},
		{"2026-W53", at(2026, 12, 28, 0, 0), at(2027, 1, 4, 0, 0), "2026-W52", "2027-W01", date(2027, 1, 3)},   // 2026 has 53 weeks
		{"2026-w44", at(2026, 10, 26, 0, 0), at(2026, 11, 2, 0, 0), "2026-W43", "2026-W45", date(2026, 11, 1)}, // summer time ends
	} {
		t.Run(tc.in, func(t *testing.T) {
			p, err := ParsePeriod(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Start.Equal(tc.start) || !p.End.Equal(tc.end) {
				t.Errorf("period %v – %v, want %v – %v", p.Start, p.End, tc.start, tc.end)
			}
			if p.Prev().String() != tc.prev || p.Next().String() != tc.next {
				t.Errorf("prev %s next %s, want %s and %s", p.Prev(), p.Next(), tc.prev, tc.next)
			}
			if !p.LastDay().Equal(tc.lastDay) {
				t.Errorf("LastDay=%v, want %v", p.LastDay(), tc.lastDay)
			}
			if back, _ := ParsePeriod(p.String()); !back.Start.Equal(p.Start) || back.Every != p.Every {
				t.Errorf("String %q does not parse back", p.String())
			}
			if q := PeriodOf(p.Every, p.End.Add(-time.Second)); q.String() != p.String() {
				t.Errorf("PeriodOf the last second = %s, want %s", q, p)
			}
		})
	}
	for _, bad := range []string{"", "2026", "2026-13", "2026-00", "2026-1", "26-11", "2025-W53", "2026-W54", "2026-W00", "2026-W5", "november", "2026-11-01", "1900-01"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

func TestBuildReport(t *testing.T) {
	t.Parallel()
	series := Series{ID: "s", Name: "Leefomgevingsoverleg", ReportEvery: Monthly}
	nov, _ := ParsePeriod("2026-11")
	m1 := Meeting{ID: "m1", SeriesID: "s", StartsAt: at(2026, 10, 1, 19, 30)}
	m2 := Meeting{ID: "m2", SeriesID: "s", StartsAt: at(2026, 11, 5, 19, 30)}
	m3 := Meeting{ID: "m3", SeriesID: "s", StartsAt: at(2026, 12, 3, 19, 30)}
	items := []AgendaItem{{ID: "i1", MeetingID: "m2", Title: "Zwerfvuil bij de school"}}
	decisions := []Decision{
		{ID: "d2", MeetingID: "m2", AgendaItemID: "i1", Text: "Extra prullenbakken", CreatedAt: at(2026, 11, 5, 20, 30)},
		{ID: "d1", MeetingID: "m2", Text: "Volgende keer in de school", CreatedAt: at(2026, 11, 5, 20, 0)},
		{ID: "d0", MeetingID: "m1", Text: "Oud besluit", CreatedAt: at(2026, 10, 1, 20, 0)},
	}
	actions := []Action{
		{ID: "late", SeriesID: "s", MeetingID: "m1", AgreedAt: m1.StartsAt, OrganisationID: "o2", What: "Buurtavond", Due: date(2026, 11, 15), Status: ActionOpen},
		{ID: "done-in-nov", SeriesID: "s", MeetingID: "m1", AgreedAt: m1.StartsAt, OrganisationID: "o1", What: "Bankje", Due: date(2026, 11, 30), Status: ActionDone, ClosedAt: at(2026, 11, 20, 10, 0)},
		{ID: "done-in-oct", SeriesID: "s", MeetingID: "m1", AgreedAt: m1.StartsAt, OrganisationID: "o1", What: "Flyer", Due: date(2026, 10, 30), Status: ActionDone, ClosedAt: at(2026, 10, 20, 10, 0)},
		{ID: "new-in-nov", SeriesID: "s", MeetingID: "m2", AgreedAt: m2.StartsAt, OrganisationID: "o1", What: "Prullenbakken", Due: date(2026, 12, 20), Status: ActionOpen},
		{ID: "done-late-dec", SeriesID: "s", MeetingID: "m2", AgreedAt: m2.StartsAt, OrganisationID: "o2", What: "Schouw", Due: date(2026, 11, 25), Status: ActionDone, ClosedAt: at(2026, 12, 2, 10, 0)},
		{ID: "from-dec", SeriesID: "s", MeetingID: "m3", AgreedAt: m3.StartsAt, OrganisationID: "o1", What: "Later", Due: date(2026, 12, 20), Status: ActionOpen},
	}
	var signals []signaal.Signal
	add := func(n int, theme, buurt string, created time.Time, solved time.Time) {
		for i := 0; i < n; i++ {
			s := signaal.Signal{ID: fmt.Sprintf("%s-%s-%d-%d", theme, buurt, created.Month(), i), Theme: theme, BuurtID: buurt, Status: signaal.StatusNew, CreatedAt: created.Add(time.Duration(i) * time.Minute)}
			if !solved.IsZero() {
				s.Status, s.SolvedAt = signaal.StatusSolved, solved
			}
			signals = append(signals, s)
		}
	}
	add(6, "groen", "b1", at(2026, 11, 3, 9, 0), time.Time{})
	add(2, "afval", "b2", at(2026, 11, 10, 9, 0), at(2026, 11, 12, 9, 0)) // new and solved in November
	add(3, "groen", "b1", at(2026, 10, 3, 9, 0), time.Time{})
	add(4, "spelen", "b2", at(2026, 10, 8, 9, 0), at(2026, 11, 2, 9, 0)) // solved in November
	add(1, "groen", "b1", at(2026, 9, 8, 9, 0), time.Time{})             // two periods back: no trend

	in := ReportInput{Series: series, Period: nov, Now: at(2027, 1, 10, 12, 0), Meetings: []Meeting{m3, m1, m2}, Items: items, Decisions: decisions,
		Actions: actions, Signals: signals, OrgNames: map[string]string{"o1": "Woonstichting", "o2": "Gemeente"}}
	r := BuildReport(in)

	if !r.AsOf.Equal(nov.End) || r.NoMeetings {
		t.Errorf("AsOf=%v NoMeetings=%v, want the end of November and false", r.AsOf, r.NoMeetings)
	}
	if len(r.Meetings) != 1 || r.Meetings[0].ID != "m2" || r.NextMeeting == nil || r.NextMeeting.ID != "m3" {
		t.Errorf("meetings %v, next %v; want m2 and m3", r.Meetings, r.NextMeeting)
	}
	var dec []string
	for _, d := range r.Decisions {
		dec = append(dec, d.ID+"@"+d.ItemTitle)
	}
	if diff := cmp.Diff([]string{"d1@", "d2@Zwerfvuil bij de school"}, dec); diff != "" {
		t.Errorf("decisions (-want +got):\n%s", diff)
	}
	var who []string
	for _, g := range r.WhoDoesWhat {
		for _, a := range g.Actions {
			who = append(who, g.OrganisationID+":"+a.ID)
		}
	}
	// Sorted by organisation name (Gemeente before Woonstichting), then
	// overdue first and by deadline. done-late-dec was open at the end of
	// November; done-in-oct and from-dec are outside the period.
	if diff := cmp.Diff([]string{"o2:late", "o2:done-late-dec", "o1:done-in-nov", "o1:new-in-nov"}, who); diff != "" {
		t.Errorf("who does what (-want +got):\n%s", diff)
	}
	var overdue []string
	for _, a := range r.Overdue {
		overdue = append(overdue, a.ID)
	}
	if diff := cmp.Diff([]string{"late", "done-late-dec"}, overdue); diff != "" {
		t.Errorf("overdue at the end of November (-want +got):\n%s", diff)
	}
	if r.OpenActions != 3 {
		t.Errorf("OpenActions=%d, want 3 (late, new-in-nov, done-late-dec)", r.OpenActions)
	}
	if len(r.NewSignals) != 8 || len(r.SolvedSignals) != 6 || r.PrevNew != 7 {
		t.Errorf("new %d solved %d prev %d, want 8, 6 and 7", len(r.NewSignals), len(r.SolvedSignals), r.PrevNew)
	}
	if diff := cmp.Diff([]Trend{{"groen", 6, 3}, {"afval", 2, 0}, {"spelen", 0, 4}}, r.Themes); diff != "" {
		t.Errorf("themes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Trend{{"b1", 6, 3}, {"b2", 2, 4}}, r.Buurten); diff != "" {
		t.Errorf("buurten (-want +got):\n%s", diff)
	}

	// The same report while November runs: as of now, and only what
	// happened so far.
	in.Now = at(2026, 11, 10, 12, 0)
	r = BuildReport(in)
	if !r.AsOf.Equal(in.Now) || len(r.Overdue) != 0 {
		t.Errorf("running period: AsOf=%v overdue=%d, want now and 0", r.AsOf, len(r.Overdue))
	}
	if r.NextMeeting == nil || r.NextMeeting.ID != "m3" {
		t.Errorf("running period: next meeting %v, want m3", r.NextMeeting)
	}

	// A series without meetings still gets a report, which says so.
	r = BuildReport(ReportInput{Series: series, Period: nov, Now: at(2027, 1, 1, 0, 0), Signals: signals})
	if !r.NoMeetings || len(r.NewSignals) != 8 || len(r.WhoDoesWhat) != 0 || r.NextMeeting != nil {
		t.Errorf("no meetings: NoMeetings=%v new=%d who=%d next=%v", r.NoMeetings, len(r.NewSignals), len(r.WhoDoesWhat), r.NextMeeting)
	}
}

// BenchmarkBuildReport builds a monthly report from 10,000 signals and
// 200 actions: the work after the store has loaded them.
func BenchmarkBuildReport(b *testing.B) {
	nov, _ := ParsePeriod("2026-11")
	themes := signaal.DefaultThemeKeys
	var signals []signaal.Signal
	start := at(2026, 10, 1, 0, 0)
	for i := 0; i < 10_000; i++ {
		s := signaal.Signal{ID: fmt.Sprintf("s%05d", i), Theme: themes[i%len(themes)], BuurtID: fmt.Sprintf("b%d", i%4), Status: signaal.StatusNew,
			CreatedAt: start.Add(time.Duration(i) * 5 * time.Minute)}
		if i%3 == 0 {
			s.Status, s.SolvedAt = signaal.StatusSolved, s.CreatedAt.Add(72*time.Hour)
		}
		signals = append(signals, s)
	}
	var actions []Action
	for i := 0; i < 200; i++ {
		actions = append(actions, Action{ID: fmt.Sprintf("a%03d", i), SeriesID: "s", MeetingID: "m1", AgreedAt: start, OrganisationID: fmt.Sprintf("o%d", i%12),
			What: "Actie", Due: date(2026, 10, 1+i%60), Status: ActionOpen})
	}
	in := ReportInput{Series: Series{ID: "s"}, Period: nov, Now: at(2027, 1, 1, 0, 0), Meetings: []Meeting{{ID: "m1", SeriesID: "s", StartsAt: start}}, Actions: actions, Signals: signals}
	b.ReportAllocs()
	for b.Loop() {
		BuildReport(in)
	}
}
