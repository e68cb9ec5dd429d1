package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/httperror"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// cooperationAdd records that a partner of the wijk works with the
// initiative.
func (h *Handler) cooperationAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	inp := newInitiativeInput()
	f := inp.Cooperation.fill(r, "partner_id", "what", "since")
	c := proces.Cooperation{WijkID: rc.Wijk.ID, PartnerID: f.Values["partner_id"], InitiativeID: in.ID, What: f.Values["what"]}
	if c.PartnerID == "" {
		f.Errors["partner_id"] = rc.L.T("error.choice")
	}
	if d, ok := parseDay(f.Values["since"]); ok {
		c.Since = d
	} else {
		f.Errors["since"] = rc.L.T("error.date")
	}
	if !f.HasErrors() {
		err := h.store.AddCooperation(ctx(r), &c)
		if wei.ErrorCode(err) == wei.ENOTFOUND {
			f.Errors["partner_id"] = rc.L.T("error.choice")
		} else if err != nil && !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
	}
	if f.HasErrors() {
		h.renderInitiative(w, r, rc, in, http.StatusBadRequest, inp)
		return
	}
	h.flash(w, "coop.flash.cooperation")
	http.Redirect(w, r, initiativeURL(rc, in.ID)+"#partners", http.StatusSeeOther)
}

// wijkCoop returns the wijkcoöperatie of the wijk; found is false when the
// wijk has none.
func (h *Handler) wijkCoop(r *http.Request, wijkID string) (coop wijk.Organisation, found bool, err error) {
	coops, err := h.store.Organisations(ctx(r), wijkID, wijk.FormWijkcooperatie)
	if err != nil || len(coops) == 0 {
		return coop, false, err
	}
	return coops[0], true, nil
}

// coopJoin makes the initiative a member of the wijkcoöperatie, with
// shares and a yearly fee in euros.
func (h *Handler) coopJoin(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	inp := newInitiativeInput()
	f := inp.CoopJoin.fill(r, "shares", "fee", "joined_on")
	coop, found, err := h.wijkCoop(r, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	m := proces.CoopMembership{CoopID: coop.ID, MemberID: in.ID}
	if !found {
		f.Errors["_"] = rc.L.T("coop.none")
	}
	if v := f.Values["shares"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			f.Errors["shares"] = rc.L.T("error.not_negative")
		}
		m.Shares = n
	}
	if v := f.Values["fee"]; v != "" {
		cents, ok := parseEuros(v)
		if !ok {
			f.Errors["fee"] = rc.L.T("coop.error.fee")
		}
		m.FeeCents = cents
	}
	if d, ok := parseDay(f.Values["joined_on"]); ok {
		m.JoinedOn = d
	} else {
		f.Errors["joined_on"] = rc.L.T("error.date")
	}
	status := http.StatusBadRequest
	if !f.HasErrors() {
		if err := h.store.JoinCoop(ctx(r), &m); err != nil {
			if !f.setErr(rc, err) {
				h.serverError(w, r, rc, err)
				return
			}
			status = httperror.Status(err)
		}
	}
	if f.HasErrors() {
		h.renderInitiative(w, r, rc, in, status, inp)
		return
	}
	h.flash(w, "coop.flash.joined")
	http.Redirect(w, r, initiativeURL(rc, in.ID), http.StatusSeeOther)
}

// coopMemberRow is a member initiative of the wijkcoöperatie, on the
// organisation page of the coöperatie.
type coopMemberRow struct {
	InitiativeID, Name string
	JoinedOn, LeftOn   time.Time
	Shares             int
	Fee                string
}

// organisationPageProces is the organisation page with, for the
// wijkcoöperatie, its member initiatives.
type organisationPageProces struct {
	organisationPage
	IsCoop      bool
	CoopMembers []coopMemberRow
}

// withCoop adds the member initiatives when o is the wijkcoöperatie.
func (h *Handler) withCoop(r *http.Request, rc *request, p organisationPage) (organisationPageProces, error) {
	out := organisationPageProces{organisationPage: p, IsCoop: p.Org.Form == wijk.FormWijkcooperatie}
	if !out.IsCoop {
		return out, nil
	}
	ms, err := h.store.CoopMembers(ctx(r), p.Org.ID)
	if err != nil {
		return out, err
	}
	names, err := h.orgNames(r, p.Org.WijkID)
	if err != nil {
		return out, err
	}
	for _, m := range ms {
		out.CoopMembers = append(out.CoopMembers, coopMemberRow{InitiativeID: m.MemberID, Name: names[m.MemberID], JoinedOn: m.JoinedOn,
			LeftOn: m.LeftOn, Shares: m.Shares, Fee: euros(rc.L, m.FeeCents)})
	}
	return out, nil
}
