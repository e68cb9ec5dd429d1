package proces

import (
	"slices"
	"strings"

	"github.com/wei-platform/wei/wijk"
)

// Guide is the default content of one phase of the WEI-model: what happens,
// what it should produce, which methods fit, what the process manager does,
// which organisation forms fit and what each partner brings and wins. It
// answers the three goals of the model: the process manager's questions
// (how to set up the process, which methods, what exact role), the
// organisation forms, and the cooperation with partners. A wijk can edit
// its own copy with With.
type Guide struct {
	Phase    Phase
	Title    string      // e.g. "Informatiefase"
	What     string      // what happens in this phase
	Result   string      // what the phase should produce before the initiative moves on
	Methods  []string    // methods that fit this phase
	PMRole   string      // the process manager's role in this phase
	Forms    []wijk.Form // organisation forms that fit this phase
	Partners []PartnerGuide
	NextStep string // what to do to reach the next phase; for autonoom: how to stay autonomous
}

// PartnerGuide says what a partner of one domain contributes in a phase and
// what it wins: the model makes the win-win visible for every party.
type PartnerGuide struct {
	Domain      wijk.Domain
	Contributes string
	Wins        string
}

// FormTrait describes an organisation form of the WEI-model and its
// characteristics.
type FormTrait struct {
	Form   wijk.Form
	Name   string
	Traits string
}

// DefaultGuides returns the guides of the four phases in order, in Dutch
// ("nl", also for any unknown language) or English ("en", "en-GB"). Each
// call returns fresh slices, so callers may change them.
func DefaultGuides(lang string) []Guide {
	en := english(lang)
	out := make([]Guide, 0, len(guideTexts))
	for _, gt := range guideTexts {
		out = append(out, gt.guide(en))
	}
	return out
}

// GuideFor returns the default guide of phase p, and false when p is not
// one of the four phases.
func GuideFor(lang string, p Phase) (Guide, bool) {
	for _, gt := range guideTexts {
		if gt.phase == p {
			return gt.guide(english(lang)), true
		}
	}
	return Guide{}, false
}

// FormTraits returns every organisation form of wijk.Forms, in that order,
// with its name and characteristics.
func FormTraits(lang string) []FormTrait {
	en := english(lang)
	out := make([]FormTrait, 0, len(wijk.Forms))
	for _, f := range wijk.Forms {
		ft := formTexts[f]
		out = append(out, FormTrait{Form: f, Name: ft.name.in(en), Traits: ft.traits.in(en)})
	}
	return out
}

// DefaultCriteria returns the default checklist of the WEI-model: for each
// phase an initiative can leave (informatie, ontstaan, ontwikkel) the
// criteria to meet, numbered 1..n within the phase. The criteria without
// ID or WijkID; a wijk copies and edits them.
func DefaultCriteria(lang string) []Criterion {
	en := english(lang)
	out := make([]Criterion, 0, len(criterionTexts))
	pos := map[Phase]int{}
	for _, ct := range criterionTexts {
		pos[ct.phase]++
		out = append(out, Criterion{Phase: ct.phase, Text: ct.text.in(en), Required: ct.required, Position: pos[ct.phase]})
	}
	return out
}

// Keys of the guide fields a wijk can override.
const (
	KeyTitle    = "title"
	KeyWhat     = "what"
	KeyResult   = "result"
	KeyMethods  = "methods" // one method per line
	KeyPMRole   = "pm_role"
	KeyNextStep = "next_step"
)

// PartnerKey returns the override key of a partner field: field is
// "contributes" or "wins", e.g. "partner.gemeente.wins".
func PartnerKey(d wijk.Domain, field string) string {
	return "partner." + string(d) + "." + field
}

// GuideFieldKeys returns every key With understands, in the order of a form.
func GuideFieldKeys() []string {
	keys := []string{KeyTitle, KeyWhat, KeyResult, KeyMethods, KeyPMRole, KeyNextStep}
	for _, d := range wijk.Domains {
		keys = append(keys, PartnerKey(d, "contributes"), PartnerKey(d, "wins"))
	}
	return keys
}

// With returns g with each override applied whose key is one of
// GuideFieldKeys and whose value is not blank. "methods" holds one method
// per line; blank lines are dropped. Unknown keys are ignored. g itself is
// not changed.
func (g Guide) With(overrides map[string]string) Guide {
	g.Methods = slices.Clone(g.Methods)
	g.Forms = slices.Clone(g.Forms)
	g.Partners = slices.Clone(g.Partners)
	for key, v := range overrides {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch key {
		case KeyTitle:
			g.Title = v
		case KeyWhat:
			g.What = v
		case KeyResult:
			g.Result = v
		case KeyPMRole:
			g.PMRole = v
		case KeyNextStep:
			g.NextStep = v
		case KeyMethods:
			if m := splitLines(v); len(m) > 0 {
				g.Methods = m
			}
		default:
			rest, ok := strings.CutPrefix(key, "partner.")
			if !ok {
				continue
			}
			domain, field, ok := strings.Cut(rest, ".")
			if !ok {
				continue
			}
			for i := range g.Partners {
				if string(g.Partners[i].Domain) != domain {
					continue
				}
				switch field {
				case "contributes":
					g.Partners[i].Contributes = v
				case "wins":
					g.Partners[i].Wins = v
				}
			}
		}
	}
	return g
}

// Value returns the current text of the field key (methods joined by
// newlines), so an edit form can show it; false for an unknown key.
func (g Guide) Value(key string) (string, bool) {
	switch key {
	case KeyTitle:
		return g.Title, true
	case KeyWhat:
		return g.What, true
	case KeyResult:
		return g.Result, true
	case KeyMethods:
		return strings.Join(g.Methods, "\n"), true
	case KeyPMRole:
		return g.PMRole, true
	case KeyNextStep:
		return g.NextStep, true
	}
	for _, p := range g.Partners {
		switch key {
		case PartnerKey(p.Domain, "contributes"):
			return p.Contributes, true
		case PartnerKey(p.Domain, "wins"):
			return p.Wins, true
		}
	}
	return "", false
}

func splitLines(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// english reports whether lang asks for English; everything else is Dutch.
func english(lang string) bool {
	lang = strings.ToLower(strings.TrimSpace(lang))
	return lang == "en" || strings.HasPrefix(lang, "en-") || strings.HasPrefix(lang, "en_")
}

// text is one text in Dutch and English, kept side by side so that the two
// languages stay in step.
type text struct{ nl, en string }

func (t text) in(en bool) string {
	if en {
		return t.en
	}
	return t.nl
}

type partnerText struct{ contributes, wins text }

type guideText struct {
	phase                                 Phase
	title, what, result, pmRole, nextStep text
	methods                               []text
	forms                                 []wijk.Form
	partners                              map[wijk.Domain]partnerText
}

func (gt guideText) guide(en bool) Guide {
	g := Guide{
		Phase:    gt.phase,
		Title:    gt.title.in(en),
		What:     gt.what.in(en),
		Result:   gt.result.in(en),
		PMRole:   gt.pmRole.in(en),
		NextStep: gt.nextStep.in(en),
		Forms:    slices.Clone(gt.forms),
	}
	for _, m := range gt.methods {
		g.Methods = append(g.Methods, m.in(en))
	}
	for _, d := range wijk.Domains {
		pt := gt.partners[d]
		g.Partners = append(g.Partners, PartnerGuide{Domain: d, Contributes: pt.contributes.in(en), Wins: pt.wins.in(en)})
	}
	return g
}

// The texts below are written from the WEI-model (Wij(k) Economisch
// Instroom model), De BlauweWijkEconomie, Buurtparticipatie and Samenwerken
// in de wijk. Dutch at language level B1, addressing the reader as "je".
var guideTexts = []guideText{
	{
		phase: PhaseInformatie,
		title: text{"Informatiefase", "Information phase"},
		what: text{
			"Bewoners horen welke kansen bewonersgestuurde wijkontwikkeling biedt. Kansen voor de wijk, voor henzelf en voor de buurt als geheel. " +
				"Denk aan een probleem in de eigen wijk oplossen, training en coaching krijgen, een eigen bedrijfje starten, geld verdienen of nieuwe vrienden maken. " +
				"Je praat met bewoners en niet over hen: je luistert hoe zij het wonen in de wijk ervaren en waar ze tegenaan lopen.",
			"Residents hear what chances resident-led neighbourhood development offers. Chances for the wijk, for themselves and for the community as a whole. " +
				"Think of solving a problem in their own wijk, getting training and coaching, starting a small business, earning money or making new friends. " +
				"You talk with residents, not about them: you listen to how they experience living in the wijk and what problems they run into.",
		},
		result: text{
			"Een groep bewoners die uit eigen motivatie wil meedoen. Ze doen mee omdat ze het zelf willen, niet omdat het moet.",
			"A group of residents who want to take part out of their own motivation. They join because they want to, not because they have to.",
		},
		methods: []text{
			{"Huisbezoeken: elke bewoner persoonlijk spreken, soms samen met de wijkagent", "House visits: talk with every resident in person, sometimes together with the community police officer"},
			{"Informatiebijeenkomsten over de kansen voor de wijk en voor bewoners", "Information meetings about the chances for the wijk and for residents"},
			{"Wijkdialogen: samen praten over wat goed gaat en wat nodig is", "Neighbourhood dialogues (wijkdialogen): talk together about what goes well and what is needed"},
			{"Signalen uit de wijk verzamelen en problemen in kaart brengen", "Collect signals from the wijk and map the problems"},
			{"Verhalen en voorbeelden delen die mensen inspireren om mee te doen", "Share stories and examples that inspire people to join"},
		},
		pmRole: text{
			"Je bent informant en luisteraar. Je vertelt bewoners over de kansen en je haalt signalen op. " +
				"Je neemt twijfelaars serieus en geeft bewoners met plannen de ruimte. Je beslist niet voor bewoners.",
			"You are the informant and the listener. You tell residents about the chances and you collect signals. " +
				"You take doubters seriously and give room to residents who have plans. You do not decide for residents.",
		},
		forms: []wijk.Form{wijk.FormBurgerinitiatief},
		partners: map[wijk.Domain]partnerText{
			wijk.DomainGemeente: {
				text{"Deelt informatie over beleid, regels en het wijkbudget. Helpt bij bijeenkomsten en wijkdialogen, bijvoorbeeld met een zaal of wat geld.",
					"Shares information about policy, rules and the wijk budget. Helps with meetings and dialogues, for example with a room or some money."},
				text{"Meer bewoners die meedoen. Beter zicht op wat er in de wijk speelt, zodat beleid beter aansluit.",
					"More residents who take part. A better view of what goes on in the wijk, so that policy fits better."},
			},
			wijk.DomainWoningcorporatie: {
				text{"Kent de huurders en hun buurt. Helpt bij huisbezoeken en deelt signalen over wonen en overlast.",
					"Knows the tenants and their street. Helps with house visits and shares signals about housing and nuisance."},
				text{"Hoort vroeg wat huurders dwarszit, nog voor een probleem uit de hand loopt. Huurders die zich meer verantwoordelijk voelen voor hun buurt.",
					"Hears early what bothers tenants, before a problem gets out of hand. Tenants who feel more responsible for their street."},
			},
			wijk.DomainWelzijn: {
				text{"Kent veel bewoners en hun vragen. Helpt bewoners te bereiken die niet vanzelf komen.",
					"Knows many residents and their questions. Helps to reach residents who do not come by themselves."},
				text{"Bewoners die zelf in actie willen komen. Welzijnswerk dat aansluit bij de ideeën van bewoners zelf.",
					"Residents who want to take action themselves. Welfare work that builds on the residents' own ideas."},
			},
			wijk.DomainOndernemer: {
				text{"Vertelt over werk en ondernemen in de wijk. Laat zien welke producten en diensten de wijk nodig heeft.",
					"Tells about work and running a business in the wijk. Shows which products and services the wijk needs."},
				text{"Leert bewoners kennen als klant en als mogelijke medewerker. Ziet kansen om samen te werken in de wijk.",
					"Gets to know residents as customers and as possible staff. Sees chances to work together in the wijk."},
			},
			wijk.DomainOnderwijs: {
				text{"Helpt de wijk in kaart te brengen, bijvoorbeeld met studenten die bewoners spreken.",
					"Helps to map the wijk, for example with students who talk with residents."},
				text{"Een praktijkplek voor studenten. Een start voor onderzoek naar bewonersgestuurde wijkontwikkeling.",
					"A practice place for students. A start for research on resident-led neighbourhood development."},
			},
		},
		nextStep: text{
			"Zoek uit welke bewoners echt mee willen doen. Help hen samen een probleem of kans in de wijk te kiezen. " +
				"Zijn de verplichte punten van de checklist afgevinkt? Dan gaat het initiatief naar de ontstaansfase.",
			"Find out which residents really want to take part. Help them choose a problem or chance in the wijk together. " +
				"Are the required items of the checklist ticked? Then the initiative moves to the start-up phase.",
		},
	},
	{
		phase: PhaseOntstaan,
		title: text{"Ontstaansfase", "Start-up phase"},
		what: text{
			"Bewoners werken samen aan burgerinitiatieven die een probleem in de wijk aanpakken. " +
				"Bijvoorbeeld armoede, eenzaamheid, geen plek om samen te komen of een speeltuin die er slecht uitziet. " +
				"Dat gebeurt door, voor en met bewoners, en zij krijgen daarbij steun. " +
				"Tegelijk bouw je aan een gemeenschap, zodat het initiatief goed ingebed raakt in de wijk.",
			"Residents work together on citizen initiatives that tackle a problem in the wijk. " +
				"For example poverty, loneliness, no place to meet, or a playground in poor shape. " +
				"This is done by, for and with residents, and they get support along the way. " +
				"At the same time you build a community, so that the initiative becomes well rooted in the wijk.",
		},
		result: text{
			"Een burgerinitiatief dat een probleem in de wijk aanpakt en is ingebed in een gemeenschap in de wijk. " +
				"Het kan groeien tot een zelfstandig burgerinitiatief of een buurtbedrijf dat ook later nog in de wijk actief is.",
			"A citizen initiative that tackles a problem in the wijk and is rooted in a community in the wijk. " +
				"It can grow into an independent citizen initiative or a neighbourhood business that is still active in the wijk in the future.",
		},
		methods: []text{
			{"Samen met bewoners een probleem kiezen en een plan maken", "Choose a problem and make a plan together with residents"},
			{"Gemeenschap vormen: elkaar ontmoeten, leren kennen en samen iets doen", "Build a community: meet, get to know each other and do things together"},
			{"Wijkdialogen om ideeën te toetsen en mensen met elkaar te verbinden", "Neighbourhood dialogues to test ideas and connect people"},
			{"Leefomgevingsoverleg met een onafhankelijk voorzitter: wie doet wat in de wijk?", "Living-environment meeting (leefomgevingsoverleg) with an independent chair: who does what in the wijk?"},
			{"Steun bij het uitwerken van het initiatief, terwijl bewoners de regie houden", "Support in working out the initiative, while residents stay in charge"},
		},
		pmRole: text{
			"Je bent ondersteuner en verbinder. Je helpt bewoners hun idee uit te werken, maar het blijft hun initiatief. " +
				"Je brengt mensen bij elkaar en bouwt mee aan een gemeenschap. Je zoekt partners die willen samenwerken.",
			"You are the supporter and the connector. You help residents work out their idea, but it stays their initiative. " +
				"You bring people together and help build a community. You look for partners who want to cooperate.",
		},
		forms: []wijk.Form{wijk.FormBurgerinitiatief},
		partners: map[wijk.Domain]partnerText{
			wijk.DomainGemeente: {
				text{"Helpt met ruimte, regels en een startbudget, bijvoorbeeld uit het wijkbudget. Zit aan tafel in het leefomgevingsoverleg.",
					"Helps with space, rules and a starting budget, for example from the wijk budget. Takes part in the living-environment meeting."},
				text{"Initiatieven die mee helpen aan beleidsdoelen, zoals minder armoede en eenzaamheid. Bewoners die echt meedoen.",
					"Initiatives that help reach policy goals, such as less poverty and loneliness. Residents who really take part."},
			},
			wijk.DomainWoningcorporatie: {
				text{"Biedt een plek om samen te komen, zoals een ruimte in een complex. Denkt mee over plannen voor groen, speeltuin of buurtruimte.",
					"Offers a place to meet, such as a room in a housing block. Thinks along about plans for green spaces, a playground or a community room."},
				text{"Een leefbaardere buurt en minder overlast. Huurders die zelf meedoen aan hun woonomgeving.",
					"A more liveable street and less nuisance. Tenants who take part in their own living environment."},
			},
			wijk.DomainWelzijn: {
				text{"Steunt bewoners bij het uitwerken van hun idee en bij het vormen van een gemeenschap. Laat de regie bij bewoners.",
					"Supports residents in working out their idea and in building a community. Leaves residents in charge."},
				text{"Bewoners die meer zelf kunnen. De professional gaat van dingen doen voor bewoners naar steunen naast bewoners.",
					"Residents who can do more themselves. The professional moves from doing things for residents to supporting them side by side."},
			},
			wijk.DomainOndernemer: {
				text{"Denkt mee over een plan dat haalbaar is. Biedt kennis, materiaal of een eerste klus.",
					"Helps make a plan that is feasible. Offers know-how, materials or a first small job."},
				text{"Nieuwe lokale partners en klanten. Een buurt waar het prettig werken en winkelen is.",
					"New local partners and customers. A neighbourhood where it is pleasant to work and shop."},
			},
			wijk.DomainOnderwijs: {
				text{"Studenten en stagiairs helpen mee aan het plan. Scholen zijn een plek waar bewoners en ouders elkaar ontmoeten.",
					"Students and interns help with the plan. Schools are a place where residents and parents meet."},
				text{"Echte opdrachten uit de wijk voor studenten. Inzicht in hoe een initiatief van bewoners ontstaat.",
					"Real assignments from the wijk for students. Insight into how a residents' initiative comes about."},
			},
		},
		nextStep: text{
			"Schrijf samen een plan. Zorg dat het initiatief gedragen wordt door een gemeenschap in de wijk. Zoek een eerste partner. " +
				"Zijn de verplichte punten van de checklist afgevinkt? Dan gaat het initiatief naar de ontwikkelfase.",
			"Write a plan together. Make sure the initiative is carried by a community in the wijk. Find a first partner. " +
				"Are the required items of the checklist ticked? Then the initiative moves to the development phase.",
		},
	},
	{
		phase: PhaseOntwikkel,
		title: text{"Ontwikkelfase", "Development phase"},
		what: text{
			"De initiatieven werken als gemeenschap aan zelforganisatie, met de methode Action Learning. " +
				"Bewoners gaan zelf aan de slag met hun initiatief en kijken op vaste momenten samen terug: wat ging goed en wat leren we? " +
				"Training en coaching voegen kennis en vaardigheden toe. " +
				"Zo groeit het idee uit tot een organisatie die zelfstandig werkt.",
			"The initiatives work together as a community on self-organisation, using the Action Learning method. " +
				"Residents get to work on their own initiative and look back together at set moments: what went well and what do we learn? " +
				"Training and coaching add knowledge and skills. " +
				"This way the idea grows into an organisation that works on its own.",
		},
		result: text{
			"Een organisatie die zelfstandig werkt: een zelfstandig burgerinitiatief of een professioneel buurtbedrijf. " +
				"Met een eigen bestuur, een eigen begroting en eigen inkomsten en uitgaven.",
			"An organisation that works on its own: an independent citizen initiative or a professional neighbourhood business. " +
				"With its own board, its own budget and its own income and spending.",
		},
		methods: []text{
			{"Action Learning: zelf aan de slag, met vaste reflectiemomenten", "Action Learning: get to work yourselves, with set moments of reflection"},
			{"Training om kennis en vaardigheden toe te voegen", "Training to add knowledge and skills"},
			{"Coaching van trekkers en deelnemers", "Coaching of leads and participants"},
			{"Samen leren in de praktijk", "Learning together in practice"},
			{"Een eigen bestuur, begroting en wijkboekhouding opzetten", "Setting up your own board, budget and open bookkeeping (wijkboekhouding)"},
		},
		pmRole: text{
			"Je bent begeleider en coach. Je organiseert de reflectiemomenten en regelt training en coaching. " +
				"Zo voeg je de kracht toe waardoor structuur ontstaat. Daarna doe je steeds vaker een stap terug.",
			"You are the guide and the coach. You organise the moments of reflection and arrange training and coaching. " +
				"This way you add the force that makes structure appear. After that you step back more and more.",
		},
		forms: []wijk.Form{wijk.FormBurgerinitiatief, wijk.FormZelfstandigBurgerinitiatief, wijk.FormBuurtbedrijf},
		partners: map[wijk.Domain]partnerText{
			wijk.DomainGemeente: {
				text{"Geeft ruimte om te leren en te proberen. Helpt met geld voor training en coaching en met vergunningen.",
					"Gives room to learn and to try. Helps with money for training and coaching and with permits."},
				text{"Organisaties in de wijk die taken zelf kunnen oppakken. Beleidsdoelen die dichterbij komen, en op den duur lagere kosten.",
					"Organisations in the wijk that can take on tasks themselves. Policy goals that come closer, and lower costs in the long run."},
			},
			wijk.DomainWoningcorporatie: {
				text{"Geeft het initiatief kleine opdrachten, zoals het onderhoud van groen of het beheer van een buurtruimte.",
					"Gives the initiative small jobs, such as looking after green spaces or running a community room."},
				text{"Een buurt die bewoners zelf mee onderhouden: meer leefbaarheid en minder overlast. Huurders die verantwoordelijkheid nemen.",
					"A neighbourhood that residents help look after: more liveability and less nuisance. Tenants who take responsibility."},
			},
			wijk.DomainWelzijn: {
				text{"Geeft training en coaching en helpt bij de reflectiemomenten. Doet zelf steeds minder.",
					"Gives training and coaching and helps with the moments of reflection. Does less and less itself."},
				text{"Bewoners die zelfredzaam worden. De professional krijgt een nieuwe rol: coach in plaats van uitvoerder.",
					"Residents who become self-reliant. The professional gets a new role: coach instead of doer."},
			},
			wijk.DomainOndernemer: {
				text{"Deelt kennis over ondernemen, zoals begroting, verkoop en klanten. Kan mentor zijn van een buurtbedrijf in opbouw.",
					"Shares know-how about running a business, such as budgets, sales and customers. Can mentor a neighbourhood business that is starting up."},
				text{"Lokale leveranciers en lokaal personeel. Een sterkere lokale economie waarin meer geld in de wijk blijft.",
					"Local suppliers and local staff. A stronger local economy in which more money stays in the wijk."},
			},
			wijk.DomainOnderwijs: {
				text{"Helpt bij training en bij samen leren in de praktijk. Onderzoekers volgen het leerproces en meten de resultaten.",
					"Helps with training and with learning together in practice. Researchers follow the learning process and measure the results."},
				text{"Een praktijkplek voor studenten. Onderzoek naar zelforganisatie en bewonersgestuurde wijkontwikkeling.",
					"A practice place for students. Research on self-organisation and resident-led neighbourhood development."},
			},
		},
		nextStep: text{
			"Werk toe naar een eigen bestuur, een eigen begroting en eigen inkomsten en uitgaven. Blijf terugkijken en volg de training en coaching die nodig is. " +
				"Werkt het initiatief zelfstandig? Dan gaat het naar de autonome fase.",
			"Work towards your own board, your own budget and your own income and spending. Keep reflecting and follow the training and coaching you need. " +
				"Does the initiative work on its own? Then it moves to the autonomous phase.",
		},
	},
	{
		phase: PhaseAutonoom,
		title: text{"Autonome fase", "Autonomous phase"},
		what: text{
			"Burgerinitiatieven en buurtbedrijven werken samen in een wijkcoöperatie. In de ideale situatie doen ze dat zonder ondersteuning. " +
				"Bewoners bepalen het beleid en het programma, en voeren het zelf uit. " +
				"Ze zijn zelf maker, klant en verdeler van producten en diensten in de wijk.",
			"Citizen initiatives and neighbourhood businesses work together in a neighbourhood cooperative (wijkcoöperatie). Ideally they do so without support. " +
				"Residents decide the policy and the programme, and carry it out themselves. " +
				"They are the makers, the customers and the distributors of products and services in the wijk.",
		},
		result: text{
			"Een wijkcoöperatie van zelfstandige initiatieven en buurtbedrijven. Die werkt aan een sterke wijkeconomie, meer samenhang en een leefbare wijk.",
			"A neighbourhood cooperative of independent initiatives and neighbourhood businesses. It works for a strong local economy, more social cohesion and a liveable wijk.",
		},
		methods: []text{
			{"Samenwerken in de wijkcoöperatie", "Working together in the neighbourhood cooperative"},
			{"Eigen regie op beleid, begroting en exploitatie", "Own control over policy, budget and operations"},
			{"Afspraken met partners vastleggen in een wijkpact", "Recording agreements with partners in a wijkpact (neighbourhood agreement)"},
			{"Right to Challenge: een taak van de gemeente overnemen", "Right to Challenge: taking over a task of the municipality"},
			{"Resultaten meten met SROI", "Measuring results with SROI"},
			{"Lokaal inkopen en geld in de wijk laten rondgaan, bijvoorbeeld met een lokale munt", "Buying locally and keeping money circulating in the wijk, for example with a local currency"},
			{"Kennis delen met nieuwe initiatieven en andere wijken", "Sharing knowledge with new initiatives and other wijken"},
		},
		pmRole: text{
			"Je stapt terug. In de ideale situatie is er geen ondersteuning meer nodig. " +
				"Je bent hooguit vraagbaak op afstand, en je helpt alleen als de wijkcoöperatie daar zelf om vraagt.",
			"You step back. Ideally no support is needed any more. " +
				"At most you are someone to ask from a distance, and you only help when the cooperative asks for it.",
		},
		forms: []wijk.Form{wijk.FormZelfstandigBurgerinitiatief, wijk.FormBuurtbedrijf, wijk.FormWijkcooperatie},
		partners: map[wijk.Domain]partnerText{
			wijk.DomainGemeente: {
				text{"Maakt afspraken met de wijkcoöperatie in een wijkpact. Staat open voor Right to Challenge, waarbij bewoners een taak overnemen.",
					"Makes agreements with the cooperative in a wijkpact. Is open to Right to Challenge, in which residents take over a task."},
				text{"Beleidsdoelen die met en door de wijk gehaald worden, tegen lagere kosten. Meer vertrouwen tussen bewoners en gemeente. Resultaten gemeten met SROI.",
					"Policy goals met with and by the wijk, at lower cost. More trust between residents and the municipality. Results measured with SROI."},
			},
			wijk.DomainWoningcorporatie: {
				text{"Besteedt werk in de wijk uit aan buurtbedrijven, zoals beheer en onderhoud. Werkt als gelijkwaardige partner samen met de wijkcoöperatie.",
					"Contracts work in the wijk out to neighbourhood businesses, such as upkeep and maintenance. Works with the cooperative as an equal partner."},
				text{"Blijvend betere leefbaarheid en minder overlast. Huurders die meedoen en zich verantwoordelijk voelen. Werk dat dichtbij gedaan wordt.",
					"Lasting better liveability and less nuisance. Tenants who take part and feel responsible. Work that is done close by."},
			},
			wijk.DomainWelzijn: {
				text{"Staat op afstand klaar als de wijkcoöperatie een vraag heeft. Verwijst bewoners naar de initiatieven in de wijk.",
					"Is available from a distance when the cooperative has a question. Refers residents to the initiatives in the wijk."},
				text{"Een wijk waar bewoners zelfredzaam zijn en elkaar helpen. Professionals werken als coach op afstand en sluiten aan bij wat de wijk zelf doet.",
					"A wijk where residents are self-reliant and help each other. Professionals work as coaches from a distance and build on what the wijk does itself."},
			},
			wijk.DomainOndernemer: {
				text{"Koopt in bij buurtbedrijven, neemt mensen uit de wijk aan en doet mee met lokale geldstromen, zoals een lokale munt.",
					"Buys from neighbourhood businesses, hires people from the wijk and takes part in local money flows, such as a local currency."},
				text{"Lokale klanten en lokaal personeel. Een sterke wijkeconomie waarin het geld in de wijk rondgaat.",
					"Local customers and local staff. A strong local economy in which money circulates in the wijk."},
			},
			wijk.DomainOnderwijs: {
				text{"Onderzoekt de resultaten, bijvoorbeeld met SROI. Helpt wat werkt te delen met andere wijken.",
					"Studies the results, for example with SROI. Helps to share what works with other wijken."},
				text{"Kennis over bewonersgestuurde wijkontwikkeling en over de nieuwe rol van overheid en professionals. Een vaste praktijkplek voor studenten.",
					"Knowledge about resident-led neighbourhood development and about the new role of government and professionals. A lasting practice place for students."},
			},
		},
		nextStep: text{
			"Blijf zelfstandig: houd je bestuur, begroting en inkomsten en uitgaven zelf op orde. Blijf samen terugkijken en leren. " +
				"Word lid van de wijkcoöperatie en werk samen met andere initiatieven en buurtbedrijven. " +
				"Laat nieuwe bewoners instromen: iedereen kan op elk moment meedoen.",
			"Stay independent: keep your own board, budget and income and spending in order. Keep looking back and learning together. " +
				"Join the neighbourhood cooperative and work with other initiatives and neighbourhood businesses. " +
				"Let new residents flow in: anyone can join at any moment.",
		},
	},
}

type formText struct{ name, traits text }

var formTexts = map[wijk.Form]formText{
	wijk.FormBurgerinitiatief: {
		text{"Burgerinitiatief", "Citizen initiative"},
		text{"Een groep bewoners die samen een probleem in de wijk aanpakt, door, voor en met bewoners. " +
			"Er is nog geen eigen organisatie. De groep krijgt steun bij het uitwerken van het idee. " +
			"Dit is de vorm van de ontstaansfase.",
			"A group of residents who tackle a problem in the wijk together, by, for and with residents. " +
				"There is no organisation of its own yet. The group gets support in working out the idea. " +
				"This is the form of the start-up phase."},
	},
	wijk.FormZelfstandigBurgerinitiatief: {
		text{"Zelfstandig burgerinitiatief", "Independent citizen initiative"},
		text{"Een burgerinitiatief dat zelfstandig werkt, met een eigen bestuur, een eigen begroting en eigen inkomsten en uitgaven. " +
			"Het draait vooral op inzet van bewoners en blijft ook later in de wijk aan zet. " +
			"Het groeit in de ontwikkelfase en doet mee in de wijkcoöperatie.",
			"A citizen initiative that works on its own, with its own board, its own budget and its own income and spending. " +
				"It runs mainly on the effort of residents and stays active in the wijk in the future. " +
				"It grows in the development phase and takes part in the neighbourhood cooperative."},
	},
	wijk.FormBuurtbedrijf: {
		text{"Buurtbedrijf", "Neighbourhood business"},
		text{"Een professioneel bedrijf van en voor de wijk. Het maakt producten of levert diensten, verdient geld en geeft werk aan bewoners. " +
			"Bewoners zijn maker, klant en verdeler. Het groeit in de ontwikkelfase en doet mee in de wijkcoöperatie.",
			"A professional business of and for the wijk. It makes products or provides services, earns money and gives work to residents. " +
				"Residents are the makers, the customers and the distributors. It grows in the development phase and takes part in the neighbourhood cooperative."},
	},
	wijk.FormWijkcooperatie: {
		text{"Wijkcoöperatie", "Neighbourhood cooperative (wijkcoöperatie)"},
		text{"De samenwerking van de burgerinitiatieven en buurtbedrijven in de wijk. Bewoners bepalen het beleid en het programma, en voeren het uit. " +
			"Ze werkt aan een sterke wijkeconomie, versterkt de samenhang en verbetert de leefbaarheid. " +
			"In de ideale situatie werkt ze zonder ondersteuning. Dit is de vorm van de autonome fase.",
			"The joint body of the citizen initiatives and neighbourhood businesses in the wijk. Residents decide the policy and the programme, and carry it out. " +
				"It works for a strong local economy, strengthens social cohesion and improves liveability. " +
				"Ideally it works without support. This is the form of the autonomous phase."},
	},
	wijk.FormPartner: {
		text{"Partner", "Partner"},
		text{"Een organisatie die samenwerkt met de bewonersorganisaties: gemeente, woningcorporatie, welzijn, ondernemer of onderwijs en wetenschap. " +
			"Partners werken op gelijkwaardige basis samen, zodat iedereen er beter van wordt. " +
			"Het WEI-model laat zien wanneer en hoe een partner kan helpen en wat hij wint.",
			"An organisation that works with the residents' organisations: municipality, housing corporation, welfare, business, or education and research. " +
				"Partners cooperate on an equal footing, so that everyone gains. " +
				"The WEI-model shows when and how a partner can help and what it wins."},
	},
}

type criterionText struct {
	phase    Phase
	required bool
	text     text
}

// criterionTexts is the default checklist in order; positions are counted
// per phase.
var criterionTexts = []criterionText{
	{PhaseInformatie, false, text{"Er is samen met bewoners in kaart gebracht welk probleem of welke kans er in de wijk is.",
		"Together with residents, a problem or chance in the wijk has been identified."}},
	{PhaseInformatie, false, text{"Bewoners zijn geïnformeerd over de kansen, bijvoorbeeld met huisbezoeken of een bijeenkomst.",
		"Residents have been told about the chances, for example through house visits or a meeting."}},
	{PhaseInformatie, true, text{"Een groep bewoners wil uit eigen motivatie meedoen.",
		"A group of residents wants to take part out of their own motivation."}},

	{PhaseOntstaan, false, text{"Het initiatief pakt een probleem in de wijk aan.",
		"The initiative tackles a problem in the wijk."}},
	{PhaseOntstaan, false, text{"Er is een plan op papier: wat, voor wie, met wie en wat het kost.",
		"There is a written plan: what, for whom, with whom and what it costs."}},
	{PhaseOntstaan, true, text{"Het initiatief is ingebed in een gemeenschap in de wijk.",
		"The initiative is embedded in a community in the wijk."}},
	{PhaseOntstaan, false, text{"Het initiatief kan groeien tot een zelfstandig burgerinitiatief of een buurtbedrijf.",
		"The initiative can grow into an independent citizen initiative or a neighbourhood business."}},

	{PhaseOntwikkel, false, text{"Er zijn reflectiemomenten gehouden volgens Action Learning.",
		"Moments of reflection have been held following Action Learning."}},
	{PhaseOntwikkel, false, text{"De trekkers hebben training of coaching gevolgd.",
		"The leads have followed training or coaching."}},
	{PhaseOntwikkel, false, text{"Er zijn partners gevonden en er zijn afspraken gemaakt over de samenwerking.",
		"Partners have been found and agreements about the cooperation have been made."}},
	{PhaseOntwikkel, true, text{"Het initiatief werkt als zelfstandige organisatie: eigen bestuur, eigen begroting en eigen exploitatie.",
		"The initiative works as an independent organisation: its own board, its own budget and its own operations."}},
}
