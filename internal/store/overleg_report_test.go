package store_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
)

func TestOverlegReport(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s) // 14 March 2025
		ow := newOverlegWijk(t, s, "rapport")
		march, _ := overleg.ParsePeriod("2025-03")

		// Without meetings the report is valid and says so.
		r, err := s.OverlegReport(t.Context(), ow.series, march, clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if !r.NoMeetings || len(r.Meetings) != 0 || len(r.NewSignals) != 0 {
			t.Errorf("empty series: %+v", r)
		}

		for i := range 6 {
			sg := signaal.Signal{WijkID: ow.w.ID, BuurtID: ow.b1.ID, Theme: "groen", Source: signaal.SourceResident, Title: fmt.Sprintf("Signaal %d", i), CreatedBy: ow.member.ID}
			if err := s.CreateSignal(t.Context(), &sg); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				if _, err := s.MoveSignal(t.Context(), ow.w.ID, sg.ID, signaal.StatusNew, signaal.StatusSolved, "", ow.member.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		m := ow.meeting(t, s, time.Date(2025, 3, 20, 18, 30, 0, 0, time.UTC), 0, 1)
		d := overleg.Decision{MeetingID: m.ID, Text: "We maken een groenplan.", CreatedBy: ow.chair.ID}
		if err := s.AddDecision(t.Context(), ow.w.ID, ow.series.ID, &d); err != nil {
			t.Fatal(err)
		}
		late := overleg.Action{SeriesID: ow.series.ID, WijkID: ow.w.ID, MeetingID: m.ID, OrganisationID: ow.orgs[0].ID, What: "Groenplan schrijven", Due: time.Date(2025, 3, 25, 0, 0, 0, 0, time.UTC)}
		if err := s.CreateAction(t.Context(), &late); err != nil {
			t.Fatal(err)
		}
		r, err = s.OverlegReport(t.Context(), ow.series, march, time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if r.NoMeetings || len(r.Meetings) != 1 || len(r.Decisions) != 1 || len(r.Overdue) != 1 || r.Overdue[0].ID != late.ID {
			t.Errorf("report: meetings %d decisions %d overdue %v", len(r.Meetings), len(r.Decisions), r.Overdue)
		}
		if len(r.NewSignals) != 6 || len(r.SolvedSignals) != 1 || len(r.Themes) != 1 || r.Themes[0].Now != 6 {
			t.Errorf("signals: new %d solved %d themes %+v", len(r.NewSignals), len(r.SolvedSignals), r.Themes)
		}
		if len(r.WhoDoesWhat) != 1 || r.WhoDoesWhat[0].OrganisationID != ow.orgs[0].ID {
			t.Errorf("who does what: %+v", r.WhoDoesWhat)
		}
		orgs, err := s.SeriesOrganisations(t.Context(), ow.series.ID)
		if err != nil || len(orgs) != 2 || !orgs[ow.orgs[0].ID] || !orgs[ow.orgs[1].ID] {
			t.Errorf("SeriesOrganisations=%v, %v", orgs, err)
		}
	})
}

// TestClaimReportSend: of many instances trying at once, exactly one may
// send a period's report.
func TestClaimReportSend(t *testing.T) {
	t.Parallel()
	race := func(t *testing.T, handles []*store.Store, seriesID string) {
		for _, period := range []string{"2025-03", "2025-04", "2025-W14"} {
			var wg sync.WaitGroup
			var mu sync.Mutex
			winners := 0
			start := make(chan struct{})
			for _, s := range handles {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					ok, err := s.ClaimReportSend(t.Context(), seriesID, period)
					if err != nil {
						t.Errorf("ClaimReportSend: %v", err)
						return
					}
					if ok {
						mu.Lock()
						winners++
						mu.Unlock()
					}
				}()
			}
			close(start)
			wg.Wait()
			if winners != 1 {
				t.Fatalf("%s: %d instances claimed the report, want exactly 1", period, winners)
			}
			if err := handles[0].FinishReportSend(t.Context(), seriesID, period, 3, ""); err != nil {
				t.Fatal(err)
			}
		}
		if ok, err := handles[1].ClaimReportSend(t.Context(), seriesID, "2025-03"); ok || err != nil {
			t.Errorf("claiming a sent period again: %v, %v", ok, err)
		}
		sends, err := handles[0].ReportSends(t.Context(), seriesID)
		if err != nil || len(sends) != 3 || sends[0].Period != "2025-W14" || sends[0].Recipients != 3 || sends[0].SentAt.IsZero() {
			t.Errorf("ReportSends=%+v, %v", sends, err)
		}
		if err := handles[0].FinishReportSend(t.Context(), seriesID, "2030-01", 1, ""); err == nil {
			t.Error("finishing a period that was never claimed")
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "wei.db")
		first := openSQLiteAt(t, path)
		if _, err := first.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		ow := newOverlegWijk(t, first, "claim")
		handles := []*store.Store{first}
		for range 7 {
			handles = append(handles, openSQLiteAt(t, path))
		}
		race(t, handles, ow.series.ID)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		handles := openPostgresHandles(t, 10)
		ow := newOverlegWijk(t, handles[0], "claim")
		race(t, handles, ow.series.ID)
	})
}
