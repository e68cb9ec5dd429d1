package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/pact"
	"github.com/wei-platform/wei/wijk"
)

// Right to Challenge pages: the public list and page of each challenge
// (the task, the costs, the plan and business case, the gemeente's
// decisions with reasons, the agreement and its execution through a pact
// commitment and a ledger account), the form to submit one for a
// residents' organisation, and the decision and agreement forms.

func challengeURL(rc *request, id string) string {
	return "/w/" + rc.Wijk.Slug + "/right-to-challenge/" + id
}

type challengeListPage struct {
	Page
	Challenges []challengeLine
	NewLinks   []Option // Value: URL of the form, Label: the organisation
}

type challengeLine struct {
	URL, Task, Organisation, Status string
	Saving                          string
	CreatedAt                       time.Time
}

func (h *Handler) challengeOrgs(r *http.Request, rc *request) (map[string]wijk.Organisation, []wijk.Organisation, error) {
	orgs, err := h.store.Organisations(ctx(r), rc.Wijk.ID)
	if err != nil {
		return nil, nil, err
	}
	m := map[string]wijk.Organisation{}
	for _, o := range orgs {
		m[o.ID] = o
	}
	return m, orgs, nil
}

func (h *Handler) challengeList(w http.ResponseWriter, r *http.Request, rc *request) {
	list, err := h.store.ChallengesOfWijk(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	byID, orgs, err := h.challengeOrgs(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	l := rc.L
	p := challengeListPage{Page: h.page(r, rc, l.T("challenge.title"))}
	for _, c := range list {
		p.Challenges = append(p.Challenges, challengeLine{URL: challengeURL(rc, c.ID), Task: c.Task, Organisation: byID[c.OrganisationID].Name,
			Status: l.T("challenge.status." + string(c.Status)), Saving: euros(l, c.SavingCents()), CreatedAt: c.CreatedAt})
	}
	for _, o := range orgs {
		if o.Form != wijk.FormPartner && rc.Actor.CanOrg(account.PermChallenge, rc.Wijk.ID, o.ID) {
			p.NewLinks = append(p.NewLinks, Option{Value: "/w/" + rc.Wijk.Slug + "/initiatieven/" + o.ID + "/right-to-challenge/nieuw", Label: o.Name})
		}
	}
	h.render(w, r, rc, "challenge_list", p)
}

type challengeFormPage struct {
	Page
	Summary      *ErrorSummary
	Action       string
	Organisation string
	Task         Field
	CurrentCost  Field
	Plan         Field
	BusinessCase Field
	ProposedCost Field
}

var challengeFormOrder = []string{"task", "current_cost", "plan", "business_case", "proposed_cost"}

// challengeOrg returns the residents' organisation of the URL, or writes
// the 404 page.
func (h *Handler) challengeOrg(w http.ResponseWriter, r *http.Request, rc *request) (wijk.Organisation, bool) {
	o, err := h.store.Organisation(ctx(r), r.PathValue("id"))
	if err == nil && (o.WijkID != rc.Wijk.ID || o.Form == wijk.FormPartner) {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return o, false
	}
	return o, true
}

func (h *Handler) challengeNew(w http.ResponseWriter, r *http.Request, rc *request) {
	o, ok := h.challengeOrg(w, r, rc)
	if !ok {
		return
	}
	h.renderChallengeForm(w, r, rc, http.StatusOK, o, newForm())
}

func (h *Handler) renderChallengeForm(w http.ResponseWriter, r *http.Request, rc *request, status int, o wijk.Organisation, f form) {
	l := rc.L
	p := challengeFormPage{Page: h.page(r, rc, l.T("challenge.new.title")), Summary: f.Summary(l, challengeFormOrder...),
		Action: "/w/" + rc.Wijk.Slug + "/initiatieven/" + o.ID + "/right-to-challenge", Organisation: o.Name,
		Task:         f.Field(l, "task", "challenge.field.task.label", "text", "off", true),
		CurrentCost:  f.Field(l, "current_cost", "challenge.field.current_cost.label", "text", "off", true),
		Plan:         f.Field(l, "plan", "challenge.field.plan.label", "textarea", "off", true),
		BusinessCase: f.Field(l, "business_case", "challenge.field.business_case.label", "textarea", "off", true),
		ProposedCost: f.Field(l, "proposed_cost", "challenge.field.proposed_cost.label", "text", "off", true),
	}
	p.CurrentCost.Inputmode, p.ProposedCost.Inputmode = "decimal", "decimal"
	h.renderStatus(w, r, rc, status, "challenge_form", p)
}

func (h *Handler) challengeCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	o, ok := h.challengeOrg(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, challengeFormOrder...)
	c := pact.Challenge{WijkID: rc.Wijk.ID, OrganisationID: o.ID, Task: f.Values["task"], Plan: f.Values["plan"], BusinessCase: f.Values["business_case"], CreatedBy: rc.Actor.User.ID}
	var okCur, okProp bool
	c.CurrentCostCents, okCur = parseEuros(f.Values["current_cost"])
	c.ProposedCostCents, okProp = parseEuros(f.Values["proposed_cost"])
	if !okCur {
		f.Errors["current_cost"] = rc.L.T("challenge.error.amount")
	}
	if !okProp {
		f.Errors["proposed_cost"] = rc.L.T("challenge.error.amount")
	}
	if f.HasErrors() {
		// Nothing is saved; the other fields are checked too, so every
		// message shows at once.
		c.Normalize()
		if err := c.Validate(); err != nil {
			var e *wei.Error
			if asWeiError(err, &e) {
				for k, key := range e.Fields {
					if _, has := f.Errors[k]; !has {
						f.Errors[k] = rc.L.T(key)
					}
				}
			}
		}
	} else if err := h.store.CreateChallenge(ctx(r), &c); err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderChallengeForm(w, r, rc, http.StatusBadRequest, o, f)
		return
	}
	h.flash(w, "challenge.flash.created")
	http.Redirect(w, r, challengeURL(rc, c.ID), http.StatusSeeOther)
}
