package api

import (
	"net/http"

	"github.com/wei-platform/wei/account"
)

// route is one API endpoint. Name is its operationId in openapi.json.
// Perm is checked by the wrapper in api.go before Handle runs, against the
// wijk named by {wijk} (if the pattern has one).
type route struct {
	Method  string
	Pattern string
	Name    string
	Perm    account.Permission
	Handle  func(a *api, w http.ResponseWriter, r *http.Request, c *call) error
}

// routes lists every route of the API. Tests walk it: every route is
// checked for every role and must appear in openapi.json.
var routes = []route{
	{"GET", Prefix + "/openapi.json", "getOpenAPI", account.PermViewWijk, (*api).openAPI},

	{"GET", Prefix + "/wijken", "listWijken", account.PermViewWijk, (*api).listWijken},
	{"GET", Prefix + "/wijken/{wijk}", "getWijk", account.PermViewWijk, (*api).getWijk},
	{"GET", Prefix + "/wijken/{wijk}/buurten", "listBuurten", account.PermViewWijk, (*api).listBuurten},

	{"GET", Prefix + "/wijken/{wijk}/organisations", "listOrganisations", account.PermViewWijk, (*api).listOrganisations},
	{"POST", Prefix + "/wijken/{wijk}/organisations", "createOrganisation", account.PermEditOrganisations, (*api).createOrganisation},
	{"GET", Prefix + "/wijken/{wijk}/organisations/{id}", "getOrganisation", account.PermViewWijk, (*api).getOrganisation},
	{"PUT", Prefix + "/wijken/{wijk}/organisations/{id}", "updateOrganisation", account.PermEditOrganisations, (*api).updateOrganisation},
	{"GET", Prefix + "/wijken/{wijk}/organisations/{id}/members", "listMembers", account.PermViewPeople, (*api).listMembers},

	{"POST", Prefix + "/wijken/{wijk}/memberships", "createMembership", account.PermEditMemberships, (*api).createMembership},

	{"GET", Prefix + "/wijken/{wijk}/people", "listPeople", account.PermViewPeople, (*api).listPeople},
	{"POST", Prefix + "/wijken/{wijk}/people", "createPerson", account.PermEditPeople, (*api).createPerson},
	{"GET", Prefix + "/wijken/{wijk}/people/{id}", "getPerson", account.PermViewPeople, (*api).getPerson},
	{"PUT", Prefix + "/wijken/{wijk}/people/{id}", "updatePerson", account.PermEditPeople, (*api).updatePerson},
	{"DELETE", Prefix + "/wijken/{wijk}/people/{id}", "erasePerson", account.PermEditPeople, (*api).erasePerson},

	{"GET", Prefix + "/me", "getMe", account.PermMine, (*api).getMe},
	{"GET", Prefix + "/me/export", "exportMe", account.PermMine, (*api).exportMe},
	{"DELETE", Prefix + "/me", "eraseMe", account.PermMine, (*api).eraseMe},
}
