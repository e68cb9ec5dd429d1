package store_test

import (
	"strings"
	"testing"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// TestSignalsExportAndErase: the AVG download holds the signals a user
// reported and the signals and house visits about their resident records;
// erasing the account removes the personal data from them while the
// signals themselves (theme, buurt, status) stay for the counts.
func TestSignalsExportAndErase(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		ctx := t.Context()
		sw := newSignalWijk(t, s, "avg")
		user := mustUser(t, s, "karin@example.org", "Karin")
		p := wijk.Person{WijkID: sw.w.ID, UserID: user.ID, DisplayName: "Karin Bakker", ConsentBy: sw.coordinator, ConsentAt: clk.Now()}
		if err := s.CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		own := sw.signal("Kapotte lantaarn", "veiligheid")
		own.ReporterUserID, own.ReporterContact, own.Note, own.Postcode, own.HouseNumber = user.ID, "06-11112222", "Bij de ingang van nummer 5", "1234AB", 5
		own = mustSignal(t, s, own)
		about := sw.signal("Eenzaam sinds de verhuizing", "eenzaamheid")
		about.PersonID, about.Note = p.ID, "Woont alleen, dochter in Groningen"
		about = mustSignal(t, s, about)
		other := mustSignal(t, s, sw.signal("Zwerfvuil bij de speeltuin", "afval"))
		v := signaal.Visit{WijkID: sw.w.ID, BuurtID: sw.noord.ID, PersonID: p.ID, VisitedOn: clk.Now(), Postcode: "1234AB", HouseNumber: 7,
			ConsentHow: "verbal", ConsentBy: sw.coordinator, ConsentAt: clk.Now(), Scores: map[string]int{"safety": 4}, Ideas: "Een buurtmoestuin",
			Note: "Slecht ter been", RecordedBy: sw.coordinator}
		if err := s.RecordVisit(ctx, &v, nil, "req-visit"); err != nil {
			t.Fatal(err)
		}

		x, err := s.ExportUser(ctx, user.ID, "req-export")
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, e := range x.Signals {
			titles = append(titles, e.Title)
		}
		if got := strings.Join(titles, "|"); got != "Kapotte lantaarn|Eenzaam sinds de verhuizing" {
			t.Errorf("exported signals %q, want the reported one and the one about the resident, not %q", got, other.Title)
		}
		if len(x.Signals) == 2 && (x.Signals[0].Contact != "06-11112222" || x.Signals[1].Note != about.Note) {
			t.Errorf("exported signals lack their personal data: %+v", x.Signals)
		}
		if len(x.Visits) != 1 || x.Visits[0].Note != "Slecht ter been" || x.Visits[0].Ideas != "Een buurtmoestuin" || x.Visits[0].Scores.Safety != 4 {
			t.Errorf("exported visits %+v, want the one visit with its answers", x.Visits)
		}

		if err := s.EraseUser(ctx, user.ID, user.ID, "req-erase"); err != nil {
			t.Fatal(err)
		}
		read := privacy.AuditEntry{ActorID: sw.coordinator, WijkID: sw.w.ID, RequestID: "req-check"}
		for _, id := range []string{own.ID, about.ID} {
			sg, err := s.SignalPrivate(ctx, id, read)
			if err != nil {
				t.Fatal(err)
			}
			if sg.Note != "" || sg.ReporterUserID != "" || sg.ReporterContact != "" || sg.PersonID != "" || sg.Postcode != "" || sg.HouseNumber != 0 {
				t.Errorf("signal %q keeps personal data after erasure: %+v", sg.Title, sg)
			}
			if sg.Theme == "" || sg.BuurtID != sw.noord.ID {
				t.Errorf("signal %q lost its theme or buurt: %+v", sg.Title, sg)
			}
		}
		if sg, err := s.SignalPrivate(ctx, other.ID, read); err != nil || sg.Title != other.Title {
			t.Errorf("another resident's signal changed: %+v, %v", sg, err)
		}
		got, err := s.VisitPrivate(ctx, v.ID, read)
		if err != nil {
			t.Fatal(err)
		}
		if got.PersonID != "" || got.Note != "" || got.Ideas != "" || got.Postcode != "" || got.HouseNumber != 0 {
			t.Errorf("visit keeps personal data after erasure: %+v", got)
		}
	})
}

// TestEraseUserEndsReportSubscriptions: an erased account's address no
// longer receives the overleg's periodic reports; other subscribers stay.
func TestEraseUserEndsReportSubscriptions(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		ow := newOverlegWijk(t, s, "avg-overleg")
		user := mustUser(t, s, "Wethouder@Example.org", "Wethouder")
		for _, addr := range []string{"wethouder@example.org", "ambtenaar@example.org"} {
			if err := s.AddSubscriber(ctx, ow.w.ID, ow.series.ID, addr, ow.chair.ID, "req-sub"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.EraseUser(ctx, user.ID, user.ID, "req-erase"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Subscribers(ctx, ow.series.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, ",") != "ambtenaar@example.org" {
			t.Errorf("subscribers after erasure = %v, want only ambtenaar@example.org", got)
		}
	})
}
