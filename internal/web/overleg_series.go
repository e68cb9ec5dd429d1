package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/overleg"
)

// The series of a wijk: the list, the form for a new series, and creating one.

// overlegListPage lists the wijk's series.
type overlegListPage struct {
	Page
	Series   []seriesLine
	CanChair bool
}

type seriesLine struct {
	URL         string
	Name        string
	Chair       string
	Next        *meetingRow
	OpenActions int
	Overdue     int
}

func (h *Handler) overlegList(w http.ResponseWriter, r *http.Request, rc *request) {
	list, err := h.store.SeriesOfWijk(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	now := time.Now()
	p := overlegListPage{Page: h.page(r, rc, rc.L.T("overleg.title")), CanChair: canChair(rc)}
	for _, sr := range list {
		line := seriesLine{URL: seriesURL(rc, sr.ID), Name: sr.Name, Chair: h.userName(r, sr.ChairUserID)}
		meetings, err := h.store.Meetings(ctx(r), sr.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, m := range meetingRows(rc, sr, meetings, now) {
			if !m.Held {
				line.Next = &m
				break
			}
		}
		actions, err := h.store.Actions(ctx(r), sr.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, a := range actions {
			if a.Open() {
				line.OpenActions++
			}
			if overleg.Overdue(a, now) {
				line.Overdue++
			}
		}
		p.Series = append(p.Series, line)
	}
	h.render(w, r, rc, "overleg_list", p)
}

// overlegSeriesFormPage is the form for a new series.
type overlegSeriesFormPage struct {
	Page
	Summary     *ErrorSummary
	NoChairs    *Alert // no user has the voorzitter role yet
	Name        Field
	Chair       Field
	Cadence     Field
	ReportEvery Field
	StaleWeeks  Field
}

var seriesFormOrder = []string{"name", "chair_user_id", "cadence", "report_every", "stale_weeks"}

func (h *Handler) overlegNew(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm()
	f.Values["cadence"], f.Values["report_every"] = string(overleg.CadenceMonth), string(overleg.Monthly)
	f.Values["stale_weeks"] = strconv.Itoa(overleg.DefaultStaleWeeks)
	f.Values["chair_user_id"] = ""
	if rc.Actor.HasRole(rc.Wijk.ID, account.RoleVoorzitter) {
		f.Values["chair_user_id"] = rc.Actor.User.ID
	}
	h.renderSeriesForm(w, r, rc, http.StatusOK, f)
}

func (h *Handler) renderSeriesForm(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	chairs, err := h.store.Chairs(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	l := rc.L
	opts := []Option{{Value: "", Label: l.T("common.choose")}}
	for _, u := range chairs {
		opts = append(opts, Option{Value: u.ID, Label: u.DisplayName, Selected: u.ID == f.Values["chair_user_id"]})
	}
	p := overlegSeriesFormPage{Page: h.page(r, rc, l.T("overleg.new.title")), Summary: f.Summary(l, seriesFormOrder...),
		Name:        f.Field(l, "name", "overleg.series.name.label", "text", "off", true),
		Chair:       f.Select(l, "chair_user_id", "overleg.series.chair.label", true, opts),
		Cadence:     f.Select(l, "cadence", "overleg.series.cadence.label", true, cadenceOptions(l, f.Values["cadence"])),
		ReportEvery: f.Select(l, "report_every", "overleg.series.report_every.label", true, frequencyOptions(l, f.Values["report_every"])),
		StaleWeeks:  f.Field(l, "stale_weeks", "overleg.series.stale_weeks.label", "text", "off", true),
	}
	p.StaleWeeks.Inputmode = "numeric"
	if len(chairs) == 0 {
		a := NewAlert(l, "warning", l.T("overleg.new.no_chairs"))
		p.NoChairs = &a
	}
	h.renderStatus(w, r, rc, status, "overleg_series_form", p)
}

func (h *Handler) overlegCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, seriesFormOrder...)
	sr := overleg.Series{WijkID: rc.Wijk.ID, Name: f.Values["name"], ChairUserID: f.Values["chair_user_id"], Cadence: overleg.Cadence(f.Values["cadence"]),
		ReportEvery: overleg.Frequency(f.Values["report_every"]), CreatedBy: rc.Actor.User.ID}
	n, err := strconv.Atoi(f.Values["stale_weeks"])
	if err != nil {
		f.Errors["stale_weeks"] = rc.L.T("overleg.error.stale_weeks")
		n = -1 // refused by the store too, which still checks the rest
	}
	sr.StaleWeeks = n
	if err := h.store.CreateSeries(ctx(r), &sr); err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderSeriesForm(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "overleg.flash.series_created")
	http.Redirect(w, r, seriesURL(rc, sr.ID), http.StatusSeeOther)
}
