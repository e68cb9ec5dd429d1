package web

import (
	"net/http"
	"strconv"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/wijk"
)

func (h *Handler) roles(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderRoles(w, r, rc, http.StatusOK, newForm())
}

func (h *Handler) renderRoles(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	grants, err := h.store.GrantsOfWijk(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	orgs, err := h.store.Organisations(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := rolesPage{Page: h.page(r, rc, rc.L.T("admin.roles.title")), Grants: grants, Form: f}
	for _, ro := range account.Roles {
		p.Roles = append(p.Roles, Option{Value: string(ro), Label: rc.L.T("role." + string(ro)), Selected: f.Values["role"] == string(ro)})
	}
	p.Organisations = []Option{{Value: "", Label: rc.L.T("admin.roles.organisation.none"), Selected: f.Values["organisation_id"] == ""}}
	for _, o := range orgs {
		p.Organisations = append(p.Organisations, Option{Value: o.ID, Label: o.Name, Selected: f.Values["organisation_id"] == o.ID})
	}
	h.renderStatus(w, r, rc, status, "roles.html", p)
}

func (h *Handler) roleGrant(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "email", "role", "organisation_id")
	u, err := h.store.UserByEmail(ctx(r), f.Values["email"])
	if wei.ErrorCode(err) == wei.ENOTFOUND {
		f.Errors["email"] = rc.L.T("error.no_account")
		h.renderRoles(w, r, rc, http.StatusBadRequest, f)
		return
	} else if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	g := account.Grant{UserID: u.ID, WijkID: rc.Wijk.ID, Role: account.Role(f.Values["role"]), OrganisationID: f.Values["organisation_id"]}
	if err := h.store.AddGrant(ctx(r), &g); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		if wei.ErrorCode(err) == wei.ECONFLICT {
			f.Errors["role"] = rc.L.T("error.role_exists")
			delete(f.Errors, "_")
		}
		h.renderRoles(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "flash.saved")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/beheer/rollen", http.StatusSeeOther)
}

func (h *Handler) roleRevoke(w http.ResponseWriter, r *http.Request, rc *request) {
	if err := h.store.RemoveGrant(ctx(r), rc.Wijk.ID, r.PathValue("id")); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.flash(w, "flash.role_revoked")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/beheer/rollen", http.StatusSeeOther)
}

func (h *Handler) auditLog(w http.ResponseWriter, r *http.Request, rc *request) {
	entries, err := h.store.AuditLog(ctx(r), rc.Wijk.ID, 200)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names := map[string]string{}
	for _, e := range entries {
		if _, ok := names[e.ActorID]; ok || e.ActorID == "" {
			continue
		}
		if u, err := h.store.User(ctx(r), e.ActorID); err == nil {
			names[e.ActorID] = u.DisplayName
		}
	}
	h.render(w, r, rc, "audit.html", auditPage{Page: h.page(r, rc, rc.L.T("admin.audit.title")), Entries: entries, Names: names})
}

func (h *Handler) admin(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderAdmin(w, r, rc, http.StatusOK, newForm())
}

func (h *Handler) renderAdmin(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	ws, err := h.store.Wijken(ctx(r))
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderStatus(w, r, rc, status, "admin.html", adminPage{Page: h.page(r, rc, rc.L.T("admin.title")), Wijken: ws, Form: f})
}

func (h *Handler) wijkCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "name", "slug", "cbs_code", "cbs_year", "municipality", "description")
	year, err := strconv.Atoi(f.Values["cbs_year"])
	if err != nil {
		year = 0
	}
	wk := wijk.Wijk{Name: f.Values["name"], Slug: f.Values["slug"], CBSCode: f.Values["cbs_code"], CBSYear: year,
		Municipality: f.Values["municipality"], Description: f.Values["description"]}
	if err := h.store.CreateWijk(ctx(r), &wk); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		if wei.ErrorCode(err) == wei.ECONFLICT {
			f.Errors["slug"] = rc.L.T("error.wijk_exists")
			delete(f.Errors, "_")
		}
		h.renderAdmin(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "flash.saved")
	http.Redirect(w, r, "/w/"+wk.Slug, http.StatusSeeOther)
}

func (h *Handler) outbox(w http.ResponseWriter, r *http.Request, rc *request) {
	mails, err := h.store.Outbox(ctx(r), 100)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "outbox.html", outboxPage{Page: h.page(r, rc, rc.L.T("admin.outbox.title")), Mails: mails})
}
