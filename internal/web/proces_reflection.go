package web

import (
	"net/http"

	"github.com/wei-platform/wei/proces"
)

// reflectionAdd records an Action Learning reflection moment of an
// initiative: who took part, what went well, what was learned, and the
// next action.
func (h *Handler) reflectionAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	inp := newInitiativeInput()
	f := inp.Reflection.fill(r, "on", "went_well", "learned", "next_action")
	inp.Participants = r.PostForm["participants"]
	rf := proces.Reflection{InitiativeID: in.ID, Participants: inp.Participants, WentWell: f.Values["went_well"],
		Learned: f.Values["learned"], NextAction: f.Values["next_action"], ByUserID: rc.Actor.User.ID}
	if v := f.Values["on"]; v != "" {
		d, ok := parseDay(v)
		if !ok {
			f.Errors["on"] = rc.L.T("error.date")
		}
		rf.On = d
	}
	if !f.HasErrors() {
		if err := h.store.AddReflection(ctx(r), &rf); err != nil && !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
	}
	if f.HasErrors() {
		h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
		return
	}
	h.flash(w, "learning.flash.reflection")
	http.Redirect(w, r, initiativeURL(rc, in.ID)+"#reflections", http.StatusSeeOther)
}
