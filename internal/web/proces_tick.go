package web

import (
	"net/http"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/proces"
)

// criterionOf returns the criterion named in the form when it belongs to
// the checklist of the initiative's current phase.
func (h *Handler) criterionOf(r *http.Request, rc *request, phase proces.Phase, id string) (proces.Criterion, error) {
	crit, err := h.store.Criteria(ctx(r), rc.Wijk.ID)
	if err != nil {
		return proces.Criterion{}, err
	}
	for _, c := range crit {
		if c.ID == id && c.Phase == phase && !c.Retired {
			return c, nil
		}
	}
	return proces.Criterion{}, wei.ErrNotFound
}

// checklistTick records that the initiative meets a criterion, with the
// evidence.
func (h *Handler) checklistTick(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	inp := newInitiativeInput()
	f := inp.Tick.fill(r, "criterion_id", "evidence")
	inp.TickID = f.Values["criterion_id"]
	if _, err := h.criterionOf(r, rc, in.Phase, inp.TickID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	err := h.store.Tick(ctx(r), proces.Check{InitiativeID: in.ID, CriterionID: inp.TickID, Evidence: f.Values["evidence"], ByUserID: rc.Actor.User.ID})
	if err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
		return
	}
	h.flash(w, "proces.flash.ticked")
	http.Redirect(w, r, initiativeURL(rc, in.ID)+"#checklist", http.StatusSeeOther)
}

// checklistUntick takes a tick back.
func (h *Handler) checklistUntick(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	if err := h.store.Untick(ctx(r), in.ID, r.PostFormValue("criterion_id")); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.flash(w, "proces.flash.unticked")
	http.Redirect(w, r, initiativeURL(rc, in.ID)+"#checklist", http.StatusSeeOther)
}
