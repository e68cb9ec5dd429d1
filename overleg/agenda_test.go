package overleg

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/signaal"
)

// at is a moment in Amsterdam.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, Amsterdam)
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func sig(id string, created time.Time, urgency, status, group string) signaal.Signal {
	return signaal.Signal{ID: id, Title: "Signaal " + id, Theme: "groen", Urgency: urgency, Status: status, GroupID: group, CreatedAt: created}
}

type itemSummary struct {
	Pos     int
	Kind    ItemKind
	Key     string
	Title   string
	Related int
}

func summarize(items []AgendaItem) []itemSummary {
	var out []itemSummary
	for _, it := range items {
		out = append(out, itemSummary{it.Position, it.Kind, it.SourceKey, it.Title, it.Related})
	}
	return out
}

func TestBuildAgenda(t *testing.T) {
	t.Parallel()
	prev := at(2026, 10, 1, 19, 30)
	meeting := Meeting{ID: "m2", SeriesID: "s", StartsAt: at(2026, 11, 5, 19, 30)}
	open, inProgress, solved := signaal.StatusNew, signaal.StatusInProgress, signaal.StatusSolved
	newSignals := []signaal.Signal{
		sig("n1", at(2026, 10, 3, 10, 0), signaal.UrgencyNormal, open, ""),
		sig("n2", at(2026, 10, 4, 10, 0), signaal.UrgencyAcute, open, ""),
		sig("n3", at(2026, 10, 5, 10, 0), signaal.UrgencyHigh, solved, ""), // solved: not on the agenda
		sig("g2", at(2026, 10, 6, 10, 0), signaal.UrgencyLow, open, "g1"),  // new member of an old group
		sig("n0", at(2026, 9, 30, 10, 0), signaal.UrgencyAcute, open, ""),  // before the previous meeting: not new
		sig("n4", at(2026, 10, 7, 10, 0), signaal.UrgencyNormal, inProgress, ""),
	}
	openSignals := []signaal.Signal{
		sig("n1", at(2026, 10, 3, 10, 0), signaal.UrgencyNormal, open, ""),
		sig("n2", at(2026, 10, 4, 10, 0), signaal.UrgencyAcute, open, ""),
		sig("g1", at(2026, 8, 1, 10, 0), signaal.UrgencyNormal, inProgress, "g1"),
		sig("g3", at(2026, 8, 2, 10, 0), signaal.UrgencyNormal, open, "g1"),
		sig("old", at(2026, 9, 1, 10, 0), signaal.UrgencyLow, open, ""),
		sig("older", at(2026, 8, 20, 10, 0), signaal.UrgencyHigh, open, ""),
		sig("young", at(2026, 10, 20, 10, 0), signaal.UrgencyHigh, open, ""), // neither new (not in the list) nor stale
		sig("n0", at(2026, 9, 30, 10, 0), signaal.UrgencyAcute, open, ""),    // 5 weeks old at the meeting: stale
		sig("n4", at(2026, 10, 7, 10, 0), signaal.UrgencyNormal, inProgress, ""),
	}
	actions := []Action{
		{ID: "a1", SeriesID: "s", MeetingID: "m1", AgreedAt: prev, What: "Bankje plaatsen", Due: date(2026, 11, 20), Status: ActionOpen},
		{ID: "a2", SeriesID: "s", MeetingID: "m1", AgreedAt: prev, What: "Buurtavond", Due: date(2026, 10, 15), Status: ActionOpen}, // overdue
		{ID: "a3", SeriesID: "s", MeetingID: "m1", AgreedAt: prev, What: "Klaar", Due: date(2026, 10, 15), Status: ActionDone, ClosedAt: at(2026, 10, 10, 9, 0)},
		{ID: "a4", SeriesID: "other", MeetingID: "x", AgreedAt: prev, What: "Andere reeks", Due: date(2026, 10, 15), Status: ActionOpen},
	}
	overlaps := []signaal.Overlap{
		{Theme: "spelen", BuurtID: "b2", OrganisationIDs: []string{"o3", "o1"}},
		{Theme: "groen", BuurtID: "b1", OrganisationIDs: []string{"o1", "o2"}},
	}
	got := BuildAgenda(AgendaSources{Meeting: meeting, Previous: prev, StaleWeeks: 4, NewSignals: newSignals, OpenSignals: openSignals, Actions: actions, Overlaps: overlaps,
		OverlapTitle: func(o signaal.Overlap) string { return o.Theme + " in " + o.BuurtID }})
	want := []itemSummary{
		{1, KindAction, "action:a2", "Buurtavond", 0},
		{2, KindAction, "action:a1", "Bankje plaatsen", 0},
		{3, KindSignalNew, "signal:n2", "Signaal n2", 0},
		{4, KindSignalNew, "group:g1", "Signaal g1", 2}, // as urgent as n1, and older
		{5, KindSignalNew, "signal:n1", "Signaal n1", 0},
		{6, KindSignalNew, "signal:n4", "Signaal n4", 0},
		{7, KindSignalOpen, "signal:n0", "Signaal n0", 0},
		{8, KindSignalOpen, "signal:older", "Signaal older", 0},
		{9, KindSignalOpen, "signal:old", "Signaal old", 0},
		{10, KindOverlap, "overlap:groen|b1", "groen in b1", 0},
		{11, KindOverlap, "overlap:spelen|b2", "spelen in b2", 0},
	}
	if diff := cmp.Diff(want, summarize(got)); diff != "" {
		t.Errorf("BuildAgenda (-want +got):\n%s", diff)
	}
	if got[3].SignalID != "g1" {
		t.Errorf("group item SignalID=%q, want the group's first signal g1", got[3].SignalID)
	}
	if d := cmp.Diff([]string{"o1", "o3"}, got[10].OrgIDs); d != "" {
		t.Errorf("overlap OrgIDs not sorted: %s", d)
	}
	for _, it := range got {
		if it.MeetingID != "m2" {
			t.Errorf("item %s MeetingID=%q, want m2", it.SourceKey, it.MeetingID)
		}
	}

	// The first meeting: everything open is new, nothing is stale twice.
	first := BuildAgenda(AgendaSources{Meeting: meeting, StaleWeeks: 4, NewSignals: openSignals, OpenSignals: openSignals})
	keys := map[string]int{}
	for _, it := range first {
		keys[it.SourceKey]++
		if it.Kind != KindSignalNew {
			t.Errorf("first meeting: item %s kind %s, want %s", it.SourceKey, it.Kind, KindSignalNew)
		}
	}
	for k, n := range keys {
		if n != 1 {
			t.Errorf("first meeting: %s on the agenda %d times", k, n)
		}
	}

	// Nothing to discuss: an empty agenda, not nil trouble.
	if got := BuildAgenda(AgendaSources{Meeting: meeting}); len(got) != 0 {
		t.Errorf("empty sources: %d items, want 0", len(got))
	}
}

func TestMergeAgenda(t *testing.T) {
	t.Parallel()
	existing := []AgendaItem{
		{ID: "i1", Position: 1, SourceKey: "action:a1"},
		{ID: "i2", Position: 2, SourceKey: "manual:i2", Kind: KindOther},
		{ID: "i3", Position: 3, SourceKey: "signal:s1", Removed: true},
	}
	generated := []AgendaItem{
		{Position: 1, SourceKey: "action:a1"},
		{Position: 2, SourceKey: "action:a2"},
		{Position: 3, SourceKey: "signal:s1"}, // removed by the chair: stays off
		{Position: 4, SourceKey: "signal:s2"},
		{Position: 5, SourceKey: "signal:s2"}, // twice in generated: once
	}
	got := MergeAgenda(existing, generated)
	want := []itemSummary{{4, "", "action:a2", "", 0}, {5, "", "signal:s2", "", 0}}
	if diff := cmp.Diff(want, summarize(got)); diff != "" {
		t.Errorf("MergeAgenda (-want +got):\n%s", diff)
	}
	if again := MergeAgenda(append(existing, got...), generated); len(again) != 0 {
		t.Errorf("merging twice added %d items, want 0", len(again))
	}
}

func TestMoveItem(t *testing.T) {
	t.Parallel()
	items := []AgendaItem{
		{ID: "a", Position: 1}, {ID: "gone", Position: 2, Removed: true}, {ID: "b", Position: 3}, {ID: "c", Position: 4},
	}
	order := func(items []AgendaItem) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.ID+":"+string(rune('0'+it.Position)))
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		id    string
		delta int
		want  []string // nil: refused
	}{
		{"down", "a", 1, []string{"b:1", "a:2", "c:3", "gone:4"}},
		{"up over a removed item", "b", -1, []string{"b:1", "a:2", "c:3", "gone:4"}},
		{"last down", "c", 1, nil},
		{"first up", "a", -1, nil},
		{"removed item", "gone", 1, nil},
		{"unknown", "x", 1, nil},
		{"two places", "a", 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := MoveItem(items, tc.id, tc.delta)
			if tc.want == nil {
				if got != nil {
					t.Fatalf("MoveItem=%v, want nil", order(got))
				}
				return
			}
			if diff := cmp.Diff(tc.want, order(got)); diff != "" {
				t.Errorf("MoveItem (-want +got):\n%s", diff)
			}
		})
	}
	if items[0].Position != 1 || items[2].Position != 3 {
		t.Errorf("MoveItem changed its input: %v", order(items))
	}
}

func TestCarryOverAndOverdue(t *testing.T) {
	t.Parallel()
	m1, m2, m3 := at(2026, 9, 3, 19, 30), at(2026, 10, 1, 19, 30), at(2026, 11, 5, 19, 30)
	meeting2 := Meeting{ID: "m2", SeriesID: "s", StartsAt: m2}
	meeting3 := Meeting{ID: "m3", SeriesID: "s", StartsAt: m3}
	actions := []Action{
		{ID: "open", SeriesID: "s", MeetingID: "m1", AgreedAt: m1, Due: date(2026, 12, 1), Status: ActionOpen},
		{ID: "late", SeriesID: "s", MeetingID: "m1", AgreedAt: m1, Due: date(2026, 9, 30), Status: ActionOpen},
		{ID: "done-between", SeriesID: "s", MeetingID: "m1", AgreedAt: m1, Due: date(2026, 10, 20), Status: ActionDone, ClosedAt: at(2026, 10, 15, 12, 0)},
		{ID: "done-before", SeriesID: "s", MeetingID: "m1", AgreedAt: m1, Due: date(2026, 9, 20), Status: ActionDone, ClosedAt: at(2026, 9, 10, 12, 0)},
		{ID: "dropped-between", SeriesID: "s", MeetingID: "m1", AgreedAt: m1, Due: date(2026, 9, 25), Status: ActionDropped, ClosedAt: at(2026, 10, 2, 12, 0)},
		{ID: "agreed-at-m2", SeriesID: "s", MeetingID: "m2", AgreedAt: m2, Due: date(2026, 10, 31), Status: ActionOpen},
		{ID: "other-series", SeriesID: "t", MeetingID: "x", AgreedAt: m1, Due: date(2026, 9, 1), Status: ActionOpen},
	}
	ids := func(list []Action) []string {
		var out []string
		for _, a := range list {
			out = append(out, a.ID)
		}
		return out
	}
	// At meeting 2 (1 October): overdue first (dropped-between and late
	// were both due in September and open on 1 October), then by deadline.
	if diff := cmp.Diff([]string{"dropped-between", "late", "done-between", "open"}, ids(CarryOver(actions, meeting2))); diff != "" {
		t.Errorf("CarryOver to meeting 2 (-want +got):\n%s", diff)
	}
	// At meeting 3 (5 November): what is still open, including the action
	// agreed at meeting 2, which is overdue by then.
	if diff := cmp.Diff([]string{"late", "agreed-at-m2", "open"}, ids(CarryOver(actions, meeting3))); diff != "" {
		t.Errorf("CarryOver to meeting 3 (-want +got):\n%s", diff)
	}
	// An action is not carried over to the meeting that agreed it.
	for _, a := range CarryOver(actions, meeting2) {
		if a.ID == "agreed-at-m2" {
			t.Error("an action carried over to its own meeting")
		}
	}

	for _, tc := range []struct {
		name string
		a    Action
		at   time.Time
		want bool
	}{
		{"due today", Action{Status: ActionOpen, Due: date(2026, 11, 5)}, at(2026, 11, 5, 23, 59), false},
		{"due yesterday", Action{Status: ActionOpen, Due: date(2026, 11, 4)}, at(2026, 11, 5, 0, 1), true},
		{"just after midnight in Amsterdam, still the day before in UTC", Action{Status: ActionOpen, Due: date(2026, 11, 4)}, at(2026, 11, 5, 0, 30), true},
		{"done", Action{Status: ActionDone, Due: date(2026, 11, 1), ClosedAt: at(2026, 11, 2, 9, 0)}, at(2026, 11, 5, 12, 0), false},
		{"done later: overdue back then", Action{Status: ActionDone, Due: date(2026, 11, 1), ClosedAt: at(2026, 11, 10, 9, 0)}, at(2026, 11, 5, 12, 0), true},
		{"dropped", Action{Status: ActionDropped, Due: date(2026, 11, 1), ClosedAt: at(2026, 11, 2, 9, 0)}, at(2026, 11, 5, 12, 0), false},
		{"no deadline", Action{Status: ActionOpen}, at(2026, 11, 5, 12, 0), false},
	} {
		if got := Overdue(tc.a, tc.at); got != tc.want {
			t.Errorf("%s: Overdue=%v, want %v", tc.name, got, tc.want)
		}
	}
}

// fieldErrors returns the fields of an EINVALID error, nil for nil.
func fieldErrors(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *wei.Error
	if !errors.As(err, &e) || e.Code != wei.EINVALID {
		t.Fatalf("err=%v, want an EINVALID *wei.Error", err)
	}
	return e.Fields
}

func TestValidate(t *testing.T) {
	t.Parallel()
	s := Series{WijkID: "w", Name: "  Leefomgevingsoverleg   Blauwe Akker ", ChairUserID: "u", Cadence: CadenceMonth, ReportEvery: Monthly}
	s.Normalize()
	if err := s.Validate(); err != nil || s.Name != "Leefomgevingsoverleg Blauwe Akker" || s.StaleWeeks != DefaultStaleWeeks {
		t.Fatalf("Validate=%v Name=%q StaleWeeks=%d", err, s.Name, s.StaleWeeks)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Series)
		field string
	}{
		{"short name", func(s *Series) { s.Name = "Ab" }, "name"},
		{"no chair", func(s *Series) { s.ChairUserID = "" }, "chair_user_id"},
		{"cadence", func(s *Series) { s.Cadence = "daily" }, "cadence"},
		{"frequency", func(s *Series) { s.ReportEvery = "year" }, "report_every"},
		{"stale weeks", func(s *Series) { s.StaleWeeks = 60 }, "stale_weeks"},
	} {
		c := s
		tc.edit(&c)
		if f := fieldErrors(t, c.Validate()); f[tc.field] == "" {
			t.Errorf("%s: fields=%v, want an error on %s", tc.name, f, tc.field)
		}
	}

	m := Meeting{SeriesID: "s", StartsAt: at(2026, 11, 5, 19, 30), EndsAt: at(2026, 11, 5, 19, 0)}
	if f := fieldErrors(t, m.Validate()); f["end"] == "" {
		t.Errorf("meeting ending before its start: fields=%v", f)
	}
	m.EndsAt = m.StartsAt.Add(13 * time.Hour)
	if f := fieldErrors(t, m.Validate()); f["end"] == "" {
		t.Errorf("meeting of 13 hours: fields=%v", f)
	}

	a := Action{OrganisationID: "o1", WithOrgIDs: []string{"o3", "o1", "", "o2", "o3"}, What: "  Bankje   plaatsen ", Due: at(2026, 11, 20, 0, 30)}
	a.Normalize()
	if err := a.Validate(); err != nil {
		t.Fatalf("action Validate=%v", err)
	}
	if diff := cmp.Diff([]string{"o2", "o3"}, a.WithOrgIDs); diff != "" || a.What != "Bankje plaatsen" || a.Status != ActionOpen || !a.Due.Equal(date(2026, 11, 20)) {
		t.Errorf("Normalize: with %v, what %q, status %q, due %v", a.WithOrgIDs, a.What, a.Status, a.Due)
	}
	if !a.Involves("o3") || a.Involves("o4") || a.Involves("") {
		t.Error("Involves is wrong")
	}
	a.Person = "jan@example.org"
	if f := fieldErrors(t, a.Validate()); f["person"] == "" {
		t.Errorf("an e-mail address as contact person: fields=%v", f)
	}
	b := Action{What: "x"}
	b.Normalize()
	f := fieldErrors(t, b.Validate())
	for _, k := range []string{"organisation_id", "what", "due"} {
		if f[k] == "" {
			t.Errorf("empty action: no error on %s (fields=%v)", k, f)
		}
	}
}

func TestCadenceAfter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    Cadence
		from time.Time
		want time.Time
	}{
		{CadenceWeek, at(2026, 10, 22, 19, 30), at(2026, 10, 29, 19, 30)}, // across the end of summer time
		{Cadence2Weeks, at(2026, 3, 19, 19, 30), at(2026, 4, 2, 19, 30)},  // across its start
		{Cadence4Weeks, at(2026, 1, 8, 19, 30), at(2026, 2, 5, 19, 30)},
		{CadenceMonth, at(2026, 1, 15, 19, 30), at(2026, 2, 15, 19, 30)},
		{Cadence6Weeks, at(2026, 1, 8, 19, 30), at(2026, 2, 19, 19, 30)},
		{CadenceQuarter, at(2026, 1, 15, 19, 30), at(2026, 4, 15, 19, 30)},
	} {
		if got := tc.c.After(tc.from); !got.Equal(tc.want) {
			t.Errorf("%s after %v = %v, want %v", tc.c, tc.from, got, tc.want)
		}
	}
}
