package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

func (h *Handler) organisations(w http.ResponseWriter, r *http.Request, rc *request) {
	filter := r.URL.Query().Get("vorm")
	var forms []wijk.Form
	if filter != "" {
		forms = []wijk.Form{wijk.Form(filter)}
	}
	orgs, err := h.store.Organisations(ctx(r), rc.Wijk.ID, forms...)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := organisationsPage{Page: h.page(r, rc, rc.L.T("organisations.title")), CanEdit: rc.Actor.Can(account.PermEditOrganisations, rc.Wijk.ID), Filter: filter}
	ini, partners, coops := groupOrgs(rc, orgs)
	if len(coops) > 0 {
		ini = append(ini, orgGroup{Key: string(wijk.FormWijkcooperatie), Label: rc.L.T("form.wijkcooperatie"), Orgs: coops})
	}
	p.Groups = append(ini, partners...)
	p.Forms = []Option{{Value: "", Label: rc.L.T("organisations.filter.all"), Selected: filter == ""}}
	for _, f := range wijk.Forms {
		p.Forms = append(p.Forms, Option{Value: string(f), Label: rc.L.T("form." + string(f)), Selected: filter == string(f)})
	}
	h.render(w, r, rc, "organisations.html", p)
}

// orgInWijk loads an organisation of the URL's wijk; one of another wijk is
// not found.
func (h *Handler) orgInWijk(w http.ResponseWriter, r *http.Request, rc *request) (wijk.Organisation, bool) {
	o, err := h.store.Organisation(ctx(r), r.PathValue("id"))
	if err == nil && o.WijkID != rc.Wijk.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return o, false
	}
	return o, true
}

func (h *Handler) organisation(w http.ResponseWriter, r *http.Request, rc *request) {
	o, ok := h.orgInWijk(w, r, rc)
	if !ok {
		return
	}
	h.renderOrganisation(w, r, rc, o, http.StatusOK, newForm())
}

func (h *Handler) renderOrganisation(w http.ResponseWriter, r *http.Request, rc *request, o wijk.Organisation, status int, mf form) {
	members, err := h.store.MembershipsOfOrganisation(ctx(r), o.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := organisationPage{Page: h.page(r, rc, o.Name), Org: o, FormLabel: rc.L.T("form." + string(o.Form)),
		CanSeeMembers: rc.Actor.Can(account.PermViewPeople, o.WijkID),
		CanEdit:       rc.Actor.Can(account.PermEditOrganisations, o.WijkID),
		CanAddMember:  rc.Actor.CanOrg(account.PermEditMemberships, o.WijkID, o.ID), MemberForm: mf}
	if o.Domain != "" {
		p.DomainLabel = rc.L.T("domain." + string(o.Domain))
	}
	for _, m := range members {
		if m.Active() {
			p.MemberCount++
		}
	}
	if p.CanSeeMembers {
		p.Members = members
		if err := h.store.Audit(ctx(r), privacy.AuditEntry{ActorID: rc.Actor.User.ID, WijkID: o.WijkID, Action: privacy.ActionRead,
			SubjectType: "organisation_members", SubjectID: o.ID, RequestID: rc.RequestID}); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
	}
	if p.CanAddMember {
		people, err := h.store.People(ctx(r), o.WijkID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, pr := range people {
			p.People = append(p.People, Option{Value: pr.ID, Label: pr.DisplayName, Selected: mf.Values["person_id"] == pr.ID})
		}
		for _, mr := range wijk.MemberRoles {
			p.MemberRoles = append(p.MemberRoles, Option{Value: string(mr), Label: rc.L.T("member." + string(mr)), Selected: mf.Values["role"] == string(mr)})
		}
	}
	pc, err := h.withCoop(r, rc, p)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderStatus(w, r, rc, status, "organisation.html", pc)
}

func (h *Handler) organisationNew(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderOrgForm(w, r, rc, http.StatusOK, wijk.Organisation{Form: wijk.FormBurgerinitiatief}, true, newForm())
}

func (h *Handler) organisationEdit(w http.ResponseWriter, r *http.Request, rc *request) {
	o, ok := h.orgInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm()
	f.Values["name"], f.Values["description"] = o.Name, o.Description
	h.renderOrgForm(w, r, rc, http.StatusOK, o, false, f)
}

func (h *Handler) renderOrgForm(w http.ResponseWriter, r *http.Request, rc *request, status int, o wijk.Organisation, isNew bool, f form) {
	title := rc.L.T("organisation.new.title")
	if !isNew {
		title = rc.L.T("organisation.edit.title")
	}
	p := organisationFormPage{Page: h.page(r, rc, title), Org: o, IsNew: isNew, Form: f}
	for _, fm := range wijk.Forms {
		p.Forms = append(p.Forms, Option{Value: string(fm), Label: rc.L.T("form." + string(fm)), Selected: o.Form == fm})
	}
	p.Domains = []Option{{Value: "", Label: rc.L.T("organisation.domain.none"), Selected: o.Domain == ""}}
	for _, d := range wijk.Domains {
		p.Domains = append(p.Domains, Option{Value: string(d), Label: rc.L.T("domain." + string(d)), Selected: o.Domain == d})
	}
	h.renderStatus(w, r, rc, status, "organisation_form.html", p)
}

func orgFromForm(r *http.Request, o *wijk.Organisation) form {
	f := newForm().fill(r, "name", "form", "domain", "description")
	o.Name, o.Form, o.Domain, o.Description = f.Values["name"], wijk.Form(f.Values["form"]), wijk.Domain(f.Values["domain"]), f.Values["description"]
	return f
}

func (h *Handler) organisationCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	o := wijk.Organisation{WijkID: rc.Wijk.ID}
	f := orgFromForm(r, &o)
	if err := h.store.CreateOrganisation(ctx(r), &o); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		if wei.ErrorCode(err) == wei.ECONFLICT {
			f.Errors["name"] = rc.L.T("error.name_taken")
			delete(f.Errors, "_")
		}
		h.renderOrgForm(w, r, rc, http.StatusBadRequest, o, true, f)
		return
	}
	h.flash(w, "flash.saved")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/organisaties/"+o.ID, http.StatusSeeOther)
}

func (h *Handler) organisationUpdate(w http.ResponseWriter, r *http.Request, rc *request) {
	o, ok := h.orgInWijk(w, r, rc)
	if !ok {
		return
	}
	f := orgFromForm(r, &o)
	if err := h.store.UpdateOrganisation(ctx(r), &o); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		if wei.ErrorCode(err) == wei.ECONFLICT {
			f.Errors["name"] = rc.L.T("error.name_taken")
			delete(f.Errors, "_")
		}
		h.renderOrgForm(w, r, rc, http.StatusBadRequest, o, false, f)
		return
	}
	h.flash(w, "flash.saved")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/organisaties/"+o.ID, http.StatusSeeOther)
}

func (h *Handler) membershipAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	o, ok := h.orgInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "person_id", "role", "started_on")
	m := wijk.Membership{OrganisationID: o.ID, PersonID: f.Values["person_id"], Role: wijk.MemberRole(f.Values["role"])}
	if f.Values["started_on"] != "" {
		d, err := time.Parse("2006-01-02", f.Values["started_on"])
		if err != nil {
			f.Errors["started_on"] = rc.L.T("error.date")
		}
		m.StartedOn = d
	} else {
		m.StartedOn = time.Now().UTC().Truncate(24 * time.Hour)
	}
	err := m.Validate()
	if err == nil && !f.HasErrors() {
		err = h.store.AddMembership(ctx(r), &m, privacy.AuditEntry{ActorID: rc.Actor.User.ID, WijkID: rc.Wijk.ID,
			Action: privacy.ActionUpdate, SubjectType: "person", Detail: "membership added", RequestID: rc.RequestID})
	}
	if err != nil || f.HasErrors() {
		if err != nil && !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderOrganisation(w, r, rc, o, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "flash.member_added")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/organisaties/"+o.ID, http.StatusSeeOther)
}
