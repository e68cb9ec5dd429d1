package store_test

import (
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
)

// TestRetention runs the retention job on a fixed clock: each category's
// personal data goes when its period has passed, open signals keep theirs,
// the aggregates stay, a second run changes nothing, and a wijk's own
// periods are used.
func TestRetention(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		sw := newSignalWijk(t, s, "bewaren")
		day := func(d int) time.Time { return t0.AddDate(0, 0, d) }

		v := sw.visit(time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC))
		if err := s.RecordVisit(t.Context(), &v, &store.NewResident{DisplayName: "Mevrouw Jansen"}, ""); err != nil {
			t.Fatal(err)
		}
		solved := sw.signal("Lekkage in de portiek", "wonen")
		solved.Note, solved.ReporterContact, solved.ReporterUserID, solved.Postcode, solved.HouseNumber = "Al drie keer gemeld", "06-11112222", sw.reporter, "1234AB", 5
		solved = mustSignal(t, s, solved)
		if _, err := s.MoveSignal(t.Context(), sw.w.ID, solved.ID, signaal.StatusNew, signaal.StatusSolved, "", sw.coordinator); err != nil {
			t.Fatal(err)
		}
		open := sw.signal("Overlast hangjongeren", "jongeren")
		open.Note, open.ReporterContact = "Elke avond", "bel 06-33334444"
		open = mustSignal(t, s, open)
		countsBefore, err := s.SignalCountsByBuurt(t.Context(), sw.w.ID, day(-1), day(1))
		if err != nil {
			t.Fatal(err)
		}

		run := func(now time.Time) signaal.RetentionReport {
			t.Helper()
			rep, err := s.ApplyRetention(t.Context(), now)
			if err != nil {
				t.Fatalf("ApplyRetention(%s): %v", now.Format(time.DateOnly), err)
			}
			return rep
		}
		private := func(id string) signaal.Signal {
			t.Helper()
			sg, err := s.SignalPrivate(t.Context(), id, privacy.AuditEntry{ActorID: sw.coordinator})
			if err != nil {
				t.Fatal(err)
			}
			return sg
		}

		if rep := run(day(89)); rep.Total() != 0 {
			t.Errorf("after 89 days: %+v, want nothing deleted", rep)
		}
		// After 90 days the reporter of the solved signal goes, its note stays.
		if rep := run(day(91)); rep != (signaal.RetentionReport{SignalReporter: 1}) {
			t.Errorf("after 91 days: %+v, want the reporter of one signal", rep)
		}
		sg := private(solved.ID)
		if sg.ReporterContact != "" || sg.ReporterUserID != "" || sg.Postcode != "" || sg.HouseNumber != 0 || sg.Note != "Al drie keer gemeld" || sg.PersonalErasedAt.IsZero() {
			t.Errorf("solved signal after 91 days=%+v", sg)
		}
		if mine, _ := s.SignalsOfReporter(t.Context(), sw.w.ID, sw.reporter); len(mine) != 0 {
			t.Errorf("the reporter still finds %d signals", len(mine))
		}
		if rep := run(day(181)); rep != (signaal.RetentionReport{SignalNotes: 1}) {
			t.Errorf("after 181 days: %+v, want the note of one signal", rep)
		}
		if sg := private(solved.ID); sg.Note != "" || sg.Theme != "wonen" || sg.BuurtID != sw.noord.ID || sg.Title != "Lekkage in de portiek" {
			t.Errorf("solved signal after 181 days=%+v", sg)
		}
		// The open signal and the visit's resident are untouched so far.
		if sg := private(open.ID); sg.Note != "Elke avond" || sg.ReporterContact != "bel 06-33334444" {
			t.Errorf("open signal lost its data: %+v", sg)
		}
		// The visit of 2025-03-12: its free text after 365 days.
		if rep := run(time.Date(2026, 3, 12, 12, 0, 0, 0, time.UTC)); rep.VisitNotes != 0 {
			t.Errorf("visit notes deleted on day 365: %+v", rep)
		}
		if rep := run(time.Date(2026, 3, 13, 12, 0, 0, 0, time.UTC)); rep != (signaal.RetentionReport{VisitNotes: 1}) {
			t.Errorf("on day 366: %+v, want the visit's free text", rep)
		}
		pv, err := s.VisitPrivate(t.Context(), v.ID, privacy.AuditEntry{ActorID: sw.coordinator})
		if err != nil || pv.Note != "" || pv.Ideas != "" || pv.HelpWith != "" || pv.PersonID == "" || pv.Postcode != "1234AB" || pv.Scores[signaal.AspectSafety] != 2 {
			t.Errorf("visit after its notes went=%+v, %v", pv, err)
		}

		// The wijk shortens the resident period of visits to a week.
		days, err := s.Retention(t.Context(), sw.w.ID)
		if err != nil || days[signaal.RetainVisitPerson] != 730 {
			t.Fatalf("Retention=%v, %v, want the defaults", days, err)
		}
		days[signaal.RetainVisitPerson] = 7
		if err := s.SetRetention(t.Context(), sw.w.ID, days, sw.coordinator, ""); err != nil {
			t.Fatal(err)
		}
		bad := map[string]int{signaal.RetainVisitNotes: 3}
		wantInvalid(t, s.SetRetention(t.Context(), sw.w.ID, bad, sw.coordinator, ""), signaal.RetainVisitNotes, signaal.RetainVisitPerson, signaal.RetainSignalNotes, signaal.RetainSignalReporter)
		clk.Add(time.Hour)
		if rep := run(time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)); rep != (signaal.RetentionReport{VisitPeople: 1}) {
			t.Errorf("with a week for residents: %+v", rep)
		}
		pv, _ = s.VisitPrivate(t.Context(), v.ID, privacy.AuditEntry{ActorID: sw.coordinator})
		if pv.PersonID != "" || pv.Postcode != "" || pv.HouseNumber != 0 || pv.BuurtID != sw.zuid.ID {
			t.Errorf("visit after its resident went=%+v", pv)
		}
		// A second run changes nothing; the aggregates stay.
		if rep := run(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)); rep.Total() != 0 {
			t.Errorf("second run: %+v", rep)
		}
		countsAfter, err := s.SignalCountsByBuurt(t.Context(), sw.w.ID, day(-1), day(1))
		if err != nil || len(countsAfter) != len(countsBefore) {
			t.Fatalf("counts after=%v, before=%v (%v)", countsAfter, countsBefore, err)
		}
		for b, n := range countsBefore {
			if countsAfter[b] != n {
				t.Errorf("count of %s=%d after retention, want %d", b, countsAfter[b], n)
			}
		}
		log, err := s.AuditAbout(t.Context(), []string{solved.ID}, 20)
		if err != nil {
			t.Fatal(err)
		}
		erasures := 0
		for _, e := range log {
			if e.Action == privacy.ActionErase && e.ActorID == "" {
				erasures++
			}
		}
		if erasures != 2 {
			t.Errorf("%d erase entries by the system about the solved signal, want 2", erasures)
		}
	})
}
