package web

import (
	"net/http"
	"strconv"

	"github.com/wei-platform/wei"
)

// bankRuleDelete removes a matching rule. Lines it matched before stay
// booked as they are.
func (h *Handler) bankRuleDelete(w http.ResponseWriter, r *http.Request, rc *request) {
	err := h.store.DeleteBankRule(ctx(r), rc.Wijk.ID, r.PathValue("id"), rc.Actor.User.ID)
	switch {
	case wei.ErrorCode(err) == wei.ENOTFOUND:
		// Deleted a moment ago (a second click), or never there.
		h.flash(w, "books.bank.flash.rule_gone")
	case err != nil:
		h.serverError(w, r, rc, err)
		return
	default:
		h.flash(w, "books.bank.flash.rule_deleted")
	}
	http.Redirect(w, r, bankURL(rc)+"#rules", http.StatusSeeOther)
}

// bankRulesApply books the waiting lines that the rules match now, all or
// nothing, and says how many it booked.
func (h *Handler) bankRulesApply(w http.ResponseWriter, r *http.Request, rc *request) {
	h.bankRulesApplied(w, r, rc, "")
}

// bankRulesApplied applies the rules to the queue and sends the user to
// the bank page, which says how many lines were booked; flash, when set,
// is shown too (a match that came before). When a line cannot be booked
// nothing is, and the page says so.
func (h *Handler) bankRulesApplied(w http.ResponseWriter, r *http.Request, rc *request, flash string) {
	n, err := h.store.ApplyBankRules(ctx(r), rc.Wijk.ID, rc.Actor.User.ID)
	if err != nil {
		var e *wei.Error
		if !asWeiError(err, &e) || e.Code != wei.EINVALID {
			h.serverError(w, r, rc, err)
			return
		}
		a := NewAlert(rc.L, "error", rc.L.T("error.rule_cannot_book"))
		a.Heading = rc.L.T("books.bank.rules.apply_failed")
		inp := newBankInput()
		inp.Alert = &a
		if flash != "" {
			rc.Flash = flash // what was done before still stands
		}
		h.renderBank(w, r, rc, http.StatusConflict, inp)
		return
	}
	if flash != "" {
		h.flash(w, flash)
	}
	http.Redirect(w, r, bankURL(rc)+"?geboekt="+strconv.Itoa(n), http.StatusSeeOther)
}
