package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
)

func TestMeetings(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s)
		ow := newOverlegWijk(t, s, "bijeenkomst")
		start := time.Date(2025, 4, 3, 17, 30, 0, 0, time.UTC)
		m1 := ow.meeting(t, s, start, 0, 1, 2)
		got, err := s.Meeting(t.Context(), m1.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.StartsAt.Equal(start) || !got.EndsAt.Equal(start.Add(2*time.Hour)) || got.Place != "Buurthuis" || len(got.Participants) != 3 {
			t.Fatalf("Meeting round trip: %+v", got)
		}
		for _, p := range got.Participants {
			if p.Attendance != overleg.AttendanceUnknown {
				t.Errorf("new participant %s attendance %q, want unknown", p.OrganisationID, p.Attendance)
			}
		}

		// Two meetings of a series at once: refused.
		clash := overleg.Meeting{SeriesID: ow.series.ID, WijkID: ow.w.ID, StartsAt: start.Add(time.Hour), EndsAt: start.Add(3 * time.Hour)}
		err = s.CreateMeeting(t.Context(), &clash)
		wantCode(t, err, wei.ECONFLICT)
		// A meeting of a series of another wijk, an organisation of another
		// wijk, a meeting ending before it starts: refused, nothing stored.
		wrong := overleg.Meeting{SeriesID: ow.series.ID, WijkID: ow.other.ID, StartsAt: start.AddDate(0, 1, 0), EndsAt: start.AddDate(0, 1, 0).Add(time.Hour)}
		wantCode(t, s.CreateMeeting(t.Context(), &wrong), wei.ENOTFOUND)
		foreign := overleg.Meeting{SeriesID: ow.series.ID, WijkID: ow.w.ID, StartsAt: start.AddDate(0, 1, 0), EndsAt: start.AddDate(0, 1, 0).Add(time.Hour),
			Participants: []overleg.Participant{{OrganisationID: ow.orgs[0].ID}, {OrganisationID: ow.otherOrg.ID}}}
		wantInvalid(t, s.CreateMeeting(t.Context(), &foreign), "organisation_id")
		backwards := overleg.Meeting{SeriesID: ow.series.ID, WijkID: ow.w.ID, StartsAt: start.AddDate(0, 1, 0), EndsAt: start.AddDate(0, 1, 0).Add(-time.Hour)}
		wantInvalid(t, s.CreateMeeting(t.Context(), &backwards), "end")
		if list, _ := s.Meetings(t.Context(), ow.series.ID); len(list) != 1 {
			t.Fatalf("after refused meetings: %d meetings, want 1", len(list))
		}

		// The next meeting invites the organisations of the one before.
		m2 := ow.meeting(t, s, start.AddDate(0, 1, 0))
		got2, _ := s.Meeting(t.Context(), m2.ID)
		var invited []string
		for _, p := range got2.Participants {
			invited = append(invited, p.OrganisationID)
		}
		if diff := cmp.Diff([]string{ow.orgs[0].ID, ow.orgs[1].ID, ow.orgs[2].ID}, invited); diff != "" {
			t.Errorf("participants carried over (-want +got):\n%s", diff)
		}

		// Invitations and attendance.
		if err := s.AddParticipant(t.Context(), ow.w.ID, ow.series.ID, m1.ID, ow.orgs[3].ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.AddParticipant(t.Context(), ow.w.ID, ow.series.ID, m1.ID, ow.orgs[3].ID), wei.ECONFLICT)
		wantInvalid(t, s.AddParticipant(t.Context(), ow.w.ID, ow.series.ID, m1.ID, ow.otherOrg.ID), "organisation_id")
		wantCode(t, s.AddParticipant(t.Context(), ow.other.ID, ow.series.ID, m1.ID, ow.orgs[4].ID), wei.ENOTFOUND)
		att := map[string]overleg.Attendance{ow.orgs[0].ID: overleg.Present, ow.orgs[1].ID: overleg.Excused, ow.orgs[2].ID: overleg.Absent}
		if err := s.SetAttendance(t.Context(), ow.w.ID, ow.series.ID, m1.ID, att); err != nil {
			t.Fatal(err)
		}
		// All or nothing: one organisation that is not invited spoils the lot.
		err = s.SetAttendance(t.Context(), ow.w.ID, ow.series.ID, m1.ID, map[string]overleg.Attendance{ow.orgs[3].ID: overleg.Present, ow.orgs[4].ID: overleg.Present})
		if wei.ErrorCode(err) != wei.EINVALID {
			t.Errorf("attendance of an organisation not invited: err=%v", err)
		}
		wantInvalid(t, s.SetAttendance(t.Context(), ow.w.ID, ow.series.ID, m1.ID, map[string]overleg.Attendance{ow.orgs[3].ID: "maybe"}), "attendance_"+ow.orgs[3].ID)
		got, _ = s.Meeting(t.Context(), m1.ID)
		gotAtt := map[string]overleg.Attendance{}
		for _, p := range got.Participants {
			gotAtt[p.OrganisationID] = p.Attendance
		}
		att[ow.orgs[3].ID] = overleg.AttendanceUnknown
		if diff := cmp.Diff(att, gotAtt); diff != "" {
			t.Errorf("attendance (-want +got):\n%s", diff)
		}
		if err := s.RemoveParticipant(t.Context(), ow.w.ID, ow.series.ID, m1.ID, ow.orgs[3].ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.RemoveParticipant(t.Context(), ow.w.ID, ow.series.ID, m1.ID, ow.orgs[3].ID), wei.ENOTFOUND)
	})
}

// TestPrepareAgenda: the chair prepares the next meeting from the signals
// since the previous one, the open actions and the overlaps; preparing
// again adds nothing, and keeps what the chair changed.
func TestPrepareAgenda(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s) // 14 March 2025
		ow := newOverlegWijk(t, s, "agenda")
		sig := func(title, urgency string) signaal.Signal {
			sg := signaal.Signal{WijkID: ow.w.ID, BuurtID: ow.b1.ID, Theme: "groen", Urgency: urgency, Source: signaal.SourceResident, Title: title, CreatedBy: ow.member.ID}
			if err := s.CreateSignal(t.Context(), &sg); err != nil {
				t.Fatalf("CreateSignal(%s): %v", title, err)
			}
			return sg
		}
		old := sig("Losliggende stoeptegels", signaal.UrgencyNormal) // 14 March: stale by May
		clk.Add(14 * 24 * time.Hour)
		m1 := ow.meeting(t, s, clk.Now().Add(time.Hour), 0, 1) // 28 March
		clk.Add(7 * 24 * time.Hour)
		fresh := sig("Zwerfvuil bij de school", signaal.UrgencyHigh) // 4 April: new since m1
		acute := sig("Gevaarlijke kruising", signaal.UrgencyAcute)
		solved := sig("Kapotte lantaarn", signaal.UrgencyNormal)
		if _, err := s.MoveSignal(t.Context(), ow.w.ID, solved.ID, signaal.StatusNew, signaal.StatusSolved, "", ow.member.ID); err != nil {
			t.Fatal(err)
		}
		action := overleg.Action{SeriesID: ow.series.ID, WijkID: ow.w.ID, MeetingID: m1.ID, OrganisationID: ow.orgs[0].ID, What: "Bankjes plaatsen", Due: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), CreatedBy: ow.chair.ID}
		if err := s.CreateAction(t.Context(), &action); err != nil {
			t.Fatal(err)
		}
		// C and D both work on spelen in Zuid, and have never met.
		for _, i := range []int{2, 3} {
			e := signaal.RegisterEntry{WijkID: ow.w.ID, OrganisationID: ow.orgs[i].ID, Theme: "spelen", BuurtID: ow.b2.ID, CreatedBy: ow.member.ID}
			if err := s.AddRegisterEntry(t.Context(), &e); err != nil {
				t.Fatal(err)
			}
		}
		clk.Add(30 * 24 * time.Hour) // 4 May
		m2 := ow.meeting(t, s, clk.Now().Add(48*time.Hour))

		prep, err := s.PrepareAgenda(t.Context(), ow.w.ID, ow.series.ID, m2.ID, ow.chair.ID, func(o signaal.Overlap) string { return "Overlap " + o.Theme })
		if err != nil {
			t.Fatal(err)
		}
		items, err := s.AgendaItems(t.Context(), m2.ID)
		if err != nil {
			t.Fatal(err)
		}
		type line struct {
			Pos   int
			Kind  overleg.ItemKind
			Title string
		}
		var got []line
		for _, it := range items {
			got = append(got, line{it.Position, it.Kind, it.Title})
		}
		want := []line{
			{1, overleg.KindAction, "Bankjes plaatsen"},
			{2, overleg.KindSignalNew, acute.Title},
			{3, overleg.KindSignalNew, fresh.Title},
			{4, overleg.KindSignalOpen, old.Title},
			{5, overleg.KindOverlap, "Overlap spelen"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("prepared agenda (-want +got):\n%s", diff)
		}
		if prep.Added != 5 || prep.Total != 5 {
			t.Errorf("PrepareAgenda=%+v, want 5 added of 5", prep)
		}
		if items[1].SignalID != acute.ID || items[0].ActionID != action.ID || items[4].BuurtID != ow.b2.ID || len(items[4].OrgIDs) != 2 {
			t.Errorf("items do not point at their sources: %+v", items)
		}
		if m, _ := s.Meeting(t.Context(), m2.ID); m.AgendaPreparedAt.IsZero() {
			t.Error("AgendaPreparedAt not set")
		}

		// The chair removes the stale signal, adds an item, moves it up.
		wantCode(t, s.MoveAgendaItem(t.Context(), ow.w.ID, ow.series.ID, m2.ID, items[0].ID, -1), wei.EINVALID)
		if err := s.SetAgendaItemRemoved(t.Context(), ow.w.ID, ow.series.ID, m2.ID, items[3].ID, true); err != nil {
			t.Fatal(err)
		}
		own := overleg.AgendaItem{MeetingID: m2.ID, Title: "Rondvraag", CreatedBy: ow.chair.ID}
		if err := s.AddAgendaItem(t.Context(), ow.w.ID, ow.series.ID, &own); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, s.AddAgendaItem(t.Context(), ow.w.ID, ow.series.ID, &overleg.AgendaItem{MeetingID: m2.ID, Title: " "}), "title")
		if err := s.MoveAgendaItem(t.Context(), ow.w.ID, ow.series.ID, m2.ID, own.ID, -1); err != nil {
			t.Fatal(err)
		}

		// A new signal arrives; preparing again adds only that one.
		clk.Add(time.Hour)
		late := sig("Overlast jongeren", signaal.UrgencyNormal)
		prep, err = s.PrepareAgenda(t.Context(), ow.w.ID, ow.series.ID, m2.ID, ow.chair.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if prep.Added != 1 || prep.Total != 6 {
			t.Errorf("second PrepareAgenda=%+v, want 1 added of 6", prep)
		}
		items, _ = s.AgendaItems(t.Context(), m2.ID)
		var titles []string
		for _, it := range items {
			if !it.Removed {
				titles = append(titles, it.Title)
			}
		}
		wantTitles := []string{"Bankjes plaatsen", acute.Title, fresh.Title, "Rondvraag", "Overlap spelen", late.Title}
		if diff := cmp.Diff(wantTitles, titles); diff != "" {
			t.Errorf("agenda after changes and a second preparation (-want +got):\n%s", diff)
		}
		if last := items[len(items)-1]; !last.Removed || last.Title != old.Title {
			t.Errorf("the removed item is not kept last as removed: %+v", last)
		}

		// Decisions, on an item and on the meeting as a whole.
		d1 := overleg.Decision{MeetingID: m2.ID, AgendaItemID: items[1].ID, Text: "De gemeente kijkt naar de kruising.", CreatedBy: ow.chair.ID}
		if err := s.AddDecision(t.Context(), ow.w.ID, ow.series.ID, &d1); err != nil {
			t.Fatal(err)
		}
		d2 := overleg.Decision{MeetingID: m2.ID, Text: "Volgende keer in de school.", CreatedBy: ow.chair.ID}
		if err := s.AddDecision(t.Context(), ow.w.ID, ow.series.ID, &d2); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, s.AddDecision(t.Context(), ow.w.ID, ow.series.ID, &overleg.Decision{MeetingID: m2.ID, AgendaItemID: items[len(items)-1].ID, Text: "Over een weggehaald punt"}), "agenda_item_id")
		wantInvalid(t, s.AddDecision(t.Context(), ow.w.ID, ow.series.ID, &overleg.Decision{MeetingID: m1.ID, AgendaItemID: items[1].ID, Text: "Over een punt van een andere bijeenkomst"}), "agenda_item_id")
		wantInvalid(t, s.AddDecision(t.Context(), ow.w.ID, ow.series.ID, &overleg.Decision{MeetingID: m2.ID, Text: "  "}), "text")
		dec, err := s.Decisions(t.Context(), m2.ID)
		if err != nil || len(dec) != 2 || dec[0].AgendaItemID != items[1].ID || dec[1].AgendaItemID != "" {
			t.Fatalf("Decisions=%+v, %v", dec, err)
		}
		// An item with a decision cannot be removed.
		wantInvalid(t, s.SetAgendaItemRemoved(t.Context(), ow.w.ID, ow.series.ID, m2.ID, items[1].ID, true), "item")
		// Another wijk cannot touch this agenda.
		wantCode(t, s.MoveAgendaItem(t.Context(), ow.other.ID, ow.series.ID, m2.ID, items[2].ID, -1), wei.ENOTFOUND)
		if _, err := s.PrepareAgenda(t.Context(), ow.other.ID, ow.series.ID, m2.ID, ow.chair.ID, nil); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("PrepareAgenda through another wijk: err=%v", err)
		}
	})
}
