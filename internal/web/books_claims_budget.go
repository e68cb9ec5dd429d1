package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
)

// budgetPage is an initiative's budget: its lines against what was spent,
// which anyone may see (amounts and purposes are public), and the forms to
// add a line (those who may claim for the initiative) and to grant budget
// (the treasurer).
type budgetPage struct {
	Page
	BooksNav  *BooksNav
	In        store.Initiative
	Lines     []budgetLineRow
	Totals    budgetTotals
	Summary   *ErrorSummary
	LineForm  *budgetLineForm
	GrantForm *grantForm
	ClaimsURL string // the form to submit a claim, for those who may
}

type budgetLineRow struct {
	Name, Amount, Actual, Remaining string
	Over                            bool
}

type budgetTotals struct {
	Granted, Spent, Available, Pending, Planned, Unplanned, Unlined string
	UnplannedNegative                                               bool
}

type budgetLineForm struct {
	Name, Amount Field
}

type grantForm struct {
	Key                       string
	From, Amount, On, Purpose Field
}

func (h *Handler) budget(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	h.renderBudget(w, r, rc, in, http.StatusOK, "", newForm())
}

// renderBudget shows the budget page; sent names the form that came back
// with errors ("line" or "grant"), f its values and errors.
func (h *Handler) renderBudget(w http.ResponseWriter, r *http.Request, rc *request, in store.Initiative, status int, sent string, f form) {
	l := rc.L
	rep, err := h.store.BudgetVsActual(ctx(r), in.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := budgetPage{Page: h.page(r, rc, l.T("budget.title", in.Name)), BooksNav: booksNav(rc, ""), In: in}
	var sentFields []Field // the fields of the form that came back, for the error summary
	for _, bl := range rep.Lines {
		p.Lines = append(p.Lines, budgetLineRow{Name: bl.Name, Amount: euro(l, bl.AmountCents), Actual: euro(l, bl.ActualCents),
			Remaining: euro(l, bl.RemainingCents), Over: bl.RemainingCents < 0})
	}
	p.Totals = budgetTotals{Granted: euro(l, rep.GrantedCents), Spent: euro(l, rep.SpentCents), Available: euro(l, rep.AvailableCents),
		Pending: euro(l, rep.PendingCents), Planned: euro(l, rep.PlannedCents), Unplanned: euro(l, rep.UnplannedCents),
		Unlined: euro(l, rep.UnlinedCents), UnplannedNegative: rep.UnplannedCents < 0}
	if rc.Actor.CanOrg(account.PermClaim, rc.Wijk.ID, in.ID) {
		p.ClaimsURL = claimsURL(rc) + "/nieuw?initiatief=" + in.ID
		lf := f
		if sent != "line" {
			lf = newForm()
		}
		p.LineForm = &budgetLineForm{Name: lf.Field(l, "name", "budget.line.name", "text", "off", true), Amount: lf.Field(l, "amount", "budget.line.amount", "text", "off", true)}
		p.LineForm.Name.ID, p.LineForm.Amount.ID = "line-name", "line-amount" // the grant form has an amount too
		p.LineForm.Amount.Inputmode = "decimal"
		if sent == "line" {
			sentFields = []Field{p.LineForm.Name, p.LineForm.Amount}
		}
	}
	if rc.Actor.Can(account.PermKeepBooks, rc.Wijk.ID) {
		if err := h.store.EnsureChart(ctx(r), rc.Wijk.ID); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		sources, err := h.store.GrantSources(ctx(r), rc.Wijk.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		gf := f
		if sent != "grant" {
			gf = newForm()
			gf.Values["on"] = dayValue(time.Now().In(locale.Amsterdam()))
			gf.Values["from"] = store.CodeWijkbudget
		}
		if gf.Values["key"] == "" {
			gf.Values["key"] = wei.RandomToken(16)
		}
		opts := []Option{{Value: "", Label: l.T("common.choose")}}
		for _, a := range sources {
			opts = append(opts, Option{Value: a.Code, Label: a.Code, Selected: a.Code == gf.Values["from"]})
		}
		p.GrantForm = &grantForm{Key: gf.Values["key"],
			From:    gf.Select(l, "from", "budget.grant.from", true, opts),
			Amount:  gf.Field(l, "amount", "budget.grant.amount", "text", "off", true),
			On:      gf.Field(l, "on", "budget.grant.on", "date", "off", true),
			Purpose: gf.Field(l, "purpose", "budget.grant.purpose", "text", "off", true)}
		g := p.GrantForm
		g.From.ID, g.Amount.ID, g.On.ID, g.Purpose.ID = "grant-from", "grant-amount", "grant-on", "grant-purpose"
		g.Amount.Inputmode = "decimal"
		if sent == "grant" {
			sentFields = []Field{g.From, g.Amount, g.On, g.Purpose}
		}
	}
	p.Summary = NewErrorSummary(l, sentFields...)
	if msg := f.Errors["_"]; msg != "" {
		if p.Summary == nil {
			p.Summary = &ErrorSummary{Title: l.T("error.form")}
		}
		p.Summary.Items = append(p.Summary.Items, ErrorItem{Text: msg})
	}
	h.renderStatus(w, r, rc, status, "books_budget", p)
}

// budgetLineAdd adds a line to an initiative's budget.
func (h *Handler) budgetLineAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "name", "amount")
	bl := store.BudgetLine{WijkID: rc.Wijk.ID, InitiativeID: in.ID, Name: f.Values["name"], CreatedBy: rc.Actor.User.ID}
	cents, key := parseEuro(f.Values["amount"])
	bl.AmountCents = cents
	if err := h.store.AddBudgetLine(ctx(r), &bl); err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if key != "" {
		f.Errors["amount"] = rc.L.T(key)
	}
	if f.HasErrors() {
		h.renderBudget(w, r, rc, in, http.StatusBadRequest, "line", f)
		return
	}
	h.flash(w, "budget.flash.line")
	http.Redirect(w, r, budgetURL(rc, in.ID)+"#lines", http.StatusSeeOther)
}

// budgetGrant gives an initiative budget from the wijkbudget, the bank or
// a funder: one booking in the ledger.
func (h *Handler) budgetGrant(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "key", "from", "amount", "on", "purpose")
	cents, key := parseEuro(f.Values["amount"])
	on, okDay := parseDay(f.Values["on"])
	if f.Values["key"] == "" {
		f.Values["key"] = wei.RandomToken(16)
	}
	_, _, err := h.store.Grant(ctx(r), rc.Wijk.ID, in.ID, f.Values["from"], cents, on, f.Values["purpose"], f.Values["key"], rc.Actor.User.ID)
	if err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if key != "" {
		f.Errors["amount"] = rc.L.T(key)
	}
	if !okDay && f.Values["on"] != "" {
		f.Errors["on"] = rc.L.T("error.date")
	}
	if _, ok := f.Errors["idempotency_key"]; ok { // this form was sent before with other content
		delete(f.Errors, "idempotency_key")
		f.Errors["_"], f.Values["key"] = rc.L.T("error.conflict"), wei.RandomToken(16)
	}
	if f.HasErrors() {
		h.renderBudget(w, r, rc, in, http.StatusBadRequest, "grant", f)
		return
	}
	h.flash(w, "budget.flash.granted")
	http.Redirect(w, r, budgetURL(rc, in.ID), http.StatusSeeOther)
}
