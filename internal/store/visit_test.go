package store_test

import (
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

func (sw signalWijk) visit(day time.Time) signaal.Visit {
	return signaal.Visit{WijkID: sw.w.ID, VisitedOn: day, Postcode: "1234 AB", HouseNumber: 7, ConsentHow: signaal.ConsentVerbal,
		ConsentBy: sw.coordinator, ConsentAt: day, RecordedBy: sw.coordinator,
		Scores:   map[string]int{signaal.AspectSafety: 2, signaal.AspectContact: 4},
		Problems: []signaal.Problem{{Theme: "veiligheid", Title: "Donker pad achter de school", Urgency: signaal.UrgencyHigh}, {Theme: "eenzaamheid", Title: "Weinig contact met de buren"}},
		Ideas:    "Een buurtbarbecue", WantsToHelp: true, HelpWith: "Koken voor de buurt", Note: "Woont sinds kort alleen"}
}

// TestRecordVisit: a visit with a new resident makes the resident, the
// visit, a signal per problem in the buurt of the address and the
// resident's instroom in an initiative, with audit entries, in one go; the
// free text is only read through VisitPrivate, which audits it. A refused
// visit leaves nothing behind.
func TestRecordVisit(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		sw := newSignalWijk(t, s, "bezoek")
		moestuin := mustOrganisation(t, s, sw.w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		day := time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)

		v := sw.visit(day)
		v.InitiativeID = moestuin.ID
		if err := s.RecordVisit(t.Context(), &v, &store.NewResident{DisplayName: "Mevrouw Jansen", Phone: "06-1234 5678"}, "req-v"); err != nil {
			t.Fatal(err)
		}
		if v.BuurtID != sw.zuid.ID || v.PersonID == "" || v.Postcode != "1234AB" {
			t.Fatalf("visit=%+v, want buurt zuid from the address and a new resident", v)
		}
		p, err := s.Person(t.Context(), v.PersonID)
		if err != nil || p.DisplayName != "Mevrouw Jansen" || p.ConsentBy != sw.coordinator || p.BuurtID != sw.zuid.ID {
			t.Errorf("resident=%+v, %v", p, err)
		}
		signals, err := s.Signals(t.Context(), sw.w.ID, store.SignalFilter{})
		if err != nil || len(signals) != 2 {
			t.Fatalf("signals=%v, %v, want one per problem", signals, err)
		}
		for _, sg := range signals {
			if sg.Source != signaal.SourceVisit || sg.VisitID != v.ID || sg.BuurtID != sw.zuid.ID || sg.PersonID != v.PersonID || sg.Status != signaal.StatusNew {
				t.Errorf("signal from the visit=%+v", sg)
			}
		}
		events, err := s.PeopleEventsOfPerson(t.Context(), v.PersonID)
		if err != nil || len(events) != 1 || events[0].Kind != proces.Instroom || events[0].InitiativeID != moestuin.ID || events[0].Role != wijk.MemberVrijwilliger {
			t.Errorf("people events=%+v, %v, want one instroom as vrijwilliger in the Moestuin", events, err)
		}

		// The list and the plain read hold no free text or address.
		list, err := s.Visits(t.Context(), sw.w.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("Visits=%v, %v", list, err)
		}
		got := list[0]
		if got.Note != "" || got.Ideas != "" || got.HelpWith != "" || got.Postcode != "" || got.HouseNumber != 0 {
			t.Errorf("Visits hands out free text or the address: %+v", got)
		}
		if !got.WantsToHelp || got.Scores[signaal.AspectSafety] != 2 || got.Scores[signaal.AspectContact] != 4 || len(got.Scores) != 2 || len(got.Problems) != 2 || !got.VisitedOn.Equal(day) {
			t.Errorf("visit read back=%+v", got)
		}
		priv, err := s.VisitPrivate(t.Context(), v.ID, privacy.AuditEntry{ActorID: sw.coordinator})
		if err != nil || priv.Note != "Woont sinds kort alleen" || priv.Ideas != "Een buurtbarbecue" || priv.HelpWith != "Koken voor de buurt" || priv.Postcode != "1234AB" {
			t.Errorf("VisitPrivate=%+v, %v", priv, err)
		}
		log, err := s.AuditAbout(t.Context(), []string{v.ID, v.PersonID}, 10)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, e := range log {
			kinds[e.SubjectType+":"+string(e.Action)]++
		}
		if kinds["visit:create"] != 1 || kinds["visit:read"] != 1 || kinds["person:create"] != 1 {
			t.Errorf("audit=%v, want the visit created and read and the resident created", kinds)
		}

		// Refused visits: nothing of them is saved.
		clk.Add(time.Hour)
		for name, tc := range map[string]struct {
			edit     func(*signaal.Visit)
			resident *store.NewResident
			fields   []string
		}{
			"no consent":            {func(v *signaal.Visit) { v.ConsentHow = "" }, nil, []string{"consent_how"}},
			"score out of range":    {func(v *signaal.Visit) { v.Scores[signaal.AspectGreen] = 6 }, nil, []string{"score_green"}},
			"unknown address":       {func(v *signaal.Visit) { v.HouseNumber = 99 }, nil, []string{"postcode"}},
			"address elsewhere":     {func(v *signaal.Visit) { v.Postcode, v.HouseNumber = "9999ZZ", 1 }, nil, []string{"postcode"}},
			"future date":           {func(v *signaal.Visit) { v.VisitedOn = day.AddDate(0, 1, 0) }, nil, []string{"visited_on"}},
			"bad resident":          {func(v *signaal.Visit) {}, &store.NewResident{DisplayName: "", Phone: "bel me"}, []string{"resident_display_name", "resident_phone"}},
			"join without resident": {func(v *signaal.Visit) { v.InitiativeID = moestuin.ID }, nil, []string{"initiative_id"}},
			"join a partner": {func(v *signaal.Visit) {
				v.InitiativeID = mustOrganisation(t, s, sw.w.ID, "Gemeente "+time.Now().String(), wijk.FormPartner).ID
			},
				&store.NewResident{DisplayName: "Piet"}, []string{"initiative_id"}},
			"same theme twice": {func(v *signaal.Visit) { v.Problems = append(v.Problems, v.Problems[0]) }, nil, []string{"problems"}},
		} {
			v := sw.visit(day)
			tc.edit(&v)
			err := s.RecordVisit(t.Context(), &v, tc.resident, "")
			if err == nil {
				t.Errorf("%s: RecordVisit succeeded", name)
				continue
			}
			wantInvalid(t, err, tc.fields...)
		}
		if list, _ := s.Visits(t.Context(), sw.w.ID); len(list) != 1 {
			t.Errorf("%d visits after refused ones, want 1", len(list))
		}
		if n, _ := s.CountPeople(t.Context(), sw.w.ID); n != 1 {
			t.Errorf("%d residents after refused visits, want 1", n)
		}
		if all, _ := s.Signals(t.Context(), sw.w.ID, store.SignalFilter{}); len(all) != 2 {
			t.Errorf("%d signals after refused visits, want 2", len(all))
		}

		// An anonymous visit with a chosen buurt and no problems.
		anon := signaal.Visit{WijkID: sw.w.ID, BuurtID: sw.noord.ID, VisitedOn: day, ConsentHow: signaal.ConsentWritten, ConsentBy: sw.coordinator,
			ConsentAt: day, RecordedBy: sw.coordinator, Scores: map[string]int{signaal.AspectGreen: 5}}
		if err := s.RecordVisit(t.Context(), &anon, nil, ""); err != nil || anon.BuurtID != sw.noord.ID || anon.PersonID != "" {
			t.Errorf("anonymous visit=%+v, %v", anon, err)
		}
		scores, err := s.VisitScoresBetween(t.Context(), sw.w.ID, day, day.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{sw.zuid.ID + "/safety": 20, sw.zuid.ID + "/contact": 40, sw.noord.ID + "/green": 50}
		if len(scores) != len(want) {
			t.Errorf("scores=%+v, want %v", scores, want)
		}
		for _, sc := range scores {
			if want[sc.BuurtID+"/"+sc.Aspect] != sc.Tenths || sc.Answers != 1 {
				t.Errorf("score %+v, want %v", sc, want)
			}
		}
	})
}
