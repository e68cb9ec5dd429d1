package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/pact"
)

// The page of one pact: its text (aim, parties, commitments), who accepted
// when, progress per commitment, per party and for the pact, the history
// of acceptances, and the forms for those who may change it.

type pactPage struct {
	Page
	URL         string
	Title       string
	Purpose     string
	StartsOn    time.Time
	EndsOn      time.Time
	Signed      bool
	SignedAt    time.Time
	Frozen      bool
	Accepted    int
	Rollup      pact.Rollup
	Parties     []partyView
	Commitments []commitmentView
	Events      []eventView
	Reviews     []time.Time
	NextReview  time.Time
	Summary     *ErrorSummary

	CanManage bool
	// The forms; each is nil when the actor cannot use it now.
	PartyForm      *pactPartyForm
	CommitmentForm *pactCommitmentForm
	AcceptForm     *pactAcceptForm
	WithdrawForm   *pactWithdrawForm
	ProgressForm   *pactProgressForm
	ReviewForm     *Field
}

type partyView struct {
	ID         string
	Name       string
	Domain     string
	Accepted   bool
	AcceptedAt time.Time
	Signatory  string
	Rollup     pact.Rollup
}

type commitmentView struct {
	ID        string
	Party     string
	What      string
	Indicator string
	Target    string
	Value     string
	Percent   int
	Due       time.Time
	Owner     string
	Done      bool
	Overdue   bool
	Reports   []progressView
}

type progressView struct {
	At    time.Time
	Value string
	Note  string
}

type eventView struct {
	At        time.Time
	Party     string
	Accepted  bool
	Signatory string
}

type pactPartyForm struct{ Organisation Field }

type pactCommitmentForm struct {
	Party, What, Indicator, Target, Due, Owner Field
}

type pactAcceptForm struct{ Party, Signatory Field }

type pactWithdrawForm struct{ Party Field }

type pactProgressForm struct{ Commitment, Value, Note Field }

// pactForms holds the values and errors of the pact page's forms: the one
// that was sent comes back with its input and messages.
type pactForms struct {
	party, commitment, accept, withdraw, progress, review form
}

func newPactForms() pactForms {
	return pactForms{party: newForm(), commitment: newForm(), accept: newForm(), withdraw: newForm(), progress: newForm(), review: newForm()}
}

func (fs pactForms) all() []form {
	return []form{fs.party, fs.commitment, fs.accept, fs.withdraw, fs.progress, fs.review}
}

var pactFieldOrder = []string{"organisation_id", "party_id", "what", "indicator", "target", "due_on", "owner",
	"accept_party", "signatory", "withdraw_party", "commitment_id", "value", "note", "review_on"}

// canActFor reports whether the actor may accept, withdraw and report
// progress for the party of organisation orgID: the process manager for
// any party, a partner or initiatiefnemer for their own organisation.
func canActFor(rc *request, orgID string) bool {
	if rc.Actor.Can(account.PermManagePact, rc.Wijk.ID) {
		return true
	}
	for _, g := range rc.Actor.Grants {
		if g.WijkID == rc.Wijk.ID && g.OrganisationID == orgID && (g.Role == account.RolePartner || g.Role == account.RoleInitiatiefnemer) {
			return true
		}
	}
	return false
}

// loadPact loads the pact of the URL; it writes the 404 or error page and
// returns false when there is none.
func (h *Handler) loadPact(w http.ResponseWriter, r *http.Request, rc *request) (pact.Pact, bool) {
	p, err := h.store.Pact(ctx(r), rc.Wijk.ID, r.PathValue("id"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return p, false
	}
	return p, true
}

func (h *Handler) pactView(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.loadPact(w, r, rc)
	if !ok {
		return
	}
	h.renderPact(w, r, rc, http.StatusOK, p, newPactForms())
}

func (h *Handler) renderPact(w http.ResponseWriter, r *http.Request, rc *request, status int, p pact.Pact, fs pactForms) {
	l := rc.L
	now := today()
	v := pactPage{Page: h.page(r, rc, p.Title), URL: pactURL(rc, p.ID), Title: p.Title, Purpose: p.Purpose, StartsOn: p.StartsOn, EndsOn: p.EndsOn,
		Signed: p.Signed(), SignedAt: p.SignedAt(), Frozen: p.Frozen(), Accepted: p.AcceptedCount(), Rollup: p.Rollup(),
		Reviews: p.Reviews, NextReview: p.NextReview(now), CanManage: rc.Actor.Can(account.PermManagePact, rc.Wijk.ID)}
	names := map[string]string{}
	var mine, mineAccepted, mineOpen []Option
	for _, pt := range p.Parties {
		names[pt.ID] = pt.Name
		pv := partyView{ID: pt.ID, Name: pt.Name, Domain: l.T("pact.domain.residents"), Rollup: p.PartyRollup(pt.ID)}
		if pt.Domain != "" {
			pv.Domain = l.T("domain." + string(pt.Domain))
		}
		if pt.Accepted != nil {
			pv.Accepted, pv.AcceptedAt, pv.Signatory = true, pt.Accepted.At, pt.Accepted.Signatory
		}
		v.Parties = append(v.Parties, pv)
		if canActFor(rc, pt.OrganisationID) {
			mine = append(mine, Option{Value: pt.ID, Label: pt.Name})
			if pv.Accepted {
				mineAccepted = append(mineAccepted, Option{Value: pt.ID, Label: pt.Name})
			} else {
				mineOpen = append(mineOpen, Option{Value: pt.ID, Label: pt.Name})
			}
		}
	}
	var commitOpts []Option
	for _, c := range p.Commitments {
		cv := commitmentView{ID: c.ID, Party: names[c.PartyID], What: c.What, Indicator: c.Indicator, Target: l.Number(c.Target), Value: l.Number(c.Value()),
			Percent: c.Percent(), Due: c.Due, Owner: c.Owner, Done: c.Done(), Overdue: p.Signed() && c.Overdue(now)}
		for i := len(c.Reports) - 1; i >= 0; i-- {
			g := c.Reports[i]
			cv.Reports = append(cv.Reports, progressView{At: g.At, Value: l.Number(g.Value), Note: g.Note})
		}
		v.Commitments = append(v.Commitments, cv)
		for _, o := range mine {
			if o.Value == c.PartyID {
				commitOpts = append(commitOpts, Option{Value: c.ID, Label: names[c.PartyID] + ": " + c.What})
			}
		}
	}
	for _, e := range p.Events {
		v.Events = append(v.Events, eventView{At: e.At, Party: names[e.PartyID], Accepted: e.Accepted, Signatory: e.Signatory})
	}

	choose := func(opts []Option, sel string) []Option {
		out := []Option{{Value: "", Label: l.T("common.choose")}}
		for _, o := range opts {
			o.Selected = o.Value == sel
			out = append(out, o)
		}
		return out
	}
	// Once frozen the forms are gone, except to give back refused input.
	if v.CanManage && (!v.Frozen || fs.party.HasErrors() || fs.commitment.HasErrors()) {
		orgs, err := h.store.Organisations(ctx(r), rc.Wijk.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		var opts []Option
		for _, o := range orgs {
			if _, in := partyOfOrg(p, o.ID); !in {
				opts = append(opts, Option{Value: o.ID, Label: o.Name})
			}
		}
		f := fs.party
		v.PartyForm = &pactPartyForm{Organisation: f.Select(l, "organisation_id", "pact.field.organisation.label", true, choose(opts, f.Values["organisation_id"]))}
		if len(p.Parties) > 0 {
			var partyOpts []Option
			for _, pt := range p.Parties {
				partyOpts = append(partyOpts, Option{Value: pt.ID, Label: pt.Name})
			}
			f := fs.commitment
			v.CommitmentForm = &pactCommitmentForm{
				Party:     f.Select(l, "party_id", "pact.field.party.label", true, choose(partyOpts, f.Values["party_id"])),
				What:      f.Field(l, "what", "pact.field.what.label", "textarea", "off", true),
				Indicator: f.Field(l, "indicator", "pact.field.indicator.label", "text", "off", true),
				Target:    f.Field(l, "target", "pact.field.target.label", "text", "off", true),
				Due:       f.Field(l, "due_on", "pact.field.due_on.label", "date", "off", true),
				Owner:     f.Field(l, "owner", "pact.field.owner.label", "text", "off", false),
			}
			v.CommitmentForm.Target.Inputmode = "numeric"
		}
	}
	if len(mineOpen) > 0 {
		f := fs.accept
		v.AcceptForm = &pactAcceptForm{Party: f.Select(l, "accept_party", "pact.field.accept_party.label", true, choose(mineOpen, f.Values["accept_party"])),
			Signatory: f.Field(l, "signatory", "pact.field.signatory.label", "text", "organization-title", true)}
	}
	if len(mineAccepted) > 0 {
		f := fs.withdraw
		v.WithdrawForm = &pactWithdrawForm{Party: f.Select(l, "withdraw_party", "pact.field.withdraw_party.label", true, choose(mineAccepted, f.Values["withdraw_party"]))}
	}
	if v.Signed && len(commitOpts) > 0 {
		f := fs.progress
		v.ProgressForm = &pactProgressForm{Commitment: f.Select(l, "commitment_id", "pact.field.commitment.label", true, choose(commitOpts, f.Values["commitment_id"])),
			Value: f.Field(l, "value", "pact.field.value.label", "text", "off", true),
			Note:  f.Field(l, "note", "pact.field.note.label", "text", "off", false)}
		v.ProgressForm.Value.Inputmode = "numeric"
	}
	if v.CanManage {
		fl := fs.review.Field(l, "review_on", "pact.field.review_on.label", "date", "off", true)
		v.ReviewForm = &fl
	}
	merged := newForm()
	for _, f := range fs.all() {
		for k, m := range f.Errors {
			merged.Errors[k] = m
		}
	}
	v.Summary = merged.Summary(l, pactFieldOrder...)
	h.renderStatus(w, r, rc, status, "pact_view", v)
}

func partyOfOrg(p pact.Pact, orgID string) (pact.Party, bool) {
	for _, pt := range p.Parties {
		if pt.OrganisationID == orgID {
			return pt, true
		}
	}
	return pact.Party{}, false
}

// pactAction runs do for a form of the pact page. On bad input the page
// comes back with status 400, the input and the messages (renamed from
// the store's field names to the form's by rename); on success the browser
// goes back to the pact page with a flash.
func (h *Handler) pactAction(w http.ResponseWriter, r *http.Request, rc *request, p pact.Pact, fs pactForms, f form, rename map[string]string, flashKey string, do func() error) {
	if !f.HasErrors() {
		if err := do(); err != nil {
			var e *wei.Error
			if !asWeiError(err, &e) || (e.Code != wei.EINVALID && e.Code != wei.ECONFLICT) {
				h.serverError(w, r, rc, err)
				return
			}
			for field, key := range e.Fields {
				if to, ok := rename[field]; ok {
					field = to
				}
				f.Errors[field] = rc.L.T(key)
			}
			if len(e.Fields) == 0 {
				f.Errors["_"] = rc.L.T("error.conflict")
			}
		}
	}
	if f.HasErrors() {
		h.renderPact(w, r, rc, http.StatusBadRequest, p, fs)
		return
	}
	h.flash(w, flashKey)
	http.Redirect(w, r, pactURL(rc, p.ID), http.StatusSeeOther)
}

func (h *Handler) pactPartyAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.loadPact(w, r, rc)
	if !ok {
		return
	}
	fs := newPactForms()
	f := fs.party.fill(r, "organisation_id")
	h.pactAction(w, r, rc, p, fs, f, nil, "pact.flash.party_added", func() error {
		_, err := h.store.AddPartyToPact(ctx(r), rc.Wijk.ID, p.ID, f.Values["organisation_id"])
		return err
	})
}

func (h *Handler) pactCommitmentAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.loadPact(w, r, rc)
	if !ok {
		return
	}
	fs := newPactForms()
	f := fs.commitment.fill(r, "party_id", "what", "indicator", "target", "due_on", "owner")
	c := pact.Commitment{PactID: p.ID, PartyID: f.Values["party_id"], What: f.Values["what"], Indicator: f.Values["indicator"], Owner: f.Values["owner"],
		Due: f.dayField(rc, "due_on", true), CreatedBy: rc.Actor.User.ID}
	n, err := strconv.ParseInt(f.Values["target"], 10, 64)
	if err != nil || n <= 0 {
		f.Errors["target"] = rc.L.T("pact.error.target")
	}
	c.Target = n
	if f.HasErrors() {
		c.Normalize()
		if err := c.Validate(p); err != nil {
			var e *wei.Error
			if asWeiError(err, &e) {
				for k, key := range e.Fields {
					if _, has := f.Errors[k]; !has {
						f.Errors[k] = rc.L.T(key)
					}
				}
			}
		}
	}
	h.pactAction(w, r, rc, p, fs, f, nil, "pact.flash.commitment_added", func() error {
		return h.store.AddCommitment(ctx(r), rc.Wijk.ID, &c)
	})
}

// partyFor returns the party the form names if the actor may act for it,
// recording an error for the field otherwise. A party the actor may not
// act for is refused as a choice that is not offered: 403 would tell
// nothing more.
func partyFor(rc *request, p pact.Pact, f form, field string) {
	pt, ok := p.Party(f.Values[field])
	if !ok || !canActFor(rc, pt.OrganisationID) {
		f.Errors[field] = rc.L.T("pact.error.party")
	}
}

func (h *Handler) pactAccept(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.loadPact(w, r, rc)
	if !ok {
		return
	}
	fs := newPactForms()
	f := fs.accept.fill(r, "accept_party", "signatory")
	partyFor(rc, p, f, "accept_party")
	if err := pact.ValidSignatory(f.Values["signatory"]); err != nil {
		f.Errors["signatory"] = rc.L.T("pact.error.signatory")
	}
	h.pactAction(w, r, rc, p, fs, f, map[string]string{"party_id": "accept_party"}, "pact.flash.accepted", func() error {
		return h.store.SetAcceptance(ctx(r), rc.Wijk.ID, p.ID, f.Values["accept_party"], true, f.Values["signatory"], rc.Actor.User.ID)
	})
}

func (h *Handler) pactWithdraw(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.loadPact(w, r, rc)
	if !ok {
		return
	}
	fs := newPactForms()
	f := fs.withdraw.fill(r, "withdraw_party")
	partyFor(rc, p, f, "withdraw_party")
	h.pactAction(w, r, rc, p, fs, f, map[string]string{"party_id": "withdraw_party"}, "pact.flash.withdrawn", func() error {
		return h.store.SetAcceptance(ctx(r), rc.Wijk.ID, p.ID, f.Values["withdraw_party"], false, "", rc.Actor.User.ID)
	})
}

func (h *Handler) pactProgress(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.loadPact(w, r, rc)
	if !ok {
		return
	}
	fs := newPactForms()
	f := fs.progress.fill(r, "commitment_id", "value", "note")
	var found bool
	for _, c := range p.Commitments {
		if pt, ok := p.Party(c.PartyID); c.ID == f.Values["commitment_id"] && ok && canActFor(rc, pt.OrganisationID) {
			found = true
		}
	}
	if !found {
		f.Errors["commitment_id"] = rc.L.T("pact.error.commitment")
	}
	n, err := strconv.ParseInt(f.Values["value"], 10, 64)
	if err != nil {
		f.Errors["value"] = rc.L.T("pact.error.value")
	}
	h.pactAction(w, r, rc, p, fs, f, nil, "pact.flash.progress", func() error {
		return h.store.ReportProgress(ctx(r), rc.Wijk.ID, p.ID, f.Values["commitment_id"], n, f.Values["note"], rc.Actor.User.ID)
	})
}

func (h *Handler) pactReviewAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.loadPact(w, r, rc)
	if !ok {
		return
	}
	fs := newPactForms()
	f := fs.review.fill(r, "review_on")
	d := f.dayField(rc, "review_on", true)
	h.pactAction(w, r, rc, p, fs, f, nil, "pact.flash.review_added", func() error {
		return h.store.AddReview(ctx(r), rc.Wijk.ID, p.ID, d)
	})
}
