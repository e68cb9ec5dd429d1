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
		{get, "/{$}", pub, h.home},
		{post, "/taal", pub, h.setLanguage},

		// Login, sign-up and logout.
		{get, "/inloggen", pub, h.loginForm},
		{post, "/inloggen", pub, h.loginRequest},
		{get, "/inloggen/code", pub, h.codeForm},
		{post, "/inloggen/code", pub, h.codeSubmit},
		{get, "/inloggen/link/{token}", pub, h.linkConfirmForm},
		{post, "/inloggen/link/{token}", pub, h.linkConfirm},
		{post, "/inloggen/wachtwoord", pub, h.passwordLogin},
		{get, "/aanmelden", pub, h.signupForm},
		{post, "/aanmelden", pub, h.signupSubmit},
		{post, "/uitloggen", mine, h.logout},

		// Mijn wijk: own page, own data.
		{get, "/mijn", mine, h.mine},
		{get, "/mijn/gegevens.json", mine, h.mineExport},
		{get, "/mijn/verwijderen", mine, h.eraseForm},
		{post, "/mijn/verwijderen", mine, h.eraseSubmit},
		{get, "/mijn/tokens", mine, h.tokens},
		{post, "/mijn/tokens", mine, h.tokenCreate},
		{post, "/mijn/tokens/{id}/intrekken", mine, h.tokenRevoke},

		// A wijk.
		{get, "/w/{wijk}", pub, h.wijkHome},
		{get, "/w/{wijk}/buurten", pub, h.buurten},
		{get, "/w/{wijk}/organisaties", pub, h.organisations},
		{get, "/w/{wijk}/organisaties/nieuw", account.PermEditOrganisations, h.organisationNew},
		{post, "/w/{wijk}/organisaties", account.PermEditOrganisations, h.organisationCreate},
		{get, "/w/{wijk}/organisaties/{id}", pub, h.organisation},
		{get, "/w/{wijk}/organisaties/{id}/bewerken", account.PermEditOrganisations, h.organisationEdit},
		{post, "/w/{wijk}/organisaties/{id}", account.PermEditOrganisations, h.organisationUpdate},
		{post, "/w/{wijk}/organisaties/{id}/leden", account.PermEditMemberships, h.membershipAdd},
		{get, "/w/{wijk}/mensen", account.PermViewPeople, h.people},
		{get, "/w/{wijk}/mensen/nieuw", account.PermEditPeople, h.personNew},
		{post, "/w/{wijk}/mensen", account.PermEditPeople, h.personCreate},
		{get, "/w/{wijk}/mensen/{id}", account.PermViewPeople, h.person},
		{get, "/w/{wijk}/mensen/{id}/bewerken", account.PermEditPeople, h.personEdit},
		{post, "/w/{wijk}/mensen/{id}", account.PermEditPeople, h.personUpdate},
		{post, "/w/{wijk}/mensen/{id}/verwijderen", account.PermEditPeople, h.personErase},
		{get, "/w/{wijk}/beheer/rollen", account.PermManageRoles, h.roles},
		{post, "/w/{wijk}/beheer/rollen", account.PermManageRoles, h.roleGrant},
		{post, "/w/{wijk}/beheer/rollen/{id}/intrekken", account.PermManageRoles, h.roleRevoke},
		{get, "/w/{wijk}/beheer/logboek", account.PermViewAudit, h.auditLog},

		// Site administration.
		{get, "/beheer", account.PermManageWijken, h.admin},
		{post, "/beheer/wijken", account.PermManageWijken, h.wijkCreate},
		{get, "/beheer/outbox", account.PermViewOutbox, h.outbox},
	}
}
