package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
)

func TestActions(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		ow := newOverlegWijk(t, s, "acties")
		start := time.Date(2025, 3, 20, 18, 30, 0, 0, time.UTC)
		m1 := ow.meeting(t, s, start, 0, 1)
		sg := signaal.Signal{WijkID: ow.w.ID, BuurtID: ow.b1.ID, Theme: "afval", Source: signaal.SourceResident, Title: "Afval naast de container", CreatedBy: ow.member.ID}
		if err := s.CreateSignal(t.Context(), &sg); err != nil {
			t.Fatal(err)
		}
		item := overleg.AgendaItem{MeetingID: m1.ID, Title: "Handmatig punt", CreatedBy: ow.chair.ID}
		if err := s.AddAgendaItem(t.Context(), ow.w.ID, ow.series.ID, &item); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PrepareAgenda(t.Context(), ow.w.ID, ow.series.ID, m1.ID, ow.chair.ID, nil); err != nil {
			t.Fatal(err)
		}
		items, _ := s.AgendaItems(t.Context(), m1.ID)
		var signalItem overleg.AgendaItem
		for _, it := range items {
			if it.SignalID == sg.ID {
				signalItem = it
			}
		}
		if signalItem.ID == "" {
			t.Fatalf("the signal is not on the agenda: %+v", items)
		}

		a := overleg.Action{SeriesID: ow.series.ID, WijkID: ow.w.ID, MeetingID: m1.ID, AgendaItemID: signalItem.ID, OrganisationID: ow.orgs[1].ID,
			WithOrgIDs: []string{ow.orgs[2].ID, ow.orgs[1].ID, ow.orgs[0].ID}, Person: " Sandra  de Wit ", What: "Container vaker legen",
			Due: time.Date(2025, 4, 15, 0, 0, 0, 0, time.UTC), CreatedBy: ow.chair.ID}
		if err := s.CreateAction(t.Context(), &a); err != nil {
			t.Fatal(err)
		}
		got, err := s.Action(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Recorded before the meeting: it takes effect when recorded.
		want := overleg.Action{ID: a.ID, SeriesID: ow.series.ID, WijkID: ow.w.ID, MeetingID: m1.ID, AgreedAt: clk.Stored(), AgendaItemID: signalItem.ID,
			OrganisationID: ow.orgs[1].ID, WithOrgIDs: slices.Sorted(slices.Values([]string{ow.orgs[0].ID, ow.orgs[2].ID})), Person: "Sandra de Wit", What: "Container vaker legen",
			Due: time.Date(2025, 4, 15, 0, 0, 0, 0, time.UTC), Status: overleg.ActionOpen, SignalID: sg.ID, CreatedBy: ow.chair.ID, CreatedAt: clk.Stored()}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Action round trip (-want +got):\n%s", diff)
		}

		if !a.AgreedAt.Equal(clk.Stored()) {
			t.Errorf("CreateAction set AgreedAt=%v, want %v", a.AgreedAt, clk.Stored())
		}

		// Refused, and nothing stored: an organisation of another wijk, a
		// partner of another wijk working with it, an item of another
		// meeting, a meeting of another series, no deadline.
		m2 := ow.meeting(t, s, start.AddDate(0, 1, 0))
		base := overleg.Action{SeriesID: ow.series.ID, WijkID: ow.w.ID, MeetingID: m1.ID, OrganisationID: ow.orgs[0].ID, What: "Iets doen", Due: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}
		for name, tc := range map[string]struct {
			edit  func(*overleg.Action)
			check func(error)
		}{
			"organisation elsewhere":  {func(a *overleg.Action) { a.OrganisationID = ow.otherOrg.ID }, func(err error) { wantInvalid(t, err, "organisation_id") }},
			"working with elsewhere":  {func(a *overleg.Action) { a.WithOrgIDs = []string{ow.otherOrg.ID} }, func(err error) { wantInvalid(t, err, "with_org_ids") }},
			"item of another meeting": {func(a *overleg.Action) { a.MeetingID, a.AgendaItemID = m2.ID, item.ID }, func(err error) { wantInvalid(t, err, "agenda_item_id") }},
			"wrong wijk":              {func(a *overleg.Action) { a.WijkID = ow.other.ID }, func(err error) { wantCode(t, err, wei.ENOTFOUND) }},
			"no deadline, no what":    {func(a *overleg.Action) { a.Due, a.What = time.Time{}, "" }, func(err error) { wantInvalid(t, err, "due", "what") }},
			"an e-mail as person":     {func(a *overleg.Action) { a.Person = "sandra@example.org" }, func(err error) { wantInvalid(t, err, "person") }},
		} {
			b := base
			tc.edit(&b)
			err := s.CreateAction(t.Context(), &b)
			if err == nil {
				t.Errorf("%s: accepted", name)
				continue
			}
			tc.check(err)
		}
		if list, _ := s.Actions(t.Context(), ow.series.ID); len(list) != 1 {
			t.Fatalf("%d actions after refusals, want 1", len(list))
		}
		// Recorded after the meeting started: agreed at the meeting's start.
		clk.Add(10 * 24 * time.Hour)
		after := base
		if err := s.CreateAction(t.Context(), &after); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Action(t.Context(), after.ID); !got.AgreedAt.Equal(start) || !after.AgreedAt.Equal(start) {
			t.Errorf("recorded after the meeting: AgreedAt=%v (returned %v), want the start %v", got.AgreedAt, after.AgreedAt, start)
		}
		if _, err := s.SetActionStatus(t.Context(), ow.w.ID, ow.series.ID, after.ID, overleg.ActionDropped, ow.chair.ID); err != nil {
			t.Fatal(err)
		}

		// Done, then done again (someone else was first), then reopened.
		clk.Add(time.Hour)
		done, err := s.SetActionStatus(t.Context(), ow.w.ID, ow.series.ID, a.ID, overleg.ActionDone, ow.chair.ID)
		if err != nil {
			t.Fatal(err)
		}
		if done.Status != overleg.ActionDone || !done.ClosedAt.Equal(clk.Stored()) || done.ClosedBy != ow.chair.ID || len(done.WithOrgIDs) != 2 {
			t.Errorf("after done: %+v", done)
		}
		_, err = s.SetActionStatus(t.Context(), ow.w.ID, ow.series.ID, a.ID, overleg.ActionDone, ow.member.ID)
		wantCode(t, err, wei.ECONFLICT)
		_, err = s.SetActionStatus(t.Context(), ow.other.ID, ow.series.ID, a.ID, overleg.ActionOpen, ow.member.ID)
		wantCode(t, err, wei.ENOTFOUND)
		_, err = s.SetActionStatus(t.Context(), ow.w.ID, ow.series.ID, a.ID, "finished", ow.member.ID)
		wantInvalid(t, err, "status")
		again, err := s.SetActionStatus(t.Context(), ow.w.ID, ow.series.ID, a.ID, overleg.ActionOpen, ow.member.ID)
		if err != nil || again.Status != overleg.ActionOpen || !again.ClosedAt.IsZero() || again.ClosedBy != "" {
			t.Errorf("reopened: %+v, %v", again, err)
		}

		// The action carries over to the next meeting, not to its own.
		list, err := s.Actions(t.Context(), ow.series.ID)
		if err != nil {
			t.Fatal(err)
		}
		m2full, _ := s.Meeting(t.Context(), m2.ID)
		if c := overleg.CarryOver(list, m2full); len(c) != 1 || c[0].ID != a.ID {
			t.Errorf("CarryOver to the next meeting: %+v", c)
		}
		if c := overleg.CarryOver(list, m1); len(c) != 0 {
			t.Errorf("CarryOver to its own meeting: %+v", c)
		}
	})
}
