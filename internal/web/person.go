package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// auditRead records that the actor saw personal data.
func (h *Handler) auditRead(r *http.Request, rc *request, subjectType, subjectID string) error {
	return h.store.Audit(ctx(r), privacy.AuditEntry{ActorID: rc.Actor.User.ID, WijkID: rc.Wijk.ID, Action: privacy.ActionRead,
		SubjectType: subjectType, SubjectID: subjectID, RequestID: rc.RequestID})
}

func (h *Handler) people(w http.ResponseWriter, r *http.Request, rc *request) {
	people, err := h.store.People(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	bs, err := h.store.Buurten(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names := map[string]string{}
	for _, b := range bs {
		names[b.ID] = b.Name
	}
	if err := h.auditRead(r, rc, "people_list", rc.Wijk.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "people.html", peoplePage{Page: h.page(r, rc, rc.L.T("people.title")), People: people, Buurten: names,
		CanEdit: rc.Actor.Can(account.PermEditPeople, rc.Wijk.ID)})
}

func (h *Handler) personInWijk(w http.ResponseWriter, r *http.Request, rc *request) (wijk.Person, bool) {
	p, err := h.store.Person(ctx(r), r.PathValue("id"))
	if err == nil && (p.WijkID != rc.Wijk.ID || p.Erased()) {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return p, false
	}
	return p, true
}

func (h *Handler) person(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.personInWijk(w, r, rc)
	if !ok {
		return
	}
	ms, err := h.store.MembershipsOfPerson(ctx(r), p.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	page := personPage{Page: h.page(r, rc, p.DisplayName), Person: p, Memberships: ms, CanEdit: rc.Actor.Can(account.PermEditPeople, rc.Wijk.ID)}
	if p.BuurtID != "" {
		bs, _ := h.store.Buurten(ctx(r), rc.Wijk.ID)
		for _, b := range bs {
			if b.ID == p.BuurtID {
				page.BuurtName = b.Name
			}
		}
	}
	if p.ConsentBy != "" {
		if u, err := h.store.User(ctx(r), p.ConsentBy); err == nil {
			page.ConsentBy = u.DisplayName
		}
	}
	pp, err := h.personProces(r, rc.L, *rc.Wijk, p, false)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	if err := h.auditRead(r, rc, "person", p.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "person.html", personPageProces{personPage: page, Proces: pp})
}

func (h *Handler) personNew(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderPersonForm(w, r, rc, http.StatusOK, wijk.Person{}, true, newForm())
}

func (h *Handler) personEdit(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.personInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm()
	f.Values["display_name"], f.Values["email"], f.Values["phone"], f.Values["buurt_id"] = p.DisplayName, p.Email, p.Phone, p.BuurtID
	if err := h.auditRead(r, rc, "person", p.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderPersonForm(w, r, rc, http.StatusOK, p, false, f)
}

func (h *Handler) renderPersonForm(w http.ResponseWriter, r *http.Request, rc *request, status int, p wijk.Person, isNew bool, f form) {
	title := rc.L.T("person.new.title")
	if !isNew {
		title = rc.L.T("person.edit.title")
	}
	bs, err := h.store.Buurten(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	page := personFormPage{Page: h.page(r, rc, title), Person: p, IsNew: isNew, Form: f}
	page.Buurten = []Option{{Value: "", Label: rc.L.T("person.buurt.unknown"), Selected: f.Values["buurt_id"] == ""}}
	for _, b := range bs {
		page.Buurten = append(page.Buurten, Option{Value: b.ID, Label: b.Name, Selected: f.Values["buurt_id"] == b.ID})
	}
	h.renderStatus(w, r, rc, status, "person_form.html", page)
}

// personCreate registers a resident on their behalf; the coordinator
// confirms that the resident consented, and that is recorded with their name.
func (h *Handler) personCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "display_name", "email", "phone", "buurt_id", "consent")
	p := wijk.Person{WijkID: rc.Wijk.ID, DisplayName: f.Values["display_name"], Email: f.Values["email"], Phone: f.Values["phone"],
		BuurtID: f.Values["buurt_id"], ConsentBy: rc.Actor.User.ID}
	if f.Values["consent"] == "yes" {
		p.ConsentAt = time.Now().UTC()
	}
	created := privacy.AuditEntry{ActorID: rc.Actor.User.ID, WijkID: rc.Wijk.ID, Action: privacy.ActionCreate,
		SubjectType: "person", Detail: "consent recorded on behalf of the resident", RequestID: rc.RequestID}
	if err := h.store.CreatePerson(ctx(r), &p, created); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderPersonForm(w, r, rc, http.StatusBadRequest, p, true, f)
		return
	}
	h.flash(w, "flash.saved")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/mensen/"+p.ID, http.StatusSeeOther)
}

func (h *Handler) personUpdate(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.personInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "display_name", "email", "phone", "buurt_id")
	p.DisplayName, p.Email, p.Phone, p.BuurtID = f.Values["display_name"], f.Values["email"], f.Values["phone"], f.Values["buurt_id"]
	updated := privacy.AuditEntry{ActorID: rc.Actor.User.ID, WijkID: rc.Wijk.ID, Action: privacy.ActionUpdate,
		SubjectType: "person", SubjectID: p.ID, RequestID: rc.RequestID}
	if err := h.store.UpdatePerson(ctx(r), &p, updated); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderPersonForm(w, r, rc, http.StatusBadRequest, p, false, f)
		return
	}
	h.flash(w, "flash.saved")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/mensen/"+p.ID, http.StatusSeeOther)
}

func (h *Handler) personErase(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.personInWijk(w, r, rc)
	if !ok {
		return
	}
	if err := h.store.ErasePerson(ctx(r), rc.Wijk.ID, p.ID, rc.Actor.User.ID, rc.RequestID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.flash(w, "flash.person_erased")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/mensen", http.StatusSeeOther)
}
