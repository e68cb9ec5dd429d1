package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// benchReportSignals is the size of the wijk the report benchmark uses.
const benchReportSignals = 10_000

// benchReport measures the time to build a monthly report (loading
// meetings, decisions, actions and every signal up to the end of the
// month, then overleg.BuildReport) for a wijk with 10,000 signals: 8,000
// in the month of the report, 2,000 in the month before, a third of them
// solved, four meetings and 200 action items.
func benchReport(b *testing.B, s *store.Store) {
	ctx := b.Context()
	w := wijk.Wijk{Slug: "rapport-bench", Name: "Rapportwijk", CBSCode: "WK099977", CBSYear: 2025, Municipality: "Lindenwaard"}
	if err := s.CreateWijk(ctx, &w); err != nil {
		b.Fatal(err)
	}
	var buurten []wijk.Buurt
	for i := range 4 {
		bu := wijk.Buurt{WijkID: w.ID, Name: fmt.Sprintf("Buurt %d", i), CBSCode: fmt.Sprintf("BU099977%02d", i), CBSYear: 2025}
		if err := s.CreateBuurt(ctx, &bu); err != nil {
			b.Fatal(err)
		}
		buurten = append(buurten, bu)
	}
	var orgs []wijk.Organisation
	for i := range 12 {
		o := wijk.Organisation{WijkID: w.ID, Name: fmt.Sprintf("Partner %02d", i), Form: wijk.FormPartner, Domain: wijk.DomainWelzijn}
		if err := s.CreateOrganisation(ctx, &o); err != nil {
			b.Fatal(err)
		}
		orgs = append(orgs, o)
	}
	chair := account.User{Email: "bench-voorzitter@example.org", DisplayName: "Voorzitter"}
	if err := s.CreateUser(ctx, &chair); err != nil {
		b.Fatal(err)
	}
	if err := s.AddGrant(ctx, &account.Grant{UserID: chair.ID, WijkID: w.ID, Role: account.RoleVoorzitter}); err != nil {
		b.Fatal(err)
	}
	nov, _ := overleg.ParsePeriod("2025-11")
	oct := nov.Prev()
	clock := oct.Start
	s.SetClock(func() time.Time { return clock })
	defer s.SetClock(time.Now)
	sr := overleg.Series{WijkID: w.ID, Name: "Benchoverleg", ChairUserID: chair.ID, Cadence: overleg.Cadence2Weeks, ReportEvery: overleg.Monthly}
	if err := s.CreateSeries(ctx, &sr); err != nil {
		b.Fatal(err)
	}
	themes := signaal.DefaultThemeKeys
	for i := range benchReportSignals {
		// 2,000 spread over October, 8,000 over November.
		if i < 2000 {
			clock = oct.Start.Add(time.Duration(i) * (oct.End.Sub(oct.Start) / 2000))
		} else {
			clock = nov.Start.Add(time.Duration(i-2000) * (nov.End.Sub(nov.Start) / 8000))
		}
		sg := signaal.Signal{WijkID: w.ID, BuurtID: buurten[i%len(buurten)].ID, Theme: themes[i%len(themes)], Source: signaal.SourceResident,
			Title: fmt.Sprintf("Signaal %d", i), CreatedBy: chair.ID}
		if err := s.CreateSignal(ctx, &sg); err != nil {
			b.Fatal(err)
		}
		if i%3 == 0 {
			clock = clock.Add(time.Minute)
			if _, err := s.MoveSignal(ctx, w.ID, sg.ID, signaal.StatusNew, signaal.StatusSolved, "", chair.ID); err != nil {
				b.Fatal(err)
			}
		}
	}
	var meetings []overleg.Meeting
	for _, day := range []int{2, 16, 33, 47} { // two meetings in October, two in November
		start := oct.Start.AddDate(0, 0, day).Add(19 * time.Hour)
		m := overleg.Meeting{SeriesID: sr.ID, WijkID: w.ID, StartsAt: start, EndsAt: start.Add(2 * time.Hour)}
		for _, o := range orgs[:8] {
			m.Participants = append(m.Participants, overleg.Participant{OrganisationID: o.ID})
		}
		if err := s.CreateMeeting(ctx, &m); err != nil {
			b.Fatal(err)
		}
		meetings = append(meetings, m)
		d := overleg.Decision{MeetingID: m.ID, Text: "Besluit van de bijeenkomst."}
		if err := s.AddDecision(ctx, w.ID, sr.ID, &d); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 200 {
		m := meetings[i%len(meetings)]
		a := overleg.Action{SeriesID: sr.ID, WijkID: w.ID, MeetingID: m.ID, OrganisationID: orgs[i%len(orgs)].ID, WithOrgIDs: []string{orgs[(i+1)%len(orgs)].ID},
			What: fmt.Sprintf("Actie %d", i), Due: overleg.Day(m.StartsAt.AddDate(0, 0, 7+i%30))}
		if err := s.CreateAction(ctx, &a); err != nil {
			b.Fatal(err)
		}
	}
	now := nov.End.Add(24 * time.Hour)
	b.ResetTimer()
	var r overleg.Report
	for b.Loop() {
		var err error
		if r, err = s.OverlegReport(ctx, sr, nov, now); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(r.NewSignals) != 8000 || r.PrevNew != 2000 || len(r.Decisions) != 2 {
		b.Fatalf("report: %d new, %d before, %d decisions; want 8000, 2000 and 2", len(r.NewSignals), r.PrevNew, len(r.Decisions))
	}
}

func BenchmarkOverlegReportSQLite(b *testing.B)   { benchReport(b, OpenTestSQLite(b)) }
func BenchmarkOverlegReportPostgres(b *testing.B) { benchReport(b, OpenTestPostgres(b)) }
