package demo_test

import (
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/signaal"
)

// TestSeedSignals checks the demo's signals, house visits and register:
// enough of each, placed by address, in every status, grouped, with
// overlaps and with counts big enough for the public overview.
func TestSeedSignals(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
		res, err := demo.Seed(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		w := res.Wijk.ID
		all, err := s.Signals(ctx, w, store.SignalFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) < 40 || len(all) > 80 {
			t.Errorf("%d signals, want a few dozen", len(all))
		}
		status, source := map[string]int{}, map[string]int{}
		grouped := 0
		for _, sg := range all {
			status[sg.Status]++
			source[sg.Source]++
			if sg.GroupID != "" {
				grouped++
			}
			if sg.CreatedAt.After(now) || sg.CreatedAt.Before(now.AddDate(0, -7, 0)) {
				t.Errorf("signal %q made on %s, want within the last half year", sg.Title, sg.CreatedAt)
			}
		}
		for _, st := range signaal.Statuses {
			if status[st] == 0 {
				t.Errorf("no signal with status %s (%v)", st, status)
			}
		}
		for _, so := range signaal.Sources {
			if source[so] == 0 {
				t.Errorf("no signal from source %s (%v)", so, source)
			}
		}
		if grouped < 4 {
			t.Errorf("%d grouped signals, want two groups", grouped)
		}
		// Every buurt has a theme with at least five signals this year, so
		// the public overview shows numbers.
		counts, err := s.SignalCountsByBuurtTheme(ctx, w, now.AddDate(-1, 0, 0), now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		bs, _ := s.Buurten(ctx, w)
		for _, b := range bs {
			big := false
			for _, n := range counts[b.ID] {
				big = big || n >= signaal.MinCell
			}
			if !big {
				t.Errorf("buurt %s has no theme with %d signals: %v", b.Name, signaal.MinCell, counts[b.ID])
			}
		}
		u, err := s.UserByEmail(ctx, "bewoner@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if mine, _ := s.SignalsOfReporter(ctx, w, u.ID); len(mine) < 2 {
			t.Errorf("the demo bewoner has %d signals of her own", len(mine))
		}

		visits, err := s.Visits(ctx, w)
		if err != nil || len(visits) != 10 {
			t.Fatalf("%d visits (%v), want 10", len(visits), err)
		}
		known, joined := 0, 0
		for _, v := range visits {
			if v.PersonID != "" {
				known++
			}
			if v.InitiativeID != "" {
				joined++
				events, _ := s.PeopleEventsOfPerson(ctx, v.PersonID)
				found := false
				for _, e := range events {
					found = found || (e.Kind == proces.Instroom && e.InitiativeID == v.InitiativeID && e.On.Equal(v.VisitedOn))
				}
				if !found {
					t.Errorf("the visit's resident did not flow into the initiative: %+v", events)
				}
			}
		}
		if known < 4 || joined != 1 {
			t.Errorf("visits with a known resident=%d, joined=%d", known, joined)
		}

		ov, err := s.Overlaps(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		if len(ov) == 0 {
			t.Error("the demo register has no overlap")
		}
	})
}
