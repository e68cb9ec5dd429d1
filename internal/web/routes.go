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

		// Site administration.
		rt(get, "/beheer", account.PermManageWijken, h.admin),
		rt(post, "/beheer/wijken", account.PermManageWijken, h.wijkCreate),
		rt(get, "/beheer/outbox", account.PermViewOutbox, h.outbox),
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
