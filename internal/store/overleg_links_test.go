package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
)

// TestOrgsConnected: organisations are connected by taking part in the
// same meeting (not when absent or excused) or by sharing an action item;
// Overlaps leaves connected organisations out.
func TestOrgsConnected(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s)
		ow := newOverlegWijk(t, s, "verbonden")
		A, B, C, D, E := ow.orgs[0].ID, ow.orgs[1].ID, ow.orgs[2].ID, ow.orgs[3].ID, ow.orgs[4].ID
		got, err := s.OrgsConnected(t.Context(), ow.w.ID)
		if err != nil || len(got) != 0 {
			t.Fatalf("nothing yet: %v, %v", got, err)
		}
		// C and D both work on spelen in Noord: an overlap.
		for _, org := range []string{C, D} {
			e := signaal.RegisterEntry{WijkID: ow.w.ID, OrganisationID: org, Theme: "spelen", BuurtID: ow.b1.ID, CreatedBy: ow.member.ID}
			if err := s.AddRegisterEntry(t.Context(), &e); err != nil {
				t.Fatal(err)
			}
		}
		if ov, err := s.Overlaps(t.Context(), ow.w.ID); err != nil || len(ov) != 1 {
			t.Fatalf("Overlaps before they meet: %v, %v; want one", ov, err)
		}

		start := time.Date(2025, 4, 3, 17, 30, 0, 0, time.UTC)
		m := ow.meeting(t, s, start, 0, 1, 2, 3)
		if err := s.SetAttendance(t.Context(), ow.w.ID, ow.series.ID, m.ID, map[string]overleg.Attendance{A: overleg.Present, B: overleg.Present, C: overleg.Present, D: overleg.Excused}); err != nil {
			t.Fatal(err)
		}
		a := overleg.Action{SeriesID: ow.series.ID, WijkID: ow.w.ID, MeetingID: m.ID, OrganisationID: D, WithOrgIDs: []string{E}, What: "Samen een speelmiddag", Due: start.AddDate(0, 1, 0)}
		if err := s.CreateAction(t.Context(), &a); err != nil {
			t.Fatal(err)
		}
		// The other wijk's overleg does not count here.
		other := overleg.Series{WijkID: ow.other.ID, Name: "Elders", ChairUserID: ow.chair.ID, Cadence: overleg.CadenceMonth, ReportEvery: overleg.Monthly}
		mustGrant(t, s, ow.chair.ID, ow.other.ID, "voorzitter", "")
		if err := s.CreateSeries(t.Context(), &other); err != nil {
			t.Fatal(err)
		}

		got, err = s.OrgsConnected(t.Context(), ow.w.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[signaal.OrgPair]bool{signaal.Pair(A, B): true, signaal.Pair(A, C): true, signaal.Pair(B, C): true, signaal.Pair(D, E): true}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("OrgsConnected (-want +got):\n%s", diff)
		}
		// D was excused, so C and D still have not met: still an overlap.
		if ov, _ := s.Overlaps(t.Context(), ow.w.ID); len(ov) != 1 {
			t.Errorf("Overlaps with D excused: %v, want the overlap of C and D", ov)
		}
		// An action they share brings them together.
		b := overleg.Action{SeriesID: ow.series.ID, WijkID: ow.w.ID, MeetingID: m.ID, OrganisationID: C, WithOrgIDs: []string{D}, What: "Speelplein samen aanpakken", Due: start.AddDate(0, 1, 0)}
		if err := s.CreateAction(t.Context(), &b); err != nil {
			t.Fatal(err)
		}
		if ov, _ := s.Overlaps(t.Context(), ow.w.ID); len(ov) != 0 {
			t.Errorf("Overlaps after a shared action: %v, want none", ov)
		}
		if got, _ := s.OrgsConnected(t.Context(), ow.other.ID); len(got) != 0 {
			t.Errorf("the other wijk: %v", got)
		}
	})
}
