package web

import (
	"net/http"

	"github.com/wei-platform/wei/account"
)

// routes lists every page of the web surface with the permission it needs.
// The route × role test walks this table.
func (h *Handler) routes() []route {
	const (
		get  = http.MethodGet
		post = http.MethodPost
	)
	pub, mine := account.PermViewWijk, account.PermMine
	return []route{
		rt(get, "/{$}", pub, h.home),
		rt(post, "/taal", pub, h.setLanguage),

		// Login, sign-up and logout.
		rt(get, "/inloggen", pub, h.loginForm),
		rt(post, "/inloggen", pub, h.loginRequest),
		rt(get, "/inloggen/code", pub, h.codeForm),
		rt(post, "/inloggen/code", pub, h.codeSubmit),
		rt(get, "/inloggen/link/{token}", pub, h.linkConfirmForm),
		rt(post, "/inloggen/link/{token}", pub, h.linkConfirm),
		rt(post, "/inloggen/wachtwoord", pub, h.passwordLogin),
		rt(get, "/aanmelden", pub, h.signupForm),
		rt(post, "/aanmelden", pub, h.signupSubmit),
		rt(post, "/uitloggen", mine, h.logout),

		// Mijn wijk: own page, own data.
		rt(get, "/mijn", mine, h.mine),
		rt(get, "/mijn/gegevens.json", mine, h.mineExport),
		rt(get, "/mijn/verwijderen", mine, h.eraseForm),
		rt(post, "/mijn/verwijderen", mine, h.eraseSubmit),
		rt(get, "/mijn/tokens", mine, h.tokens),
		rt(post, "/mijn/tokens", mine, h.tokenCreate),
		rt(post, "/mijn/tokens/{id}/intrekken", mine, h.tokenRevoke),

		// A wijk.
		rt(get, "/w/{wijk}", pub, h.wijkHome),
		rt(get, "/w/{wijk}/buurten", pub, h.buurten),
		rt(get, "/w/{wijk}/organisaties", pub, h.organisations),
		rt(get, "/w/{wijk}/organisaties/nieuw", account.PermEditOrganisations, h.organisationNew),
		rt(post, "/w/{wijk}/organisaties", account.PermEditOrganisations, h.organisationCreate),
		rt(get, "/w/{wijk}/organisaties/{id}", pub, h.organisation),
		rt(get, "/w/{wijk}/organisaties/{id}/bewerken", account.PermEditOrganisations, h.organisationEdit),
		rt(post, "/w/{wijk}/organisaties/{id}", account.PermEditOrganisations, h.organisationUpdate),
		rt(post, "/w/{wijk}/organisaties/{id}/leden", account.PermEditMemberships, h.membershipAdd).forOrg("id"),
		rt(get, "/w/{wijk}/mensen", account.PermViewPeople, h.people),
		rt(get, "/w/{wijk}/mensen/nieuw", account.PermEditPeople, h.personNew),
		rt(post, "/w/{wijk}/mensen", account.PermEditPeople, h.personCreate),
		rt(get, "/w/{wijk}/mensen/{id}", account.PermViewPeople, h.person),
		rt(get, "/w/{wijk}/mensen/{id}/bewerken", account.PermEditPeople, h.personEdit),
		rt(post, "/w/{wijk}/mensen/{id}", account.PermEditPeople, h.personUpdate),
		rt(post, "/w/{wijk}/mensen/{id}/verwijderen", account.PermEditPeople, h.personErase),
		rt(get, "/w/{wijk}/beheer/rollen", account.PermManageRoles, h.roles),
		rt(post, "/w/{wijk}/beheer/rollen", account.PermManageRoles, h.roleGrant),
		rt(post, "/w/{wijk}/beheer/rollen/{id}/intrekken", account.PermManageRoles, h.roleRevoke),
		rt(get, "/w/{wijk}/beheer/logboek", account.PermViewAudit, h.auditLog),

		// WEI-proces: initiatives through the four phases, people flowing in
		// and out, the phase guide, Action Learning and cooperation.
		rt(get, "/w/{wijk}/initiatieven", pub, h.phases),
		rt(get, "/w/{wijk}/initiatieven/{id}", pub, h.initiative),
		rt(post, "/w/{wijk}/initiatieven/{id}/meedoen", account.PermJoin, h.initiativeJoin),
		rt(post, "/w/{wijk}/initiatieven/{id}/stoppen", account.PermJoin, h.initiativeLeave),
		rt(post, "/w/{wijk}/initiatieven/{id}/afvinken", account.PermTick, h.checklistTick),
		rt(post, "/w/{wijk}/initiatieven/{id}/uitvinken", account.PermTick, h.checklistUntick),
		rt(post, "/w/{wijk}/initiatieven/{id}/fase", account.PermMovePhase, h.phaseMove),
		rt(post, "/w/{wijk}/initiatieven/{id}/vorm", account.PermMovePhase, h.formChange),
		rt(post, "/w/{wijk}/initiatieven/{id}/reflecties", account.PermRecordLearning, h.reflectionAdd).forOrg("id"),
		rt(post, "/w/{wijk}/initiatieven/{id}/partners", account.PermEditCooperation, h.cooperationAdd),
		rt(post, "/w/{wijk}/initiatieven/{id}/wijkcooperatie", account.PermMovePhase, h.coopJoin),
		rt(get, "/w/{wijk}/stroom", account.PermViewFlow, h.flow),
		rt(get, "/w/{wijk}/stroom.csv", account.PermViewFlow, h.flowCSV),
		rt(get, "/w/{wijk}/samenwerking", account.PermViewFlow, h.cooperationMatrix),
		rt(get, "/w/{wijk}/leren", account.PermRecordLearning, h.learning),
		rt(post, "/w/{wijk}/leren", account.PermRecordLearning, h.sessionAdd),
		rt(get, "/w/{wijk}/gids", account.PermEditGuide, h.guideEdit),
		rt(post, "/w/{wijk}/gids", account.PermEditGuide, h.guideTextsSave),
		rt(post, "/w/{wijk}/gids/criteria", account.PermEditGuide, h.criterionAdd),
		rt(post, "/w/{wijk}/gids/criteria/{id}", account.PermEditGuide, h.criterionUpdate),

		// Site administration.
		rt(get, "/beheer", account.PermManageWijken, h.admin),
		rt(post, "/beheer/wijken", account.PermManageWijken, h.wijkCreate),
		rt(get, "/beheer/outbox", account.PermViewOutbox, h.outbox),

		// Wijkboekhouding: transparency and reports. The transparency page
		// is public; the reports and exports show the full books.
		rt(get, "/w/{wijk}/boekhouding", pub, h.booksPublic),
		rt(get, "/w/{wijk}/boekhouding/rapport", account.PermViewBooks, h.booksReport),
		rt(get, "/w/{wijk}/boekhouding/export.csv", account.PermViewBooks, h.booksExportCSV),
		rt(get, "/w/{wijk}/boekhouding/export.xlsx", account.PermViewBooks, h.booksExportXLSX),
		rt(get, "/w/{wijk}/boekhouding/export.journal", account.PermViewBooks, h.booksExportJournal),

		// Wijkboekhouding: budgets and claims. Who may see a claim depends
		// on the claim (its claimant, its initiative), so the claim pages
		// ask here only for an account and the handlers decide per claim
		// with Actor.Can/CanOrg. Deciding and paying are for the roles the
		// policy names; the store refuses a claimant's own approval.
		rt(get, "/w/{wijk}/declaraties", mine, h.claims),
		rt(get, "/w/{wijk}/declaraties/nieuw", mine, h.claimNew),
		rt(post, "/w/{wijk}/declaraties", mine, h.claimCreate).maxBody(claimMaxBody),
		rt(get, "/w/{wijk}/declaraties/{id}", mine, h.claim),
		rt(get, "/w/{wijk}/declaraties/{id}/bon", mine, h.claimReceipt),
		rt(post, "/w/{wijk}/declaraties/{id}/goedkeuren", account.PermApproveClaims, h.claimApprove),
		rt(post, "/w/{wijk}/declaraties/{id}/afwijzen", account.PermApproveClaims, h.claimReject),
		rt(post, "/w/{wijk}/declaraties/{id}/betalen", account.PermKeepBooks, h.claimPay),
		rt(get, "/w/{wijk}/initiatieven/{id}/budget", pub, h.budget),
		rt(post, "/w/{wijk}/initiatieven/{id}/budget/regels", account.PermClaim, h.budgetLineAdd).forOrg("id"),
		rt(post, "/w/{wijk}/initiatieven/{id}/budget/toekenningen", account.PermKeepBooks, h.budgetGrant),

		// Wijkboekhouding: bank import. The treasurer registers the wijk's
		// IBANs, imports statement files (up to 10 MB, multipart), matches
		// the lines no rule matched and keeps rules for next time. The
		// counterparties' names and IBANs are shown on these pages only.
		// The example statement is offered in the demo only.
		rt(get, "/w/{wijk}/boekhouding/bank", account.PermKeepBooks, h.bank),
		rt(post, "/w/{wijk}/boekhouding/bank/rekeningen", account.PermKeepBooks, h.bankAccountAdd),
		rt(post, "/w/{wijk}/boekhouding/bank/import", account.PermKeepBooks, h.bankImport).maxBody(bankMaxBody),
		rt(post, "/w/{wijk}/boekhouding/bank/mutaties/{id}/matchen", account.PermKeepBooks, h.bankLineMatch),
		rt(get, "/w/{wijk}/boekhouding/bank/voorbeeld", account.PermKeepBooks, h.bankExampleDownload),
		rt(post, "/w/{wijk}/boekhouding/bank/regels/{id}/verwijderen", account.PermKeepBooks, h.bankRuleDelete),
		rt(post, "/w/{wijk}/boekhouding/bank/regels/toepassen", account.PermKeepBooks, h.bankRulesApply),

		// Wijkboekhouding: the local multiplier (LM3) of an income, with the
		// survey figures of its recipients, for the books' roles.
		rt(get, "/w/{wijk}/boekhouding/lm3", account.PermViewBooks, h.lm3),
		rt(post, "/w/{wijk}/boekhouding/lm3", account.PermViewBooks, h.lm3Save),

		// Wijkboekhouding: the time bank and the local currency. Every account
		// has its own page and pays from its own accounts, by the other's
		// tijdbank-code; an initiatiefnemer thanks the initiative's
		// volunteers from its account, as they submit its claims.
		rt(get, "/w/{wijk}/tijdbank", mine, h.timebank),
		rt(post, "/w/{wijk}/tijdbank/betalen", mine, h.timebankPay),
		rt(post, "/w/{wijk}/initiatieven/{id}/belonen", account.PermClaim, h.timebankReward).forOrg("id"),

		// CBS data: the map of the buurten with their signal counts (SVG,
		// a table, and Leaflet over its GeoJSON when scripts run) and the
		// wijk profile with the key figures. Public: only counts of at
		// least five are shown.
		rt(get, "/w/{wijk}/kaart", pub, h.cbsMap),
		rt(get, "/w/{wijk}/kaart.geojson", pub, h.cbsMapGeoJSON),
		rt(get, "/w/{wijk}/profiel", pub, h.cbsProfile),

		// Signalen: problem signals, house visits and the who-does-what
		// register. Everyone sees the counts per buurt and theme (small
		// counts hidden); any account reports a problem as itself and sees
		// its own signals; notes are read on request and audited.
		rt(get, "/w/{wijk}/signalen", account.PermViewSignals, h.signals),
		rt(get, "/w/{wijk}/signalen/overzicht", pub, h.signalsPublic),
		rt(get, "/w/{wijk}/signalen/nieuw", account.PermReportSignal, h.signalNew),
		rt(post, "/w/{wijk}/signalen", account.PermReportSignal, h.signalCreate),
		rt(get, "/w/{wijk}/signalen/mijn", account.PermReportSignal, h.signalsMine),
		rt(get, "/w/{wijk}/signalen/themas", account.PermEditSignals, h.signalThemes),
		rt(post, "/w/{wijk}/signalen/themas", account.PermEditSignals, h.signalThemesSave),
		rt(get, "/w/{wijk}/signalen/bewaartermijnen", account.PermEditSignals, h.signalRetention),
		rt(post, "/w/{wijk}/signalen/bewaartermijnen", account.PermEditSignals, h.signalRetentionSave),
		rt(get, "/w/{wijk}/signalen/{id}", account.PermViewSignals, h.signalDetail),
		rt(post, "/w/{wijk}/signalen/{id}/status", account.PermEditSignals, h.signalMove),
		rt(post, "/w/{wijk}/signalen/{id}/groep", account.PermEditSignals, h.signalGroup),
		rt(post, "/w/{wijk}/signalen/{id}/losmaken", account.PermEditSignals, h.signalUngroup),
		rt(get, "/w/{wijk}/huisbezoeken", account.PermRecordVisit, h.visits),
		rt(get, "/w/{wijk}/huisbezoeken/nieuw", account.PermRecordVisit, h.visitNew),
		rt(post, "/w/{wijk}/huisbezoeken", account.PermRecordVisit, h.visitCreate),
		rt(get, "/w/{wijk}/huisbezoeken/{id}", account.PermRecordVisit, h.visitDetail),
		rt(get, "/w/{wijk}/wie-doet-wat", account.PermViewSignals, h.register),
		rt(post, "/w/{wijk}/wie-doet-wat", account.PermEditSignals, h.registerAdd),
		rt(post, "/w/{wijk}/wie-doet-wat/{id}/verwijderen", account.PermEditSignals, h.registerDelete),

		// Leefomgevingsoverleg: series of meetings with an independent
		// chair, the agenda built from signals, open actions and overlaps,
		// decisions, action items, attendance and the periodic report.
		// Those in the overleg see it; the chair (and the process manager)
		// change it. The calendar feed is public: calendar apps cannot log
		// in, so the secret token in its link is checked by the handler.
		rt(get, "/w/{wijk}/overleg", account.PermViewOverleg, h.overlegList),
		rt(get, "/w/{wijk}/overleg/nieuw", account.PermChair, h.overlegNew),
		rt(post, "/w/{wijk}/overleg", account.PermChair, h.overlegCreate),
		rt(get, "/w/{wijk}/overleg/{id}", account.PermViewOverleg, h.overlegSeries),
		rt(get, "/w/{wijk}/overleg/{id}/agenda.ics", pub, h.overlegFeed),
		rt(post, "/w/{wijk}/overleg/{id}/agenda-link", account.PermChair, h.feedLink),
		rt(post, "/w/{wijk}/overleg/{id}/abonnees", account.PermChair, h.subscriberAdd),
		rt(post, "/w/{wijk}/overleg/{id}/abonnees/verwijderen", account.PermChair, h.subscriberRemove),
		rt(get, "/w/{wijk}/overleg/{id}/rapport", account.PermViewOverleg, h.overlegReport),
		rt(get, "/w/{wijk}/overleg/{id}/rapport.pdf", account.PermViewOverleg, h.overlegReportPDF),
		rt(post, "/w/{wijk}/overleg/{id}/acties/{action}/status", account.PermChair, h.actionStatus),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten", account.PermChair, h.meetingCreate),
		rt(get, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}", account.PermViewOverleg, h.overlegMeeting),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/agenda/voorbereiden", account.PermChair, h.agendaPrepare),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/agenda", account.PermChair, h.agendaAdd),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/agenda/{item}/verplaatsen", account.PermChair, h.agendaMove),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/agenda/{item}/verwijderen", account.PermChair, h.agendaRemove),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/agenda/{item}/terugzetten", account.PermChair, h.agendaRestore),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/besluiten", account.PermChair, h.decisionAdd),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/acties", account.PermChair, h.actionAdd),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/deelnemers", account.PermChair, h.participantAdd),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/deelnemers/verwijderen", account.PermChair, h.participantRemove),
		rt(post, "/w/{wijk}/overleg/{id}/bijeenkomsten/{meeting}/aanwezigheid", account.PermChair, h.attendanceSave),

		// Impact (SROI): analyses per initiative and of the wijk, their
		// reports and exports, public like the transparency page; the
		// wijk's proxy library. The process manager makes analyses of the
		// wijk and of any initiative, an initiatiefnemer of their own
		// (under /initiatieven/{id}). Who may change an analysis depends
		// on it, so its forms ask here only for an account and the
		// handlers decide per analysis with Actor.Can/CanOrg. {part} is
		// belanghebbenden, inputs, outputs or uitkomsten.
		rt(get, "/w/{wijk}/impact", account.PermViewImpact, h.sroiOverview),
		rt(get, "/w/{wijk}/impact/nieuw", account.PermEditImpact, h.sroiNew),
		rt(post, "/w/{wijk}/impact", account.PermEditImpact, h.sroiCreate),
		rt(get, "/w/{wijk}/initiatieven/{id}/impact/nieuw", account.PermEditImpact, h.sroiNew).forOrg("id"),
		rt(post, "/w/{wijk}/initiatieven/{id}/impact", account.PermEditImpact, h.sroiCreate).forOrg("id"),
		rt(get, "/w/{wijk}/impact/proxies", account.PermViewImpact, h.sroiProxies),
		rt(post, "/w/{wijk}/impact/proxies", account.PermEditImpact, h.sroiProxySave),
		rt(post, "/w/{wijk}/impact/instellingen", account.PermEditImpact, h.sroiDefaultsSave),
		rt(get, "/w/{wijk}/impact/{id}", account.PermViewImpact, h.sroiAnalysis),
		rt(get, "/w/{wijk}/impact/{id}/rapport", account.PermViewImpact, h.sroiReport),
		rt(get, "/w/{wijk}/impact/{id}/rapport.pdf", account.PermViewImpact, h.sroiReportPDF),
		rt(get, "/w/{wijk}/impact/{id}/impactmap.csv", account.PermViewImpact, h.sroiExportCSV),
		rt(get, "/w/{wijk}/impact/{id}/impactmap.xlsx", account.PermViewImpact, h.sroiExportXLSX),
		rt(get, "/w/{wijk}/impact/{id}/instellingen", mine, h.sroiSettings),
		rt(post, "/w/{wijk}/impact/{id}/instellingen", mine, h.sroiSettingsSave),
		rt(get, "/w/{wijk}/impact/{id}/{part}/nieuw", mine, h.sroiItemNew),
		rt(post, "/w/{wijk}/impact/{id}/{part}", mine, h.sroiItemSave),
		rt(get, "/w/{wijk}/impact/{id}/{part}/{item}", mine, h.sroiItem),
		rt(post, "/w/{wijk}/impact/{id}/{part}/{item}", mine, h.sroiItemSave),
		rt(post, "/w/{wijk}/impact/{id}/{part}/{item}/verwijderen", mine, h.sroiItemDelete),

		// Wijkpact: the pacts of the wijk, their progress and PDF are public.
		// The process manager drafts a pact. Accepting, withdrawing and
		// reporting progress are for the party's own partner or
		// initiatiefnemer account or the process manager: the routes ask
		// for an account and the handlers decide per party (canActFor).
		rt(get, "/w/{wijk}/wijkpact", pub, h.pactList),
		rt(get, "/w/{wijk}/wijkpact/nieuw", account.PermManagePact, h.pactNew),
		rt(post, "/w/{wijk}/wijkpact", account.PermManagePact, h.pactCreate),
		rt(get, "/w/{wijk}/wijkpact/{id}", pub, h.pactView),
		rt(get, "/w/{wijk}/wijkpact/{id}/wijkpact.pdf", pub, h.pactPDF),
		rt(post, "/w/{wijk}/wijkpact/{id}/partijen", account.PermManagePact, h.pactPartyAdd),
		rt(post, "/w/{wijk}/wijkpact/{id}/afspraken", account.PermManagePact, h.pactCommitmentAdd),
		rt(post, "/w/{wijk}/wijkpact/{id}/evaluaties", account.PermManagePact, h.pactReviewAdd),
		rt(post, "/w/{wijk}/wijkpact/{id}/akkoord", mine, h.pactAccept),
		rt(post, "/w/{wijk}/wijkpact/{id}/intrekken", mine, h.pactWithdraw),
		rt(post, "/w/{wijk}/wijkpact/{id}/voortgang", mine, h.pactProgress),

		// Right to Challenge: public list and pages; a residents'
		// organisation's initiatiefnemer (or the process manager) submits
		// one under /initiatieven/{id}; the gemeente decides (the handler
		// checks who: the process manager or a gemeente partner); the
		// process manager records the agreement.
		rt(get, "/w/{wijk}/right-to-challenge", pub, h.challengeList),
		rt(get, "/w/{wijk}/initiatieven/{id}/right-to-challenge/nieuw", account.PermChallenge, h.challengeNew).forOrg("id"),
		rt(post, "/w/{wijk}/initiatieven/{id}/right-to-challenge", account.PermChallenge, h.challengeCreate).forOrg("id"),
		rt(get, "/w/{wijk}/right-to-challenge/{id}", pub, h.challengeView),
		rt(post, "/w/{wijk}/right-to-challenge/{id}/besluit", mine, h.challengeDecide),
		rt(post, "/w/{wijk}/right-to-challenge/{id}/afspraak", account.PermManagePact, h.challengeAgreement),

		// Wijkbudget: rounds, projects, results and the money trail are
		// public; voting needs no account but a voting code and an address
		// in the wijk. The process manager runs a round; the treasurer
		// funds its winners in the books.
		rt(get, "/w/{wijk}/wijkbudget", pub, h.budgetRounds),
		rt(post, "/w/{wijk}/wijkbudget", account.PermManageBudget, h.budgetRoundCreate),
		rt(get, "/w/{wijk}/wijkbudget/{round}", pub, h.budgetRound),
		rt(post, "/w/{wijk}/wijkbudget/{round}/projecten", account.PermManageBudget, h.budgetProjectAdd),
		rt(get, "/w/{wijk}/wijkbudget/{round}/projecten/{project}", pub, h.budgetProject),
		rt(post, "/w/{wijk}/wijkbudget/{round}/projecten/{project}/toetsing", account.PermManageBudget, h.budgetProjectReview),
		rt(post, "/w/{wijk}/wijkbudget/{round}/fase", account.PermManageBudget, h.budgetPhase),
		rt(post, "/w/{wijk}/wijkbudget/{round}/codes", account.PermManageBudget, h.budgetCodes),
		rt(get, "/w/{wijk}/wijkbudget/{round}/stemmen", pub, h.budgetVoteForm),
		rt(post, "/w/{wijk}/wijkbudget/{round}/stemmen", pub, h.budgetVote),
		rt(post, "/w/{wijk}/wijkbudget/{round}/toekennen", account.PermKeepBooks, h.budgetFund),

		// Wijkdialogen: sessions and online rounds, their inputs and the
		// public "u zei, wij deden" page, all readable without an account
		// (never with the names of residents). Any account gives input as
		// itself and follows inputs; the process manager runs dialogues
		// and enters input on a resident's behalf. Who may answer or link
		// an input depends on its owner party, so those forms ask here
		// only for an account and the handlers decide per input with
		// Actor.CanOrg(PermAnswerInput).
		rt(get, "/w/{wijk}/dialogen", pub, h.dialogues),
		rt(get, "/w/{wijk}/dialogen/nieuw", account.PermManageDialogues, h.dialogueNew),
		rt(post, "/w/{wijk}/dialogen", account.PermManageDialogues, h.dialogueCreate),
		rt(get, "/w/{wijk}/dialogen/{id}", pub, h.dialogue),
		rt(post, "/w/{wijk}/dialogen/{id}/inbreng", mine, h.inputCreate),
		rt(get, "/w/{wijk}/inbreng/{id}", pub, h.input),
		rt(post, "/w/{wijk}/inbreng/{id}/antwoord", mine, h.inputAnswer),
		rt(post, "/w/{wijk}/inbreng/{id}/koppelingen", mine, h.inputLink),
		rt(post, "/w/{wijk}/inbreng/{id}/volgen", mine, h.inputFollow),
		rt(post, "/w/{wijk}/inbreng/{id}/ontvolgen", mine, h.inputUnfollow),
		rt(get, "/w/{wijk}/u-zei-wij-deden", pub, h.inputsPublic),
	}
}

func rt(method, pattern string, perm account.Permission, h handlerFunc) route {
	return route{Method: method, Pattern: pattern, Perm: perm, Handle: h}
}

// forOrg marks the path value that names the organisation the route acts
// on, so that Actor.CanOrg decides.
func (r route) forOrg(param string) route {
	r.OrgParam = param
	return r
}
