package demo_test

import (
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/overleg"
)

// TestSeedOverleg checks the demo's leefomgevingsoverleg: the series and
// its chair, three meetings held with attendance, agendas and decisions,
// the next one planned without an agenda, and action items of every kind
// with exactly one overdue.
func TestSeedOverleg(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
		res, err := demo.Seed(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.SeriesOfWijk(ctx, res.Wijk.ID)
		if err != nil || len(list) != 1 || list[0].Name != demo.OverlegName {
			t.Fatalf("series=%+v, %v", list, err)
		}
		sr := list[0]
		chair, err := s.User(ctx, sr.ChairUserID)
		if err != nil || chair.Email != "voorzitter@example.org" {
			t.Errorf("chair=%s, %v; want voorzitter@example.org", chair.Email, err)
		}
		meetings, err := s.Meetings(ctx, sr.ID)
		if err != nil || len(meetings) != 4 {
			t.Fatalf("%d meetings, %v; want 3 held and 1 planned", len(meetings), err)
		}
		for i, m := range meetings[:3] {
			if !m.Held(now) || len(m.Participants) < 5 {
				t.Errorf("meeting %d: held=%v, %d participants", i, m.Held(now), len(m.Participants))
			}
			present := 0
			for _, p := range m.Participants {
				if p.Attendance == overleg.Present {
					present++
				}
			}
			if present == 0 || present == len(m.Participants) {
				t.Errorf("meeting %d: %d of %d present, want most but not all", i, present, len(m.Participants))
			}
			items, _ := s.AgendaItems(ctx, m.ID)
			decisions, _ := s.Decisions(ctx, m.ID)
			if len(items) == 0 || len(decisions) == 0 {
				t.Errorf("meeting %d: %d agenda items, %d decisions", i, len(items), len(decisions))
			}
		}
		next := meetings[3]
		if next.Held(now) || next.StartsAt.After(now.AddDate(0, 0, 14)) || !next.AgendaPreparedAt.IsZero() || len(next.Participants) == 0 {
			t.Errorf("next meeting %v prepared %v with %d participants; want within two weeks, not prepared, invited", next.StartsAt, next.AgendaPreparedAt, len(next.Participants))
		}
		if items, _ := s.AgendaItems(ctx, next.ID); len(items) != 0 {
			t.Errorf("the next meeting has %d agenda items, want none: the chair prepares it", len(items))
		}
		// The second meeting's agenda carried over the first one's open actions.
		items, _ := s.AgendaItems(ctx, meetings[1].ID)
		carried := 0
		for _, it := range items {
			if it.Kind == overleg.KindAction {
				carried++
			}
		}
		if carried == 0 {
			t.Error("no action carried over to the second meeting's agenda")
		}

		actions, err := s.Actions(ctx, sr.ID)
		if err != nil {
			t.Fatal(err)
		}
		status := map[overleg.ActionStatus]int{}
		overdue := 0
		for _, a := range actions {
			status[a.Status]++
			if overleg.Overdue(a, now) {
				overdue++
			}
		}
		if status[overleg.ActionDone] < 2 || status[overleg.ActionOpen] < 2 || status[overleg.ActionDropped] < 1 || overdue != 1 {
			t.Errorf("actions by status %v, %d overdue; want done, open, dropped and exactly one overdue", status, overdue)
		}
		if subs, _ := s.Subscribers(ctx, sr.ID); len(subs) != 2 {
			t.Errorf("subscribers=%v", subs)
		}
	})
}
