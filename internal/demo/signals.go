package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/signaal"
)

// The signals of the demo wijk: about fifty problems over the last half
// year across the four buurten (some grouped, many solved, a few
// rejected), ten house visits by the volunteer and the process manager
// (placed by the address of the demo postcode table, some with a known
// resident, one who joins an initiative) and the who-does-what register
// with organisations that work side by side. Every buurt has a theme with
// at least five signals, so the public overview shows numbers as well as
// hidden cells.

// demoSignal is a planned signal: daysAgo before now, in buurt (index into
// buurtSpecs), by a resident unless partner names an organisation.
type demoSignal struct {
	daysAgo  int
	buurt    int
	theme    string
	title    string
	urgency  string
	partner  string // organisation name, for a partner's report
	mine     bool   // reported by the demo bewoner as herself
	postcode string // an address of the demo table, else the buurt is chosen
	number   int
}

// signalTitles are the problems per theme the seed picks from.
var signalTitles = map[string][]string{
	"afval":           {"Zwerfvuil rond de glasbak", "Container aan de Akkerstraat zit steeds vol", "Grofvuil naast de containers", "Vuilniszakken op de stoep na het weekend", "Afval in de bosjes bij het Akkerplein", "Hondenpoep op het grasveld"},
	"veiligheid":      {"Kapotte lamp in het fietspad", "Auto's rijden te hard in de Molenstraat", "Onveilige oversteek bij de school"},
	"spelen":          {"Schommel in de speeltuin is kapot", "Geen speelplek voor kleine kinderen", "Glas in de zandbak"},
	"groen":           {"Bomen zijn al maanden niet gesnoeid", "Grasveld is een modderpoel", "Plantsoen verwaarloosd", "Boomwortels duwen de stoep omhoog", "Dode struiken langs de Weideweg"},
	"wonen":           {"Schimmel in de badkamer, verhuurder reageert niet", "Lift in de flat vaak kapot"},
	"eenzaamheid":     {"Oudere buurman komt nooit meer buiten", "Buurvrouw zit na overlijden man veel alleen", "Nieuwe bewoners kennen niemand", "Weinig contact tussen jong en oud in de flat", "Alleenstaande vader zoekt contact met andere ouders"},
	"armoede":         {"Gezin kan de energierekening niet betalen", "Kinderen zonder ontbijt naar school"},
	"gezondheid":      {"Geen huisarts die nieuwe patiënten neemt"},
	"energie":         {"Tochtige ramen in de portiekflats", "Vraag naar hulp bij energie besparen"},
	"jongeren":        {"Jongeren hangen 's avonds bij het buurthuis", "Geen plek voor jongeren om te sporten", "Overlast van scooters op het plein", "Jongeren zoeken een bijbaan", "Vernielingen bij de bushalte"},
	"ontmoetingsplek": {"Buurthuis is 's avonds dicht", "Geen bankjes op het plein"},
}

// planSignals makes the deterministic list of demo signals.
func planSignals(rng *rand.Rand) []demoSignal {
	// buurt, theme, how many: every buurt has one theme with five or more.
	counts := []struct {
		buurt int
		theme string
		n     int
	}{
		{0, "afval", 6}, {0, "veiligheid", 3}, {0, "spelen", 1},
		{1, "groen", 5}, {1, "wonen", 2}, {1, "eenzaamheid", 2},
		{2, "eenzaamheid", 5}, {2, "armoede", 2}, {2, "gezondheid", 1}, {2, "energie", 2},
		{3, "jongeren", 5}, {3, "ontmoetingsplek", 2}, {3, "spelen", 2},
	}
	postcodes := [][]string{{"3999AA", "3999AB"}, {"3999AC", "3999AD"}, {"3999AE", "3999AF"}, {"3999AG", "3999AH"}}
	var out []demoSignal
	for _, c := range counts {
		titles := signalTitles[c.theme]
		for i := range c.n {
			ds := demoSignal{daysAgo: 3 + rng.IntN(175), buurt: c.buurt, theme: c.theme, title: titles[i%len(titles)], urgency: signaal.UrgencyNormal}
			switch rng.IntN(6) {
			case 0:
				ds.urgency = signaal.UrgencyLow
			case 1, 2:
				ds.urgency = signaal.UrgencyHigh
			}
			if rng.IntN(2) == 0 {
				ds.postcode, ds.number = postcodes[c.buurt][rng.IntN(2)], 1+rng.IntN(40)
			}
			out = append(out, ds)
		}
	}
	// Reports by partners and by the demo bewoner herself.
	out[3].partner = "Gemeente Lindenwaard, team Openbare Ruimte"
	out[12].partner = "Woonstichting Akkerland"
	out[17].partner = "Welzijn Lindenwaard"
	out[0].mine, out[0].daysAgo = true, 20
	out[11].mine = true
	out[26].mine, out[26].daysAgo = true, 2
	return out
}

// demoVisit is a planned house visit.
type demoVisit struct {
	daysAgo  int
	byPM     bool // by the process manager, else by the volunteer
	postcode string
	number   int
	known    bool // with a known resident of that buurt
	scores   map[string]int
	problems []signaal.Problem
	ideas    string
	helpWith string
	join     string // an initiative the resident joins
	note     string
	consent  string
}

var demoVisits = []demoVisit{
	{daysAgo: 150, postcode: "3999AE", number: 4, known: true, consent: signaal.ConsentWritten,
		scores:   map[string]int{signaal.AspectSafety: 3, signaal.AspectContact: 2, signaal.AspectGreen: 4, signaal.AspectHousing: 3, signaal.AspectFacilities: 3},
		problems: []signaal.Problem{{Theme: "eenzaamheid", Title: "Mist contact met de buren sinds de verhuizing", Urgency: signaal.UrgencyNormal}},
		ideas:    "Een koffieochtend in de flat", note: "Woont sinds een half jaar in de wijk. Wil graag bezoek."},
	{daysAgo: 132, postcode: "3999AG", number: 17, consent: signaal.ConsentVerbal,
		scores:   map[string]int{signaal.AspectSafety: 2, signaal.AspectContact: 3, signaal.AspectFacilities: 2},
		problems: []signaal.Problem{{Theme: "jongeren", Title: "Groep jongeren op het plein tot laat", Urgency: signaal.UrgencyHigh}, {Theme: "ontmoetingsplek", Title: "Geen buurthuis in het Sluispark", Urgency: signaal.UrgencyNormal}}},
	{daysAgo: 118, byPM: true, postcode: "3999AA", number: 22, known: true, consent: signaal.ConsentWritten,
		scores:   map[string]int{signaal.AspectSafety: 4, signaal.AspectContact: 4, signaal.AspectGreen: 2, signaal.AspectHousing: 4, signaal.AspectFacilities: 4},
		problems: []signaal.Problem{{Theme: "afval", Title: "Afval naast de container bij de flat", Urgency: signaal.UrgencyNormal}},
		ideas:    "Een opruimochtend met de hele straat", helpWith: "Helpen met het groen rond de flat", join: "Groen Doen"},
	{daysAgo: 97, postcode: "3999AC", number: 9, consent: signaal.ConsentVerbal,
		scores:   map[string]int{signaal.AspectGreen: 2, signaal.AspectHousing: 2},
		problems: []signaal.Problem{{Theme: "wonen", Title: "Vocht in de slaapkamer", Urgency: signaal.UrgencyHigh}, {Theme: "groen", Title: "Achterpad overwoekerd", Urgency: signaal.UrgencyLow}},
		note:     "Heeft de verhuurder al twee keer gebeld."},
	{daysAgo: 80, postcode: "3999AF", number: 31, known: true, consent: signaal.ConsentWritten,
		scores:   map[string]int{signaal.AspectSafety: 3, signaal.AspectContact: 1, signaal.AspectFacilities: 3},
		problems: []signaal.Problem{{Theme: "armoede", Title: "Moeite om rond te komen", Urgency: signaal.UrgencyHigh}},
		ideas:    "Een weggeefkast bij de supermarkt", note: "Wil hulp bij de belastingaangifte."},
	{daysAgo: 61, byPM: true, postcode: "3999AH", number: 3, consent: signaal.ConsentVerbal,
		scores:   map[string]int{signaal.AspectSafety: 2, signaal.AspectContact: 3, signaal.AspectGreen: 3},
		problems: []signaal.Problem{{Theme: "spelen", Title: "Speelplek te klein voor alle kinderen", Urgency: signaal.UrgencyNormal}}},
	{daysAgo: 44, postcode: "3999AB", number: 12, known: true, consent: signaal.ConsentVerbal,
		scores: map[string]int{signaal.AspectSafety: 4, signaal.AspectContact: 3, signaal.AspectGreen: 4, signaal.AspectHousing: 5, signaal.AspectFacilities: 4},
		ideas:  "Samen de geveltuinen bijhouden", helpWith: "Wil een keer per week helpen in de tuin"},
	{daysAgo: 30, postcode: "3999AD", number: 27, consent: signaal.ConsentWritten,
		scores:   map[string]int{signaal.AspectContact: 2, signaal.AspectFacilities: 2},
		problems: []signaal.Problem{{Theme: "gezondheid", Title: "Huisarts is ver weg voor ouderen", Urgency: signaal.UrgencyNormal}, {Theme: "eenzaamheid", Title: "Ouderen in de flat zien elkaar weinig", Urgency: signaal.UrgencyNormal}}},
	{daysAgo: 16, byPM: true, postcode: "3999AE", number: 15, known: true, consent: signaal.ConsentVerbal,
		scores:   map[string]int{signaal.AspectSafety: 3, signaal.AspectContact: 2, signaal.AspectGreen: 3, signaal.AspectHousing: 2, signaal.AspectFacilities: 3},
		problems: []signaal.Problem{{Theme: "energie", Title: "Hoge energierekening door oude ramen", Urgency: signaal.UrgencyHigh}},
		note:     "Komt graag naar een energiecafé."},
	{daysAgo: 5, postcode: "3999AG", number: 28, consent: signaal.ConsentVerbal,
		scores:   map[string]int{signaal.AspectSafety: 2, signaal.AspectContact: 4},
		problems: []signaal.Problem{{Theme: "jongeren", Title: "Scooters racen over het fietspad", Urgency: signaal.UrgencyAcute}}},
}

// demoRegister is the who-does-what register: organisation, theme, buurt
// (-1 for the whole wijk) and a contact person.
var demoRegister = []struct {
	org, theme   string
	buurt        int
	name, role   string
	phone, email string
}{
	{"Welzijn Lindenwaard", "eenzaamheid", 2, "Sanne de Boer", "Opbouwwerker", "0343 123 456", "sanne.deboer@welzijn-lindenwaard.example"},
	{"Stichting Maatschappelijk Werk Lindenwaard", "eenzaamheid", 2, "Peter Jansen", "Maatschappelijk werker", "", "p.jansen@smwl.example"},
	{"Koffieochtend De Ontmoeting", "eenzaamheid", 2, "", "", "", ""},
	{"Burenhulp Blauwe Akker", "eenzaamheid", -1, "", "", "", ""},
	{"Gemeente Lindenwaard, wijkteam Oost", "jongeren", 3, "Yusuf Demir", "Jongerenwerker", "0343 654 321", "y.demir@lindenwaard.example"},
	{"Meidenclub Sterk", "jongeren", 3, "", "", "", ""},
	{"Fietsenmaker Van Dam", "jongeren", 3, "Erik van Dam", "Eigenaar", "0343 111 222", ""},
	{"Gemeente Lindenwaard, team Openbare Ruimte", "afval", -1, "Linda Vos", "Wijkbeheerder", "0343 222 333", "l.vos@lindenwaard.example"},
	{"Zwerfafvalploeg Schoon Akker", "afval", 0, "", "", "", ""},
	{"Supermarkt Akkerplein", "afval", 0, "Mo Haddou", "Bedrijfsleider", "", ""},
	{"Woonstichting Akkerland", "wonen", 0, "Mirjam Kok", "Wijkconsulent", "0343 333 444", "m.kok@akkerland.example"},
	{"Woonstichting Akkerland", "wonen", 1, "Mirjam Kok", "Wijkconsulent", "0343 333 444", "m.kok@akkerland.example"},
	{"Woningcorporatie Lindewonen", "wonen", 2, "Bas Groen", "Huurdersconsulent", "", "b.groen@lindewonen.example"},
	{"Groen Doen", "groen", -1, "", "", "", ""},
	{"Geveltuinen Molenkwartier", "groen", 2, "", "", "", ""},
	{"Gemeente Lindenwaard, team Openbare Ruimte", "groen", 1, "Linda Vos", "Wijkbeheerder", "0343 222 333", "l.vos@lindenwaard.example"},
	{"Stichting Maatschappelijk Werk Lindenwaard", "armoede", -1, "Peter Jansen", "Maatschappelijk werker", "", "p.jansen@smwl.example"},
	{"Buurtkeuken De Akker", "armoede", 0, "", "", "", ""},
	{"Energiecoöperatie Blauwe Akker", "energie", -1, "", "", "", ""},
}

// rejectReasons are why some demo signals were rejected.
var rejectReasons = []string{
	"Dit is al gemeld bij de gemeente en wordt volgende maand opgepakt.",
	"Dit valt buiten de wijk: we hebben het doorgegeven aan de buurgemeente.",
}

// seedSignals writes the signals, house visits and register of the demo
// wijk. It needs the CBS postcode table (seedCBS) for the addresses.
func seedSignals(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
	at := func(t time.Time) { s.SetClock(func() time.Time { return t }) }
	defer s.SetClock(time.Now)
	rng := rand.New(rand.NewPCG(randSeed1, 510))
	userID := func(email string) (string, error) {
		u, err := s.UserByEmail(ctx, email)
		return u.ID, err
	}
	pm, err := userID(procesmanager.email)
	if err != nil {
		return err
	}
	vol, err := userID(vrijwilliger.email)
	if err != nil {
		return err
	}
	chair, err := userID(voorzitter.email)
	if err != nil {
		return err
	}
	res, err := userID(bewoner.email)
	if err != nil {
		return err
	}
	partnerUser, err := userID(partnerStaff.email)
	if err != nil {
		return err
	}
	bs, err := s.Buurten(ctx, wijkID)
	if err != nil {
		return err
	}
	buurtID := map[string]string{}
	for _, b := range bs {
		buurtID[b.CBSCode] = b.ID
	}
	orgs, err := s.Organisations(ctx, wijkID)
	if err != nil {
		return err
	}
	orgID := map[string]string{}
	for _, o := range orgs {
		orgID[o.Name] = o.ID
	}
	ago := func(days int, hour int) time.Time {
		d := now.AddDate(0, 0, -days)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, time.UTC)
	}

	// Signals, oldest first, with what happened to them since.
	plan := planSignals(rng)
	var created []signaal.Signal
	for _, ds := range plan {
		t := ago(ds.daysAgo, 9+rng.IntN(9))
		at(t)
		sg := signaal.Signal{WijkID: wijkID, Theme: ds.theme, Title: ds.title, Urgency: ds.urgency, Source: signaal.SourceResident, CreatedBy: pm,
			Postcode: ds.postcode, HouseNumber: ds.number}
		if ds.postcode == "" {
			sg.BuurtID = buurtID[buurtSpecs[ds.buurt].code]
		}
		switch {
		case ds.partner != "":
			sg.Source, sg.OrganisationID, sg.CreatedBy = signaal.SourcePartner, orgID[ds.partner], partnerUser
		case ds.mine:
			sg.ReporterUserID, sg.CreatedBy = res, res
			sg.Note = "Ik woon er vlakbij en zie het elke dag."
		default:
			if rng.IntN(3) == 0 {
				sg.ReporterContact = fmt.Sprintf("06-%08d", 10000000+rng.IntN(89999999))
			}
		}
		if err := s.CreateSignal(ctx, &sg); err != nil {
			return fmt.Errorf("signal %q: %w", ds.title, err)
		}
		created = append(created, sg)
		// Older signals were taken up; most of those are solved by now.
		if ds.daysAgo < 14 {
			continue
		}
		step := t.AddDate(0, 0, 1+rng.IntN(5))
		at(step)
		if _, err := s.MoveSignal(ctx, wijkID, sg.ID, signaal.StatusNew, signaal.StatusInProgress, "", chair); err != nil {
			return err
		}
		switch r := rng.IntN(10); {
		case r < 6 && ds.daysAgo > 30:
			at(step.AddDate(0, 0, 3+rng.IntN(20)))
			if _, err := s.MoveSignal(ctx, wijkID, sg.ID, signaal.StatusInProgress, signaal.StatusSolved, "", pm); err != nil {
				return err
			}
		case r == 6:
			at(step.AddDate(0, 0, 2))
			if _, err := s.MoveSignal(ctx, wijkID, sg.ID, signaal.StatusInProgress, signaal.StatusRejected, rejectReasons[rng.IntN(len(rejectReasons))], chair); err != nil {
				return err
			}
		}
	}
	// Related reports of one problem: the afval in Akkerhof and the
	// jongeren in the Sluispark.
	at(now.Add(-time.Hour))
	for _, theme := range []string{"afval", "jongeren"} {
		var same []signaal.Signal
		for _, sg := range created {
			if sg.Theme == theme {
				same = append(same, sg)
			}
		}
		for _, sg := range same[1:min(len(same), 3)] {
			if err := s.GroupSignals(ctx, wijkID, sg.ID, same[0].ID, chair); err != nil {
				return err
			}
		}
	}

	// House visits.
	people, err := s.People(ctx, wijkID)
	if err != nil {
		return err
	}
	usedPeople := map[string]bool{}
	for i, dv := range demoVisits {
		by := vol
		if dv.byPM {
			by = pm
		}
		day := ago(dv.daysAgo, 0)
		at(day.Add(time.Duration(10+i%6) * time.Hour))
		v := signaal.Visit{WijkID: wijkID, VisitedOn: day, Postcode: dv.postcode, HouseNumber: dv.number, ConsentHow: dv.consent, ConsentBy: by,
			ConsentAt: day.Add(10 * time.Hour), RecordedBy: by, Scores: dv.scores, Problems: dv.problems, Ideas: dv.ideas,
			WantsToHelp: dv.helpWith != "", HelpWith: dv.helpWith, Note: dv.note}
		if dv.known {
			b := buurtID[addressBuurt(dv.postcode)]
			for _, p := range people {
				if p.BuurtID == b && p.UserID == "" && !usedPeople[p.ID] {
					v.PersonID = p.ID
					usedPeople[p.ID] = true
					break
				}
			}
			if dv.join != "" {
				v.InitiativeID = orgID[dv.join]
				ms, err := s.MembershipsOfPerson(ctx, v.PersonID)
				if err != nil {
					return err
				}
				for _, m := range ms {
					if m.OrganisationID == v.InitiativeID && m.Active() {
						v.InitiativeID = "" // a member already: no second instroom
					}
				}
			}
		}
		if err := s.RecordVisit(ctx, &v, nil, ""); err != nil {
			return fmt.Errorf("visit %d: %w", i, err)
		}
	}

	// The who-does-what register.
	at(now.AddDate(0, -2, 0))
	for _, e := range demoRegister {
		re := signaal.RegisterEntry{WijkID: wijkID, OrganisationID: orgID[e.org], Theme: e.theme, ContactName: e.name, ContactRole: e.role,
			ContactPhone: e.phone, ContactEmail: e.email, CreatedBy: pm}
		if e.buurt >= 0 {
			re.BuurtID = buurtID[buurtSpecs[e.buurt].code]
		}
		if err := s.AddRegisterEntry(ctx, &re); err != nil {
			return fmt.Errorf("register %s/%s: %w", e.org, e.theme, err)
		}
	}
	return nil
}

// addressBuurt is the CBS code of the buurt of a demo postcode.
func addressBuurt(postcode string) string {
	for _, a := range demoAddresses {
		if strings.ReplaceAll(a.Postcode, " ", "") == postcode {
			return a.Buurt
		}
	}
	return ""
}
