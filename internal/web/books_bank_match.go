package web

import (
	"net/http"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

// bankLineMatch books a queued bank line on an account with a public
// purpose, and when asked keeps a rule that matches such lines in the
// next imports: by the counterparty's IBAN, or by words of the
// description that the treasurer confirmed.
func (h *Handler) bankLineMatch(w http.ResponseWriter, r *http.Request, rc *request) {
	c, l, wid, id := ctx(r), rc.L, rc.Wijk.ID, r.PathValue("id")
	f := newForm().fill(r, "account_id", "category", "purpose", "rule", "words")
	queue, err := h.store.QueuedBankLines(c, wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	var line *store.BankLine
	for i := range queue {
		if queue[i].ID == id {
			line = &queue[i]
		}
	}
	if line == nil {
		// Matched a moment ago (a second click), or never there.
		h.flash(w, "books.bank.flash.line_gone")
		http.Redirect(w, r, bankURL(rc)+"#queue", http.StatusSeeOther)
		return
	}
	chart, err := h.store.LedgerAccounts(c, wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	acct, ok := matchAccounts(chart)[f.Values["account_id"]]
	if !ok {
		f.Errors["account_id"] = l.T("error.choice")
	}
	if f.Values["purpose"] == "" {
		f.Errors["purpose"] = l.T("error.required")
	}
	makeRule := f.Values["rule"] == "yes"
	if makeRule && !ruleByIBAN(*line) && f.Values["words"] == "" {
		f.Errors["words"] = l.T("books.bank.error.rule_empty")
	}
	refuse := func() {
		inp := newBankInput()
		inp.Match, inp.MatchID = f, id
		h.renderBank(w, r, rc, http.StatusBadRequest, inp)
	}
	if f.HasErrors() {
		refuse()
		return
	}
	if _, err := h.store.MatchBankLine(c, wid, id, acct.ID, f.Values["category"], f.Values["purpose"], rc.Actor.User.ID); err != nil {
		switch {
		case wei.ErrorCode(err) == wei.ECONFLICT || wei.ErrorCode(err) == wei.ENOTFOUND:
			h.flash(w, "books.bank.flash.line_gone")
			http.Redirect(w, r, bankURL(rc)+"#queue", http.StatusSeeOther)
		case f.setErr(rc, err):
			refuse()
		default:
			h.serverError(w, r, rc, err)
		}
		return
	}
	flash := "books.bank.flash.matched"
	if makeRule {
		rule := store.BankRule{WijkID: wid, AccountID: acct.ID, Category: f.Values["category"], Purpose: f.Values["purpose"]}
		if ruleByIBAN(*line) {
			rule.CounterIBAN = line.CounterIBAN
		} else {
			rule.Words = f.Values["words"]
		}
		err := h.store.AddBankRule(c, &rule)
		switch {
		case err == nil:
			// The new rule may match other waiting lines too: book them now.
			h.bankRulesApplied(w, r, rc, "books.bank.flash.matched_rule")
			return
		case wei.ErrorCode(err) == wei.EINVALID || wei.ErrorCode(err) == wei.ECONFLICT:
			// The line is matched; only the rule was refused.
			flash = "books.bank.flash.rule_failed"
		default:
			h.serverError(w, r, rc, err)
			return
		}
	}
	h.flash(w, flash)
	http.Redirect(w, r, bankURL(rc)+"#queue", http.StatusSeeOther)
}
