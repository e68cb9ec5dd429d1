package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/wijk"
)

// overlegWijk is a wijk with two buurten, five partner organisations, a
// chair with the voorzitter role and a series; and another wijk with an
// organisation of its own.
type overlegWijk struct {
	w, other      wijk.Wijk
	b1, b2        wijk.Buurt
	orgs          []wijk.Organisation // A, B, C, D, E
	otherOrg      wijk.Organisation
	chair, member account.User
	series        overleg.Series
}

func newOverlegWijk(t *testing.T, s *store.Store, slug string) overlegWijk {
	t.Helper()
	ow := overlegWijk{w: mustWijk(t, s, slug, "Wijk "+slug), other: mustWijk(t, s, slug+"-ander", "Andere wijk")}
	ow.b1, ow.b2 = mustBuurt(t, s, ow.w.ID, "Noord"), mustBuurt(t, s, ow.w.ID, "Zuid")
	for _, n := range []string{"A Gemeente", "B Woonstichting", "C Welzijn", "D Bakkerij", "E School"} {
		ow.orgs = append(ow.orgs, mustOrganisation(t, s, ow.w.ID, n, wijk.FormPartner))
	}
	ow.otherOrg = mustOrganisation(t, s, ow.other.ID, "Elders", wijk.FormPartner)
	ow.chair = mustUser(t, s, slug+"-voorzitter@example.org", "Voorzitter")
	mustGrant(t, s, ow.chair.ID, ow.w.ID, account.RoleVoorzitter, "")
	ow.member = mustUser(t, s, slug+"-pm@example.org", "Procesmanager")
	mustGrant(t, s, ow.member.ID, ow.w.ID, account.RoleProcesmanager, "")
	ow.series = overleg.Series{WijkID: ow.w.ID, Name: "Leefomgevingsoverleg " + slug, ChairUserID: ow.chair.ID, Cadence: overleg.CadenceMonth, ReportEvery: overleg.Monthly, CreatedBy: ow.member.ID}
	if err := s.CreateSeries(t.Context(), &ow.series); err != nil {
		t.Fatalf("CreateSeries: %v", err)
	}
	return ow
}

// meeting plans a meeting of the series at start, two hours long, with
// the organisations (indexes into ow.orgs) invited.
func (ow overlegWijk) meeting(t *testing.T, s *store.Store, start time.Time, orgs ...int) overleg.Meeting {
	t.Helper()
	m := overleg.Meeting{SeriesID: ow.series.ID, WijkID: ow.w.ID, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Place: "Buurthuis", CreatedBy: ow.chair.ID}
	for _, i := range orgs {
		m.Participants = append(m.Participants, overleg.Participant{OrganisationID: ow.orgs[i].ID})
	}
	if err := s.CreateMeeting(t.Context(), &m); err != nil {
		t.Fatalf("CreateMeeting(%v): %v", start, err)
	}
	return m
}

func TestSeries(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		ow := newOverlegWijk(t, s, "reeks")
		got, err := s.Series(t.Context(), ow.series.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := ow.series
		want.CreatedAt = clk.Stored()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Series round trip (-want +got):\n%s", diff)
		}
		if got.StaleWeeks != overleg.DefaultStaleWeeks {
			t.Errorf("StaleWeeks=%d, want the default %d", got.StaleWeeks, overleg.DefaultStaleWeeks)
		}

		// The chair must be a voorzitter of this wijk: not the process
		// manager, not a voorzitter of another wijk.
		otherChair := mustUser(t, s, "elders-voorzitter@example.org", "Andere voorzitter")
		mustGrant(t, s, otherChair.ID, ow.other.ID, account.RoleVoorzitter, "")
		for _, chair := range []string{ow.member.ID, otherChair.ID, "no-such-user"} {
			sr := overleg.Series{WijkID: ow.w.ID, Name: "Tweede overleg", ChairUserID: chair, Cadence: overleg.CadenceWeek, ReportEvery: overleg.Weekly}
			wantInvalid(t, s.CreateSeries(t.Context(), &sr), "chair_user_id")
		}
		dup := overleg.Series{WijkID: ow.w.ID, Name: " leefomgevingsoverleg reeks", ChairUserID: ow.chair.ID, Cadence: overleg.CadenceWeek, ReportEvery: overleg.Weekly}
		if err := s.CreateSeries(t.Context(), &dup); err != nil {
			t.Fatalf("a name differing in case: %v", err) // names are compared as written
		}
		dup.ID, dup.Name = "", "Leefomgevingsoverleg reeks"
		err = s.CreateSeries(t.Context(), &dup)
		wantCode(t, err, wei.ECONFLICT)
		if e := err.(*wei.Error); e.Fields["name"] == "" {
			t.Errorf("duplicate name: fields=%v, want a message on name", e.Fields)
		}
		bad := overleg.Series{WijkID: ow.w.ID, Name: "x", ChairUserID: ow.chair.ID, Cadence: "daily", ReportEvery: "year", StaleWeeks: 99}
		wantInvalid(t, s.CreateSeries(t.Context(), &bad), "name", "cadence", "report_every", "stale_weeks")

		list, err := s.SeriesOfWijk(t.Context(), ow.w.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("SeriesOfWijk=%d series, err=%v; want 2", len(list), err)
		}
		if other, _ := s.SeriesOfWijk(t.Context(), ow.other.ID); len(other) != 0 {
			t.Errorf("the other wijk lists %d series", len(other))
		}

		upd := got
		upd.Name, upd.Cadence, upd.ReportEvery, upd.StaleWeeks = "Overleg Noord", overleg.Cadence6Weeks, overleg.Weekly, 8
		if err := s.UpdateSeries(t.Context(), &upd); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Series(t.Context(), ow.series.ID); again.Name != "Overleg Noord" || again.Cadence != overleg.Cadence6Weeks || again.StaleWeeks != 8 || again.ReportEvery != overleg.Weekly {
			t.Errorf("after UpdateSeries: %+v", again)
		}
		upd.WijkID = ow.other.ID
		if err := s.UpdateSeries(t.Context(), &upd); err == nil {
			t.Error("UpdateSeries moved a series to another wijk")
		}
		if _, err := s.Series(t.Context(), "nope"); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("Series(nope) err=%v, want ENOTFOUND", err)
		}
	})
}

func TestSeriesFeedToken(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ow := newOverlegWijk(t, s, "feed")
		if _, err := s.SeriesByFeedToken(t.Context(), ow.series.ID, ""); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("no feed yet: err=%v, want ENOTFOUND", err)
		}
		tok, err := s.NewFeedToken(t.Context(), ow.w.ID, ow.series.ID)
		if err != nil || len(tok) < 40 {
			t.Fatalf("NewFeedToken=%q, %v", tok, err)
		}
		if sr, err := s.SeriesByFeedToken(t.Context(), ow.series.ID, tok); err != nil || sr.ID != ow.series.ID || !sr.HasFeed {
			t.Fatalf("SeriesByFeedToken: %+v, %v", sr, err)
		}
		for _, bad := range []string{"", tok[:len(tok)-1], strings.ToUpper(tok), tok + "0"} {
			if _, err := s.SeriesByFeedToken(t.Context(), ow.series.ID, bad); wei.ErrorCode(err) != wei.ENOTFOUND {
				t.Errorf("token %q: err=%v, want ENOTFOUND", bad, err)
			}
		}
		newTok, err := s.NewFeedToken(t.Context(), ow.w.ID, ow.series.ID)
		if err != nil || newTok == tok {
			t.Fatalf("second NewFeedToken=%q, %v", newTok, err)
		}
		if _, err := s.SeriesByFeedToken(t.Context(), ow.series.ID, tok); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("the old token still works: err=%v", err)
		}
		if _, err := s.SeriesByFeedToken(t.Context(), ow.series.ID, newTok); err != nil {
			t.Errorf("the new token: %v", err)
		}
		if _, err := s.NewFeedToken(t.Context(), ow.other.ID, ow.series.ID); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("NewFeedToken through another wijk: err=%v, want ENOTFOUND", err)
		}
	})
}

func TestSubscribers(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ow := newOverlegWijk(t, s, "abonnees")
		add := func(email string) error {
			return s.AddSubscriber(t.Context(), ow.w.ID, ow.series.ID, email, ow.chair.ID, "req-1")
		}
		for _, e := range []string{" Beleid@Lindenwaard.nl ", "wethouder@lindenwaard.nl"} {
			if err := add(e); err != nil {
				t.Fatalf("AddSubscriber(%q): %v", e, err)
			}
		}
		err := add("beleid@lindenwaard.nl")
		wantCode(t, err, wei.ECONFLICT)
		wantInvalid(t, add("geen adres"), "email")
		wantInvalid(t, add(""), "email")
		if err := s.AddSubscriber(t.Context(), ow.other.ID, ow.series.ID, "x@example.org", ow.chair.ID, ""); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("subscribing through another wijk: err=%v, want ENOTFOUND", err)
		}
		got, err := s.Subscribers(t.Context(), ow.series.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"beleid@lindenwaard.nl", "wethouder@lindenwaard.nl"}, got); diff != "" {
			t.Errorf("Subscribers (-want +got):\n%s", diff)
		}
		if err := s.RemoveSubscriber(t.Context(), ow.w.ID, ow.series.ID, "WETHOUDER@lindenwaard.nl", ow.chair.ID, "req-2"); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveSubscriber(t.Context(), ow.w.ID, ow.series.ID, "wethouder@lindenwaard.nl", ow.chair.ID, ""); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("removing twice: err=%v, want ENOTFOUND", err)
		}
		if got, _ := s.Subscribers(t.Context(), ow.series.ID); len(got) != 1 {
			t.Errorf("after removal: %v", got)
		}
		// Each change is in the audit log, without the address.
		log, err := s.AuditLog(t.Context(), ow.w.ID, 50)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range log {
			if e.SubjectType == "overleg_subscriber" {
				n++
				wantNoTrace(t, "audit entry", e.Detail+e.SubjectID, "lindenwaard.nl")
			}
		}
		if n != 3 {
			t.Errorf("%d audit entries about subscribers, want 3 (two added, one removed)", n)
		}
	})
}
