package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijkbudget"
)

// budgetVotePage is the ballot: a voting code, an address in the wijk and
// the projects to choose. It needs no account: the code is the right to
// vote, handed out online or on paper.
type budgetVotePage struct {
	Page
	Round                       wijkbudget.Round
	RoundURL, Budget, Rule      string
	Open                        bool
	Summary                     *ErrorSummary
	Code, Postcode, HouseNumber Field
	Choices                     []budgetChoice
	ChoicesError                string
}

type budgetChoice struct {
	ID, Title, Summary, Cost string
	Checked                  bool
}

func (h *Handler) budgetVoteForm(w http.ResponseWriter, r *http.Request, rc *request) {
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	f := newForm()
	f.Values["code"] = r.URL.Query().Get("code") // a printed QR or link may carry it
	h.renderBudgetVote(w, r, rc, rd, http.StatusOK, f, nil)
}

func (h *Handler) renderBudgetVote(w http.ResponseWriter, r *http.Request, rc *request, rd wijkbudget.Round, status int, f form, chosen []string) {
	l := rc.L
	projects, err := h.store.BudgetProjects(ctx(r), rd.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := budgetVotePage{Page: h.page(r, rc, l.T("wijkbudget.vote.title", rd.Title)), Round: rd, RoundURL: budgetRoundURL(rc, rd.ID),
		Budget: euro(l, rd.BudgetCents), Open: rd.Phase == wijkbudget.PhaseVoting}
	if rd.Method == wijkbudget.MethodApproval {
		p.Rule = l.T("wijkbudget.vote.rule_approval", rd.MaxChoices)
	} else {
		p.Rule = l.T("wijkbudget.vote.rule_knapsack", p.Budget)
	}
	for _, pr := range projects {
		if pr.Feasibility == wijkbudget.Feasible {
			p.Choices = append(p.Choices, budgetChoice{ID: pr.ID, Title: pr.Title, Summary: pr.Summary, Cost: euro(l, pr.CostCents), Checked: slices.Contains(chosen, pr.ID)})
		}
	}
	p.Code = f.Field(l, "code", "wijkbudget.vote.code", "text", "off", true)
	p.Postcode = f.Field(l, "postcode", "wijkbudget.vote.postcode", "text", "postal-code", true)
	p.HouseNumber = f.Field(l, "house_number", "wijkbudget.vote.house_number", "text", "off", true)
	p.HouseNumber.Inputmode = "numeric"
	p.ChoicesError = f.Errors["projects"]
	p.Summary = NewErrorSummary(l, p.Code, p.Postcode, p.HouseNumber)
	if p.ChoicesError != "" || f.Errors["_"] != "" {
		if p.Summary == nil {
			p.Summary = &ErrorSummary{Title: l.T("error.form")}
		}
		if p.ChoicesError != "" {
			p.Summary.Items = append(p.Summary.Items, ErrorItem{Href: "#projects", Text: p.ChoicesError})
		}
		if m := f.Errors["_"]; m != "" {
			p.Summary.Items = append(p.Summary.Items, ErrorItem{Text: m})
		}
	}
	h.renderStatus(w, r, rc, status, "wijkbudget_vote", p)
}

// budgetVote counts a ballot once, or shows the form again with what the
// voter filled in and why it was refused.
func (h *Handler) budgetVote(w http.ResponseWriter, r *http.Request, rc *request) {
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "code", "postcode", "house_number")
	chosen := r.PostForm["project"]
	n, err := strconv.Atoi(f.Values["house_number"])
	if err != nil {
		n = 0
	}
	_, err = h.store.CastBallot(ctx(r), store.Vote{WijkID: rc.Wijk.ID, RoundID: rd.ID, Code: f.Values["code"], Postcode: f.Values["postcode"],
		HouseNumber: n, ProjectIDs: chosen})
	if err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderBudgetVote(w, r, rc, rd, http.StatusBadRequest, f, chosen)
		return
	}
	h.flash(w, "wijkbudget.flash.voted")
	http.Redirect(w, r, budgetRoundURL(rc, rd.ID), http.StatusSeeOther)
}
