package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/pact"
)

// PactTitle is the title of the demo wijkpact.
const PactTitle = "Wijkpact Blauwe Akker: schoon, heel en samen"

// demoCommitments are the commitments of the demo pact per party (by
// organisation name), with the progress reported since.
var demoCommitments = []struct {
	org, what, indicator, owner string
	target                      int64
	dueMonths                   int
	progress                    []int64
}{
	{"Wijkcoöperatie Blauwe Akker", "Vier opschoondagen per jaar met bewoners, scholen en ondernemers", "opschoondagen gehouden", "werkgroep Groen", 4, 12, []int64{1, 2}},
	{"Wijkcoöperatie Blauwe Akker", "Een buurtconciërge in elke flat van het Molenkwartier", "flats met een buurtconciërge", "bestuur", 6, 18, []int64{3}},
	{"Gemeente Lindenwaard, wijkteam Oost", "Binnen vijf werkdagen reageren op elk signaal uit de wijk", "procent signalen op tijd beantwoord", "wijkteam Oost", 90, 12, []int64{72, 81}},
	{"Gemeente Lindenwaard, wijkteam Oost", "Twintig extra afvalbakken rond het Akkerplein en het Sluispark", "afvalbakken geplaatst", "team Openbare Ruimte", 20, 9, []int64{12}},
	{"Woonstichting Akkerland", "Portiekgesprekken in alle 24 portieken van de Akkerflats", "portieken gesproken", "wijkconsulent", 24, 12, []int64{8, 15}},
	{"Woonstichting Akkerland", "Een ruimte om niet voor het Repair Café en de kookclub", "dagdelen per week beschikbaar", "afdeling Vastgoed", 3, 6, []int64{3}},
}

// seedPact makes the demo wijkpact: three parties (the wijkcoöperatie, the
// gemeente and the woonstichting), each with commitments, signed by all
// three some weeks ago, and progress reported since.
func seedPact(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
	at := func(t time.Time) { s.SetClock(func() time.Time { return t }) }
	defer s.SetClock(time.Now)
	pm, err := s.UserByEmail(ctx, procesmanager.email)
	if err != nil {
		return err
	}
	partner, err := s.UserByEmail(ctx, partnerStaff.email)
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
	day := func(t time.Time) time.Time {
		y, m, d := t.In(locale.Amsterdam()).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	created := now.AddDate(0, -3, 0)
	start := day(time.Date(created.Year(), created.Month(), 1, 12, 0, 0, 0, time.UTC))
	at(created)
	p := pact.Pact{WijkID: wijkID, Title: PactTitle, StartsOn: start, EndsOn: start.AddDate(2, 0, -1), CreatedBy: pm.ID,
		Purpose: "Bewoners, de gemeente en de woonstichting zorgen samen voor een schone, hele en gezellige Blauwe Akker. " +
			"Ieder doet wat hij belooft, en we laten elk half jaar zien hoe ver we zijn.",
		Reviews: []time.Time{start.AddDate(0, 6, 0), start.AddDate(1, 0, 0), start.AddDate(1, 6, 0)}}
	if err := s.CreatePact(ctx, &p); err != nil {
		return err
	}
	party := map[string]string{}
	for _, name := range []string{"Wijkcoöperatie Blauwe Akker", "Gemeente Lindenwaard, wijkteam Oost", "Woonstichting Akkerland"} {
		id, ok := orgID[name]
		if !ok {
			return fmt.Errorf("pact: no organisation %q", name)
		}
		pt, err := s.AddPartyToPact(ctx, wijkID, p.ID, id)
		if err != nil {
			return err
		}
		party[name] = pt.ID
	}
	ids := make([]string, len(demoCommitments))
	for i, dc := range demoCommitments {
		c := pact.Commitment{PactID: p.ID, PartyID: party[dc.org], What: dc.what, Indicator: dc.indicator, Target: dc.target, Owner: dc.owner,
			Due: start.AddDate(0, dc.dueMonths, -1), CreatedBy: pm.ID}
		if err := s.AddCommitment(ctx, wijkID, &c); err != nil {
			return err
		}
		ids[i] = c.ID
	}
	for i, sg := range []struct{ org, signatory string }{
		{"Wijkcoöperatie Blauwe Akker", "bestuur"},
		{"Woonstichting Akkerland", "directeur-bestuurder"},
		{"Gemeente Lindenwaard, wijkteam Oost", "wethouder Wijken"},
	} {
		at(created.AddDate(0, 0, 10+3*i))
		by := pm.ID
		if sg.org == "Woonstichting Akkerland" {
			by = partner.ID
		}
		if err := s.SetAcceptance(ctx, wijkID, p.ID, party[sg.org], true, sg.signatory, by); err != nil {
			return err
		}
	}
	for i, dc := range demoCommitments {
		for j, v := range dc.progress {
			at(now.AddDate(0, 0, -40+25*j+i))
			by := pm.ID
			if dc.org == "Woonstichting Akkerland" {
				by = partner.ID
			}
			if err := s.ReportProgress(ctx, wijkID, p.ID, ids[i], v, "", by); err != nil {
				return err
			}
		}
	}
	return seedChallenge(ctx, s, wijkID, now)
}

// ChallengeTask is the task of the demo Right to Challenge.
const ChallengeTask = "Onderhoud van het groen in het Sluispark"

// seedChallenge makes the demo Right to Challenge: the wijkcoöperatie
// takes over the upkeep of the Sluispark, first refused for a missing
// insurance, then granted; the agreement follows the work through the
// pact's clean-up commitment and the money through the coöperatie's
// account in the books.
func seedChallenge(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
	at := func(t time.Time) { s.SetClock(func() time.Time { return t }) }
	defer s.SetClock(time.Now)
	pm, err := s.UserByEmail(ctx, procesmanager.email)
	if err != nil {
		return err
	}
	orgs, err := s.Organisations(ctx, wijkID)
	if err != nil {
		return err
	}
	var coop string
	for _, o := range orgs {
		if o.Name == cooperatie.name {
			coop = o.ID
		}
	}
	if coop == "" {
		return fmt.Errorf("challenge: no organisation %q", cooperatie.name)
	}
	at(now.AddDate(0, -2, 0))
	c := pact.Challenge{WijkID: wijkID, OrganisationID: coop, Task: ChallengeTask, CurrentCostCents: 48_000_00, ProposedCostCents: 39_500_00, CreatedBy: pm.ID,
		Plan: "Een vaste ploeg van acht bewoners maait, snoeit en ruimt het park op, elke week. Een hovenier uit de wijk begeleidt hen en doet het zware werk.",
		BusinessCase: "De gemeente betaalt nu een aannemer van buiten de wijk. Wij doen het voor minder, het geld blijft in de wijk, " +
			"en twee bewoners krijgen er betaald werk bij."}
	if err := s.CreateChallenge(ctx, &c); err != nil {
		return err
	}
	at(now.AddDate(0, -1, -20))
	if err := s.DecideChallenge(ctx, wijkID, c.ID, false, "Het plan zegt niet hoe de ploeg verzekerd is tegen ongelukken.", pm.ID); err != nil {
		return err
	}
	at(now.AddDate(0, -1, -5))
	if err := s.DecideChallenge(ctx, wijkID, c.ID, true, "De coöperatie heeft een verzekering afgesloten. Het plan is goed en goedkoper.", pm.ID); err != nil {
		return err
	}
	var commitment string
	if list, err := s.PactsOfWijk(ctx, wijkID); err != nil {
		return err
	} else if len(list) > 0 && len(list[0].Commitments) > 0 {
		commitment = list[0].Commitments[0].ID
	}
	accounts, err := s.LedgerAccounts(ctx, wijkID)
	if err != nil {
		return err
	}
	var account string
	for _, a := range accounts {
		if a.OrganisationID == coop && account == "" {
			account = a.ID
		}
	}
	at(now.AddDate(0, -1, 0))
	return s.SetChallengeAgreement(ctx, wijkID, c.ID, "De coöperatie onderhoudt het groen in het Sluispark van 1 januari voor drie jaar, voor € 39.500 per jaar. "+
		"De opschoondagen uit het wijkpact horen erbij; de gemeente betaalt per kwartaal op de rekening van de coöperatie.", commitment, account)
}
