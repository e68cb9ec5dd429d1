package web

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/wei-platform/wei/internal/httperror"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// phaseMove changes the phase of an initiative by the rules of the
// WEI-model. A refusal shows the page again with the reason per field; a
// change by someone else since the user looked gives 409. An override of
// the rules is logged.
func (h *Handler) phaseMove(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	inp := newInitiativeInput()
	f := inp.Move.fill(r, "to", "on", "reason", "override", "expect_seq")
	m := proces.Move{InitiativeID: in.ID, To: proces.Phase(f.Values["to"]), Reason: f.Values["reason"],
		Override: f.Values["override"] == "yes", ByUserID: rc.Actor.User.ID}
	if v := f.Values["on"]; v != "" {
		d, ok := parseDay(v)
		if !ok {
			f.Errors["on"] = rc.L.T("error.date")
		}
		m.On = d
	}
	seq, err := strconv.Atoi(f.Values["expect_seq"])
	if err != nil {
		seq = -1 // a form without the state it was made from: treat as stale
	}
	m.ExpectSeq = seq
	if len(m.Reason) > 2000 {
		f.Errors["reason"] = rc.L.T("error.too_long")
	}
	if f.HasErrors() {
		h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
		return
	}
	ev, err := h.store.MovePhase(ctx(r), m)
	if err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderInitiative(w, r, rc, in, httperror.Status(err), inp)
		return
	}
	if ev.Override {
		h.log.Info("phase change overrides the rules of the WEI-model", slog.String("initiative_id", in.ID),
			slog.String("user_id", rc.Actor.User.ID), slog.String("request_id", rc.RequestID),
			slog.String("from", string(ev.From)), slog.String("to", string(ev.To)), slog.Int("seq", ev.Seq))
	}
	h.flash(w, "proces.flash.moved")
	http.Redirect(w, r, initiativeURL(rc, in.ID), http.StatusSeeOther)
}

// formChange records that an initiative took another organisation form.
func (h *Handler) formChange(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	inp := newInitiativeInput()
	f := inp.FormChange.fill(r, "form", "on", "note")
	on, ok := parseDay(f.Values["on"])
	if !ok {
		f.Errors["on"] = rc.L.T("error.date")
	}
	if len(f.Values["note"]) > 2000 {
		f.Errors["note"] = rc.L.T("error.too_long")
	}
	if !f.HasErrors() {
		if err := h.store.ChangeForm(ctx(r), in.ID, wijk.Form(f.Values["form"]), on, f.Values["note"], rc.Actor.User.ID); err != nil {
			if !f.setErr(rc, err) {
				h.serverError(w, r, rc, err)
				return
			}
		}
	}
	if f.HasErrors() {
		h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
		return
	}
	h.flash(w, "proces.flash.form_changed")
	http.Redirect(w, r, initiativeURL(rc, in.ID), http.StatusSeeOther)
}
