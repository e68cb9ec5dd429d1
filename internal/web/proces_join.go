package web

import (
	"net/http"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// ownPerson returns the signed-in user's resident record in the wijk of
// the URL; found is false when there is none.
func (h *Handler) ownPerson(r *http.Request, rc *request) (p wijk.Person, found bool, err error) {
	p, err = h.store.PersonOfUser(ctx(r), rc.Wijk.ID, rc.Actor.User.ID)
	switch {
	case wei.ErrorCode(err) == wei.ENOTFOUND:
		return p, false, nil
	case err != nil:
		return p, false, err
	}
	return p, !p.Erased(), nil
}

// initiativeJoin is a resident's instroom: they join an initiative as
// deelnemer or vrijwilliger, from today.
func (h *Handler) initiativeJoin(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	inp := newInitiativeInput()
	f := inp.Join.fill(r, "role")
	person, found, err := h.ownPerson(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	role := wijk.MemberRole(f.Values["role"])
	switch {
	case !found:
		f.Errors["_"] = rc.L.T("proces.join.no_person")
	case in.Phase == proces.PhaseEnded:
		f.Errors["role"] = rc.L.T("proces.join.ended")
	case role != wijk.MemberDeelnemer && role != wijk.MemberVrijwilliger:
		f.Errors["role"] = rc.L.T("error.choice")
	}
	if found && !f.HasErrors() {
		ms, err := h.store.MembershipsOfPerson(ctx(r), person.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, m := range ms {
			if m.OrganisationID == in.ID && m.Active() {
				f.Errors["role"] = rc.L.T("error.already_member")
			}
		}
	}
	if f.HasErrors() {
		h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
		return
	}
	m := wijk.Membership{OrganisationID: in.ID, PersonID: person.ID, Role: role, StartedOn: today()}
	if err := h.store.Join(ctx(r), &m, rc.Actor.User.ID, privacy.AuditEntry{ActorID: rc.Actor.User.ID, WijkID: rc.Wijk.ID,
		Action: privacy.ActionUpdate, SubjectType: "person", Detail: "joined an initiative", RequestID: rc.RequestID}); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
		return
	}
	h.flash(w, "proces.flash.joined")
	http.Redirect(w, r, initiativeURL(rc, in.ID), http.StatusSeeOther)
}

// initiativeLeave is a resident's uitstroom: their active memberships of
// the initiative end today, with the reason they give.
func (h *Handler) initiativeLeave(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	inp := newInitiativeInput()
	f := inp.Leave.fill(r, "reason")
	person, found, err := h.ownPerson(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	var active []string
	if found {
		ms, err := h.store.MembershipsOfPerson(ctx(r), person.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, m := range ms {
			if m.OrganisationID == in.ID && m.Active() {
				active = append(active, m.ID)
			}
		}
	}
	switch {
	case !found:
		f.Errors["_"] = rc.L.T("proces.join.no_person")
	case len(active) == 0:
		f.Errors["_"] = rc.L.T("proces.leave.not_member")
	case len(f.Values["reason"]) > 2000:
		f.Errors["reason"] = rc.L.T("error.too_long")
	}
	if f.HasErrors() {
		h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
		return
	}
	for _, id := range active {
		if err := h.store.Leave(ctx(r), id, today(), f.Values["reason"], rc.Actor.User.ID, privacy.AuditEntry{ActorID: rc.Actor.User.ID,
			WijkID: rc.Wijk.ID, Action: privacy.ActionUpdate, SubjectType: "person", Detail: "left an initiative", RequestID: rc.RequestID}); err != nil {
			if !f.setErr(rc, err) {
				h.serverError(w, r, rc, err)
				return
			}
			h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
			return
		}
	}
	h.flash(w, "proces.flash.left")
	http.Redirect(w, r, initiativeURL(rc, in.ID), http.StatusSeeOther)
}
