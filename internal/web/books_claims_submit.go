package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
)

// claimForm is the form to submit a claim. NoInitiatives: the user may not
// claim for any initiative, and sees why instead of the form.
type claimForm struct {
	Key           string
	NoInitiatives bool
	Again         bool // the form came back with errors: the file must be chosen again
	Initiative    Field
	BudgetLine    Field
	Purpose       Field
	Category      Field
	Amount        Field
	SpentOn       Field
	PayeeName     Field
	PayeeIBAN     Field
	Receipt       Field
}

// claimFormOrder is the order of the fields, for the error summary.
var claimFormOrder = []string{"initiative_id", "budget_line_id", "purpose", "category", "amount", "spent_on", "payee_name", "payee_iban", "receipt"}

// claimableInitiatives are the initiatives of the wijk the user may submit
// a claim for.
func (h *Handler) claimableInitiatives(r *http.Request, rc *request) ([]store.Initiative, error) {
	all, err := h.store.Initiatives(ctx(r), rc.Wijk.ID)
	if err != nil {
		return nil, err
	}
	var out []store.Initiative
	for _, in := range all {
		if rc.Actor.CanOrg(account.PermClaim, rc.Wijk.ID, in.ID) {
			out = append(out, in)
		}
	}
	return out, nil
}

// claimNew shows the form to submit a claim.
func (h *Handler) claimNew(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm()
	f.Values["key"] = wei.RandomToken(16)
	f.Values["initiative_id"] = r.URL.Query().Get("initiatief")
	h.renderClaimForm(w, r, rc, http.StatusOK, f)
}

func (h *Handler) renderClaimForm(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	ins, err := h.claimableInitiatives(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	l := rc.L
	initiatives := []Option{{Value: "", Label: l.T("common.choose")}}
	lines := []Option{{Value: "", Label: l.T("claims.budget_line.none")}}
	for _, in := range ins {
		initiatives = append(initiatives, Option{Value: in.ID, Label: in.Name, Selected: in.ID == f.Values["initiative_id"]})
		bl, err := h.store.BudgetLines(ctx(r), in.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, b := range bl {
			lines = append(lines, Option{Value: b.ID, Label: in.Name + ": " + b.Name, Selected: b.ID == f.Values["budget_line_id"]})
		}
	}
	categories := []Option{{Value: "", Label: l.T("common.choose")}}
	for _, c := range claimCategories {
		categories = append(categories, Option{Value: c, Label: l.T("claims.category." + c), Selected: c == f.Values["category"]})
	}
	cf := &claimForm{
		Key:           f.Values["key"],
		NoInitiatives: len(ins) == 0,
		Again:         f.HasErrors(),
		Initiative:    f.Select(l, "initiative_id", "claims.initiative.label", true, initiatives),
		BudgetLine:    f.Select(l, "budget_line_id", "claims.budget_line.label", false, lines),
		Purpose:       f.Field(l, "purpose", "claims.purpose.label", "textarea", "off", true),
		Category:      f.Select(l, "category", "claims.category.label", false, categories),
		Amount:        f.Field(l, "amount", "claims.amount.label", "text", "off", true),
		SpentOn:       f.Field(l, "spent_on", "claims.spent_on.label", "date", "off", true),
		PayeeName:     f.Field(l, "payee_name", "claims.payee_name.label", "text", "name", true),
		PayeeIBAN:     f.Field(l, "payee_iban", "claims.payee_iban.label", "text", "off", true),
		Receipt:       f.Field(l, "receipt", "claims.receipt.label", "file", "", true),
	}
	cf.Amount.Inputmode = "decimal"
	cf.Receipt.Value = ""
	p := claimsPage{Page: h.page(r, rc, l.T("claims.new.title")), BooksNav: booksNav(rc, claimsURL(rc)), Form: cf, Summary: f.Summary(l, claimFormOrder...)}
	h.renderStatus(w, r, rc, status, "books_claims", p)
}

// claimCreate stores a submitted claim with its receipt.
func (h *Handler) claimCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "key", "initiative_id", "budget_line_id", "purpose", "category", "amount", "spent_on", "payee_name", "payee_iban")
	if id := f.Values["initiative_id"]; id != "" && !rc.Actor.CanOrg(account.PermClaim, rc.Wijk.ID, id) {
		h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "claims.error.not_yours")
		return
	}
	if f.Values["key"] == "" {
		f.Values["key"] = wei.RandomToken(16)
	}
	c := store.Claim{WijkID: rc.Wijk.ID, InitiativeID: f.Values["initiative_id"], BudgetLineID: f.Values["budget_line_id"], ClaimantUserID: rc.Actor.User.ID,
		IdempotencyKey: f.Values["key"], PayeeName: f.Values["payee_name"], PayeeIBAN: f.Values["payee_iban"], Purpose: f.Values["purpose"], Category: f.Values["category"]}
	own := map[string]string{} // this form's own findings, which win over the store's
	if f.Values["initiative_id"] == "" {
		own["initiative_id"] = rc.L.T("error.choice")
	}
	c.AmountCents = -1 // an amount that cannot be read is refused by the store too
	if f.Values["amount"] != "" {
		cents, key := parseEuro(f.Values["amount"])
		if key != "" {
			own["amount"] = rc.L.T(key)
		} else {
			c.AmountCents = cents
		}
	}
	if v := f.Values["spent_on"]; v != "" {
		if d, ok := parseDay(v); ok {
			c.SpentOn = d
		} else {
			own["spent_on"] = rc.L.T("error.date")
		}
	}
	var receipt store.Receipt
	file, hdr, err := r.FormFile("receipt")
	switch {
	case err == nil:
		defer file.Close()
		receipt.Name = hdr.Filename
		if receipt.Data, err = io.ReadAll(io.LimitReader(file, store.MaxReceiptBytes+1)); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
	case !errors.Is(err, http.ErrMissingFile) && !errors.Is(err, http.ErrNotMultipart):
		h.serverError(w, r, rc, err)
		return
	}
	if err := h.store.SubmitClaim(ctx(r), &c, receipt); err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if _, ok := f.Errors["idempotency_key"]; ok { // this form was sent before with other content
		delete(f.Errors, "idempotency_key")
		f.Errors["_"], f.Values["key"] = rc.L.T("error.conflict"), wei.RandomToken(16)
	}
	for k, v := range own {
		f.Errors[k] = v
	}
	if f.HasErrors() {
		h.renderClaimForm(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "claims.flash.submitted")
	http.Redirect(w, r, claimURL(rc, c.ID), http.StatusSeeOther)
}
