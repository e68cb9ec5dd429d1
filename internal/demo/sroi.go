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
// Café over last calendar year, with four stakeholders, two outputs and
// four outcomes valued with proxies from the default library (each with
// its source); its inputs are the Repair Café's expenses in the demo
// books, the hours it thanked its volunteers for in the time bank (booked
// here, a monthly thank-you to its volunteers), the other hours of its
// volunteers and the room the woningcorporatie gives in kind. The
// Buurtkeuken has a smaller analysis that claims one outcome with the
// Repair Café (fewer lonely elderly), and the wijk's analysis adds both
// up without counting that outcome twice. The year before has the same
// analyses, smaller (the Repair Café started halfway), for the
// comparison over the years.
//
// The figures of the demo's own surveys ("enquête onder bezoekers") are
// made up, like the wijk; the proxies and their sources are real.

// SROIRepairCafe is the name of the demo initiative with the full analysis.
const SROIRepairCafe = "Repair Café Blauwe Akker"

const sroiBuurtkeuken = "Buurtkeuken De Akker"

// SROITitle returns the title of the Repair Café's analysis of a year.
func SROITitle(year int) string { return fmt.Sprintf("Repair Café %d", year) }

// SROIWijkTitle returns the title of the wijk's analysis of a year.
func SROIWijkTitle(year int) string { return fmt.Sprintf("Blauwe Akker %d", year) }

// seedSROI writes the analyses of the two calendar years before now.
func seedSROI(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
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
	last := now.UTC().Year() - 1
	for _, y := range []struct {
		year  int
		scale int64 // percent of last year's quantities
	}{{last - 1, 55}, {last, 100}} {
		period := sroi.Period{From: time.Date(y.year, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(y.year, 12, 31, 0, 0, 0, 0, time.UTC)}
		if err := thankVolunteers(ctx, s, wijkID, cafe.ID, pm.ID, period, y.scale); err != nil {
			return fmt.Errorf("demo: sroi: time bank: %w", err)
		}
		d := &sroiDemo{ctx: ctx, s: s, wijkID: wijkID, by: pm.ID}
		if err := d.repairCafe(cafe.ID, period, y.scale); err != nil {
			return fmt.Errorf("demo: sroi: repair café %d: %w", y.year, err)
		}
		if err := d.buurtkeuken(keuken.ID, period, y.scale); err != nil {
			return fmt.Errorf("demo: sroi: buurtkeuken %d: %w", y.year, err)
		}
		if err := d.wijk(period); err != nil {
			return fmt.Errorf("demo: sroi: wijk %d: %w", y.year, err)
		}
	}
	return nil
}

// thankVolunteers books the Repair Café's monthly thank-you to up to
// three of its volunteers: an hour and a half each, on the second Saturday of
// every month of the period (scale percent of the months, the last ones).
func thankVolunteers(ctx context.Context, s *store.Store, wijkID, cafeID, byUserID string, p sroi.Period, scale int64) error {
	ms, err := s.MembershipsOfOrganisation(ctx, cafeID)
	if err != nil {
		return err
	}
	months := int(12 * scale / 100)
	for m := 12 - months + 1; m <= 12; m++ {
		on := time.Date(p.From.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		for on.Weekday() != time.Saturday {
			on = on.AddDate(0, 0, 1)
		}
		on = on.AddDate(0, 0, 7)
		n := 0
		for _, mb := range ms {
			if n == 3 || !mb.EndedOn.IsZero() || mb.StartedOn.After(on) {
				continue
			}
			key := fmt.Sprintf("demo-sroi-dank-%s-%s", on.Format(time.DateOnly), mb.PersonID)
			if _, err := s.RewardVolunteer(ctx, wijkID, cafeID, mb.PersonID, ledger.Time, 90, on, "Bedankt voor het repareren", key, byUserID); err != nil {
				return err
			}
			n++
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
	if err := d.create(sroi.ScopeInitiative, cafeID, SROITitle(p.From.Year()), p); err != nil {
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
	survey := fmt.Sprintf("Enquête onder bezoekers van het Repair Café, november %d", p.From.Year())
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
			IndicatorSource: fmt.Sprintf("Vragenlijst onder de vrijwilligers, begin en eind %d", p.From.Year()),
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
	if err := d.create(sroi.ScopeInitiative, keukenID, fmt.Sprintf("Buurtkeuken %d", p.From.Year()), p); err != nil {
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
			Indicator: "Vaste eters die zeggen zich minder vaak ernstig eenzaam te voelen", IndicatorSource: fmt.Sprintf("Gesprekken met vaste eters, najaar %d", p.From.Year()),
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
	if err := d.create(sroi.ScopeWijk, "", SROIWijkTitle(p.From.Year()), p); err != nil {
		return err
	}
	gemeente, err := d.stakeholder("Gemeente Lindenwaard", sroi.DomainGemeente, "Betaalt de procesmanager van de wijk.")
	if err != nil {
		return err
	}
	return d.input(sroi.Input{StakeholderID: gemeente, Kind: sroi.InputMoney, Description: "Begeleiding van de initiatieven door de procesmanager",
		Amount: 60 * 6500, Source: "60 uur × € 65, het deel van de uren van de procesmanager voor deze initiatieven (urenregistratie)"})
}
