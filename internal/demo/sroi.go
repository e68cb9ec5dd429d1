package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/sroi"
	"github.com/wei-platform/wei/wijk"
)

// The impact (SROI) of the demo wijk: a complete analysis of the Repair
// Café over the last twelve months, with four stakeholders, two outputs
// and four outcomes valued with proxies from the default library (each
// with its source). Its inputs are the Repair Café's expenses in the demo
// books, the hours it thanked its volunteers with in the time bank (booked
// here on the day of seeding, after the rest of the books, which stay in
// date order), the other hours of its volunteers and the room the
// woningcorporatie gives in kind. The Buurtkeuken has a smaller analysis
// that claims one outcome with the Repair Café (fewer lonely elderly),
// and the wijk's analysis adds both up without counting that outcome
// twice. The twelve months before have the same analyses, smaller (the
// Repair Café started during them, the time bank did not thank anyone
// yet), for the comparison over the years.
//
// The figures of the demo's own surveys ("enquête onder bezoekers") are
// made up, like the wijk; the proxies and their sources are real.

// SROIRepairCafe is the name of the demo initiative with the full analysis.
const SROIRepairCafe = "Repair Café Blauwe Akker"

const sroiBuurtkeuken = "Buurtkeuken De Akker"

// SROIPeriod returns the period of the demo's analyses seeded at now:
// the twelve months up to and including the day of now (back 0), or the
// twelve months before those (back 1).
func SROIPeriod(now time.Time, back int) sroi.Period {
	now = now.UTC()
	to := time.Date(now.Year()-back, now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return sroi.Period{From: to.AddDate(-1, 0, 1), To: to}
}

// SROITitle returns the title of the Repair Café's analysis of a period.
func SROITitle(p sroi.Period) string { return "Repair Café " + sroiYears(p) }

// SROIWijkTitle returns the title of the wijk's analysis of a period.
func SROIWijkTitle(p sroi.Period) string { return "Blauwe Akker " + sroiYears(p) }

func sroiYears(p sroi.Period) string {
	if p.From.Year() == p.To.Year() {
		return fmt.Sprint(p.From.Year())
	}
	return fmt.Sprintf("%d/%02d", p.From.Year(), p.To.Year()%100)
}

// seedSROI writes the analyses of the two periods before now.
func seedSROI(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
	s.SetClock(func() time.Time { return now })
	defer s.SetClock(time.Now)
	if err := s.EnsureSROILibrary(ctx, wijkID); err != nil {
		return err
	}
	pm, err := s.UserByEmail(ctx, procesmanager.email)
	if err != nil {
		return err
	}
	orgs, err := s.Organisations(ctx, wijkID)
	if err != nil {
		return err
	}
	byName := map[string]wijk.Organisation{}
	for _, o := range orgs {
		byName[o.Name] = o
	}
	cafe, keuken := byName[SROIRepairCafe], byName[sroiBuurtkeuken]
	if cafe.ID == "" || keuken.ID == "" {
		return fmt.Errorf("demo: sroi: the Repair Café or the Buurtkeuken is missing")
	}
	if err := thankVolunteers(ctx, s, wijkID, cafe.ID, pm.ID, SROIPeriod(now, 0).To); err != nil {
		return fmt.Errorf("demo: sroi: time bank: %w", err)
	}
	for _, y := range []struct {
		back  int
		scale int64 // percent of the last period's quantities
	}{{1, 55}, {0, 100}} {
		period := SROIPeriod(now, y.back)
		d := &sroiDemo{ctx: ctx, s: s, wijkID: wijkID, by: pm.ID}
		if err := d.repairCafe(cafe.ID, period, y.scale); err != nil {
			return fmt.Errorf("demo: sroi: repair café %s: %w", sroiYears(period), err)
		}
		if err := d.buurtkeuken(keuken.ID, period, y.scale); err != nil {
			return fmt.Errorf("demo: sroi: buurtkeuken %s: %w", sroiYears(period), err)
		}
		if err := d.wijk(period); err != nil {
			return fmt.Errorf("demo: sroi: wijk %s: %w", sroiYears(period), err)
		}
	}
	return nil
}

// thankVolunteers books the Repair Café's yearly thank-you in the time
// bank, on the day of seeding: twelve hours each for up to four of its
// volunteers, one afternoon a month.
func thankVolunteers(ctx context.Context, s *store.Store, wijkID, cafeID, byUserID string, on time.Time) error {
	ms, err := s.MembershipsOfOrganisation(ctx, cafeID)
	if err != nil {
		return err
	}
	n := 0
	for _, mb := range ms {
		if n == 4 || !mb.EndedOn.IsZero() {
			continue
		}
		n++
		key := fmt.Sprintf("demo-sroi-dank-%d", n)
		if _, err := s.RewardVolunteer(ctx, wijkID, cafeID, mb.PersonID, ledger.Time, 12*60, on, "Bedankt voor een jaar repareren", key, byUserID); err != nil {
			return err
		}
	}
	return nil
}

type sroiDemo struct {
	ctx    context.Context
	s      *store.Store
	wijkID string
	by     string
	a      store.SROIAnalysis
}

func (d *sroiDemo) create(scope sroi.Scope, initiativeID, title string, p sroi.Period) error {
	d.a = store.SROIAnalysis{Analysis: sroi.Analysis{WijkID: d.wijkID, Scope: scope, InitiativeID: initiativeID, Title: title, Period: p,
		DiscountRate: sroi.DutchDiscountRate, HourlyRate: sroi.DefaultHourlyRate}, CreatedBy: d.by}
	return d.s.CreateSROIAnalysis(d.ctx, &d.a)
}

func (d *sroiDemo) stakeholder(name string, domain sroi.Domain, desc string) (string, error) {
	x := sroi.Stakeholder{Name: name, Domain: domain, Description: desc}
	err := d.s.SaveSROIStakeholder(d.ctx, d.wijkID, d.a.ID, &x, d.by)
	return x.ID, err
}

func (d *sroiDemo) output(stakeholderID, desc string, q int64, unit string) (string, error) {
	x := sroi.Output{StakeholderID: stakeholderID, Description: desc, Quantity: q, Unit: unit}
	err := d.s.SaveSROIOutput(d.ctx, d.wijkID, d.a.ID, &x, d.by)
	return x.ID, err
}

func (d *sroiDemo) input(x sroi.Input) error {
	return d.s.SaveSROIInput(d.ctx, d.wijkID, d.a.ID, &x, d.by)
}

func (d *sroiDemo) outcome(x sroi.Outcome) error {
	return d.s.SaveSROIOutcome(d.ctx, d.wijkID, d.a.ID, &x, false, d.by)
}

// books names the stakeholders of the money and hours in the books.
func (d *sroiDemo) books(money, time string) error {
	a := d.a
	a.MoneyStakeholderID, a.TimeStakeholderID = money, time
	return d.s.UpdateSROIAnalysis(d.ctx, &a, d.by)
}

// scaled returns q × scale percent, rounded.
func scaled(q, scale int64) int64 { return (q*scale + 50) / 100 }

func (d *sroiDemo) repairCafe(cafeID string, p sroi.Period, scale int64) error {
	if err := d.create(sroi.ScopeInitiative, cafeID, SROITitle(p), p); err != nil {
		return err
	}
	var err error
	id := map[string]string{}
	for _, sh := range []struct {
		key, name string
		domain    sroi.Domain
		desc      string
	}{
		{"bezoekers", "Bezoekers met kapotte spullen", sroi.DomainBewoners, "Buren die een lamp, fiets, broek of koffiezetapparaat laten repareren, en er zelf bij helpen."},
		{"vrijwilligers", "Vrijwillige reparateurs", sroi.DomainBewoners, "Buren met handige handen die elke maand repareren."},
		{"gemeente", "Gemeente Lindenwaard", sroi.DomainGemeente, "Betaalt via het wijkbudget de onderdelen en het gereedschap, en heeft minder afval en uitstoot."},
		{"woningcorporatie", "Lindewonen", sroi.DomainWoningcorporatie, "Stelt elke maand een zaal in het Sluispark beschikbaar."},
	} {
		if id[sh.key], err = d.stakeholder(sh.name, sh.domain, sh.desc); err != nil {
			return err
		}
	}
	if err := d.books(id["gemeente"], id["vrijwilligers"]); err != nil {
		return err
	}
	months := scaled(12, scale)
	if err := d.input(sroi.Input{StakeholderID: id["vrijwilligers"], Kind: sroi.InputTime, Description: "Uren van de reparateurs die niet in de tijdbank staan",
		Minutes: scaled(250*60, scale), Source: "Presentielijst van de reparatiemiddagen, min de uren waarmee het Repair Café in de tijdbank bedankte"}); err != nil {
		return err
	}
	if err := d.input(sroi.Input{StakeholderID: id["woningcorporatie"], Kind: sroi.InputInKind, Description: "Zaal in het Sluispark, één middag per maand",
		Amount: months * 7500, Source: fmt.Sprintf("%d middagen × € 75, de huurprijs die Lindewonen voor de zaal vraagt", months)}); err != nil {
		return err
	}
	middagen, err := d.output(id["bezoekers"], "Reparatiemiddagen", months, "middag")
	if err != nil {
		return err
	}
	repairs := scaled(380, scale)
	gerepareerd, err := d.output(id["bezoekers"], "Gerepareerde spullen", repairs, "stuk")
	if err != nil {
		return err
	}
	survey := fmt.Sprintf("Enquête onder bezoekers van het Repair Café, %s", sroiMonth(p.To))
	for _, o := range []sroi.Outcome{
		{StakeholderID: id["bezoekers"], OutputID: gerepareerd, Description: "Spullen gerepareerd zonder een vakman te betalen",
			Indicator: "Uren reparatiewerk (ongeveer één uur per gerepareerd stuk)", IndicatorSource: "Turflijst van de reparateurs",
			Quantity: repairs, DurationYears: 1, Proxy: sroi.Proxy{ID: "wml-uur-werkgever"},
			Deadweight: 2500, DeadweightSource: "Een kwart van de bezoekers zegt dat ze het anders zelf hadden gerepareerd (" + survey + ")",
			Displacement: 1000, DisplacementSource: "Een deel van de reparaties had de fietsenmaker in de wijk gedaan",
			Attribution: 1000, AttributionSource: "De fietsenmaker levert onderdelen en helpt bij lastige reparaties"},
		{StakeholderID: id["bezoekers"], OutputID: middagen, Description: "Minder ernstig eenzaam",
			Indicator: "Alleenwonende bezoekers die zeggen zich minder vaak ernstig eenzaam te voelen", IndicatorSource: survey + ", de vragen van de eenzaamheidsschaal",
			Quantity: scaled(6, scale), DurationYears: 2, Proxy: sroi.Proxy{ID: "eenzaamheid-zorgkosten"},
			Deadweight: 4000, DeadweightSource: "Hoog gehouden: de proxy is een samenhang, geen bewezen oorzaak",
			Attribution: 3500, AttributionSource: "Een deel komt ook naar de buurtkeuken en de koffieochtend",
			DropOff: 3000, DropOffSource: "Zonder nieuwe contacten zakt het effect in een jaar voor een deel weg",
			SharedKey: "eenzaamheid-ouderen-sluispark"},
		{StakeholderID: id["vrijwilligers"], OutputID: middagen, Description: "Vrijwilligers zijn tevredener met hun leven",
			Indicator:       "Stijging van 0,1 punt of meer op de vraag 'Hoe tevreden ben je met het leven dat je nu leidt?' (0–10)",
			IndicatorSource: "Vragenlijst onder de vrijwilligers, aan het begin en het eind van de periode",
			Quantity:        scaled(12, scale), DurationYears: 2, Proxy: sroi.Proxy{ID: "wellby-0-1"},
			Deadweight: 3000, DeadweightSource: "Landelijk stijgt de levenstevredenheid in een jaar ook bij een deel van de mensen",
			Attribution: 2000, AttributionSource: "Ook ander vrijwilligerswerk en werk dragen bij",
			DropOff: 5000, DropOffSource: "Voorzichtig: de helft minder in het jaar na het stoppen"},
		{StakeholderID: id["gemeente"], OutputID: gerepareerd, Description: "Minder CO2-uitstoot doordat spullen niet nieuw gekocht worden",
			Indicator: "Vermeden uitstoot in ton CO2", IndicatorSource: "Schatting: ongeveer 24 kg CO2 per gerepareerd stuk, afgerond op hele tonnen (indicatief)",
			Quantity: max(1, (repairs*24+500)/1000), DurationYears: 1, Proxy: sroi.Proxy{ID: "co2-ton"},
			Deadweight: 2000, DeadweightSource: "Een deel van de spullen was ook zonder reparatie nog even gebruikt",
			Attribution: 1000, AttributionSource: "De fietsenmaker levert onderdelen"},
	} {
		if err := d.outcome(o); err != nil {
			return err
		}
	}
	return nil
}

func (d *sroiDemo) buurtkeuken(keukenID string, p sroi.Period, scale int64) error {
	if err := d.create(sroi.ScopeInitiative, keukenID, "Buurtkeuken "+sroiYears(p), p); err != nil {
		return err
	}
	eters, err := d.stakeholder("Buren die vaak alleen eten", sroi.DomainBewoners, "Ouderen en alleenstaanden die in de buurtkeuken eten. Zij betalen een lage prijs voor de maaltijd.")
	if err != nil {
		return err
	}
	welzijn, err := d.stakeholder("Welzijn Lindenwaard", sroi.DomainWelzijn, "Buurtwerkers wijzen buren die vaak alleen zijn op de maaltijd.")
	if err != nil {
		return err
	}
	if err := d.books(eters, ""); err != nil { // the meals are paid by those who eat them
		return err
	}
	if err := d.input(sroi.Input{StakeholderID: welzijn, Kind: sroi.InputInKind, Description: "Uren van buurtwerkers voor het doorverwijzen",
		Amount: scaled(40, scale) * 5500, Source: fmt.Sprintf("%d uur × € 55, het uurtarief van Welzijn Lindenwaard", scaled(40, scale))}); err != nil {
		return err
	}
	maaltijden, err := d.output(eters, "Maaltijden", scaled(4200, scale), "maaltijd")
	if err != nil {
		return err
	}
	for _, o := range []sroi.Outcome{
		{StakeholderID: eters, OutputID: maaltijden, Description: "Minder ernstig eenzaam",
			Indicator: "Vaste eters die zeggen zich minder vaak ernstig eenzaam te voelen", IndicatorSource: "Gesprekken met vaste eters, " + sroiMonth(p.To),
			Quantity: scaled(14, scale), DurationYears: 2, Proxy: sroi.Proxy{ID: "eenzaamheid-zorgkosten"},
			Deadweight: 4000, DeadweightSource: "Hoog gehouden: de proxy is een samenhang, geen bewezen oorzaak",
			Attribution: 3000, AttributionSource: "Buurtwerkers en andere initiatieven dragen bij",
			DropOff: 3000, DropOffSource: "Zonder nieuwe contacten zakt het effect in een jaar voor een deel weg",
			SharedKey: "eenzaamheid-ouderen-sluispark"},
		{StakeholderID: eters, OutputID: maaltijden, Description: "Betere gezondheid door gezonde maaltijden",
			Indicator: "Vaste eters die elke dag een gezonde warme maaltijd eten", IndicatorSource: "Inschrijvingen van de buurtkeuken",
			Quantity: scaled(5, scale), DurationYears: 1, Proxy: sroi.Proxy{ID: "qaly-0-1"},
			Deadweight: 5000, DeadweightSource: "De helft had ook zonder de buurtkeuken gezond gegeten",
			Attribution: 4000, AttributionSource: "Huisarts en thuiszorg dragen bij"},
	} {
		if err := d.outcome(o); err != nil {
			return err
		}
	}
	return nil
}

// wijk makes the wijk's analysis of the period: the initiatives' analyses
// of the same period are its parts; its own item is the process manager's
// time for the initiatives.
func (d *sroiDemo) wijk(p sroi.Period) error {
	if err := d.create(sroi.ScopeWijk, "", SROIWijkTitle(p), p); err != nil {
		return err
	}
	gemeente, err := d.stakeholder("Gemeente Lindenwaard", sroi.DomainGemeente, "Betaalt de procesmanager van de wijk.")
	if err != nil {
		return err
	}
	return d.input(sroi.Input{StakeholderID: gemeente, Kind: sroi.InputMoney, Description: "Begeleiding van de initiatieven door de procesmanager",
		Amount: 60 * 6500, Source: "60 uur × € 65, het deel van de uren van de procesmanager voor deze initiatieven (urenregistratie)"})
}

// sroiMonth names the month of t: "november 2026".
func sroiMonth(t time.Time) string { return maand(t) + " " + fmt.Sprint(t.Year()) }
