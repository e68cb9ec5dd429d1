package api

import (
	"net/http"

	"github.com/wei-platform/wei/account"
)

// handler answers one route; an error it returns becomes the error body.
type handler func(a *api, w http.ResponseWriter, r *http.Request, c *call) error

// route is one API endpoint. Name is its operationId in openapi.json.
// Perm is checked by the wrapper in api.go before Handle runs, against the
// wijk named by {wijk} (if the pattern has one).
//
// OrgParam, when set, names the path value that holds the organisation the
// route acts on: the wrapper then also admits whoever Actor.CanOrg admits
// for OrgPerm (Perm when OrgPerm is empty) on that organisation, such as an
// initiatiefnemer for their own initiative.
type route struct {
	Method   string
	Pattern  string
	Name     string
	Perm     account.Permission
	Handle   handler
	OrgParam string
	OrgPerm  account.Permission
}

// newRoute returns a route that perm alone decides.
func newRoute(method, pattern, name string, perm account.Permission, handle handler) route {
	return route{Method: method, Pattern: pattern, Name: name, Perm: perm, Handle: handle}
}

// forOrg marks the path value that names the organisation of the route, so
// that Actor.CanOrg decides with the route's own permission.
func (rt route) forOrg(param string) route {
	rt.OrgParam = param
	return rt
}

// orOrg admits, besides Perm in the wijk, whoever has perm for the
// organisation named by the path value param.
func (rt route) orOrg(perm account.Permission, param string) route {
	rt.OrgParam, rt.OrgPerm = param, perm
	return rt
}

// allows reports whether the actor may use the route in the wijk.
func (rt route) allows(actor account.Actor, wijkID string, r *http.Request) bool {
	if actor.Can(rt.Perm, wijkID) {
		return true
	}
	if rt.OrgParam == "" {
		return false
	}
	perm := rt.OrgPerm
	if perm == "" {
		perm = rt.Perm
	}
	return actor.CanOrg(perm, wijkID, r.PathValue(rt.OrgParam))
}

// routes lists every route of the API. Tests walk it: every route is
// checked for every role and must appear in openapi.json.
var routes = []route{
	newRoute("GET", Prefix+"/openapi.json", "getOpenAPI", account.PermViewWijk, (*api).openAPI),

	newRoute("GET", Prefix+"/wijken", "listWijken", account.PermViewWijk, (*api).listWijken),
	newRoute("GET", Prefix+"/wijken/{wijk}", "getWijk", account.PermViewWijk, (*api).getWijk),
	newRoute("GET", Prefix+"/wijken/{wijk}/buurten", "listBuurten", account.PermViewWijk, (*api).listBuurten),

	newRoute("GET", Prefix+"/wijken/{wijk}/organisations", "listOrganisations", account.PermViewWijk, (*api).listOrganisations),
	newRoute("POST", Prefix+"/wijken/{wijk}/organisations", "createOrganisation", account.PermEditOrganisations, (*api).createOrganisation),
	newRoute("GET", Prefix+"/wijken/{wijk}/organisations/{id}", "getOrganisation", account.PermViewWijk, (*api).getOrganisation),
	newRoute("PUT", Prefix+"/wijken/{wijk}/organisations/{id}", "updateOrganisation", account.PermEditOrganisations, (*api).updateOrganisation),
	newRoute("GET", Prefix+"/wijken/{wijk}/organisations/{id}/members", "listMembers", account.PermViewPeople, (*api).listMembers),

	newRoute("POST", Prefix+"/wijken/{wijk}/memberships", "createMembership", account.PermEditMemberships, (*api).createMembership),
	// Leave: the handler admits the membership's own person, or whoever
	// may edit the memberships of its organisation (Actor.CanOrg).
	newRoute("POST", Prefix+"/wijken/{wijk}/memberships/{id}/leave", "leaveMembership", account.PermJoin, (*api).leaveMembership),

	newRoute("GET", Prefix+"/wijken/{wijk}/people", "listPeople", account.PermViewPeople, (*api).listPeople),
	newRoute("POST", Prefix+"/wijken/{wijk}/people", "createPerson", account.PermEditPeople, (*api).createPerson),
	newRoute("GET", Prefix+"/wijken/{wijk}/people/{id}", "getPerson", account.PermViewPeople, (*api).getPerson),
	newRoute("PUT", Prefix+"/wijken/{wijk}/people/{id}", "updatePerson", account.PermEditPeople, (*api).updatePerson),
	newRoute("DELETE", Prefix+"/wijken/{wijk}/people/{id}", "erasePerson", account.PermEditPeople, (*api).erasePerson),

	// WEI-proces: initiatives in phases, the people flow, Action Learning.
	newRoute("GET", Prefix+"/wijken/{wijk}/initiatives", "listInitiatives", account.PermViewWijk, (*api).listInitiatives),
	newRoute("GET", Prefix+"/wijken/{wijk}/initiatives/{id}", "getInitiative", account.PermViewWijk, (*api).getInitiative),
	newRoute("POST", Prefix+"/wijken/{wijk}/initiatives/{id}/phase", "movePhase", account.PermMovePhase, (*api).movePhase),
	newRoute("GET", Prefix+"/wijken/{wijk}/initiatives/{id}/checklist", "getChecklist", account.PermTick, (*api).getChecklist),
	newRoute("PUT", Prefix+"/wijken/{wijk}/initiatives/{id}/checklist/{criterion}", "tickCriterion", account.PermTick, (*api).tickCriterion),
	newRoute("DELETE", Prefix+"/wijken/{wijk}/initiatives/{id}/checklist/{criterion}", "untickCriterion", account.PermTick, (*api).untickCriterion),
	newRoute("POST", Prefix+"/wijken/{wijk}/initiatives/{id}/join", "joinInitiative", account.PermJoin, (*api).joinInitiative),
	newRoute("GET", Prefix+"/wijken/{wijk}/initiatives/{id}/reflections", "listReflections", account.PermViewPeople, (*api).listReflections).orOrg(account.PermRecordLearning, "id"),
	newRoute("POST", Prefix+"/wijken/{wijk}/initiatives/{id}/reflections", "createReflection", account.PermRecordLearning, (*api).createReflection).forOrg("id"),
	newRoute("GET", Prefix+"/wijken/{wijk}/phase-events", "listPhaseEvents", account.PermViewFlow, (*api).listPhaseEvents),
	newRoute("GET", Prefix+"/wijken/{wijk}/people-events", "listPeopleEvents", account.PermViewPeople, (*api).listPeopleEvents),
	newRoute("GET", Prefix+"/wijken/{wijk}/flow", "getFlow", account.PermViewFlow, (*api).getFlow),
	newRoute("GET", Prefix+"/wijken/{wijk}/flow.csv", "getFlowCSV", account.PermViewFlow, (*api).getFlowCSV),

	// Wijkboekhouding: the public view of the books, the books themselves,
	// bank statements, and the LM3 calculator.
	newRoute("GET", Prefix+"/wijken/{wijk}/ledger", "getLedger", account.PermViewWijk, (*api).getLedger),
	newRoute("GET", Prefix+"/wijken/{wijk}/ledger/accounts", "listLedgerAccounts", account.PermViewBooks, (*api).listLedgerAccounts),
	newRoute("GET", Prefix+"/wijken/{wijk}/ledger/transactions", "listLedgerTransactions", account.PermViewBooks, (*api).listLedgerTransactions),
	newRoute("POST", Prefix+"/wijken/{wijk}/ledger/transactions", "postLedgerTransaction", account.PermKeepBooks, (*api).postLedgerTransaction),
	newRoute("POST", Prefix+"/wijken/{wijk}/ledger/transactions/{id}/reverse", "reverseLedgerTransaction", account.PermKeepBooks, (*api).reverseLedgerTransaction),
	newRoute("POST", Prefix+"/wijken/{wijk}/bank/import", "importBank", account.PermKeepBooks, (*api).importBank),
	newRoute("GET", Prefix+"/wijken/{wijk}/bank/queue", "listBankQueue", account.PermKeepBooks, (*api).listBankQueue),
	newRoute("POST", Prefix+"/wijken/{wijk}/bank/queue/{id}/match", "matchBankLine", account.PermKeepBooks, (*api).matchBankLine),
	newRoute("POST", Prefix+"/lm3", "computeLM3", account.PermViewWijk, (*api).computeLM3),

	// Signalen: the signals of a wijk (without personal data) for those who
	// may see them; any account reports a problem as itself.
	newRoute("GET", Prefix+"/wijken/{wijk}/signalen", "listSignals", account.PermViewSignals, (*api).listSignals),
	newRoute("POST", Prefix+"/wijken/{wijk}/signalen", "createSignal", account.PermReportSignal, (*api).createSignal),

	newRoute("GET", Prefix+"/me", "getMe", account.PermMine, (*api).getMe),
	newRoute("GET", Prefix+"/me/export", "exportMe", account.PermMine, (*api).exportMe),
	newRoute("DELETE", Prefix+"/me", "eraseMe", account.PermMine, (*api).eraseMe),
}
