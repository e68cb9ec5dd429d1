package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/wijkbudget"
)

// budgetProjectAdd adds a project to a round in its ideas phase.
func (h *Handler) budgetProjectAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "title", "summary", "cost", "initiative_id")
	cents, key := parseEuro(f.Values["cost"])
	pr := wijkbudget.Project{RoundID: rd.ID, WijkID: rc.Wijk.ID, Title: f.Values["title"], Summary: f.Values["summary"], CostCents: cents,
		InitiativeID: f.Values["initiative_id"], CreatedBy: rc.Actor.User.ID}
	if err := h.store.AddBudgetProject(ctx(r), &pr); err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if key != "" {
		f.Errors["cost"] = rc.L.T(key)
	}
	if f.HasErrors() {
		h.renderBudgetRound(w, r, rc, rd, http.StatusBadRequest, "add", f)
		return
	}
	h.flash(w, "wijkbudget.flash.project")
	http.Redirect(w, r, budgetRoundURL(rc, rd.ID)+"#projects", http.StatusSeeOther)
}

// budgetProjectReview records the feasibility review of a project.
func (h *Handler) budgetProjectReview(w http.ResponseWriter, r *http.Request, rc *request) {
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	id := r.PathValue("project")
	if _, err := h.store.BudgetProject(ctx(r), rd.ID, id); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	f := newForm().fill(r, "feasibility", "note", "initiative_id")
	err := h.store.ReviewBudgetProject(ctx(r), rc.Wijk.ID, rd.ID, id, wijkbudget.Feasibility(f.Values["feasibility"]), f.Values["note"], f.Values["initiative_id"], rc.Actor.User.ID)
	if err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		if m, ok := f.Errors["phase"]; ok {
			f.Errors["_"] = m
			delete(f.Errors, "phase")
		}
		h.renderBudgetRound(w, r, rc, rd, http.StatusBadRequest, "review:"+id, f)
		return
	}
	h.flash(w, "wijkbudget.flash.reviewed")
	http.Redirect(w, r, budgetRoundURL(rc, rd.ID)+"#projects", http.StatusSeeOther)
}

// budgetPhase moves a round to its next phase.
func (h *Handler) budgetPhase(w http.ResponseWriter, r *http.Request, rc *request) {
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "phase")
	err := h.store.SetBudgetPhase(ctx(r), rc.Wijk.ID, rd.ID, wijkbudget.Phase(f.Values["phase"]), rc.Actor.User.ID)
	if err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderBudgetRound(w, r, rc, rd, http.StatusBadRequest, "phase", f)
		return
	}
	h.flash(w, "wijkbudget.flash.phase")
	http.Redirect(w, r, budgetRoundURL(rc, rd.ID), http.StatusSeeOther)
}

// budgetCodesPage shows new voting codes once, to print: one per slip,
// with where and how to vote.
type budgetCodesPage struct {
	Page
	RoundTitle, RoundURL, VoteURL string
	Codes                         []string
}

// budgetCodes makes voting codes and shows them once.
func (h *Handler) budgetCodes(w http.ResponseWriter, r *http.Request, rc *request) {
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "count")
	n, err := strconv.Atoi(f.Values["count"])
	if err != nil {
		n = 0
	}
	codes, err := h.store.IssueVotingCodes(ctx(r), rc.Wijk.ID, rd.ID, n)
	if err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		if m, ok := f.Errors["phase"]; ok {
			f.Errors["_"] = m
			delete(f.Errors, "phase")
		}
		h.renderBudgetRound(w, r, rc, rd, http.StatusBadRequest, "codes", f)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	p := budgetCodesPage{Page: h.page(r, rc, rc.L.T("wijkbudget.codes.title", rd.Title)), RoundTitle: rd.Title, RoundURL: budgetRoundURL(rc, rd.ID),
		VoteURL: h.cfg.BaseURL + budgetRoundURL(rc, rd.ID) + "/stemmen", Codes: codes}
	h.render(w, r, rc, "wijkbudget_codes", p)
}

// budgetFund funds the winners of a round in the books and starts its
// execution phase.
func (h *Handler) budgetFund(w http.ResponseWriter, r *http.Request, rc *request) {
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	f := newForm()
	_, err := h.store.FundBudgetWinners(ctx(r), rc.Wijk.ID, rd.ID, time.Now().In(locale.Amsterdam()), rc.Actor.User.ID)
	if err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		for k, m := range f.Errors {
			if k != "fund" {
				f.Errors["fund"] = m
			}
		}
		h.renderBudgetRound(w, r, rc, rd, http.StatusBadRequest, "fund", f)
		return
	}
	h.flash(w, "wijkbudget.flash.funded")
	http.Redirect(w, r, budgetRoundURL(rc, rd.ID)+"#funded", http.StatusSeeOther)
}
