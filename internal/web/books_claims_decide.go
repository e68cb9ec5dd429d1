package web

import (
	"mime"
	"net/http"
	"strconv"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
)

// claimPage is one claim: what it is for, where it stands, and the steps
// the user may take. The Private part is nil for those who may not see it.
type claimPage struct {
	Page
	BooksNav     *BooksNav
	C            store.Claim
	Initiative   string
	BudgetLine   string
	Amount       string
	Status       string
	Category     string
	Private      *claimPrivate
	BudgetLeft   string // what is left of the initiative's budget, for those who decide
	Alert        *Alert // why the last step was refused
	CanApprove   bool   // approve and reject buttons
	OwnClaim     bool   // the user may approve claims, but this one is their own
	CanReject    bool
	CanPay       bool
	Reason       Field
	Summary      *ErrorSummary
	ApprovedBy   string
	RejectedBy   string
	PaidBy       string
	InitiativeID string
}

// claimPrivate is what only the books' viewers and the claimant see.
type claimPrivate struct {
	Claimant    string
	PayeeName   string
	PayeeIBAN   string
	ReceiptName string
	ReceiptSize string
	ReceiptURL  string
}

// claimInWijk loads the claim of the URL; it answers 404 for a claim of
// another wijk and 403 for one the user may not see.
func (h *Handler) claimInWijk(w http.ResponseWriter, r *http.Request, rc *request) (store.Claim, bool) {
	c, err := h.store.Claim(ctx(r), r.PathValue("id"))
	if err == nil && c.WijkID != rc.Wijk.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return c, false
	}
	if !canSeeClaim(rc, c) {
		h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "error.forbidden.text")
		return c, false
	}
	return c, true
}

func (h *Handler) claim(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.claimInWijk(w, r, rc)
	if !ok {
		return
	}
	h.renderClaim(w, r, rc, c, http.StatusOK, "", newForm())
}

// userName is the display name of an account, or "" when it is gone.
func (h *Handler) userName(r *http.Request, id string) string {
	if id == "" {
		return ""
	}
	u, err := h.store.User(ctx(r), id)
	if err != nil {
		return ""
	}
	return u.DisplayName
}

// renderClaim shows a claim with status; refusal is why the last step was
// refused ("" when it was not), f the reject form as it was sent.
func (h *Handler) renderClaim(w http.ResponseWriter, r *http.Request, rc *request, c store.Claim, status int, refusal string, f form) {
	l := rc.L
	in, err := h.store.Initiative(ctx(r), c.InitiativeID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := claimPage{Page: h.page(r, rc, l.T("claims.claim.title", c.Purpose)), BooksNav: booksNav(rc, claimsURL(rc)), C: c, Initiative: in.Name, InitiativeID: in.ID,
		Amount: euro(l, c.AmountCents), Status: claimStatusLabel(l, c.Status),
		ApprovedBy: h.userName(r, c.ApprovedBy), RejectedBy: h.userName(r, c.RejectedBy), PaidBy: h.userName(r, c.PaidBy)}
	if k := "claims.category." + c.Category; c.Category != "" && l.Has(k) {
		p.Category = l.T(k)
	} else {
		p.Category = c.Category
	}
	if c.BudgetLineID != "" {
		lines, err := h.store.BudgetLines(ctx(r), c.InitiativeID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, bl := range lines {
			if bl.ID == c.BudgetLineID {
				p.BudgetLine = bl.Name
			}
		}
	}
	if canSeeClaimPrivate(rc, c) {
		p.Private = &claimPrivate{Claimant: h.userName(r, c.ClaimantUserID), PayeeName: c.PayeeName, PayeeIBAN: c.PayeeIBAN,
			ReceiptName: c.ReceiptName, ReceiptSize: l.T("claims.receipt.size", strconv.FormatInt((c.ReceiptBytes+1023)/1024, 10))}
		if c.ReceiptBytes > 0 {
			p.Private.ReceiptURL = claimURL(rc, c.ID) + "/bon"
		}
	}
	if refusal != "" {
		a := NewAlert(l, "error", refusal)
		p.Alert = &a
	}
	own := rc.Actor.User.ID == c.ClaimantUserID
	if c.Status == store.ClaimSubmitted && rc.Actor.Can(account.PermApproveClaims, rc.Wijk.ID) {
		p.CanReject = true
		p.CanApprove, p.OwnClaim = !own, own
		rep, err := h.store.BudgetVsActual(ctx(r), c.InitiativeID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		p.BudgetLeft = euro(l, rep.AvailableCents)
	}
	p.CanPay = c.Status == store.ClaimApproved && rc.Actor.Can(account.PermKeepBooks, rc.Wijk.ID)
	p.Reason = f.Field(l, "reason", "claims.reject.reason", "textarea", "off", true)
	p.Summary = f.Summary(l, "reason")
	h.renderStatus(w, r, rc, status, "books_claim", p)
}

// claimRefused shows the claim again with why a step was refused: 403
// for approving one's own claim (four eyes), 409 when the claim or the
// budget does not allow the step now.
func (h *Handler) claimRefused(w http.ResponseWriter, r *http.Request, rc *request, id string, err error) {
	msg := claimError(rc, err)
	if msg == "" {
		h.serverError(w, r, rc, err)
		return
	}
	status := http.StatusConflict
	var e *wei.Error
	if asWeiError(err, &e) && e.Fields["approver"] != "" {
		status = http.StatusForbidden
	}
	c, err := h.store.Claim(ctx(r), id)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderClaim(w, r, rc, c, status, msg, newForm())
}

// claimApprove approves a claim: the expense is booked against the
// initiative's budget. The store refuses the claimant's own approval.
func (h *Handler) claimApprove(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.claimInWijk(w, r, rc)
	if !ok {
		return
	}
	if _, err := h.store.ApproveClaim(ctx(r), c.ID, rc.Actor.User.ID, "claim-approve-"+c.ID); err != nil {
		h.claimRefused(w, r, rc, c.ID, err)
		return
	}
	h.flash(w, "claims.flash.approved")
	http.Redirect(w, r, claimURL(rc, c.ID), http.StatusSeeOther)
}

// claimReject turns a claim down with a reason.
func (h *Handler) claimReject(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.claimInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "reason")
	if _, err := h.store.RejectClaim(ctx(r), c.ID, rc.Actor.User.ID, f.Values["reason"]); err != nil {
		var e *wei.Error
		if asWeiError(err, &e) && e.Fields["reason"] != "" {
			f.setErr(rc, err)
			h.renderClaim(w, r, rc, c, http.StatusBadRequest, "", f)
			return
		}
		h.claimRefused(w, r, rc, c.ID, err)
		return
	}
	h.flash(w, "claims.flash.rejected")
	http.Redirect(w, r, claimURL(rc, c.ID), http.StatusSeeOther)
}

// claimPay records that an approved claim was paid.
func (h *Handler) claimPay(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.claimInWijk(w, r, rc)
	if !ok {
		return
	}
	if _, err := h.store.PayClaim(ctx(r), c.ID, rc.Actor.User.ID, "claim-pay-"+c.ID); err != nil {
		h.claimRefused(w, r, rc, c.ID, err)
		return
	}
	h.flash(w, "claims.flash.paid")
	http.Redirect(w, r, claimURL(rc, c.ID), http.StatusSeeOther)
}

// claimReceipt sends the receipt as a download, to the books' viewers and
// the claimant only. It is never shown inline: a file is not trusted to be
// what it says, even after sniffing.
func (h *Handler) claimReceipt(w http.ResponseWriter, r *http.Request, rc *request) {
	c, ok := h.claimInWijk(w, r, rc)
	if !ok {
		return
	}
	if !canSeeClaimPrivate(rc, c) {
		h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "error.forbidden.text")
		return
	}
	rec, err := h.store.Receipt(ctx(r), c.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	disp := mime.FormatMediaType("attachment", map[string]string{"filename": rec.Name})
	if disp == "" {
		disp = "attachment"
	}
	hdr := w.Header()
	hdr.Set("Content-Type", rec.Type)
	hdr.Set("Content-Disposition", disp)
	hdr.Set("Content-Length", strconv.Itoa(len(rec.Data)))
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hdr.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(rec.Data)
}
