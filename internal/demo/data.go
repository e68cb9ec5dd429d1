package demo

import (
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// The fixed content of the demo wijk. Everything is fictional: the
// municipality Lindenwaard, its code 0999, the organisations and the people.
// Texts are Dutch at language level B1, as residents would read them.

const (
	wijkName     = "Blauwe Akker"
	wijkCode     = "WK099901"
	cbsYear      = 2025
	municipality = "Lindenwaard"
	wijkText     = "Blauwe Akker is een verzonnen wijk om WEI uit te proberen. " +
		"Er wonen ongeveer 200 bewoners die meedoen. Zij hebben 20 initiatieven en samen een wijkcoöperatie. " +
		"Alle namen en gegevens zijn nep."
)

// buurtSpec is a buurt with its share of the residents.
type buurtSpec struct {
	name, code string
	weight     int
}

// The last code holds a letter: CBS codes may.
var buurtSpecs = []buurtSpec{
	{"Akkerhof", "BU09990101", 30},
	{"Blauwe Weide", "BU09990102", 25},
	{"Molenkwartier", "BU09990103", 25},
	{"Sluispark", "BU0999010A", 20},
}

// orgSpec is an organisation of the demo wijk.
type orgSpec struct {
	name   string
	form   wijk.Form
	domain wijk.Domain
	text   string
}

// Indexes into initiatives that the seed refers to by name.
const (
	iBuurtkeuken = 0
	iEnergie     = 2
	iRepairCafe  = 3
	iNaaiatelier = 5
	iHuiswerk    = 7
	iBuurttuin   = 8 // the initiatiefnemer's initiative
	iKookclub    = 12
	iKoffie      = 15
	iWandelgroep = 19 // the initiative that stopped
)

// initiativeSpec is an initiative with its history: when it was founded,
// how it moved through the phases of the WEI-model and changed its form,
// which partners work with it and whether it joined the wijkcoöperatie.
// Every initiative starts as a burgerinitiatief; form is the form it has
// today.
type initiativeSpec struct {
	orgSpec
	founded  int    // months before today
	steps    []step // in date order
	partners []partnerLink
	coop     *coopLink
}

// step is an event in an initiative's history, some months before today.
type step struct {
	months   int
	to       proces.Phase // "" for a form change
	form     wijk.Form    // the new form of a form change
	reason   string
	override bool
	mistake  bool // a move by mistake, undone the next day
}

func move(months int, to proces.Phase) step { return step{months: months, to: to} }

func becomes(months int, f wijk.Form) step { return step{months: months, form: f} }

// partnerLink is a cooperation of a partner with an initiative since some
// months before today.
type partnerLink struct {
	partner int // index into partners
	months  int
	what    string
}

// coopLink is an initiative's membership of the wijkcoöperatie: shares, or
// a yearly fee in euro cents.
type coopLink struct {
	months   int
	shares   int
	feeCents int64
}

// Reasons in the phase log.
const (
	undoReason     = "Per ongeluk verzet"
	skipReason     = "De groep werkte al twee jaar samen in de groenploeg van de woningcorporatie, met een vast plan. De ontstaansfase is in de praktijk al doorlopen."
	endReason      = "De trekker is verhuisd en niemand wilde het overnemen. Een paar wandelaars gaan nu naar de koffieochtend."
	toBuurtbedrijf = "Buurtbedrijf geworden: een eigen exploitatie en de eerste betaalde medewerkers."
	toZelfstandig  = "Eigen stichting opgericht, met een bestuur en een inschrijving bij de KvK."
)

// moveReasons are the reasons written with a move forward, by the phase
// moved to.
var moveReasons = map[proces.Phase]string{
	proces.PhaseOntstaan:  "Een groep buren wil zelf aan de slag.",
	proces.PhaseOntwikkel: "Het plan staat en de groep is bekend in de wijk.",
	proces.PhaseAutonoom:  "Werkt zelfstandig, met een eigen bestuur en een eigen begroting.",
}

// initiatives: four in the autonome fase, five in the ontwikkelfase, five
// in the ontstaansfase, five in the informatiefase and one that stopped.
// The oldest ones became buurtbedrijven or zelfstandige burgerinitiatieven.
var initiatives = []initiativeSpec{
	// Autonome fase.
	{orgSpec: orgSpec{"Buurtkeuken De Akker", wijk.FormBuurtbedrijf, "", "Buurtbewoners koken elke dag een gezonde maaltijd voor een lage prijs. U eet die in de buurtkeuken of neemt hem mee."},
		founded: 24, steps: []step{move(22, proces.PhaseOntstaan), move(19, proces.PhaseOntwikkel), becomes(15, wijk.FormBuurtbedrijf), move(11, proces.PhaseAutonoom)},
		partners: []partnerLink{{pWoonstichting, 21, "Stelt de keuken in buurthuis De Akker beschikbaar, tegen een lage huur."},
			{pWelzijn, 18, "Buurtwerkers wijzen buren die vaak alleen zijn op de maaltijd."}},
		coop: &coopLink{months: 11, shares: 20}},
	{orgSpec: orgSpec{"Klussendienst Blauwe Akker", wijk.FormBuurtbedrijf, "", "Bewoners met handige handen doen kleine klussen in en om uw huis, voor een eerlijke prijs."},
		founded: 22, steps: []step{move(20, proces.PhaseOntstaan), move(17, proces.PhaseOntwikkel), becomes(14, wijk.FormBuurtbedrijf), move(8, proces.PhaseAutonoom)},
		partners: []partnerLink{{pWoonstichting, 15, "Geeft kleine klussen in de huurwoningen door aan de klussendienst."},
			{pROC, 12, "Mbo-studenten lopen stage en helpen met de planning van de klussen."}},
		coop: &coopLink{months: 8, shares: 10}},
	{orgSpec: orgSpec{"Energiecoöperatie Blauwe Akker", wijk.FormBuurtbedrijf, "", "Samen leggen we zonnepanelen op daken in de wijk en helpen we buren om energie te besparen."},
		founded: 21, steps: []step{move(19, proces.PhaseOntstaan), move(16, proces.PhaseOntwikkel), becomes(12, wijk.FormBuurtbedrijf), move(5, proces.PhaseAutonoom)},
		partners: []partnerLink{{pWijkteam, 17, "Helpt met de subsidie voor de zonnepanelen en met de vergunning."},
			{pHogeschool, 10, "Studenten meten hoeveel energie de buren besparen."}},
		coop: &coopLink{months: 5, shares: 25}},
	{orgSpec: orgSpec{"Repair Café Blauwe Akker", wijk.FormZelfstandigBurgerinitiatief, "", "Elke maand repareren vrijwilligers samen met u kapotte spullen, zoals lampen, fietsen en kleding."},
		founded: 20, steps: []step{move(18, proces.PhaseOntstaan), move(15, proces.PhaseOntwikkel), becomes(13, wijk.FormZelfstandigBurgerinitiatief), move(6, proces.PhaseAutonoom)},
		partners: []partnerLink{{pFietsenmaker, 16, "Levert onderdelen tegen inkoopprijs en helpt bij lastige reparaties."},
			{pLindewonen, 14, "Stelt elke maand een zaal in het Sluispark beschikbaar."}},
		coop: &coopLink{months: 9, feeCents: 5000}},

	// Ontwikkelfase.
	{orgSpec: orgSpec{"Groen Doen", wijk.FormBuurtbedrijf, "", "Een bedrijf van bewoners dat het groen in de wijk onderhoudt, in opdracht van de gemeente."},
		founded: 19, steps: []step{{months: 17, to: proces.PhaseOntwikkel, reason: skipReason, override: true}, becomes(7, wijk.FormBuurtbedrijf)},
		partners: []partnerLink{{pLindewonen, 12, "Laat de groep de tuinen bij de flats in het Molenkwartier onderhouden."},
			{pOpenbareRuimte, 7, "Opdracht voor het onderhoud van het groen in het Akkerhof en de Blauwe Weide."}},
		coop: &coopLink{months: 6, shares: 5}},
	{orgSpec: orgSpec{"Naaiatelier De Draad", wijk.FormBurgerinitiatief, "", "In het atelier maken en herstellen bewoners kleding en tassen. Wat zij maken, verkopen ze in de wijk. Het atelier wil een buurtbedrijf worden."},
		founded: 16, steps: []step{move(14, proces.PhaseOntstaan), move(6, proces.PhaseOntwikkel)}},
	{orgSpec: orgSpec{"Taalcafé Praat Mee", wijk.FormZelfstandigBurgerinitiatief, "", "Elke week oefenen bewoners samen Nederlands praten. Vrijwilligers helpen daarbij."},
		founded: 17, steps: []step{move(15, proces.PhaseOntstaan), move(10, proces.PhaseOntwikkel), becomes(5, wijk.FormZelfstandigBurgerinitiatief)},
		partners: []partnerLink{{pWelzijn, 14, "Zoekt vrijwilligers en regelt de ruimte in het buurthuis."}},
		coop:     &coopLink{months: 4, feeCents: 2500}},
	{orgSpec: orgSpec{"Huiswerkklas Slim Samen", wijk.FormZelfstandigBurgerinitiatief, "", "Vrijwilligers helpen kinderen van groep 7 tot en met de tweede klas met hun huiswerk."},
		founded: 18, steps: []step{move(16, proces.PhaseOntstaan), move(12, proces.PhaseOntwikkel), becomes(9, wijk.FormZelfstandigBurgerinitiatief)},
		partners: []partnerLink{{pBasisschool, 15, "Wijst leerlingen op de huiswerkklas en geeft een lokaal na schooltijd."},
			{pROC, 9, "Studenten helpen als huiswerkbegeleider."}}},
	{orgSpec: orgSpec{"Buurttuin De Groene Akker", wijk.FormZelfstandigBurgerinitiatief, "", "Een tuin van de buurt: buren kweken er samen groente, ontmoeten elkaar en delen de oogst."},
		founded: 15, steps: []step{move(13, proces.PhaseOntstaan), move(8, proces.PhaseOntwikkel), becomes(3, wijk.FormZelfstandigBurgerinitiatief)},
		partners: []partnerLink{{pWoonstichting, 12, "Geeft het stuk grond achter de flats aan de Akkerweg in gebruik."},
			{pOpenbareRuimte, 7, "Brengt compost en houtsnippers."}}},

	// Ontstaansfase.
	{orgSpec: orgSpec{"Buurtconciërges Blauwe Akker", wijk.FormBurgerinitiatief, "", "Buurtconciërges letten op portieken en pleinen en helpen buren met kleine vragen."},
		founded: 14, steps: []step{move(11, proces.PhaseOntstaan)},
		partners: []partnerLink{{pLindewonen, 5, "Denkt mee over een betaalde opdracht voor de portieken."}}},
	{orgSpec: orgSpec{"Buurtkrant De Akkerbode", wijk.FormBurgerinitiatief, "", "De krant van en voor bewoners. Hij komt vier keer per jaar gratis in de bus."},
		founded: 13, steps: []step{move(10, proces.PhaseOntstaan)},
		partners: []partnerLink{{pSupermarkt, 9, "Betaalt het drukwerk van twee nummers per jaar."}}},
	{orgSpec: orgSpec{"Speeltuinvereniging Sluispark", wijk.FormBurgerinitiatief, "", "Ouders zorgen samen dat de speeltuin in het Sluispark open, schoon en veilig is."},
		founded: 12, steps: []step{move(7, proces.PhaseOntstaan)}},
	{orgSpec: orgSpec{"Kookclub Samen Koken", wijk.FormBurgerinitiatief, "", "Elke donderdag koken buren uit verschillende landen samen. Daarna eten we samen aan één tafel."},
		founded: 11, steps: []step{move(8, proces.PhaseOntstaan), {months: 2, to: proces.PhaseOntwikkel, mistake: true}},
		partners: []partnerLink{{pBakkerij, 6, "Geeft elke donderdag brood voor de maaltijd."}}},
	{orgSpec: orgSpec{"Burenhulp Blauwe Akker", wijk.FormBurgerinitiatief, "", "Buren helpen elkaar met kleine dingen, zoals boodschappen doen of een ritje naar de dokter."},
		founded: 8, steps: []step{move(3, proces.PhaseOntstaan)},
		partners: []partnerLink{{pMaatschappelijkWerk, 2, "Wijst buren die hulp nodig hebben op de burenhulp."}}},

	// Informatiefase.
	{orgSpec: orgSpec{"Geveltuinen Molenkwartier", wijk.FormBurgerinitiatief, "", "Buren maken samen geveltuintjes, zodat de straat groener en gezelliger wordt."},
		founded: 5},
	{orgSpec: orgSpec{"Koffieochtend De Ontmoeting", wijk.FormBurgerinitiatief, "", "Elke woensdag drinken ouderen en andere buren samen koffie in het buurthuis."},
		founded: 7, partners: []partnerLink{{pBakkerij, 5, "Geeft elke woensdag brood en koek."}}},
	{orgSpec: orgSpec{"Voorleesclub Boekenwurm", wijk.FormBurgerinitiatief, "", "Vrijwilligers lezen elke zaterdag voor aan jonge kinderen in het buurthuis."},
		founded: 4, partners: []partnerLink{{pBasisschool, 2, "Vertelt ouders over de voorleesclub."}}},
	{orgSpec: orgSpec{"Zwerfafvalploeg Schoon Akker", wijk.FormBurgerinitiatief, "", "Eén keer per maand ruimen we samen zwerfafval op in de straten en parken."},
		founded: 2, partners: []partnerLink{{pSupermarkt, 1, "Sponsort grijpers, handschoenen en vuilniszakken."}}},
	{orgSpec: orgSpec{"Meidenclub Sterk", wijk.FormBurgerinitiatief, "", "Een veilige plek waar meiden van 12 tot 18 jaar samen sporten, praten en leren."},
		founded: 10},

	// Gestopt.
	{orgSpec: orgSpec{"Wandelgroep Stap voor Stap", wijk.FormBurgerinitiatief, "", "Elke dinsdagochtend wandelen we een uur door de wijk, in ons eigen tempo."},
		founded: 12, steps: []step{move(9, proces.PhaseOntstaan), {months: 4, to: proces.PhaseEnded, reason: endReason}},
		partners: []partnerLink{{pWelzijn, 10, "Een buurtwerker liep de eerste weken mee."}}},
}

var cooperatie = orgSpec{"Wijkcoöperatie Blauwe Akker", wijk.FormWijkcooperatie, "",
	"De coöperatie van bewoners, buurtbedrijven en initiatieven. Samen beslissen we over plannen en geld voor de wijk."}

// Indexes into partners that the seed refers to.
const (
	pWijkteam            = 0
	pOpenbareRuimte      = 1
	pWoonstichting       = 2 // the partner account's organisation
	pLindewonen          = 3
	pWelzijn             = 4
	pMaatschappelijkWerk = 5
	pBakkerij            = 6
	pSupermarkt          = 7
	pFietsenmaker        = 8
	pHogeschool          = 9
	pROC                 = 10
	pBasisschool         = 11
)

// partners: at least two in every domain.
var partners = []orgSpec{
	{"Gemeente Lindenwaard, wijkteam Oost", wijk.FormPartner, wijk.DomainGemeente, "Het wijkteam van de gemeente. Het helpt initiatieven op weg en regelt vergunningen en subsidies."},
	{"Gemeente Lindenwaard, team Openbare Ruimte", wijk.FormPartner, wijk.DomainGemeente, "Dit team zorgt voor straten, groen en speelplekken in de wijk."},
	{"Woonstichting Akkerland", wijk.FormPartner, wijk.DomainWoningcorporatie, "De grootste verhuurder in de wijk. Zij stelt ruimtes beschikbaar voor initiatieven."},
	{"Woningcorporatie Lindewonen", wijk.FormPartner, wijk.DomainWoningcorporatie, "Een verhuurder in het Molenkwartier en het Sluispark."},
	{"Welzijn Lindenwaard", wijk.FormPartner, wijk.DomainWelzijn, "Buurtwerkers van Welzijn Lindenwaard helpen bewoners om samen iets op te zetten."},
	{"Stichting Maatschappelijk Werk Lindenwaard", wijk.FormPartner, wijk.DomainWelzijn, "Helpt bewoners met geldzorgen, problemen thuis en andere vragen."},
	{"Bakkerij Bruins", wijk.FormPartner, wijk.DomainOndernemer, "De bakker aan het Akkerplein. Hij geeft brood aan de koffieochtend en de kookclub."},
	{"Supermarkt Akkerplein", wijk.FormPartner, wijk.DomainOndernemer, "De supermarkt in de wijk. Zij sponsort de buurtkrant en de zwerfafvalploeg."},
	{"Fietsenmaker Van Dam", wijk.FormPartner, wijk.DomainOndernemer, "Helpt het Repair Café met onderdelen en leidt jongeren op."},
	{"Hogeschool Lindenwaard, lectoraat Wijkeconomie", wijk.FormPartner, wijk.DomainOnderwijs, "Studenten en onderzoekers meten samen met bewoners wat de initiatieven opleveren."},
	{"ROC Lindenwaard, opleiding Sociaal Werk", wijk.FormPartner, wijk.DomainOnderwijs, "Mbo-studenten lopen stage bij initiatieven in de wijk."},
	{"Basisschool De Akkerboom", wijk.FormPartner, wijk.DomainOnderwijs, "De basisschool werkt samen met de huiswerkklas en de voorleesclub."},
}

// staffSpec is a demo account that is not a resident of the wijk.
type staffSpec struct {
	name  string
	email string
}

// Demo accounts. Residents' display names are a first name and the initial
// of the last name, like every resident in the demo.
var (
	beheerder       = staffSpec{"Sandra de Wit", "beheerder@example.org"}
	procesmanager   = staffSpec{"Karim Bouzid", "procesmanager@example.org"}
	penningmeester  = staffSpec{"Joke van Leeuwen", "penningmeester@example.org"}
	voorzitter      = staffSpec{"Hans Verbeek", "voorzitter@example.org"}
	vrijwilliger    = staffSpec{"Fatima El Amrani", "vrijwilliger@example.org"}
	partnerStaff    = staffSpec{"Mirjam Kok", "partner@example.org"}
	initiatiefnemer = staffSpec{"Naima B.", "initiatiefnemer@example.org"}
	bewoner         = staffSpec{"Ria J.", "bewoner@example.org"}
)

// firstNames reflect a Dutch city neighbourhood, in groups; the first group
// holds the Dutch names. dutch marks names that may go with a Dutch
// tussenvoegsel (van, de, van der, ...).
var firstNames = []struct {
	names []string
	dutch bool
}{
	{[]string{"Anouk", "Bram", "Daan", "Emma", "Fleur", "Gerrit", "Henk", "Ineke", "Jan", "Joop", "Kees", "Lotte",
		"Marieke", "Nicole", "Peter", "Ruud", "Sanne", "Thijs", "Wim", "Els", "Ria", "Annelies", "Bart", "Corrie",
		"Dirk", "Esther", "Femke", "Gerda", "Jeroen", "Karin", "Lisa", "Marco", "Noa", "Sem", "Tineke", "Joost",
		"Mila", "Luuk", "Julia", "Tim", "Sophie", "Kevin", "Patrick", "Monique", "Truus", "Bep", "Hanneke", "Rob"}, true},
	{[]string{"Mohamed", "Fatima", "Yassin", "Nora", "Khadija", "Hamza", "Soufiane", "Samira", "Karima", "Bilal",
		"Imane", "Youssef", "Latifa", "Rachid", "Nadia", "Ilias", "Zakaria", "Hafsa", "Ayoub", "Malika"}, false},
	{[]string{"Emre", "Ayşe", "Mehmet", "Elif", "Zeynep", "Burak", "Fatma", "Mustafa", "Hatice", "Kerem", "Selin", "Ömer"}, false},
	{[]string{"Shanti", "Ravi", "Priya", "Glenn", "Marlon", "Jurgen", "Sharon", "Romano", "Chantal", "Dewi", "Ashwin",
		"Sunita", "Gregory", "Jennifer", "Rubén", "Naomi"}, false},
	{[]string{"Agnieszka", "Piotr", "Katarzyna", "Tomasz", "Olena", "Oleksandr", "Iryna", "Dmytro", "Ana", "Mihai"}, false},
	{[]string{"Ahmad", "Rania", "Omar", "Lina", "Yonas", "Semhar", "Hodan", "Abdi", "Faisal", "Amira", "Tesfay", "Huda"}, false},
	{[]string{"Kwame", "Ama", "Kofi", "Efua", "Mei", "Jun", "Linh", "Minh", "Carlos", "Lucía", "Paulo", "Rosa",
		"Arjun", "Ayaan", "Siham", "Giulia"}, false},
}

// initials are drawn from this string, so common initials come up more often.
const initials = "AABBBBCDDDEEFGGGHHHJJJKKKKLLMMMMNOPPPRRSSSSTTVVVWWYZ"

// tussenvoegsels for Dutch last names; "" is the most common.
var tussenvoegsels = []string{"", "", "", "", "", "van ", "van ", "de ", "de ", "van der ", "van den ", "ten "}

// evidence holds, per phase, the evidence written when the procesmanager
// ticks each criterion of the default checklist (by position, from 1). %d
// is the size of the group. A text is chosen at random from a row.
var evidence = map[proces.Phase][][]string{
	proces.PhaseInformatie: {
		{"Buren noemden het probleem zelf tijdens een avond in het buurthuis.", "Gesprekken op straat en op het schoolplein; de vraag staat op papier."},
		{"Huisbezoeken in de straat en een flyer in de bus.", "Een informatieavond in het buurthuis, met koffie en een korte film."},
		{"Een vaste groep van %d buren wil meedoen en komt elke keer terug.", "%d bewoners hebben zich opgegeven; zij willen het zelf doen."},
	},
	proces.PhaseOntstaan: {
		{"Het initiatief helpt buren die anders vaak alleen thuis zitten.", "Het pakt een probleem aan dat buren zelf noemden."},
		{"Plan met doel, doelgroep en begroting besproken met de procesmanager.", "Er is een plan op papier, met een begroting voor het eerste jaar."},
		{"Een vaste groep van %d buren; bekend bij de school, het buurthuis en de buren.", "%d buren doen elke week mee en nemen zelf nieuwe mensen mee."},
		{"De groep wil een eigen stichting worden.", "De groep wil groeien tot een buurtbedrijf."},
	},
	proces.PhaseOntwikkel: {
		{"Reflectiemomenten gehouden volgens Action Learning; de verslagen staan in WEI.", "Elke twee maanden een reflectiemoment met de hele groep."},
		{"De trekkers volgden de training begroten en subsidie aanvragen.", "Coaching gehad over bestuur en rechtsvorm."},
		{"Afspraken met de partners staan op papier.", "Samenwerking met partners vastgelegd in een korte overeenkomst."},
		{"Eigen bestuur gekozen, de begroting sluit en er zijn eigen inkomsten.", "Stichting met bestuur, jaarbegroting en eigen inkomsten uit verkoop en opdrachten."},
	},
}

// reflection is the text of an Action Learning moment.
type reflection struct{ wentWell, learned, next string }

// reflections are written at language level B1, as the groups would write them.
var reflections = []reflection{
	{"De eerste maanden liepen goed: er kwamen elke week nieuwe buren langs.", "We moeten taken beter verdelen. Nu doet de trekker te veel alleen.", "Een rooster maken, zodat iedereen weet wat hij doet."},
	{"Buren zijn tevreden en vertellen het aan anderen.", "Het kost meer tijd dan we dachten om het geld bij te houden.", "Iemand in de groep zoeken die penningmeester wil zijn."},
	{"De samenwerking met onze partner gaat goed.", "Afspraken moeten we op papier zetten, anders vergeten we ze.", "Na elk overleg een korte lijst met afspraken rondsturen."},
	{"We hebben onze eerste eigen inkomsten.", "Onze prijzen waren te laag om de kosten te betalen.", "De prijzen opnieuw berekenen met de begroting erbij."},
	{"Nieuwe vrijwilligers voelen zich snel thuis.", "Nieuwe mensen hebben een vast aanspreekpunt nodig.", "Elke nieuwe vrijwilliger krijgt een maatje."},
	{"Het overleg is korter en duidelijker geworden.", "Een agenda vooraf helpt om op tijd klaar te zijn.", "Om de beurt voorzitter zijn van het overleg."},
	{"We hebben een ruzie in de groep samen opgelost.", "Het helpt om meteen te zeggen wat je dwarszit.", "Elke maand tien minuten praten over hoe het met de groep gaat."},
	{"De aanvraag voor subsidie is op tijd verstuurd.", "We wisten niet welke papieren we nodig hadden.", "Een lijst maken van alle papieren voor de volgende aanvraag."},
	{"Er doen meer buren uit het Sluispark mee.", "Een flyer alleen werkt niet; mensen persoonlijk vragen wel.", "Elke vrijwilliger vraagt deze maand één buur om mee te doen."},
	{"Het bestuur is compleet en vergadert elke maand.", "Niet alles hoeft via het bestuur: de groepen kunnen zelf beslissen.", "Opschrijven wie waarover beslist."},
	{"De open dag trok veel bezoekers.", "We hadden op de dag zelf te weinig handen.", "Voor de volgende keer vooraf een lijst met taken en namen maken."},
	{"Het contact met de school en de ouders is goed.", "Kinderen komen vaker als hun ouders ook meedoen.", "Een avond voor ouders organiseren."},
}

// sessionSpec is a training for the wijk or a coaching session for one
// initiative (initiative >= 0), some months before today.
type sessionSpec struct {
	months     int
	initiative int // index into initiatives, -1 for a training open to all
	kind       proces.SessionKind
	title      string
	skills     []string
}

var sessions = []sessionSpec{
	{15, -1, proces.Training, "Begroten voor je initiatief", []string{"begroten"}},
	{14, iEnergie, proces.Coaching, "Coaching: van initiatief naar buurtbedrijf", []string{"ondernemersplan", "begroten"}},
	{13, -1, proces.Training, "Subsidie aanvragen: zo doe je dat", []string{"subsidie aanvragen", "begroten"}},
	{11, -1, proces.Training, "Action Learning: leren van wat je doet", []string{"Action Learning", "reflecteren"}},
	{9, -1, proces.Training, "Goed vergaderen", []string{"vergaderen", "notuleren"}},
	{6, -1, proces.Training, "Omgaan met conflicten in de groep", []string{"conflicthantering"}},
	{4, iBuurttuin, proces.Coaching, "Coaching: bestuur en statuten", []string{"bestuur", "rechtsvorm"}},
	{3, iNaaiatelier, proces.Coaching, "Coaching: prijzen en verkoop", []string{"prijs bepalen", "verkoop"}},
	{1, -1, proces.Training, "Vrijwilligers vinden en houden", []string{"vrijwilligers werven"}},
}

// leaveReasons are the reasons residents give when they stop; "" is a
// leave without a reason.
var leaveReasons = []string{"Verhuisd", "Verhuisd", "Geen tijd meer", "Geen tijd meer", "Geen tijd meer", "Ander initiatief", "Gezondheid", ""}

// Reasons of doorstroom.
const (
	reasonMoreTasks    = "Wil meer doen"
	reasonMedewerker   = "Betaalde baan in het buurtbedrijf"
	reasonLid          = "Lid van de nieuwe stichting"
	reasonHandover     = "Neemt het stokje over als trekker"
	reasonStepBack     = "Stopt als trekker en blijft helpen"
	reasonOther        = "Gaat naar een ander initiatief in de wijk"
	reasonStopped      = "Het initiatief stopt"
	reasonWalkersMoved = "De wandelgroep stopt; doet nu mee met de koffieochtend"
)
