package web

import (
	"net/http"
	"strconv"

	"github.com/wei-platform/wei/signaal"
)

// signalRetentionPage sets how long each kind of personal data is kept.
type signalRetentionPage struct {
	Page
	Sub     subNav
	Summary *ErrorSummary
	Fields  []Field
}

func (h *Handler) signalRetention(w http.ResponseWriter, r *http.Request, rc *request) {
	days, err := h.store.Retention(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	f := newForm()
	for c, d := range days {
		f.Values[c] = strconv.Itoa(d)
	}
	h.renderRetention(w, r, rc, http.StatusOK, f)
}

func (h *Handler) renderRetention(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	l := rc.L
	p := signalRetentionPage{Page: h.page(r, rc, l.T("signals.retention.title")), Sub: signalSubNav(r, rc),
		Summary: f.Summary(l, signaal.RetentionCategories...)}
	for _, c := range signaal.RetentionCategories {
		fl := f.Field(l, c, "signals.retention."+c, "text", "off", true)
		fl.Inputmode = "numeric"
		fl.Hint = l.T("signals.retention."+c+".hint", signaal.DefaultRetention[c])
		p.Fields = append(p.Fields, fl)
	}
	h.renderStatus(w, r, rc, status, "signal_retention.html", p)
}

// signalRetentionSave stores the periods.
func (h *Handler) signalRetentionSave(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, signaal.RetentionCategories...)
	days := map[string]int{}
	for _, c := range signaal.RetentionCategories {
		days[c] = atoiOr(f.Values[c], -1)
	}
	if err := h.store.SetRetention(ctx(r), rc.Wijk.ID, days, rc.Actor.User.ID, rc.RequestID); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderRetention(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "flash.saved")
	http.Redirect(w, r, signalsBase(rc)+"/bewaartermijnen", http.StatusSeeOther)
}
