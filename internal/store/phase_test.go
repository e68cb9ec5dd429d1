package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// tickAll ticks every required criterion for leaving the initiative's phase.
func tickAll(t testing.TB, s *store.Store, in store.Initiative) {
	t.Helper()
	crit, err := s.Criteria(t.Context(), in.WijkID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range crit {
		if c.Phase == in.Phase && c.Required {
			if err := s.Tick(t.Context(), proces.Check{InitiativeID: in.ID, CriterionID: c.ID, Evidence: "gezien op " + in.Name}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func mustInitiative(t testing.TB, s *store.Store, id string) store.Initiative {
	t.Helper()
	in, err := s.Initiative(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestInitiativeStartsInInformatiefase(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s)
		w := mustWijk(t, s, "fase", "Fasewijk")
		crit, err := s.Criteria(t.Context(), w.ID)
		if err != nil || len(crit) < 3 {
			t.Fatalf("a new wijk has %d default criteria (%v), want the model's checklist", len(crit), err)
		}
		o := mustOrganisationNow(t, s, w.ID, "Buurttuin", wijk.FormBurgerinitiatief)
		in := mustInitiative(t, s, o.ID)
		if in.Phase != proces.PhaseInformatie || in.PhaseSeq != 1 || !in.PhaseSince.Equal(day(2025, 3, 14)) {
			t.Fatalf("new initiative: phase=%s seq=%d since=%v", in.Phase, in.PhaseSeq, in.PhaseSince)
		}
		p := mustOrganisationNow(t, s, w.ID, "Gemeente", wijk.FormPartner)
		if _, err := s.Initiative(t.Context(), p.ID); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("a partner is no initiative: err=%v", err)
		}
		fe, err := s.FormEvents(t.Context(), o.ID)
		if err != nil || len(fe) != 1 || fe[0].To != wijk.FormBurgerinitiatief {
			t.Fatalf("form events=%+v, %v", fe, err)
		}
	})
}

func TestMovePhaseRules(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s) // 2025-03-14
		w := mustWijk(t, s, "regels", "Regelwijk")
		o := mustOrganisationNow(t, s, w.ID, "Kookclub", wijk.FormBurgerinitiatief)
		clk.Add(60 * 24 * time.Hour) // 2025-05-13
		move := func(to proces.Phase, on time.Time, reason string, override bool) error {
			in := mustInitiative(t, s, o.ID)
			_, err := s.MovePhase(t.Context(), proces.Move{InitiativeID: o.ID, To: to, On: on, Reason: reason, Override: override, ExpectSeq: in.PhaseSeq, ByUserID: "pm"})
			return err
		}
		wantInvalid(t, move(proces.PhaseOntstaan, day(2025, 4, 1), "", false), "checklist")
		wantInvalid(t, move(proces.PhaseOntwikkel, day(2025, 4, 1), "", false), "to")
		wantInvalid(t, move(proces.PhaseOntstaan, day(2025, 6, 1), "", false), "on", "checklist")
		wantInvalid(t, move(proces.PhaseOntstaan, day(2025, 3, 1), "", false), "on", "checklist")
		wantInvalid(t, move(proces.PhaseOntstaan, day(2025, 4, 1), "", true), "reason")
		wantInvalid(t, move(proces.PhaseEnded, day(2025, 4, 1), "", false), "reason")
		tickAll(t, s, mustInitiative(t, s, o.ID))
		if err := move(proces.PhaseOntstaan, day(2025, 4, 1), "", false); err != nil {
			t.Fatalf("move with the checklist done: %v", err)
		}
		wantInvalid(t, move(proces.PhaseInformatie, day(2025, 4, 2), "", false), "reason")
		if err := move(proces.PhaseInformatie, day(2025, 4, 2), "per ongeluk verzet", false); err != nil {
			t.Fatalf("undo: %v", err)
		}
		if err := move(proces.PhaseOntwikkel, day(2025, 4, 3), "groep is al heel zelfstandig", true); err != nil {
			t.Fatalf("override skip: %v", err)
		}
		wantInvalid(t, move(proces.PhaseAutonoom, day(2025, 4, 1), "", false), "on", "checklist")
		evs, err := s.PhaseEvents(t.Context(), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			from, to proces.Phase
			override bool
		}{{"", proces.PhaseInformatie, false}, {proces.PhaseInformatie, proces.PhaseOntstaan, false},
			{proces.PhaseOntstaan, proces.PhaseInformatie, false}, {proces.PhaseInformatie, proces.PhaseOntwikkel, true}}
		if len(evs) != len(want) {
			t.Fatalf("%d events, want %d: %+v", len(evs), len(want), evs)
		}
		for i, ev := range evs {
			if ev.Seq != i+1 || ev.From != want[i].from || ev.To != want[i].to || ev.Override != want[i].override {
				t.Errorf("event %d = %+v, want %+v", i+1, ev, want[i])
			}
		}
		in := mustInitiative(t, s, o.ID)
		if in.Phase != proces.PhaseOntwikkel || in.PhaseSeq != 4 || !in.PhaseSince.Equal(day(2025, 4, 3)) {
			t.Errorf("initiative=%+v", in)
		}
		// A stale view of the phase is a conflict.
		_, err = s.MovePhase(t.Context(), proces.Move{InitiativeID: o.ID, To: proces.PhaseEnded, Reason: "gestopt", ExpectSeq: 2})
		wantCode(t, err, wei.ECONFLICT)
	})
}

// TestMovePhaseConcurrent: of many simultaneous changes from the same
// state exactly one wins, the others get ECONFLICT, and the log holds
// exactly one new event.
func TestMovePhaseConcurrent(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		w := mustWijk(t, s, "race", "Racewijk")
		o := mustOrganisationNow(t, s, w.ID, "Repair Café", wijk.FormBurgerinitiatief)
		clk.Add(10 * 24 * time.Hour)
		const n = 12
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[string]int{}
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.MovePhase(t.Context(), proces.Move{InitiativeID: o.ID, To: proces.PhaseOntstaan, Reason: "poging", Override: true, ExpectSeq: 1, ByUserID: string(rune('a' + i))})
				mu.Lock()
				codes[wei.ErrorCode(err)]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		if codes[""] != 1 || codes[wei.ECONFLICT] != n-1 {
			t.Fatalf("results=%v, want 1 success and %d conflicts", codes, n-1)
		}
		evs, _ := s.PhaseEvents(t.Context(), o.ID)
		if len(evs) != 2 || mustInitiative(t, s, o.ID).PhaseSeq != 2 {
			t.Fatalf("log has %d events, want 2", len(evs))
		}
	})
}

func TestPeopleFlowEvents(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s) // 2025-03-14
		w := mustWijk(t, s, "stroom", "Stroomwijk")
		a := mustOrganisationNow(t, s, w.ID, "Taalcafé", wijk.FormBurgerinitiatief)
		b := mustOrganisationNow(t, s, w.ID, "Klussendienst", wijk.FormBuurtbedrijf)
		partner := mustOrganisationNow(t, s, w.ID, "Gemeente", wijk.FormPartner)
		p := mustPerson(t, s, w.ID, "Ria")
		clk.Add(30 * 24 * time.Hour) // 2025-04-13
		tickAll(t, s, mustInitiative(t, s, b.ID))
		if _, err := s.MovePhase(t.Context(), proces.Move{InitiativeID: b.ID, To: proces.PhaseOntstaan, On: day(2025, 4, 1), ExpectSeq: 1}); err != nil {
			t.Fatal(err)
		}
		m := wijk.Membership{OrganisationID: a.ID, PersonID: p.ID, Role: wijk.MemberDeelnemer, StartedOn: day(2025, 3, 20)}
		if err := s.Join(t.Context(), &m, "pm"); err != nil {
			t.Fatal(err)
		}
		to := wijk.Membership{OrganisationID: b.ID, PersonID: p.ID, Role: wijk.MemberVrijwilliger, StartedOn: day(2025, 4, 5)}
		if err := s.MoveOn(t.Context(), m.ID, &to, "wil klussen", "pm"); err != nil {
			t.Fatal(err)
		}
		if err := s.Leave(t.Context(), to.ID, day(2025, 4, 10), "verhuisd", ""); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.Leave(t.Context(), m.ID, day(2025, 4, 10), "", ""), wei.ENOTFOUND) // ended by the doorstroom
		pm := wijk.Membership{OrganisationID: partner.ID, PersonID: p.ID, Role: wijk.MemberContactpersoon, StartedOn: day(2025, 4, 1)}
		if err := s.Join(t.Context(), &pm, ""); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, s.Leave(t.Context(), pm.ID, day(2025, 5, 1), "", ""), "ended_on")
		evs, err := s.PeopleEventsOfPerson(t.Context(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			kind  proces.FlowKind
			org   string
			phase proces.Phase
			on    time.Time
		}{
			{proces.Instroom, a.ID, proces.PhaseInformatie, day(2025, 3, 20)},
			{proces.Doorstroom, b.ID, proces.PhaseOntstaan, day(2025, 4, 5)},
			{proces.Uitstroom, b.ID, proces.PhaseOntstaan, day(2025, 4, 10)},
		}
		if len(evs) != len(want) {
			t.Fatalf("events=%+v, want %d (the partner membership is no flow)", evs, len(want))
		}
		for i, ev := range evs {
			if ev.Kind != want[i].kind || ev.InitiativeID != want[i].org || ev.Phase != want[i].phase || !ev.On.Equal(want[i].on) {
				t.Errorf("event %d = %+v, want %+v", i, ev, want[i])
			}
		}
		if evs[1].FromMembershipID != m.ID || evs[2].Reason != "verhuisd" {
			t.Errorf("doorstroom from=%q, uitstroom reason=%q", evs[1].FromMembershipID, evs[2].Reason)
		}
		all, _ := s.PeopleEventsOfWijk(t.Context(), w.ID, day(2025, 4, 5))
		if len(all) != 2 {
			t.Errorf("events up to 5 April: %d, want 2", len(all))
		}
	})
}

func TestChangeFormAndCoop(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		w := mustWijk(t, s, "vorm", "Vormwijk")
		o := mustOrganisationNow(t, s, w.ID, "Buurtkeuken", wijk.FormBurgerinitiatief)
		coop := mustOrganisationNow(t, s, w.ID, "Wijkcoöperatie", wijk.FormWijkcooperatie)
		clk.Add(90 * 24 * time.Hour)
		wantInvalid(t, s.ChangeForm(t.Context(), o.ID, wijk.FormBurgerinitiatief, day(2025, 5, 1), "", ""), "form")
		wantInvalid(t, s.ChangeForm(t.Context(), o.ID, wijk.FormBuurtbedrijf, day(2026, 1, 1), "", ""), "on")
		if err := s.ChangeForm(t.Context(), o.ID, wijk.FormBuurtbedrijf, day(2025, 5, 1), "eigen omzet", "pm"); err != nil {
			t.Fatal(err)
		}
		fe, _ := s.FormEvents(t.Context(), o.ID)
		if len(fe) != 2 || fe[1].From != wijk.FormBurgerinitiatief || fe[1].To != wijk.FormBuurtbedrijf || fe[1].Note != "eigen omzet" {
			t.Fatalf("form events=%+v", fe)
		}
		if got := mustInitiative(t, s, o.ID).Form; got != wijk.FormBuurtbedrijf {
			t.Errorf("form=%s", got)
		}
		m := proces.CoopMembership{CoopID: coop.ID, MemberID: o.ID, JoinedOn: day(2025, 5, 2), Shares: 3, FeeCents: 2500}
		if err := s.JoinCoop(t.Context(), &m); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.JoinCoop(t.Context(), &proces.CoopMembership{CoopID: coop.ID, MemberID: o.ID, JoinedOn: day(2025, 5, 3)}), wei.ECONFLICT)
		wantInvalid(t, s.JoinCoop(t.Context(), &proces.CoopMembership{CoopID: o.ID, MemberID: coop.ID, JoinedOn: day(2025, 5, 3)}), "member_id")
		members, _ := s.CoopMembers(t.Context(), coop.ID)
		if len(members) != 1 || members[0].Shares != 3 || members[0].FeeCents != 2500 {
			t.Fatalf("coop members=%+v", members)
		}
	})
}

func TestLearningAndCooperation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		w := mustWijk(t, s, "leren", "Leerwijk")
		other := mustWijk(t, s, "ander", "Anderwijk")
		o := mustOrganisationNow(t, s, w.ID, "Huiswerkklas", wijk.FormZelfstandigBurgerinitiatief)
		partner := mustOrganisationNow(t, s, w.ID, "Hogeschool", wijk.FormPartner)
		p1, p2 := mustPerson(t, s, w.ID, "Aziz"), mustPerson(t, s, w.ID, "Bea")
		stranger := mustPerson(t, s, other.ID, "Cor")
		clk.Add(30 * 24 * time.Hour)
		r := proces.Reflection{InitiativeID: o.ID, On: day(2025, 4, 1), Participants: []string{p1.ID, p2.ID, p1.ID}, WentWell: "opkomst", Learned: "plannen", NextAction: "rooster maken"}
		if err := s.AddReflection(t.Context(), &r); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, s.AddReflection(t.Context(), &proces.Reflection{InitiativeID: o.ID, On: day(2025, 4, 1), Participants: []string{stranger.ID}, Learned: "x", NextAction: "y"}), "participants")
		wantInvalid(t, s.AddReflection(t.Context(), &proces.Reflection{InitiativeID: o.ID, On: day(2025, 1, 1), Learned: "x", NextAction: "y"}), "on")
		rs, _ := s.ReflectionsOfPerson(t.Context(), p1.ID)
		if len(rs) != 1 || len(rs[0].Participants) != 2 || rs[0].NextAction != "rooster maken" {
			t.Fatalf("reflections of p1=%+v", rs)
		}
		se := proces.Session{WijkID: w.ID, InitiativeID: o.ID, Kind: proces.Training, Title: "Begroten", On: day(2025, 4, 2), Skills: []string{"begroten", " ", "Excel"}, Attendees: []string{p2.ID}}
		if err := s.AddSession(t.Context(), &se); err != nil {
			t.Fatal(err)
		}
		ss, _ := s.SessionsOfPerson(t.Context(), p2.ID)
		if len(ss) != 1 || len(ss[0].Skills) != 2 || ss[0].Skills[1] != "Excel" || ss[0].InitiativeID != o.ID {
			t.Fatalf("sessions of p2=%+v", ss)
		}
		c := proces.Cooperation{WijkID: w.ID, PartnerID: partner.ID, InitiativeID: o.ID, What: "stagiairs", Since: day(2025, 4, 1)}
		if err := s.AddCooperation(t.Context(), &c); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, s.AddCooperation(t.Context(), &proces.Cooperation{WijkID: w.ID, PartnerID: o.ID, InitiativeID: partner.ID, Since: day(2025, 4, 1)}), "partner_id")
		if err := s.EndCooperation(t.Context(), w.ID, c.ID, day(2025, 4, 5)); err != nil {
			t.Fatal(err)
		}
		cs, _ := s.Cooperations(t.Context(), w.ID)
		if len(cs) != 1 || !cs[0].Until.Equal(day(2025, 4, 5)) {
			t.Fatalf("cooperations=%+v", cs)
		}
	})
}

func TestCriteriaAndGuideTexts(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s)
		w := mustWijk(t, s, "gids", "Gidswijk")
		o := mustOrganisationNow(t, s, w.ID, "Wandelgroep", wijk.FormBurgerinitiatief)
		c := proces.Criterion{WijkID: w.ID, Phase: proces.PhaseInformatie, Text: "Er is een vaste plek om samen te komen.", Required: true}
		if err := s.AddCriterion(t.Context(), &c); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, s.AddCriterion(t.Context(), &proces.Criterion{WijkID: w.ID, Phase: proces.PhaseAutonoom, Text: "x"}), "phase")
		wantInvalid(t, s.Tick(t.Context(), proces.Check{InitiativeID: o.ID, CriterionID: c.ID}), "evidence")
		if err := s.Tick(t.Context(), proces.Check{InitiativeID: o.ID, CriterionID: c.ID, Evidence: "buurthuis"}); err != nil {
			t.Fatal(err)
		}
		checks, _ := s.Checks(t.Context(), o.ID)
		if checks[c.ID].Evidence != "buurthuis" {
			t.Fatalf("checks=%+v", checks)
		}
		c.Retired = true
		if err := s.UpdateCriterion(t.Context(), &c); err != nil {
			t.Fatal(err)
		}
		if err := s.Untick(t.Context(), o.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.Untick(t.Context(), o.ID, c.ID), wei.ENOTFOUND)
		if err := s.SetGuideText(t.Context(), w.ID, proces.PhaseOntstaan, "nl", "what", "Eigen tekst"); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, s.SetGuideText(t.Context(), w.ID, proces.PhaseOntstaan, "nl", "bogus", "x"), "field")
		texts, _ := s.GuideTexts(t.Context(), w.ID, "nl")
		if texts[proces.PhaseOntstaan]["what"] != "Eigen tekst" {
			t.Fatalf("guide texts=%v", texts)
		}
		if err := s.SetGuideText(t.Context(), w.ID, proces.PhaseOntstaan, "nl", "what", ""); err != nil {
			t.Fatal(err)
		}
		if texts, _ := s.GuideTexts(t.Context(), w.ID, "nl"); len(texts) != 0 {
			t.Errorf("after reset: %v", texts)
		}
	})
}

func TestJoinRules(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s) // 2025-03-14
		w := mustWijk(t, s, "meedoen", "Meedoenwijk")
		o := mustOrganisationNow(t, s, w.ID, "Voorleesclub", wijk.FormBurgerinitiatief)
		p := mustPerson(t, s, w.ID, "Saïd")
		clk.Add(10 * 24 * time.Hour)
		join := func(on time.Time) error {
			m := wijk.Membership{OrganisationID: o.ID, PersonID: p.ID, Role: wijk.MemberDeelnemer, StartedOn: on}
			return s.Join(t.Context(), &m, "")
		}
		wantInvalid(t, join(day(2025, 3, 1)), "started_on")
		wantInvalid(t, join(day(2025, 4, 30)), "started_on")
		if err := join(day(2025, 3, 20)); err != nil {
			t.Fatal(err)
		}
		wantCode(t, join(day(2025, 3, 21)), wei.ECONFLICT)
		m, wijkID, err := s.Membership(t.Context(), mustMemberships(t, s, p.ID)[0].ID)
		if err != nil || wijkID != w.ID || m.PersonName != "Saïd" || m.OrganisationName != "Voorleesclub" {
			t.Fatalf("Membership=%+v, %s, %v", m, wijkID, err)
		}
		_, _, err = s.Membership(t.Context(), wei.NewID())
		wantCode(t, err, wei.ENOTFOUND)
	})
}

func mustMemberships(t testing.TB, s *store.Store, personID string) []store.MembershipView {
	t.Helper()
	ms, err := s.MembershipsOfPerson(t.Context(), personID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("memberships of %s: %v, %v", personID, ms, err)
	}
	return ms
}
