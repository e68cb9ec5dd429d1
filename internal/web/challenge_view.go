package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/pact"
	"github.com/wei-platform/wei/wijk"
)

type challengePage struct {
	Page
	URL          string
	Task         string
	Organisation string
	Status       string
	CurrentCost  string
	ProposedCost string
	Saving       string
	Plan         string
	BusinessCase string
	CreatedAt    time.Time
	Decisions    []decisionView
	Agreement    string
	Commitment   *challengeCommitment
	Account      *challengeAccount
	Summary      *ErrorSummary

	DecideForm    *challengeDecideForm
	AgreementForm *challengeAgreementForm
}

type decisionView struct {
	At       time.Time
	Accepted bool
	Reasons  string
}

// challengeCommitment is the pact commitment that follows the execution.
type challengeCommitment struct {
	PactURL, PactTitle, What, Value, Target string
	Percent                                 int
}

// challengeAccount is the ledger account that follows the money.
type challengeAccount struct {
	Code, Name, Balance string
}

type challengeDecideForm struct{ Decision, Reasons Field }

type challengeAgreementForm struct{ Agreement, Commitment, Account Field }

// canDecide reports whether the actor decides for the gemeente: the
// process manager, or a partner of a gemeente organisation of the wijk.
func canDecide(rc *request, orgs map[string]wijk.Organisation) bool {
	if rc.Actor.Can(account.PermManagePact, rc.Wijk.ID) {
		return true
	}
	for _, g := range rc.Actor.Grants {
		if g.WijkID == rc.Wijk.ID && g.Role == account.RolePartner && orgs[g.OrganisationID].Domain == wijk.DomainGemeente {
			return true
		}
	}
	return false
}

func (h *Handler) challengeView(w http.ResponseWriter, r *http.Request, rc *request) {
	c, err := h.store.Challenge(ctx(r), rc.Wijk.ID, r.PathValue("id"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderChallenge(w, r, rc, http.StatusOK, c, newForm(), newForm())
}

func (h *Handler) renderChallenge(w http.ResponseWriter, r *http.Request, rc *request, status int, c pact.Challenge, decide, agree form) {
	l := rc.L
	orgs, _, err := h.challengeOrgs(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	v := challengePage{Page: h.page(r, rc, c.Task), URL: challengeURL(rc, c.ID), Task: c.Task, Organisation: orgs[c.OrganisationID].Name,
		Status: l.T("challenge.status." + string(c.Status)), CurrentCost: euros(l, c.CurrentCostCents), ProposedCost: euros(l, c.ProposedCostCents),
		Saving: euros(l, c.SavingCents()), Plan: c.Plan, BusinessCase: c.BusinessCase, CreatedAt: c.CreatedAt, Agreement: c.Agreement}
	for i := len(c.Decisions) - 1; i >= 0; i-- {
		d := c.Decisions[i]
		v.Decisions = append(v.Decisions, decisionView{At: d.At, Accepted: d.Accepted, Reasons: d.Reasons})
	}
	pacts, err := h.store.PactsOfWijk(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	commitOpts := []Option{{Value: "", Label: l.T("common.none")}}
	for _, p := range pacts {
		for _, cm := range p.Commitments {
			if cm.ID == c.CommitmentID {
				v.Commitment = &challengeCommitment{PactURL: pactURL(rc, p.ID), PactTitle: p.Title, What: cm.What, Value: l.Number(cm.Value()), Target: l.Number(cm.Target), Percent: cm.Percent()}
			}
			if p.Signed() {
				commitOpts = append(commitOpts, Option{Value: cm.ID, Label: p.Title + ": " + cm.What, Selected: agree.Values["commitment_id"] == cm.ID})
			}
		}
	}
	if c.LedgerAccountID != "" {
		a, err := h.store.LedgerAccount(ctx(r), c.LedgerAccountID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		bal, err := h.store.Balance(ctx(r), a.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		v.Account = &challengeAccount{Code: a.Code, Name: a.Name, Balance: euros(l, bal)}
		if a.Asset != "" && a.Asset != "EUR" {
			v.Account.Balance = l.Number(bal) + " " + a.Asset
		}
	}
	if c.Agreement == "" && canDecide(rc, orgs) {
		opts := []Option{{Value: "", Label: l.T("common.choose")}}
		for _, s := range []pact.ChallengeStatus{pact.ChallengeAccepted, pact.ChallengeRejected} {
			opts = append(opts, Option{Value: string(s), Label: l.T("challenge.decision." + string(s)), Selected: decide.Values["decision"] == string(s)})
		}
		v.DecideForm = &challengeDecideForm{Decision: decide.Select(l, "decision", "challenge.field.decision.label", true, opts),
			Reasons: decide.Field(l, "reasons", "challenge.field.reasons.label", "textarea", "off", true)}
	}
	if c.Status == pact.ChallengeAccepted && rc.Actor.Can(account.PermManagePact, rc.Wijk.ID) {
		accounts, err := h.store.LedgerAccounts(ctx(r), rc.Wijk.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		if agree.Values["agreement"] == "" && len(agree.Errors) == 0 {
			agree.Values["agreement"], agree.Values["commitment_id"], agree.Values["ledger_account_id"] = c.Agreement, c.CommitmentID, c.LedgerAccountID
			for i := range commitOpts {
				commitOpts[i].Selected = commitOpts[i].Value == c.CommitmentID
			}
		}
		accOpts := []Option{{Value: "", Label: l.T("common.none")}}
		for _, a := range accounts {
			accOpts = append(accOpts, Option{Value: a.ID, Label: a.Code + " (" + a.Asset + ")", Selected: agree.Values["ledger_account_id"] == a.ID})
		}
		v.AgreementForm = &challengeAgreementForm{Agreement: agree.Field(l, "agreement", "challenge.field.agreement.label", "textarea", "off", true),
			Commitment: agree.Select(l, "commitment_id", "challenge.field.commitment.label", false, commitOpts),
			Account:    agree.Select(l, "ledger_account_id", "challenge.field.account.label", false, accOpts)}
	}
	merged := newForm()
	for _, f := range []form{decide, agree} {
		for k, m := range f.Errors {
			merged.Errors[k] = m
		}
	}
	v.Summary = merged.Summary(l, "decision", "reasons", "agreement", "commitment_id", "ledger_account_id")
	h.renderStatus(w, r, rc, status, "challenge_view", v)
}

// challengeDecide records the gemeente's decision. Who may decide is
// checked here: the route asks only for an account.
func (h *Handler) challengeDecide(w http.ResponseWriter, r *http.Request, rc *request) {
	c, err := h.store.Challenge(ctx(r), rc.Wijk.ID, r.PathValue("id"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	orgs, _, err := h.challengeOrgs(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	if !canDecide(rc, orgs) {
		h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "error.forbidden.text")
		return
	}
	f := newForm().fill(r, "decision", "reasons")
	d := f.Values["decision"]
	if d != string(pact.ChallengeAccepted) && d != string(pact.ChallengeRejected) {
		f.Errors["decision"] = rc.L.T("error.choice")
		if err := pact.ValidReasons(f.Values["reasons"]); err != nil {
			f.Errors["reasons"] = rc.L.T("challenge.error.reasons")
		}
	} else if err := h.store.DecideChallenge(ctx(r), rc.Wijk.ID, c.ID, d == string(pact.ChallengeAccepted), f.Values["reasons"], rc.Actor.User.ID); err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderChallenge(w, r, rc, http.StatusBadRequest, c, f, newForm())
		return
	}
	h.flash(w, "challenge.flash.decided")
	http.Redirect(w, r, challengeURL(rc, c.ID), http.StatusSeeOther)
}

func (h *Handler) challengeAgreement(w http.ResponseWriter, r *http.Request, rc *request) {
	c, err := h.store.Challenge(ctx(r), rc.Wijk.ID, r.PathValue("id"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	f := newForm().fill(r, "agreement", "commitment_id", "ledger_account_id")
	if err := h.store.SetChallengeAgreement(ctx(r), rc.Wijk.ID, c.ID, f.Values["agreement"], f.Values["commitment_id"], f.Values["ledger_account_id"]); err != nil {
		var e *wei.Error
		if !asWeiError(err, &e) || e.Code != wei.EINVALID {
			h.serverError(w, r, rc, err)
			return
		}
		f.setErr(rc, err)
		h.renderChallenge(w, r, rc, http.StatusBadRequest, c, newForm(), f)
		return
	}
	h.flash(w, "challenge.flash.agreed")
	http.Redirect(w, r, challengeURL(rc, c.ID), http.StatusSeeOther)
}
