package demo

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// The wijkboekhouding of the demo wijk: two years of books in euros and a
// small time bank, booked through store.Post like a treasurer would.
//
// The books follow the money pots of the chart (see internal/store/claims.go):
// Bank (money not set aside for anything), Wijkbudget, each initiative's
// Budget and the wijkcoöperatie's own account together hold what is in the
// wijk's one bank account, and none of them goes below zero. Money that
// comes in is debited to Bank and credited to the gemeente (subsidy), the
// initiative's Inkomsten or the wijkcoöperatie's Contributie; setting it
// aside moves it from Bank to a pot (the subsidy to the Wijkbudget, an
// initiative's own income a month later to its Budget). A grant moves money
// from the Wijkbudget to a Budget, or straight from a funder (woningcorporatie,
// fonds, sponsor) to a Budget. An expense, paid at once, moves it from a
// Budget to the initiative's Uitgaven.
//
// The books stop statementDays before the day of the seed for everything
// in euros: the last month is in the demo bank statement (BankStatementFor),
// which the treasurer imports. Its opening balance is the money in all
// pots when the books stop; Bank then holds the last month's own income of
// the buurtbedrijven. Seed registers DemoIBAN as the wijk's bank account
// and a few matching rules, and leaves two expense claims of the
// initiatiefnemer from that last month: one approved and waiting to be
// paid, one waiting for a second person's approval.

// DemoIBAN is the IBAN of the demo wijk's bank account, the account of the
// demo bank statement. The check digits are correct (ISO 13616, mod 97).
const DemoIBAN = "NL20INGB0001234567"

// BankStatementName is the file name of the demo bank statement, for a
// download.
const BankStatementName = "blauwe-akker-camt053.xml"

const (
	booksSeed     = 20260314 // with randSeed1: the books' own random stream
	booksDays     = 730      // the books start this many days before today
	statementDays = 30       // the last days, left to the demo bank statement
)

// acct names an account of the demo books before the chart exists.
type acct string

const (
	aBank        acct = "bank"
	aWijkbudget  acct = "wijkbudget"
	aCoop        acct = "coop"
	aCoopIncome  acct = "coop-contributie"
	aCoopExpense acct = "coop-uitgaven"
	aFonds       acct = "fonds"
)

func aBudget(o int) acct    { return acct(fmt.Sprintf("budget-%d", o)) }
func aIncome(o int) acct    { return acct(fmt.Sprintf("inkomsten-%d", o)) }
func aExpense(o int) acct   { return acct(fmt.Sprintf("uitgaven-%d", o)) }
func aFunder(p int) acct    { return acct(fmt.Sprintf("financier-%d", p)) }
func aTime(person int) acct { return acct(fmt.Sprintf("tijd-%d", person)) }

// The stored account of the fonds and the wijkcoöperatie's own income and
// expenses, which the standard chart does not have.
const (
	fondsName         = "Stichting Lindenfonds"
	coopIncomeSuffix  = ":Contributie"
	coopExpenseSuffix = ":Uitgaven"
)

// entryKind says what the simulation does when an entry does not fit.
type entryKind int

const (
	kindFixed   entryKind = iota // always fits by construction
	kindExpense                  // dropped when the budget is short, after a top-up was tried
	kindGrant                    // lowered to what the wijkbudget holds, dropped below €100
	kindSweep                    // moves the whole balance of its credit account; dropped at zero
)

// Same-day order of the entries.
const (
	orderIn    = iota // money comes in
	orderAside        // money is set aside in a pot
	orderGrant        // grants to initiatives
	orderSpend        // expenses
	orderTime         // time bank
	orderEnd          // sweeps of an initiative that stopped
)

// bookEntry is a transaction of the plan: amount moves from every credit
// account to every debit account (one of each, or two of each for a
// contribution paid from one pot to another).
type bookEntry struct {
	on            time.Time
	order, n      int // same-day order and generation order
	desc, cat     string
	asset         string
	amount        int64
	debit, credit []acct
	kind          entryKind
	initiative    int // the initiative whose budget an expense uses; -1 for none
}

type books struct {
	p          *seedPlan
	rng        *rand.Rand
	start, end time.Time // the first day of the books and the last day with money
	entries    []bookEntry
	timeFirst  map[int]time.Time // residents in the time bank (indexes into p.people) and their first exchange
}

func (b *books) day(n int) time.Time { return b.p.today.AddDate(0, 0, n) }

// between returns a number in [lo, hi].
func (b *books) between(lo, hi int) int { return lo + b.rng.IntN(hi-lo+1) }

// cents returns an amount between lo and hi euros, with cents.
func (b *books) cents(lo, hi int) int64 {
	return int64(lo)*100 + b.rng.Int64N(int64(hi-lo)*100+1)
}

// round returns an amount between lo and hi euros in steps of step euros.
func (b *books) round(lo, hi, step int) int64 {
	return int64(lo+step*b.rng.IntN((hi-lo)/step+1)) * 100
}

// dayIn returns a day in [from, to], never after the last day with money.
func (b *books) dayIn(from, to time.Time) time.Time {
	to = minTime(to, b.end)
	n := int(to.Sub(from).Hours() / 24)
	if n <= 0 {
		return from
	}
	return from.AddDate(0, 0, b.rng.IntN(n+1))
}

func (b *books) add(e bookEntry) {
	if e.asset == "" {
		e.asset = ledger.EUR
	}
	e.n = len(b.entries)
	b.entries = append(b.entries, e)
}

// move books amount from credit to debit.
func (b *books) move(on time.Time, order int, kind entryKind, desc, cat string, amount int64, debit, credit acct) {
	b.add(bookEntry{on: on, order: order, kind: kind, desc: desc, cat: cat, amount: amount, debit: []acct{debit}, credit: []acct{credit}, initiative: -1})
}

// moneyIn books money that arrives from a funder and sets it aside in a
// pot the same day.
func (b *books) moneyIn(on time.Time, desc, cat string, amount int64, from, into acct, asideOrder int, asideDesc string) {
	b.move(on, orderIn, kindFixed, desc, cat, amount, aBank, from)
	b.move(on, asideOrder, kindFixed, asideDesc, cat, amount, into, aBank)
}

var maanden = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

func maand(d time.Time) string { return maanden[d.Month()-1] }

// seizoen names the season of a day, for the numbers of the buurtkrant.
func seizoen(d time.Time) string {
	switch d.Month() {
	case time.March, time.April, time.May:
		return "lentenummer"
	case time.June, time.July, time.August:
		return "zomernummer"
	case time.September, time.October, time.November:
		return "herfstnummer"
	}
	return "winternummer"
}

// since says from when a recurring cost or income of an initiative runs.
type since int

const (
	sinceFounded  since = iota
	sinceOntstaan       // from the ontstaansfase on
	sinceForm           // from the day it became a buurtbedrijf or stichting
	sinceOntwikkel
)

// cost is a kind of expense of an initiative.
type cost struct {
	cat, desc string
	lo, hi    int // euros
	weight    int
}

// recurring is a cost or income that comes back every month (every
// `every` months) once it runs.
type recurring struct {
	cat, desc string // desc gets the month appended
	lo, hi    int
	step      int // round to this many euros; 0: with cents
	from      since
	every     int
	chance    int // percent of the months it happens; 0: always
}

// profile is the money of an initiative: what it spends and earns.
type profile struct {
	busy   float64 // expenses per month relative to the other initiatives
	costs  []cost
	fixed  []recurring // fixed costs
	income []recurring // money earned
}

const (
	catMateriaal    = "materiaal"
	catHuur         = "huur"
	catKoffie       = "koffie en thee"
	catZaaigoed     = "zaaigoed"
	catGereedschap  = "gereedschap"
	catDrukwerk     = "drukwerk"
	catVrijwilliger = "vrijwilligersvergoeding"
	catBoodschappen = "boodschappen"
	catLoon         = "loon"
	catContributie  = "contributie"
	catSubsidie     = "subsidie"
	catSponsoring   = "sponsoring"
	catToekenning   = "toekenning"
	catWijkbudget   = "wijkbudget"
	catEigen        = "eigen inkomsten"
	catTijdbank     = "tijdbank"
)

var koffie = cost{catKoffie, "Koffie, thee en koekjes voor de bijeenkomst", 12, 55, 2}

// profiles by index into initiatives. Purposes are public: they never name
// a private person.
var profiles = map[int]profile{
	iBuurtkeuken: {busy: 1.2,
		costs: []cost{{catBoodschappen, "Boodschappen voor de maaltijden van deze week", 160, 460, 6}, {catMateriaal, "Pannen, bakken en ander keukengerei", 35, 240, 1},
			{catDrukwerk, "Menukaarten en flyers voor de buurtkeuken", 40, 130, 1}, {catMateriaal, "Bakjes om maaltijden mee te nemen", 45, 110, 1}},
		fixed: []recurring{{cat: catHuur, desc: "Huur keuken buurthuis De Akker", lo: 150, hi: 150, step: 1, from: sinceOntstaan, every: 1},
			{cat: catVrijwilliger, desc: "Vrijwilligersvergoeding kookploeg", lo: 150, hi: 300, step: 25, from: sinceOntstaan, every: 1},
			{cat: catLoon, desc: "Loon medewerkers keuken (parttime)", lo: 950, hi: 1300, step: 50, from: sinceForm, every: 1}},
		income: []recurring{{cat: "maaltijden", desc: "Opbrengst maaltijden buurtkeuken", lo: 1100, hi: 2100, from: sinceOntstaan, every: 1},
			{cat: "catering", desc: "Catering bij een bijeenkomst in de wijk", lo: 150, hi: 650, from: sinceOntwikkel, every: 1, chance: 45}}},
	1: {busy: 1, // Klussendienst
		costs: []cost{{catGereedschap, "Boormachine, accu's en bits", 80, 380, 2}, {catMateriaal, "Schroeven, pluggen en kit", 18, 110, 4},
			{catDrukwerk, "Visitekaartjes en flyers klussendienst", 35, 95, 1}, {catMateriaal, "Verf en kwasten voor klussen", 25, 140, 2}},
		fixed: []recurring{{cat: catHuur, desc: "Huur opslagruimte gereedschap", lo: 75, hi: 75, step: 1, from: sinceOntwikkel, every: 1},
			{cat: catLoon, desc: "Loon medewerkers klussendienst", lo: 650, hi: 950, step: 50, from: sinceForm, every: 1}},
		income: []recurring{{cat: "klussen", desc: "Klusjes bij buren in de wijk", lo: 250, hi: 780, from: sinceOntstaan, every: 1},
			{cat: "klussen", desc: "Kleine klussen in huurwoningen van Woonstichting Akkerland", lo: 300, hi: 850, from: sinceForm, every: 1}}},
	iEnergie: {busy: 0.9,
		costs: []cost{{catMateriaal, "Radiatorfolie en tochtstrips voor buren", 90, 380, 3}, {catDrukwerk, "Flyers voor de energieavond", 40, 120, 1},
			{catHuur, "Huur zaal voor de energieavond", 60, 140, 1}, {catGereedschap, "Meetapparatuur voor energiescans", 60, 300, 1}},
		fixed: []recurring{{cat: catVrijwilliger, desc: "Vrijwilligersvergoeding energiecoaches", lo: 150, hi: 300, step: 25, from: sinceOntwikkel, every: 1},
			{cat: catMateriaal, desc: "Inkoop zonnepanelen voor deelnemers", lo: 700, hi: 1700, from: sinceForm, every: 3}},
		income: []recurring{{cat: "energie", desc: "Energiescans bij huurders", lo: 300, hi: 800, from: sinceOntwikkel, every: 1, chance: 60},
			{cat: "energie", desc: "Bijdrage deelnemers zonnepanelen op het dak", lo: 600, hi: 1800, from: sinceForm, every: 3}}},
	iRepairCafe: {busy: 0.8,
		costs: []cost{{catMateriaal, "Onderdelen voor reparaties: zekeringen, kabels en knopen", 15, 90, 3}, {catGereedschap, "Soldeerbout en multimeter", 35, 160, 1},
			{catDrukwerk, "Posters voor het Repair Café", 25, 80, 1}},
		fixed:  []recurring{{cat: catKoffie, desc: "Koffie, thee en koek voor het Repair Café", lo: 20, hi: 45, from: sinceOntstaan, every: 1}},
		income: []recurring{{cat: "reparaties", desc: "Vrijwillige bijdragen voor reparaties", lo: 40, hi: 140, from: sinceOntstaan, every: 1}}},
	4: {busy: 1.1, // Groen Doen
		costs: []cost{{catGereedschap, "Heggenschaar, harken en bladblazer", 60, 420, 2}, {catMateriaal, "Plantjes, compost en boomschors", 45, 260, 3},
			{catZaaigoed, "Bloemzaad voor de bermen", 25, 90, 1}},
		fixed: []recurring{{cat: catLoon, desc: "Loon medewerkers groenploeg", lo: 850, hi: 1150, step: 50, from: sinceForm, every: 1}},
		income: []recurring{{cat: "groenonderhoud", desc: "Groenonderhoud Akkerhof en Blauwe Weide voor de gemeente", lo: 1150, hi: 1450, step: 50, from: sinceForm, every: 1},
			{cat: "groenonderhoud", desc: "Onderhoud tuinen bij de flats in het Molenkwartier", lo: 300, hi: 480, step: 10, from: sinceOntwikkel, every: 1}}},
	iNaaiatelier: {busy: 0.8,
		costs:  []cost{{catMateriaal, "Stof, garen en ritsen", 25, 140, 4}, {catGereedschap, "Tweedehands naaimachine", 80, 220, 1}, koffie},
		fixed:  []recurring{{cat: catHuur, desc: "Huur atelierruimte", lo: 85, hi: 85, step: 1, from: sinceOntwikkel, every: 1}},
		income: []recurring{{cat: "verkoop", desc: "Verkoop tassen en kleding op de markt", lo: 40, hi: 260, from: sinceOntwikkel, every: 1, chance: 70}}},
	6: {busy: 0.8, // Taalcafé
		costs: []cost{{catDrukwerk, "Oefenboekjes en werkbladen", 30, 120, 2}, {catMateriaal, "Woordkaarten en spellen", 20, 70, 1}},
		fixed: []recurring{{cat: catKoffie, desc: "Koffie en thee voor het taalcafé", lo: 25, hi: 60, from: sinceOntstaan, every: 1},
			{cat: catVrijwilliger, desc: "Vrijwilligersvergoeding taalcoaches", lo: 75, hi: 150, step: 25, from: sinceForm, every: 1}}},
	iHuiswerk: {busy: 0.9,
		costs: []cost{{catMateriaal, "Schriften, pennen en rekenmachines", 25, 110, 3}, {catKoffie, "Fruit en drinken voor de kinderen", 15, 45, 3},
			{catDrukwerk, "Oefenbladen en een flyer voor ouders", 20, 90, 1}},
		fixed: []recurring{{cat: catVrijwilliger, desc: "Vrijwilligersvergoeding huiswerkbegeleiders", lo: 100, hi: 200, step: 25, from: sinceForm, every: 1}}},
	iBuurttuin: {busy: 1,
		costs: []cost{{catZaaigoed, "Zaden en pootgoed voor de moestuin", 15, 85, 3}, {catGereedschap, "Schoppen, harken en gieters", 30, 160, 1},
			{catMateriaal, "Houten bakken en compost", 40, 220, 2}, {catKoffie, "Koffie en thee op de tuindag", 12, 40, 2}},
		income: []recurring{{cat: "verkoop", desc: "Verkoop groente op de oogstmarkt", lo: 20, hi: 95, from: sinceOntwikkel, every: 1, chance: 35}}},
	9: {busy: 0.7, // Buurtconciërges
		costs: []cost{{catMateriaal, "Hesjes en zaklampen voor de buurtconciërges", 30, 120, 2}, {catDrukwerk, "Kaartjes met telefoonnummer", 20, 60, 1}, koffie}},
	10: {busy: 0.5, // Buurtkrant
		costs: []cost{{catMateriaal, "Papier en inkt voor de redactie", 15, 60, 1}, {catKoffie, "Koffie en thee bij het redactieoverleg", 10, 30, 2}},
		fixed: []recurring{{cat: catDrukwerk, desc: "Drukwerk De Akkerbode", lo: 380, hi: 560, from: sinceOntstaan, every: 3}}},
	11: {busy: 0.7, // Speeltuinvereniging
		costs: []cost{{catMateriaal, "Zand voor de zandbak", 60, 240, 1}, {catMateriaal, "Verf voor de bankjes en het hek", 30, 120, 1},
			{catKoffie, "Limonade en koek voor het speeltuinfeest", 20, 75, 2}, {catGereedschap, "Bezems en een kruiwagen", 30, 140, 1}}},
	iKookclub: {busy: 0.6,
		costs:  []cost{{catBoodschappen, "Boodschappen om samen te koken", 35, 120, 4}, koffie},
		fixed:  []recurring{{cat: catHuur, desc: "Huur keuken buurthuis", lo: 40, hi: 40, step: 1, from: sinceOntstaan, every: 1}},
		income: []recurring{{cat: "maaltijden", desc: "Bijdrage deelnemers aan de maaltijd", lo: 30, hi: 95, from: sinceOntstaan, every: 1}}},
	13: {busy: 0.9, // Burenhulp
		costs: []cost{{catDrukwerk, "Flyers voor de burenhulp", 25, 90, 1}, {catVrijwilliger, "Reiskosten vrijwilligers voor ritjes naar de dokter", 15, 70, 3}, koffie}},
	14: {busy: 0.6, // Geveltuinen
		costs: []cost{{catZaaigoed, "Plantjes en bollen voor geveltuinen", 20, 110, 3}, {catDrukwerk, "Flyer voor de informatieavond", 20, 60, 1}}},
	iKoffie: {busy: 0.6,
		costs: []cost{{catHuur, "Huur zaal buurthuis", 25, 40, 1}, {catMateriaal, "Spelletjes en puzzels", 10, 35, 1}},
		fixed: []recurring{{cat: catKoffie, desc: "Koffie, thee en koek voor de koffieochtend", lo: 40, hi: 90, from: sinceFounded, every: 1}}},
	16: {busy: 0.7, // Voorleesclub
		costs: []cost{{catMateriaal, "Prentenboeken voor de voorleesclub", 20, 90, 2}, {catKoffie, "Limonade en koekjes", 8, 25, 2}}},
	17: {busy: 0.6, // Zwerfafvalploeg
		costs: []cost{{catGereedschap, "Grijpers voor de zwerfafvalploeg", 30, 120, 1}, {catMateriaal, "Vuilniszakken en handschoenen", 15, 60, 2}}},
	18: {busy: 0.7, // Meidenclub
		costs: []cost{{catMateriaal, "Sportspullen voor de meidenclub", 30, 150, 1}, {catKoffie, "Drinken en fruit", 10, 35, 2}},
		fixed: []recurring{{cat: catHuur, desc: "Huur sportzaal", lo: 45, hi: 90, step: 5, from: sinceFounded, every: 1, chance: 60}}},
	iWandelgroep: {busy: 0.5,
		costs: []cost{{catKoffie, "Koffie na de wandeling", 8, 30, 3}, {catDrukwerk, "Flyer voor de wandelgroep", 20, 60, 1}}},
}

// fundings are grants of the partners and the fonds to one initiative: the
// money comes in and goes to the initiative's budget the same day; what it
// was given for is bought in the two months after.
type funding struct {
	partner    int // index into partners; -1 for the fonds
	initiative int
	afterDays  int // days after the initiative entered the ontstaansfase (or was founded)
	euros      int
	desc       string
	every      int    // days between repeats; 0 for once
	buys       []cost // bought with it; weight unused
}

var fundings = []funding{
	{pWoonstichting, iBuurtkeuken, 40, 6000, "Bijdrage inrichting keuken buurthuis De Akker", 0,
		[]cost{{catMateriaal, "Fornuis en koelkast voor de buurtkeuken", 2400, 3100, 0}, {catMateriaal, "Werkbank, pannen en servies voor de buurtkeuken", 1400, 2000, 0}}},
	{pWoonstichting, 1, 60, 2500, "Bijdrage gereedschap en aanhanger klussendienst", 0,
		[]cost{{catGereedschap, "Tweedehands aanhanger voor de klussendienst", 900, 1300, 0}, {catGereedschap, "Zaag, schuurmachine en ladder", 600, 1000, 0}}},
	{pWoonstichting, iBuurttuin, 90, 1800, "Bijdrage hek, regenton en gereedschap buurttuin", 0,
		[]cost{{catMateriaal, "Hek rond de buurttuin", 700, 1000, 0}, {catMateriaal, "Regentonnen en een tuinslang", 150, 260, 0}, {catGereedschap, "Gereedschap voor de tuindagen", 200, 380, 0}}},
	{pLindewonen, iRepairCafe, 45, 1200, "Bijdrage gereedschap en onderdelen Repair Café", 0,
		[]cost{{catGereedschap, "Gereedschapskoffers voor de reparatietafels", 350, 600, 0}, {catMateriaal, "Voorraad onderdelen voor reparaties", 250, 450, 0}}},
	{pLindewonen, 4, 120, 3000, "Bijdrage maaiers en gereedschap groenploeg", 0,
		[]cost{{catGereedschap, "Grasmaaier en bosmaaier voor de groenploeg", 1500, 2100, 0}, {catGereedschap, "Harken, schoffels en kruiwagens", 400, 700, 0}}},
	{-1, iEnergie, 100, 7500, "Bijdrage energiecoaches en meetapparatuur", 0,
		[]cost{{catGereedschap, "Warmtecamera en energiemeters", 1200, 1800, 0}, {catVrijwilliger, "Training energiecoaches", 1500, 2200, 0}, {catMateriaal, "Energiebespaarpakketten voor huurders", 1800, 2600, 0}}},
	{-1, iHuiswerk, 80, 3000, "Bijdrage lesmateriaal en laptops huiswerkklas", 0,
		[]cost{{catMateriaal, "Vier tweedehands laptops voor de huiswerkklas", 1200, 1700, 0}, {catMateriaal, "Lesboeken en oefenmateriaal", 450, 800, 0}}},
	{-1, 6, 60, 1500, "Bijdrage lesmateriaal taalcafé", 0,
		[]cost{{catMateriaal, "Lesmethode en woordenboeken voor het taalcafé", 450, 750, 0}}},
	{-1, 18, 30, 1000, "Bijdrage sportactiviteiten meidenclub", 0,
		[]cost{{catMateriaal, "Ballen, matten en hesjes voor de meidenclub", 250, 450, 0}}},
	{pWelzijn, iKoffie, 20, 400, "Bijdrage koffieochtend voor ouderen", 0,
		[]cost{{catMateriaal, "Koffiezetapparaat en thermoskannen", 120, 220, 0}}},
	{pWelzijn, 6, 150, 600, "Bijdrage vrijwilligers taalcafé", 0, nil},
	{pSupermarkt, 10, 30, 450, "Sponsoring drukwerk De Akkerbode", 182, nil},
	{pSupermarkt, 17, 10, 250, "Sponsoring grijpers, handschoenen en vuilniszakken", 0,
		[]cost{{catGereedschap, "Grijpers en handschoenen voor de zwerfafvalploeg", 140, 230, 0}}},
	{pOpenbareRuimte, 11, 60, 2500, "Subsidie nieuwe zandbak en speeltoestel", 0,
		[]cost{{catMateriaal, "Nieuwe zandbak met deksel", 800, 1100, 0}, {catMateriaal, "Klein speeltoestel voor peuters", 1000, 1350, 0}}},
}

// planBooks plans the books of the demo wijk.
func (p *seedPlan) planBooks() *books {
	b := &books{p: p, rng: rand.New(rand.NewPCG(randSeed1, booksSeed))}
	b.start, b.end = b.day(-booksDays), b.day(-statementDays-1)

	b.planSubsidy()
	b.planInitiatives()
	b.planFundings()
	b.planCoop()
	b.planTimeBank()
	return b
}

// planSubsidy plans the yearly wijkbudget of the gemeente, paid in two
// parts: 60% at the start of the year, the rest after eleven months. The
// second part of the second year is in the demo bank statement.
func (b *books) planSubsidy() {
	for y, euros := range []int{32000, 36000} {
		first := b.start.AddDate(0, 0, 365*y+7)
		year := fmt.Sprintf("%d-%d", first.Year(), first.Year()+1)
		amount := int64(euros) * 100
		part := amount * 6 / 10
		b.moneyIn(first, fmt.Sprintf("Subsidie wijkbudget %s, eerste deel", year), catSubsidie, part, aFunder(pWijkteam), aWijkbudget,
			orderAside, fmt.Sprintf("Subsidie wijkbudget %s naar het wijkbudget", year))
		if second := first.AddDate(0, 0, 333); !second.After(b.end) {
			b.moneyIn(second, fmt.Sprintf("Subsidie wijkbudget %s, tweede deel", year), catSubsidie, amount-part, aFunder(pWijkteam), aWijkbudget,
				orderAside, fmt.Sprintf("Subsidie wijkbudget %s naar het wijkbudget", year))
		}
	}
}

// ontstaanOn returns the day initiative o entered the ontstaansfase, or
// zero.
func (b *books) ontstaanOn(o int) time.Time {
	for _, ph := range b.p.orgs[o].phases {
		if ph.phase == proces.PhaseOntstaan {
			return ph.on
		}
	}
	return time.Time{}
}

// from returns the day a recurring item of initiative o starts, or zero if
// it has not.
func (b *books) from(o int, s since) time.Time {
	org := b.p.orgs[o]
	switch s {
	case sinceOntstaan:
		if d := b.ontstaanOn(o); !d.IsZero() {
			return d
		}
		return org.ontwikkel
	case sinceForm:
		return org.formOn
	case sinceOntwikkel:
		return org.ontwikkel
	}
	return org.founded
}

// planInitiatives plans the grants from the wijkbudget to every initiative
// and what each spends and earns, month by month.
func (b *books) planInitiatives() {
	year2 := b.start.AddDate(0, 0, 365+14)
	for o := range initiatives {
		org := b.p.orgs[o]
		prof := profiles[o]
		// Grants: a start budget, a budget for the ontstaansfase and the
		// ontwikkelfase, and a yearly budget in the second year.
		open := maxTime(org.founded.AddDate(0, 0, b.between(10, 30)), b.start.AddDate(0, 0, 12))
		b.add(bookEntry{on: open, order: orderGrant, kind: kindGrant, desc: "Startbudget uit het wijkbudget", cat: catToekenning,
			amount: b.round(150, 400, 50), debit: []acct{aBudget(o)}, credit: []acct{aWijkbudget}, initiative: -1})
		if d := b.ontstaanOn(o); !d.IsZero() && d.After(open) && !d.After(b.end) {
			b.add(bookEntry{on: d.AddDate(0, 0, b.between(7, 21)), order: orderGrant, kind: kindGrant, desc: "Budget ontstaansfase uit het wijkbudget", cat: catToekenning,
				amount: b.round(750, 1750, 250), debit: []acct{aBudget(o)}, credit: []acct{aWijkbudget}, initiative: -1})
		}
		if d := org.ontwikkel; !d.IsZero() && !d.After(b.end) {
			b.add(bookEntry{on: maxTime(d.AddDate(0, 0, b.between(7, 21)), b.start.AddDate(0, 0, 12)), order: orderGrant, kind: kindGrant,
				desc: "Budget ontwikkelfase uit het wijkbudget", cat: catToekenning, amount: b.round(1500, 3000, 250),
				debit: []acct{aBudget(o)}, credit: []acct{aWijkbudget}, initiative: -1})
		}
		if ph := b.p.phaseOn(o, year2); org.founded.Before(year2) && ph != proces.PhaseInformatie && ph != proces.PhaseEnded &&
			initiatives[o].form != wijk.FormBuurtbedrijf {
			b.add(bookEntry{on: year2.AddDate(0, 0, b.between(0, 20)), order: orderGrant, kind: kindGrant,
				desc: fmt.Sprintf("Jaarbudget %d uit het wijkbudget", year2.Year()), cat: catToekenning, amount: b.round(750, 2000, 250),
				debit: []acct{aBudget(o)}, credit: []acct{aWijkbudget}, initiative: -1})
		}

		// Spending and income, month by month.
		last := b.end
		if !org.endOn.IsZero() {
			last = minTime(last, org.endOn.AddDate(0, 0, -1))
		}
		first := open.AddDate(0, 0, 3)
		period, prevEarned, prevMonth := 0, int64(0), ""
		for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(last); m = m.AddDate(0, 1, 0) {
			t, end := maxTime(m, first), minTime(m.AddDate(0, 1, -1), last)
			ph := b.p.phaseOn(o, t)
			rate := map[proces.Phase]float64{proces.PhaseInformatie: 0.7, proces.PhaseOntstaan: 1.3, proces.PhaseOntwikkel: 1.8, proces.PhaseAutonoom: 2.2}[ph] * prof.busy
			n := int(rate)
			if b.rng.Float64() < rate-float64(n) {
				n++
			}
			for range n {
				c := pickCost(b.rng, prof.costs)
				b.add(bookEntry{on: b.dayIn(t, end), order: orderSpend, kind: kindExpense, desc: c.desc, cat: c.cat, amount: b.cents(c.lo, c.hi),
					debit: []acct{aExpense(o)}, credit: []acct{aBudget(o)}, initiative: o})
			}
			for _, r := range prof.fixed {
				if from := b.from(o, r.from); from.IsZero() || t.Before(from) || period%r.every != 0 || (r.chance > 0 && b.rng.IntN(100) >= r.chance) {
					continue
				}
				desc := r.desc + ", " + maand(m)
				if r.cat == catDrukwerk && r.every == 3 {
					desc = r.desc + ", " + seizoen(m)
				}
				b.add(bookEntry{on: b.dayIn(t, end), order: orderSpend, kind: kindExpense, desc: desc, cat: r.cat, amount: b.amount(r),
					debit: []acct{aExpense(o)}, credit: []acct{aBudget(o)}, initiative: o})
			}
			var earned int64 // this month's; it goes to the budget at the end of the next
			for _, r := range prof.income {
				if from := b.from(o, r.from); from.IsZero() || t.Before(from) || period%r.every != 0 || (r.chance > 0 && b.rng.IntN(100) >= r.chance) {
					continue
				}
				a := b.amount(r)
				earned += a
				desc := r.desc
				if r.chance == 0 && r.every == 1 {
					desc += ", " + maand(m)
				}
				b.add(bookEntry{on: b.dayIn(t, end.AddDate(0, 0, -1)), order: orderIn, kind: kindFixed, desc: desc, cat: r.cat, amount: a,
					debit: []acct{aBank}, credit: []acct{aIncome(o)}, initiative: -1})
			}
			if prevEarned > 0 {
				b.add(bookEntry{on: end, order: orderAside, kind: kindFixed, desc: "Eigen inkomsten van " + prevMonth + " naar het budget", cat: catEigen,
					amount: prevEarned, debit: []acct{aBudget(o)}, credit: []acct{aBank}, initiative: -1})
			}
			prevEarned, prevMonth = earned, maand(m)
			period++
		}
		if !org.endOn.IsZero() && !org.endOn.After(b.end) {
			b.add(bookEntry{on: org.endOn.AddDate(0, 0, 14), order: orderEnd, kind: kindSweep, desc: "Initiatief gestopt: wat over is gaat terug naar het wijkbudget",
				cat: catToekenning, debit: []acct{aWijkbudget}, credit: []acct{aBudget(o)}, initiative: -1})
		}
	}
}

func (b *books) amount(r recurring) int64 {
	if r.step > 0 {
		return b.round(r.lo, r.hi, r.step)
	}
	return b.cents(r.lo, r.hi)
}

func pickCost(rng *rand.Rand, cs []cost) cost {
	total := 0
	for _, c := range cs {
		total += c.weight
	}
	n := rng.IntN(total)
	for _, c := range cs {
		if n < c.weight {
			return c
		}
		n -= c.weight
	}
	return cs[len(cs)-1]
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// planFundings plans the grants of partners and the fonds.
func (b *books) planFundings() {
	for _, f := range fundings {
		from := b.ontstaanOn(f.initiative)
		if from.IsZero() {
			from = b.p.orgs[f.initiative].founded
		}
		funder := aFonds
		if f.partner >= 0 {
			funder = aFunder(f.partner)
		}
		cat := catSubsidie
		if f.partner == pSupermarkt {
			cat = catSponsoring
		}
		for d := maxTime(from.AddDate(0, 0, f.afterDays), b.start.AddDate(0, 0, 10)); !d.After(b.end); d = d.AddDate(0, 0, f.every) {
			b.move(d, orderGrant, kindFixed, f.desc, cat, int64(f.euros)*100, aBudget(f.initiative), funder)
			for _, c := range f.buys {
				b.add(bookEntry{on: b.dayIn(d.AddDate(0, 0, 3), d.AddDate(0, 0, 60)), order: orderSpend, kind: kindExpense, desc: c.desc, cat: c.cat,
					amount: b.cents(c.lo, c.hi), debit: []acct{aExpense(f.initiative)}, credit: []acct{aBudget(f.initiative)}, initiative: f.initiative})
			}
			if f.every == 0 {
				break
			}
		}
	}
}

// planCoop plans the money of the wijkcoöperatie: a start budget from the
// wijkbudget, the yearly contribution of its resident members (€12) and of
// the initiatives that pay a fee, and its own costs.
func (b *books) planCoop() {
	p := b.p
	founded := p.orgs[oCooperatie].founded
	b.add(bookEntry{on: founded.AddDate(0, 0, 14), order: orderGrant, kind: kindGrant, desc: "Startbudget wijkcoöperatie uit het wijkbudget",
		cat: catToekenning, amount: 150000, debit: []acct{aCoop}, credit: []acct{aWijkbudget}, initiative: -1})
	for wave := founded.AddDate(0, 0, 30); !wave.After(b.end); wave = wave.AddDate(0, 0, 365) {
		var total int64
		last := wave
		for _, m := range p.members {
			if m.org != oCooperatie || m.start.After(wave) || (!m.end.IsZero() && !m.end.After(wave)) {
				continue
			}
			d := b.dayIn(wave, wave.AddDate(0, 0, 28))
			last = maxTime(last, d)
			b.move(d, orderIn, kindFixed, fmt.Sprintf("Contributie wijkcoöperatie %d", wave.Year()), catContributie, 1200, aBank, aCoopIncome)
			total += 1200
		}
		if total > 0 {
			b.move(last, orderAside, kindFixed, "Contributies naar de kas van de wijkcoöperatie", catContributie, total, aCoop, aBank)
		}
		// The general meeting, a month after the contributions.
		alv := b.dayIn(wave.AddDate(0, 0, 40), wave.AddDate(0, 0, 55))
		for _, c := range []cost{{catHuur, "Huur zaal voor de algemene ledenvergadering", 75, 150, 0}, {catKoffie, "Koffie en thee bij de algemene ledenvergadering", 25, 60, 0},
			{catDrukwerk, "Drukwerk jaarverslag wijkcoöperatie", 80, 210, 0}} {
			b.add(bookEntry{on: alv, order: orderSpend, kind: kindExpense, desc: c.desc, cat: c.cat, amount: b.cents(c.lo, c.hi),
				debit: []acct{aCoopExpense}, credit: []acct{aCoop}, initiative: -1})
		}
	}
	// Initiatives that pay a yearly fee pay it from their budget.
	for _, j := range p.coopJoins {
		if j.link.feeCents == 0 {
			continue
		}
		for d := j.on.AddDate(0, 0, 7); !d.After(b.end); d = d.AddDate(0, 0, 365) {
			b.add(bookEntry{on: d, order: orderSpend, kind: kindExpense, desc: fmt.Sprintf("Contributie wijkcoöperatie %d", d.Year()), cat: catContributie,
				amount: j.link.feeCents, debit: []acct{aExpense(j.initiative), aCoop}, credit: []acct{aBudget(j.initiative), aCoopIncome}, initiative: j.initiative})
		}
	}
}

// timeServices are what residents do for each other in the time bank.
var timeServices = []string{
	"Hulp bij boodschappen doen", "Mee naar de dokter", "Hulp met de computer", "Hulp in de tuin", "Lamp opgehangen",
	"Oppassen op de kinderen", "Hulp bij een formulier van de gemeente", "Kast in elkaar gezet", "Samen een wandeling gemaakt",
	"Fiets gerepareerd", "Kleding vermaakt", "Koken voor een buur die ziek was", "Hond uitgelaten", "Taalles Nederlands",
	"Hulp bij verhuizen", "Gordijnen opgehangen",
}

// planTimeBank plans a small time bank, started by the burenhulp: the two
// residents with a demo account and six others from the burenhulp, who
// help each other for 30 minutes to three hours.
func (b *books) planTimeBank() {
	const burenhulp = 13
	p := b.p
	start := p.orgs[burenhulp].founded.AddDate(0, 0, 30)
	people := []int{pInitiatiefnemer, pBewoner}
	for _, m := range p.members {
		if len(people) == 8 {
			break
		}
		if m.org == burenhulp && !slices.Contains(people, m.person) && m.end.IsZero() {
			people = append(people, m.person)
		}
	}
	for _, x := range b.rng.Perm(numPeople - 2) {
		if len(people) == 8 {
			break
		}
		if !slices.Contains(people, x+2) {
			people = append(people, x+2)
		}
	}
	b.timeFirst = map[int]time.Time{}
	n := b.between(26, 34)
	span := int(p.today.Sub(start).Hours()/24) - 1
	minutes := []int64{30, 45, 60, 60, 60, 90, 90, 120, 150, 180}
	for k := range n {
		helper, helped := people[b.rng.IntN(len(people))], people[b.rng.IntN(len(people))]
		switch k {
		case 0:
			helper = pBewoner // the bewoner helps first, the initiatiefnemer is helped soon after
		case 1:
			helped = pInitiatiefnemer
		}
		for helped == helper {
			helped = people[b.rng.IntN(len(people))]
		}
		on := start.AddDate(0, 0, span*k/n+b.rng.IntN(max(1, span/n)))
		for _, x := range []int{helper, helped} {
			if d, ok := b.timeFirst[x]; !ok || on.Before(d) {
				b.timeFirst[x] = on
			}
		}
		b.add(bookEntry{on: on, order: orderTime, kind: kindExpense, asset: ledger.Time,
			desc: timeServices[b.rng.IntN(len(timeServices))], cat: catTijdbank, amount: minutes[b.rng.IntN(len(minutes))],
			debit: []acct{aTime(helper)}, credit: []acct{aTime(helped)}, initiative: -1})
	}
}

// settle puts the entries in date order and plays them against the
// balances and limits of the accounts: grants are lowered to what the
// wijkbudget holds, an initiative whose budget is short for an expense gets
// a top-up from the wijkbudget (at most one a month), an expense that still
// does not fit is left out, and a sweep moves what is left. The result can
// be posted without a refusal.
func (b *books) settle(accounts map[acct]ledger.Account) []bookEntry {
	slices.SortStableFunc(b.entries, func(x, y bookEntry) int {
		return cmp.Or(x.on.Compare(y.on), cmp.Compare(x.order, y.order), cmp.Compare(x.n, y.n))
	})
	bal := map[acct]int64{}
	fits := func(e bookEntry) bool {
		for _, c := range e.credit {
			a := accounts[c]
			if !a.AllowOverdraft && bal[c]-e.amount < a.MinBalance {
				return false
			}
		}
		return true
	}
	apply := func(e bookEntry) {
		for _, d := range e.debit {
			bal[d] += e.amount
		}
		for _, c := range e.credit {
			bal[c] -= e.amount
		}
	}
	lastTopUp := map[int]time.Time{}
	var out []bookEntry
	for _, e := range b.entries {
		if e.asset == ledger.EUR && e.on.After(b.end) {
			continue // the bank statement's month
		}
		switch e.kind {
		case kindGrant:
			if avail := bal[aWijkbudget]; e.amount > avail {
				e.amount = avail / 5000 * 5000
			}
			if e.amount < 10000 {
				continue
			}
		case kindSweep:
			e.amount = bal[e.credit[0]]
			if e.amount <= 0 {
				continue
			}
		case kindExpense:
			if !fits(e) && e.initiative >= 0 {
				o := e.initiative
				need := (e.amount - bal[aBudget(o)] + 49999) / 50000 * 50000
				if last, ok := lastTopUp[o]; (!ok || e.on.Sub(last) >= 30*24*time.Hour) && need <= 150000 && bal[aWijkbudget]-need >= 200000 {
					top := bookEntry{on: e.on, order: orderGrant, kind: kindGrant, desc: "Aanvulling budget uit het wijkbudget", cat: catToekenning,
						asset: ledger.EUR, amount: need, debit: []acct{aBudget(o)}, credit: []acct{aWijkbudget}, initiative: -1}
					apply(top)
					out = append(out, top)
					lastTopUp[o] = e.on
				}
			}
			if !fits(e) {
				continue
			}
		}
		apply(e)
		out = append(out, e)
	}
	return out
}

// writeBooks makes the chart of the demo wijk and posts its books, each
// transaction with the store's clock on its day.
func (p *seedPlan) writeBooks(ctx context.Context, s *store.Store, wijkID string) error {
	b := p.planBooks()
	at := func(t time.Time) { setClock(s, p.clamp(t)) }

	at(b.start.Add(8 * time.Hour))
	if err := s.EnsureChart(ctx, wijkID); err != nil {
		return err
	}
	chart, err := s.LedgerAccounts(ctx, wijkID)
	if err != nil {
		return err
	}
	accounts := map[acct]ledger.Account{}
	orgIndex := map[string]int{}
	for i, o := range p.orgs {
		orgIndex[o.id] = i
	}
	for _, a := range chart {
		i, ok := orgIndex[a.OrganisationID]
		switch {
		case a.Code == store.CodeBank:
			accounts[aBank] = a
		case a.Code == store.CodeWijkbudget:
			accounts[aWijkbudget] = a
		case !ok:
		case a.Type == ledger.TypeBudget:
			accounts[aBudget(i)] = a
		case a.Type == ledger.TypeIncome:
			accounts[aIncome(i)] = a
		case a.Type == ledger.TypeExpense:
			accounts[aExpense(i)] = a
		case a.Type == ledger.TypeFunder:
			accounts[aFunder(i-oPartners)] = a
		case a.Type == ledger.TypeFund && i == oCooperatie:
			accounts[aCoop] = a
		}
	}
	coop, ok := accounts[aCoop]
	if !ok {
		return fmt.Errorf("books: the chart has no account of the wijkcoöperatie")
	}
	extra := []struct {
		key acct
		a   ledger.Account
	}{
		{aFonds, ledger.Account{Code: store.CodeFunders + ":" + fondsName, Name: fondsName, Type: ledger.TypeFunder, AllowOverdraft: true}},
		{aCoopIncome, ledger.Account{Code: coop.Code + coopIncomeSuffix, Name: coop.Name + " – contributie", Type: ledger.TypeIncome,
			OrganisationID: coop.OrganisationID, AllowOverdraft: true, Local: true}},
		{aCoopExpense, ledger.Account{Code: coop.Code + coopExpenseSuffix, Name: coop.Name + " – uitgaven", Type: ledger.TypeExpense,
			OrganisationID: coop.OrganisationID, AllowOverdraft: true, Local: true}},
	}
	for _, x := range extra {
		a, err := ensureAccount(ctx, s, wijkID, x.a)
		if err != nil {
			return err
		}
		accounts[x.key] = a
	}
	if err := registerBank(ctx, s, wijkID, accounts, func(n int) { at(b.start.Add(8*time.Hour + time.Duration(n)*time.Minute)) }); err != nil {
		return err
	}
	if err := b.openTimeAccounts(ctx, s, wijkID, accounts); err != nil {
		return err
	}
	entries := b.settle(accounts)

	pen, err := s.UserByEmail(ctx, penningmeester.email)
	if err != nil {
		return err
	}
	// The claims of the statement's month happen between the entries of
	// the time bank, so that the chain stays in date order.
	claims, err := p.claimSteps(ctx, s, wijkID)
	if err != nil {
		return err
	}
	var prev time.Time
	k := 0
	for i, e := range entries {
		for len(claims) > 0 && claims[0].on.Before(e.on) {
			if err := claims[0].do(); err != nil {
				return err
			}
			claims = claims[1:]
		}
		if !e.on.Equal(prev) {
			prev, k = e.on, 0
		}
		k++
		at(e.on.Add(8*time.Hour + time.Duration(k*7)*time.Minute))
		t := ledger.Transaction{WijkID: wijkID, On: e.on, Description: e.desc, Category: e.cat, IdempotencyKey: fmt.Sprintf("demo-%d", i+1), CreatedBy: pen.ID}
		for _, d := range e.debit {
			t.Postings = append(t.Postings, ledger.Posting{AccountID: accounts[d].ID, Asset: e.asset, Amount: e.amount})
		}
		for _, c := range e.credit {
			t.Postings = append(t.Postings, ledger.Posting{AccountID: accounts[c].ID, Asset: e.asset, Amount: -e.amount})
		}
		if _, _, err := s.Post(ctx, t); err != nil {
			return fmt.Errorf("books: %s %q: %w", e.on.Format(time.DateOnly), e.desc, err)
		}
	}
	for _, c := range claims {
		if err := c.do(); err != nil {
			return err
		}
	}
	return nil
}

// demoClaims are the initiatiefnemer's expense claims for the buurttuin,
// in the month of the bank statement: the first approved by the
// voorzitter and waiting to be paid, the second waiting for a second
// person's approval. Purposes are public and name no one; the payee, the
// IBAN and the receipt are private.
var demoClaims = []struct {
	daysAgo  int // submitted this many days before the seed
	purpose  string
	category string
	cents    int64
	approve  bool
	shop     string // on the receipt
}{
	{20, "Compost en houten bakken voor de moestuin", catMateriaal, 6490, true, "Tuincentrum De Akker"},
	{6, "Zaden en pootgoed voor de moestuin", catZaaigoed, 2345, false, "Zaadhandel Lindenwaard"},
}

// claimPayee is the account the initiatiefnemer is paid back on (the
// ISO 13616 example IBAN: valid check digits, nobody's account).
const claimPayee = "NL91ABNA0417164300"

// claimStep is something that happens to a demo claim on a day.
type claimStep struct {
	on time.Time
	do func() error
}

// claimSteps plans the demo claims, in date order. The buurttuin's budget
// holds enough for both when the books stop (TestBooksOtherDays checks it
// for seeds across two years); an approval it cannot cover fails the seed.
func (p *seedPlan) claimSteps(ctx context.Context, s *store.Store, wijkID string) ([]claimStep, error) {
	users := map[string]string{}
	for _, a := range []staffSpec{initiatiefnemer, voorzitter} {
		u, err := s.UserByEmail(ctx, a.email)
		if err != nil {
			return nil, fmt.Errorf("claims: %w", err)
		}
		users[a.email] = u.ID
	}
	org := p.orgs[iBuurttuin]
	at := func(t time.Time) { setClock(s, p.clamp(t)) }
	var steps []claimStep
	for i, c := range demoClaims {
		submitted := p.today.AddDate(0, 0, -c.daysAgo)
		claim := &store.Claim{WijkID: wijkID, InitiativeID: org.id, ClaimantUserID: users[initiatiefnemer.email], IdempotencyKey: fmt.Sprintf("demo-claim-%d", i+1),
			PayeeName: initiatiefnemer.name, PayeeIBAN: claimPayee, Purpose: c.purpose, Category: c.category, AmountCents: c.cents,
			SpentOn: submitted.AddDate(0, 0, -1)}
		steps = append(steps, claimStep{on: submitted, do: func() error {
			at(submitted.Add(19*time.Hour + 12*time.Minute))
			receipt := store.Receipt{Name: fmt.Sprintf("kassabon-%d.pdf", i+1), Data: receiptPDF(c.shop, c.purpose, claim.SpentOn, c.cents)}
			if err := s.SubmitClaim(ctx, claim, receipt); err != nil {
				return fmt.Errorf("claims: submit %q: %w", c.purpose, err)
			}
			return nil
		}})
		if c.approve {
			approved := submitted.AddDate(0, 0, 3)
			steps = append(steps, claimStep{on: approved, do: func() error {
				at(approved.Add(10*time.Hour + 5*time.Minute))
				if _, err := s.ApproveClaim(ctx, claim.ID, users[voorzitter.email], claim.IdempotencyKey+"-approve"); err != nil {
					return fmt.Errorf("claims: approve %q: %w", c.purpose, err)
				}
				return nil
			}})
		}
	}
	slices.SortStableFunc(steps, func(a, b claimStep) int { return a.on.Compare(b.on) })
	return steps, nil
}

// receiptPDF is the receipt of a demo claim: a one-page PDF with the
// shop, the date, the purpose and the amount, in the standard Helvetica
// font (ASCII text only).
func receiptPDF(shop, purpose string, on time.Time, cents int64) []byte {
	esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
	text := "BT /F1 11 Tf 24 300 Td 14 TL"
	for _, line := range []string{shop, "Kassabon " + on.Format("02-01-2006"), "", purpose, fmt.Sprintf("Totaal EUR %d,%02d", cents/100, cents%100), "Betaald met pin"} {
		text += " (" + esc.Replace(line) + ") Tj T*"
	}
	text += " ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// demoRules are the matching rules of the demo wijk's bank import: the
// demo bank statement has lines that they match and lines that wait for
// the treasurer.
var demoRules = []struct {
	words    string
	account  acct
	category string
	purpose  string
}{
	{"subsidie wijkbudget", aFunder(pWijkteam), catSubsidie, "Subsidie wijkbudget van de gemeente"},
	{"contributie", aCoopIncome, catContributie, "Contributie wijkcoöperatie"},
	{"groenonderhoud", aIncome(4), "groenonderhoud", "Groenonderhoud voor de gemeente"},
}

// registerBank registers DemoIBAN as the wijk's bank account and adds the
// matching rules, so that the treasurer can import the demo bank
// statement. at sets the clock for the n-th rule.
func registerBank(ctx context.Context, s *store.Store, wijkID string, accounts map[acct]ledger.Account, at func(n int)) error {
	if err := s.AddBankAccount(ctx, wijkID, DemoIBAN, accounts[aBank].ID); err != nil {
		return fmt.Errorf("books: bank account: %w", err)
	}
	for i, r := range demoRules {
		at(i + 1)
		rule := store.BankRule{WijkID: wijkID, Words: r.words, AccountID: accounts[r.account].ID, Category: r.category, Purpose: r.purpose}
		if err := s.AddBankRule(ctx, &rule); err != nil {
			return fmt.Errorf("books: bank rule %q: %w", r.words, err)
		}
	}
	return nil
}

// openTimeAccounts opens the time accounts, each on the day of its first
// exchange, in the order of the residents.
func (b *books) openTimeAccounts(ctx context.Context, s *store.Store, wijkID string, accounts map[acct]ledger.Account) error {
	people, err := s.People(ctx, wijkID)
	if err != nil {
		return err
	}
	ids := map[string]string{}
	for _, x := range people {
		ids[x.DisplayName] = x.ID
	}
	residents := slices.Sorted(maps.Keys(b.timeFirst))
	for _, person := range residents {
		setClock(s, b.p.clamp(b.timeFirst[person].Add(7*time.Hour)))
		id := ids[b.p.people[person].person.DisplayName]
		a, err := s.EnsureTimeAccount(ctx, wijkID, id)
		if err != nil {
			return fmt.Errorf("books: time account: %w", err)
		}
		if a.PersonID != id {
			return fmt.Errorf("books: time account of %s belongs to someone else", id)
		}
		accounts[aTime(person)] = a
	}
	return nil
}

// ensureAccount returns the account with a's code and asset, creating it
// when it is not there yet.
func ensureAccount(ctx context.Context, s *store.Store, wijkID string, a ledger.Account) (ledger.Account, error) {
	a.WijkID = wijkID
	if a.Asset == "" {
		a.Asset = ledger.EUR
	}
	if got, err := s.AccountByCode(ctx, wijkID, a.Code, a.Asset); err == nil {
		return got, nil
	} else if !errors.Is(err, wei.ErrNotFound) {
		return a, err
	}
	if err := s.CreateAccount(ctx, &a); err != nil {
		return a, fmt.Errorf("books: account %s: %w", a.Code, err)
	}
	return a, nil
}

// The demo bank statement.
//
// It is made when asked for, from the books in the database: the demo's
// books start booksDays before the day it was seeded, when its chart is
// made (writeBooks sets the clock to that day first), so the day of the
// seed follows from when the Bank account was created. The statement
// covers the statementDays days from the day after the books stop to the
// day before the seed, and opens with the money in the pots (Bank, the
// funds and the budgets) on the day the books stop. The same demo always
// gets the same statement, so importing it again finds only duplicates.

// BankStatementFor returns the demo bank statement for the wijk: a
// CAMT.053.001.02 statement of DemoIBAN over the last statementDays days
// before the demo was seeded, for the treasurer to import. Rules of the
// demo match the subsidy, the contributions and the gemeente's payment for
// green maintenance; the payment of the approved demo claim, to the
// initiatiefnemer's IBAN, is that claim's payment; the other lines
// (supplier invoices, a payment by card, bank costs, a gift, a customer's
// payment) wait in the queue, and one line has no end-to-end id. Every
// payment out comes after the subsidy, so the books can always cover it.
// A wijk whose chart is younger than the demo's books gets a statement
// that ends the day before now.
func BankStatementFor(ctx context.Context, s *store.Store, wijkID string, now time.Time) ([]byte, error) {
	bankAcct, err := s.AccountByCode(ctx, wijkID, store.CodeBank, ledger.EUR)
	if err != nil {
		return nil, fmt.Errorf("demo: bank statement: %w", err)
	}
	seeded := dateOf(bankAcct.CreatedAt).AddDate(0, 0, booksDays)
	if today := dateOf(now); seeded.After(today) {
		seeded = today
	}
	end := seeded.AddDate(0, 0, -statementDays-1)
	totals, err := s.AccountTotals(ctx, wijkID, time.Time{}, end)
	if err != nil {
		return nil, fmt.Errorf("demo: bank statement: %w", err)
	}
	var opening int64
	for _, a := range totals {
		switch a.Type {
		case ledger.TypeBank, ledger.TypeFund, ledger.TypeBudget:
			if a.Asset == ledger.EUR {
				opening += a.Total
			}
		}
	}
	return bankStatement(seeded, opening)
}

func dateOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// statementLine is a line of the demo bank statement, as the bank writes
// it.
type statementLine struct {
	day         int   // of the statement's period, 0 its first
	cents       int64 // positive: money in
	family, sub string
	ref         string // the bank's reference, after the date
	e2e         string // end-to-end id; "" for none
	name, iban  string // the counterparty
	bic         string
	text        string
}

// statementLines are the lines of the statement whose period starts on
// from, in date order. Their texts name the months and years of that
// period.
func statementLines(from time.Time) []statementLine {
	on := func(d int) time.Time { return from.AddDate(0, 0, d) }
	ymd := func(d int) string { return on(d).Format("20060102") }
	prev := func(d int) time.Time { return on(d).AddDate(0, 0, -on(d).Day()) } // the last day of the month before
	sub := on(5)                                                               // the second part of the subsidy (see planSubsidy)
	subYear := sub.AddDate(0, 0, -333).Year()
	paid := demoClaims[0] // approved 17 days before the seed and paid three days later
	return []statementLine{
		{day: 1, cents: 1200, family: "RCDT", sub: "ESCT", ref: "00417", e2e: fmt.Sprintf("CONTR-%d-0088", on(1).Year()),
			name: "R Jansma", iban: "NL04RABO0112233445", bic: "RABONL2U", text: fmt.Sprintf("Contributie wijkcooperatie %d", on(1).Year())},
		{day: 5, cents: 1_440_000, family: "RCDT", sub: "ESCT", ref: "00092", e2e: fmt.Sprintf("LW%dSUB0417", sub.Year()),
			name: "Gemeente Lindenwaard", iban: "NL13BNGH0285099901", bic: "BNGHNL2G",
			text: fmt.Sprintf("Subsidie wijkbudget %d-%d, tweede deel, kenmerk SUB-%d-0417", subYear, subYear+1, subYear)},
		{day: 6, cents: -38645, family: "ICDT", sub: "ESCT", ref: "00118", e2e: "BA" + ymd(6) + "001",
			name: "Groothandel De Linde B.V.", iban: "NL30RABO0301234567", bic: "RABONL2U", text: fmt.Sprintf("Factuur %d-0142 boodschappen buurtkeuken", on(6).Year())},
		{day: 7, cents: 1200, family: "RCDT", sub: "ESCT", ref: "00233", e2e: "NOTPROVIDED",
			name: "A El Idrissi", iban: "NL22SNSB0912345678", bic: "SNSBNL2A", text: "contributie wijkcooperatie"},
		{day: 11, cents: 54000, family: "RCDT", sub: "ESCT", ref: "00071", e2e: fmt.Sprintf("WSA-BET-%d-0331", on(11).Year()),
			name: "Woonstichting Akkerland", iban: "NL30ABNA0509876543", bic: "ABNANL2A",
			text: fmt.Sprintf("Factuur KL-%d-007 kleine klussen huurwoningen %s", prev(11).Year(), maand(prev(11)))},
		{day: 13, cents: -31218, family: "ICDT", sub: "ESCT", ref: "00164", e2e: "BA" + ymd(13) + "001",
			name: "Drukkerij Lindeprint", iban: "NL36INGB0007654321", bic: "INGBNL2A",
			text: fmt.Sprintf("Factuur %s-0088 drukwerk De Akkerbode %s", on(13).Format("06"), seizoen(on(13)))},
		{day: 15, cents: 2500, family: "RCDT", sub: "ESCT", ref: "00309", e2e: "TIKKIE-8841730",
			name: "J Smits", iban: "NL63TRIO0212345678", bic: "TRIONL2U", text: "Bedankt!"},
		{day: 16, cents: -paid.cents, family: "ICDT", sub: "ESCT", ref: "00201", e2e: "BA" + ymd(16) + "002",
			name: initiatiefnemer.name, iban: claimPayee, bic: "ABNANL2A", text: "Declaratie " + paid.purpose},
		{day: 18, cents: -4789, family: "CCRD", sub: "POSD", ref: "00015",
			name: "Bouwmarkt Akkerweg", text: "BEA, Betaalpas Bouwmarkt Akkerweg, PAS 021, Lindenwaard " + on(16).Format("02.01.06") + "/14:37"},
		{day: 20, cents: 135000, family: "RCDT", sub: "ESCT", ref: "00058", e2e: fmt.Sprintf("LW%dCRED1877", on(20).Year()),
			name: "Gemeente Lindenwaard", iban: "NL13BNGH0285099901", bic: "BNGHNL2G",
			text: fmt.Sprintf("Factuur GD-%d-%02d groenonderhoud %s", prev(20).Year(), int(prev(20).Month()), maand(prev(20)))},
		{day: 25, cents: 2400, family: "RCDT", sub: "ESCT", ref: "00142", e2e: "ASN" + ymd(25) + "-5521",
			name: "K de Boer", iban: "NL44ASNB0708123456", bic: "ASNBNL21", text: fmt.Sprintf("Contributie wijkcooperatie %d en %d", on(25).Year()-1, on(25).Year())},
		{day: 26, cents: -1450, family: "MDOP", sub: "CHRG", ref: "00003",
			text: fmt.Sprintf("Kosten zakelijk betalingsverkeer %s %d", maand(prev(26)), prev(26).Year())},
	}
}

// The parts of CAMT.053.001.02 the demo statement uses, in schema order.
type (
	camtDocument struct {
		XMLName xml.Name      `xml:"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 Document"`
		GrpHdr  camtGroupHead `xml:"BkToCstmrStmt>GrpHdr"`
		Stmt    camtStatement `xml:"BkToCstmrStmt>Stmt"`
	}
	camtGroupHead struct {
		MsgID     string `xml:"MsgId"`
		CreDtTm   string `xml:"CreDtTm"`
		PgNb      int    `xml:"MsgPgntn>PgNb"`
		LastPgInd bool   `xml:"MsgPgntn>LastPgInd"`
	}
	camtStatement struct {
		ID           string        `xml:"Id"`
		ElctrncSeqNb int           `xml:"ElctrncSeqNb"`
		CreDtTm      string        `xml:"CreDtTm"`
		FrDtTm       string        `xml:"FrToDt>FrDtTm"`
		ToDtTm       string        `xml:"FrToDt>ToDtTm"`
		IBAN         string        `xml:"Acct>Id>IBAN"`
		Ccy          string        `xml:"Acct>Ccy"`
		Owner        string        `xml:"Acct>Ownr>Nm"`
		BIC          string        `xml:"Acct>Svcr>FinInstnId>BIC"`
		Bal          []camtBalance `xml:"Bal"`
		Summary      camtSummary   `xml:"TxsSummry"`
		Ntry         []camtEntry   `xml:"Ntry"`
	}
	camtAmount struct {
		Ccy   string `xml:"Ccy,attr"`
		Value string `xml:",chardata"`
	}
	camtBalance struct {
		Code      string     `xml:"Tp>CdOrPrtry>Cd"`
		Amt       camtAmount `xml:"Amt"`
		CdtDbtInd string     `xml:"CdtDbtInd"`
		Dt        string     `xml:"Dt>Dt"`
	}
	camtCount struct {
		N   int    `xml:"NbOfNtries"`
		Sum string `xml:"Sum"`
	}
	camtSummary struct {
		N       int       `xml:"TtlNtries>NbOfNtries"`
		Sum     string    `xml:"TtlNtries>Sum"`
		Net     string    `xml:"TtlNtries>TtlNetNtryAmt"`
		NetSign string    `xml:"TtlNtries>CdtDbtInd"`
		Credits camtCount `xml:"TtlCdtNtries"`
		Debits  camtCount `xml:"TtlDbtNtries"`
	}
	camtParty struct {
		Name string `xml:"Nm"`
	}
	camtPartyAccount struct {
		IBAN string `xml:"Id>IBAN"`
	}
	camtAgent struct {
		BIC string `xml:"FinInstnId>BIC"`
	}
	camtEntry struct {
		Amt         camtAmount `xml:"Amt"`
		CdtDbtInd   string     `xml:"CdtDbtInd"`
		Sts         string     `xml:"Sts"`
		BookgDt     string     `xml:"BookgDt>Dt"`
		ValDt       string     `xml:"ValDt>Dt"`
		AcctSvcrRef string     `xml:"AcctSvcrRef"`
		Domain      string     `xml:"BkTxCd>Domn>Cd"`
		Family      string     `xml:"BkTxCd>Domn>Fmly>Cd"`
		SubFamily   string     `xml:"BkTxCd>Domn>Fmly>SubFmlyCd"`
		Tx          camtTx     `xml:"NtryDtls>TxDtls"`
	}
	camtTx struct {
		AcctSvcrRef string            `xml:"Refs>AcctSvcrRef"`
		EndToEndID  string            `xml:"Refs>EndToEndId,omitempty"`
		Amt         camtAmount        `xml:"AmtDtls>TxAmt>Amt"`
		Dbtr        *camtParty        `xml:"RltdPties>Dbtr,omitempty"`
		DbtrAcct    *camtPartyAccount `xml:"RltdPties>DbtrAcct,omitempty"`
		Cdtr        *camtParty        `xml:"RltdPties>Cdtr,omitempty"`
		CdtrAcct    *camtPartyAccount `xml:"RltdPties>CdtrAcct,omitempty"`
		DbtrAgt     *camtAgent        `xml:"RltdAgts>DbtrAgt,omitempty"`
		CdtrAgt     *camtAgent        `xml:"RltdAgts>CdtrAgt,omitempty"`
		Ustrd       string            `xml:"RmtInf>Ustrd"`
	}
)

// camtAmt writes cents as a CAMT amount: unsigned, with two decimals.
func camtAmt(cents int64) camtAmount {
	if cents < 0 {
		cents = -cents
	}
	return camtAmount{Ccy: "EUR", Value: fmt.Sprintf("%d.%02d", cents/100, cents%100)}
}

func camtSign(cents int64) string {
	if cents < 0 {
		return "DBIT"
	}
	return "CRDT"
}

// bankStatement writes the demo bank statement of a demo seeded on the day
// seeded, opening with opening cents.
func bankStatement(seeded time.Time, opening int64) ([]byte, error) {
	from, to := seeded.AddDate(0, 0, -statementDays), seeded.AddDate(0, 0, -1)
	const account = "0001234567" // DemoIBAN's account number
	created := seeded.Add(6*time.Hour + 15*time.Minute + 2*time.Second).Format("2006-01-02T15:04:05")
	st := camtStatement{ID: account + "-" + to.Format("2006-01"), ElctrncSeqNb: int(to.Month()), CreDtTm: created,
		FrDtTm: from.Format("2006-01-02") + "T00:00:00", ToDtTm: to.Format("2006-01-02") + "T23:59:59",
		IBAN: DemoIBAN, Ccy: "EUR", Owner: "Wijkcooperatie Blauwe Akker", BIC: "INGBNL2A"}
	closing := opening
	var sum, credits, debits int64
	for _, l := range statementLines(from) {
		day := from.AddDate(0, 0, l.day)
		if day.After(to) {
			return nil, fmt.Errorf("demo: bank statement line on day %d is after its period", l.day)
		}
		ref := day.Format("20060102") + l.ref
		e := camtEntry{Amt: camtAmt(l.cents), CdtDbtInd: camtSign(l.cents), Sts: "BOOK", BookgDt: day.Format(time.DateOnly), ValDt: day.Format(time.DateOnly),
			AcctSvcrRef: ref, Domain: "PMNT", Family: l.family, SubFamily: l.sub,
			Tx: camtTx{AcctSvcrRef: ref, EndToEndID: l.e2e, Amt: camtAmt(l.cents), Ustrd: l.text}}
		if l.family == "MDOP" {
			e.Domain = "ACMT"
		}
		var party *camtParty
		if l.name != "" {
			party = &camtParty{Name: l.name}
		}
		var acct *camtPartyAccount
		if l.iban != "" {
			acct = &camtPartyAccount{IBAN: l.iban}
		}
		var agent *camtAgent
		if l.bic != "" {
			agent = &camtAgent{BIC: l.bic}
		}
		if l.cents > 0 {
			e.Tx.Dbtr, e.Tx.DbtrAcct, e.Tx.DbtrAgt = party, acct, agent
			credits += l.cents
			st.Summary.Credits.N++
		} else {
			e.Tx.Cdtr, e.Tx.CdtrAcct, e.Tx.CdtrAgt = party, acct, agent
			debits -= l.cents
			st.Summary.Debits.N++
		}
		closing += l.cents
		sum += max(l.cents, -l.cents)
		st.Ntry = append(st.Ntry, e)
	}
	st.Bal = []camtBalance{
		{Code: "OPBD", Amt: camtAmt(opening), CdtDbtInd: camtSign(opening), Dt: from.AddDate(0, 0, -1).Format(time.DateOnly)},
		{Code: "CLBD", Amt: camtAmt(closing), CdtDbtInd: camtSign(closing), Dt: to.Format(time.DateOnly)},
	}
	st.Summary.N, st.Summary.Sum = len(st.Ntry), camtAmt(sum).Value
	st.Summary.Net, st.Summary.NetSign = camtAmt(closing-opening).Value, camtSign(closing-opening)
	st.Summary.Credits.Sum, st.Summary.Debits.Sum = camtAmt(credits).Value, camtAmt(debits).Value
	doc := camtDocument{GrpHdr: camtGroupHead{MsgID: "CAMT053-" + seeded.Format("20060102") + "-" + account, CreDtTm: created, PgNb: 1, LastPgInd: true}, Stmt: st}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("demo: bank statement: %w", err)
	}
	return append(append([]byte(xml.Header), out...), '\n'), nil
}
