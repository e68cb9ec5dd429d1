package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// The leefomgevingsoverleg of the demo wijk: a series chaired by the demo
// voorzitter with three meetings held (every six weeks, the last one five
// weeks ago) and the next one planned a week from now, without an
// agenda yet: preparing it from the signals is the chair's first step in
// the demo. Seven organisations take part. Each meeting's agenda was
// prepared from what was known then (the signals of the demo, when they
// are there, and the open actions), with decisions and action items: some
// done, some dropped, some open, and one overdue, of the woningcorporatie
// whose staff member has the partner account. Two policy makers get the
// monthly report by e-mail.

// OverlegName is the name of the demo series.
const OverlegName = "Leefomgevingsoverleg Blauwe Akker"

// overlegPlace is where the demo meetings are held.
const overlegPlace = "Buurthuis De Akker, Akkerplein 1"

// overlegParties are the organisations invited to the demo meetings.
var overlegParties = []string{
	"Gemeente Lindenwaard, wijkteam Oost",
	"Gemeente Lindenwaard, team Openbare Ruimte",
	"Woonstichting Akkerland",
	"Woningcorporatie Lindewonen",
	"Welzijn Lindenwaard",
	"Stichting Maatschappelijk Werk Lindenwaard",
	"Wijkcoöperatie Blauwe Akker",
}

// demoMeeting is a meeting held daysAgo at 19:30, with the organisations
// that sent apologies or stayed away, the items added by the chair, the
// decisions (on the agenda item whose title starts with item, or "" for the
// meeting) and the actions agreed.
type demoMeeting struct {
	daysAgo   int
	excused   []string
	absent    []string
	own       []string
	decisions []demoDecision
	actions   []demoAction
}

type demoDecision struct{ item, text string }

// demoAction: org does what, due dueDays after the meeting, with the
// others; closed (done or dropped) closedDays after the meeting, or open
// when closed is "".
type demoAction struct {
	org        string
	with       []string
	person     string
	what       string
	dueDays    int
	closed     overleg.ActionStatus
	closedDays int
}

var demoMeetings = []demoMeeting{
	{daysAgo: 119, excused: []string{"Woningcorporatie Lindewonen"}, own: []string{"Kennismaking en werkwijze van het overleg", "Rondvraag"},
		decisions: []demoDecision{
			{"Kennismaking", "We komen elke vijf weken bij elkaar. Hans Verbeek is de onafhankelijke voorzitter."},
			{"", "Elke organisatie stuurt één vaste vertegenwoordiger."},
		},
		actions: []demoAction{
			{org: "Gemeente Lindenwaard, team Openbare Ruimte", person: "Peter Smit", what: "Extra prullenbakken plaatsen bij het schoolplein", dueDays: 21, closed: overleg.ActionDone, closedDays: 18},
			{org: "Welzijn Lindenwaard", with: []string{"Wijkcoöperatie Blauwe Akker"}, what: "Huiskamerbijeenkomst tegen eenzaamheid organiseren", dueDays: 42, closed: overleg.ActionDone, closedDays: 50},
			{org: "Gemeente Lindenwaard, team Openbare Ruimte", what: "Nieuwe speeltoestellen in het Sluispark offreren", dueDays: 30, closed: overleg.ActionDropped, closedDays: 35},
		}},
	{daysAgo: 77, absent: []string{"Stichting Maatschappelijk Werk Lindenwaard"}, own: []string{"Rondvraag"},
		decisions: []demoDecision{
			{"", "Schimmel in de flats aan de Akkerweg krijgt voorrang: daar wonen veel gezinnen met jonge kinderen."},
			{"", "De speeltoestellen in het Sluispark wachten op het groenplan."},
		},
		actions: []demoAction{
			{org: "Woonstichting Akkerland", person: "Mirjam Kok", what: "Schimmel in de flats aan de Akkerweg laten onderzoeken en bewoners informeren", dueDays: 42},
			{org: "Gemeente Lindenwaard, wijkteam Oost", with: []string{"Welzijn Lindenwaard"}, what: "Buurtpreventie-app starten met bewoners van het Molenkwartier", dueDays: 35, closed: overleg.ActionDone, closedDays: 30},
		}},
	{daysAgo: 35, excused: []string{"Gemeente Lindenwaard, team Openbare Ruimte"}, own: []string{"Rondvraag"},
		decisions: []demoDecision{
			{"", "Geldzorgen komen vaak terug bij huisbezoeken: er komt een vast spreekuur in het buurthuis."},
			{"", "Het groenplan voor het Molenkwartier maken we samen met bewoners."},
		},
		actions: []demoAction{
			{org: "Stichting Maatschappelijk Werk Lindenwaard", person: "Anouk de Boer", what: "Wekelijks geldzorgen-spreekuur in het buurthuis beginnen", dueDays: 56},
			{org: "Woningcorporatie Lindewonen", with: []string{"Wijkcoöperatie Blauwe Akker", "Gemeente Lindenwaard, team Openbare Ruimte"}, what: "Groenplan Molenkwartier met bewoners maken", dueDays: 70},
		}},
}

// overlegSubscribers get the demo series' report by e-mail.
var overlegSubscribers = []string{"beleid@example.org", "wethouder@example.org"}

// seedOverleg writes the leefomgevingsoverleg of the demo wijk. It uses
// the demo signals when seedSignals wrote them, and works without them.
func seedOverleg(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
	at := func(t time.Time) { s.SetClock(func() time.Time { return t }) }
	defer s.SetClock(time.Now)
	chair, err := s.UserByEmail(ctx, voorzitter.email)
	if err != nil {
		return err
	}
	orgs, err := s.Organisations(ctx, wijkID)
	if err != nil {
		return err
	}
	orgID := map[string]string{}
	for _, o := range orgs {
		orgID[o.Name] = o.ID
	}
	id := func(name string) (string, error) {
		if v, ok := orgID[name]; ok {
			return v, nil
		}
		return "", fmt.Errorf("overleg: no organisation %q", name)
	}
	buurten, err := s.Buurten(ctx, wijkID)
	if err != nil {
		return err
	}
	buurtName := map[string]string{"": "de hele wijk"}
	for _, b := range buurten {
		buurtName[b.ID] = b.Name
	}
	evening := func(daysAgo int) time.Time {
		d := now.In(overleg.Amsterdam).AddDate(0, 0, -daysAgo)
		return time.Date(d.Year(), d.Month(), d.Day(), 19, 30, 0, 0, overleg.Amsterdam)
	}

	first := evening(demoMeetings[0].daysAgo)
	at(first.AddDate(0, 0, -14))
	sr := overleg.Series{WijkID: wijkID, Name: OverlegName, ChairUserID: chair.ID, Cadence: overleg.Cadence6Weeks, ReportEvery: overleg.Monthly, CreatedBy: chair.ID}
	if err := s.CreateSeries(ctx, &sr); err != nil {
		return err
	}
	for _, e := range overlegSubscribers {
		if err := s.AddSubscriber(ctx, wijkID, sr.ID, e, chair.ID, ""); err != nil {
			return err
		}
	}
	var parties []overleg.Participant
	for _, name := range overlegParties {
		oid, err := id(name)
		if err != nil {
			return err
		}
		parties = append(parties, overleg.Participant{OrganisationID: oid})
	}

	for _, dm := range demoMeetings {
		start := evening(dm.daysAgo)
		at(start.AddDate(0, 0, -7)) // planned a week ahead
		m := overleg.Meeting{SeriesID: sr.ID, WijkID: wijkID, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Place: overlegPlace, CreatedBy: chair.ID, Participants: parties}
		if err := s.CreateMeeting(ctx, &m); err != nil {
			return err
		}
		// The chair prepares the agenda two days before, from what was known then.
		at(start.AddDate(0, 0, -2))
		if _, err := s.PrepareAgenda(ctx, wijkID, sr.ID, m.ID, chair.ID, func(o signaal.Overlap) string { return overlapTitle(o, orgs, buurtName) }); err != nil {
			return err
		}
		for _, title := range dm.own {
			it := overleg.AgendaItem{MeetingID: m.ID, Title: title, CreatedBy: chair.ID}
			if err := s.AddAgendaItem(ctx, wijkID, sr.ID, &it); err != nil {
				return err
			}
		}
		// At the meeting: attendance, decisions, actions.
		at(start.Add(90 * time.Minute))
		att := map[string]overleg.Attendance{}
		for _, p := range parties {
			att[p.OrganisationID] = overleg.Present
		}
		for _, list := range []struct {
			names []string
			a     overleg.Attendance
		}{{dm.excused, overleg.Excused}, {dm.absent, overleg.Absent}} {
			for _, n := range list.names {
				oid, err := id(n)
				if err != nil {
					return err
				}
				att[oid] = list.a
			}
		}
		if err := s.SetAttendance(ctx, wijkID, sr.ID, m.ID, att); err != nil {
			return err
		}
		items, err := s.AgendaItems(ctx, m.ID)
		if err != nil {
			return err
		}
		itemID := func(prefix string) string {
			for _, it := range items {
				if prefix != "" && strings.HasPrefix(it.Title, prefix) {
					return it.ID
				}
			}
			return ""
		}
		for _, dd := range dm.decisions {
			d := overleg.Decision{MeetingID: m.ID, AgendaItemID: itemID(dd.item), Text: dd.text, CreatedBy: chair.ID}
			if err := s.AddDecision(ctx, wijkID, sr.ID, &d); err != nil {
				return err
			}
		}
		for _, da := range dm.actions {
			oid, err := id(da.org)
			if err != nil {
				return err
			}
			var with []string
			for _, n := range da.with {
				w, err := id(n)
				if err != nil {
					return err
				}
				with = append(with, w)
			}
			at(start.Add(100 * time.Minute))
			a := overleg.Action{SeriesID: sr.ID, WijkID: wijkID, MeetingID: m.ID, OrganisationID: oid, WithOrgIDs: with, Person: da.person, What: da.what,
				Due: overleg.Day(start.AddDate(0, 0, da.dueDays)), CreatedBy: chair.ID}
			if err := s.CreateAction(ctx, &a); err != nil {
				return err
			}
			if da.closed != "" {
				at(start.AddDate(0, 0, da.closedDays).Add(-8 * time.Hour))
				if _, err := s.SetActionStatus(ctx, wijkID, sr.ID, a.ID, da.closed, chair.ID); err != nil {
					return err
				}
			}
		}
	}

	// The next meeting: planned, the organisations invited, no agenda yet.
	at(now.Add(-time.Hour))
	next := evening(-7)
	m := overleg.Meeting{SeriesID: sr.ID, WijkID: wijkID, StartsAt: next, EndsAt: next.Add(2 * time.Hour), Place: overlegPlace, CreatedBy: chair.ID}
	return s.CreateMeeting(ctx, &m)
}

// overlapTitle names an overlap on a demo agenda as the chair's page does
// in Dutch ("eenzaamheid in Akker-Noord: Welzijn Lindenwaard, ...").
func overlapTitle(o signaal.Overlap, orgs []wijk.Organisation, buurtName map[string]string) string {
	names := map[string]string{}
	for _, org := range orgs {
		names[org.ID] = org.Name
	}
	var on []string
	for _, id := range o.OrganisationIDs {
		on = append(on, names[id])
	}
	return o.Theme + " in " + buurtName[o.BuurtID] + ": " + strings.Join(on, ", ")
}
