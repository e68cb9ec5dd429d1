package demo

import "github.com/wei-platform/wei/wijk"

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
	iRepairCafe  = 6
	iHuiswerk    = 8
	iBuurttuin   = 10 // the initiatiefnemer's initiative
	iKookclub    = 12
)

// initiatives: six buurtbedrijven (the oldest), six zelfstandige
// burgerinitiatieven and eight young burgerinitiatieven.
var initiatives = []orgSpec{
	{"Buurtkeuken De Akker", wijk.FormBuurtbedrijf, "", "Buurtbewoners koken elke dag een gezonde maaltijd voor een lage prijs. U eet die in de buurtkeuken of neemt hem mee."},
	{"Klussendienst Blauwe Akker", wijk.FormBuurtbedrijf, "", "Bewoners met handige handen doen kleine klussen in en om uw huis, voor een eerlijke prijs."},
	{"Energiecoöperatie Blauwe Akker", wijk.FormBuurtbedrijf, "", "Samen leggen we zonnepanelen op daken in de wijk en helpen we buren om energie te besparen."},
	{"Groen Doen", wijk.FormBuurtbedrijf, "", "Een bedrijf van bewoners dat het groen in de wijk onderhoudt, in opdracht van de gemeente."},
	{"Naaiatelier De Draad", wijk.FormBuurtbedrijf, "", "In het atelier maken en herstellen bewoners kleding en tassen. Wat zij maken, verkopen ze in de wijk."},
	{"Buurtconciërges Blauwe Akker", wijk.FormBuurtbedrijf, "", "Buurtconciërges letten op portieken en pleinen en helpen buren met kleine vragen."},

	{"Repair Café Blauwe Akker", wijk.FormZelfstandigBurgerinitiatief, "", "Elke maand repareren vrijwilligers samen met u kapotte spullen, zoals lampen, fietsen en kleding."},
	{"Taalcafé Praat Mee", wijk.FormZelfstandigBurgerinitiatief, "", "Elke week oefenen bewoners samen Nederlands praten. Vrijwilligers helpen daarbij."},
	{"Huiswerkklas Slim Samen", wijk.FormZelfstandigBurgerinitiatief, "", "Vrijwilligers helpen kinderen van groep 7 tot en met de tweede klas met hun huiswerk."},
	{"Buurtkrant De Akkerbode", wijk.FormZelfstandigBurgerinitiatief, "", "De krant van en voor bewoners. Hij komt vier keer per jaar gratis in de bus."},
	{"Buurttuin De Groene Akker", wijk.FormZelfstandigBurgerinitiatief, "", "Een tuin van de buurt: buren kweken er samen groente, ontmoeten elkaar en delen de oogst."},
	{"Speeltuinvereniging Sluispark", wijk.FormZelfstandigBurgerinitiatief, "", "Ouders zorgen samen dat de speeltuin in het Sluispark open, schoon en veilig is."},

	{"Kookclub Samen Koken", wijk.FormBurgerinitiatief, "", "Elke donderdag koken buren uit verschillende landen samen. Daarna eten we samen aan één tafel."},
	{"Wandelgroep Stap voor Stap", wijk.FormBurgerinitiatief, "", "Elke dinsdagochtend wandelen we een uur door de wijk, in ons eigen tempo."},
	{"Geveltuinen Molenkwartier", wijk.FormBurgerinitiatief, "", "Buren maken samen geveltuintjes, zodat de straat groener en gezelliger wordt."},
	{"Koffieochtend De Ontmoeting", wijk.FormBurgerinitiatief, "", "Elke woensdag drinken ouderen en andere buren samen koffie in het buurthuis."},
	{"Burenhulp Blauwe Akker", wijk.FormBurgerinitiatief, "", "Buren helpen elkaar met kleine dingen, zoals boodschappen doen of een ritje naar de dokter."},
	{"Voorleesclub Boekenwurm", wijk.FormBurgerinitiatief, "", "Vrijwilligers lezen elke zaterdag voor aan jonge kinderen in het buurthuis."},
	{"Zwerfafvalploeg Schoon Akker", wijk.FormBurgerinitiatief, "", "Eén keer per maand ruimen we samen zwerfafval op in de straten en parken."},
	{"Meidenclub Sterk", wijk.FormBurgerinitiatief, "", "Een veilige plek waar meiden van 12 tot 18 jaar samen sporten, praten en leren."},
}

var cooperatie = orgSpec{"Wijkcoöperatie Blauwe Akker", wijk.FormWijkcooperatie, "",
	"De coöperatie van bewoners, buurtbedrijven en initiatieven. Samen beslissen we over plannen en geld voor de wijk."}

// Indexes into partners that the seed refers to.
const (
	pWoonstichting = 2 // the partner account's organisation
	pWelzijn       = 4
	pBakkerij      = 6
	pSupermarkt    = 7
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
