package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/overleg"
)

// A series' page: its meetings (the next one first), the open action items
// with the overdue ones flagged, the reports, and for the chair the form
// to plan a meeting, the report's subscribers and the calendar link.

type overlegSeriesPage struct {
	Page
	S           overleg.Series
	URL         string
	Chair       string
	Cadence     string
	ReportEvery string
	CanChair    bool
	Next        *meetingRow
	Upcoming    []meetingRow // after Next
	Past        []meetingRow // newest first
	Actions     []actionRow  // open, overdue first
	ActionTable actionTable
	Overdue     int
	OwnOpen     int // open actions of the partner's own organisation
	Reports     []reportLink
	Sends       []sendLine

	// The chair's part.
	Summary     *ErrorSummary
	Date        Field
	Start       Field
	End         Field
	Place       Field
	Subscribers []string
	Email       Field
	FeedURL     string // the new calendar link, shown once
}

type reportLink struct {
	Label   string
	HTML    string
	PDF     string
	Running bool
}

type sendLine struct {
	Period     string
	SentAt     time.Time
	Recipients int
	Failed     bool
}

// seriesInput holds the forms of the series page, for re-rendering.
type seriesInput struct {
	Meeting    form
	Subscriber form
	FeedURL    string
}

func newSeriesInput() seriesInput {
	return seriesInput{Meeting: newForm(), Subscriber: newForm()}
}

func (h *Handler) overlegSeries(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return
	}
	h.renderSeries(w, r, rc, sr, http.StatusOK, newSeriesInput())
}

func (h *Handler) renderSeries(w http.ResponseWriter, r *http.Request, rc *request, sr overleg.Series, status int, in seriesInput) {
	l, now := rc.L, time.Now()
	meetings, err := h.store.Meetings(ctx(r), sr.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	actions, err := h.store.Actions(ctx(r), sr.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	_, names, err := h.overlegOrgs(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := overlegSeriesPage{Page: h.page(r, rc, sr.Name), S: sr, URL: seriesURL(rc, sr.ID), Chair: h.userName(r, sr.ChairUserID),
		Cadence: l.T("overleg.cadence." + string(sr.Cadence)), ReportEvery: l.T("overleg.report_every." + string(sr.ReportEvery)), CanChair: canChair(rc)}
	rows := meetingRows(rc, sr, meetings, now)
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Held {
			p.Past = append(p.Past, rows[i])
		}
	}
	for i := range rows {
		if !rows[i].Held {
			if p.Next == nil {
				p.Next = &rows[i]
			} else {
				p.Upcoming = append(p.Upcoming, rows[i])
			}
		}
	}
	var open []overleg.Action
	for _, a := range actions {
		if a.Open() {
			open = append(open, a)
		}
	}
	overleg.SortActions(open, now)
	p.Actions = actionRows(rc, open, names, now, p.URL)
	for _, a := range p.Actions {
		if a.Overdue {
			p.Overdue++
		}
		if a.Own {
			p.OwnOpen++
		}
	}
	p.ActionTable = newActionTable(p.Page, l.T("overleg.series.actions.caption"), l.T("overleg.series.actions.none"), p.Actions, true)
	cur := overleg.PeriodOf(sr.ReportEvery, now)
	for i, per := range []overleg.Period{cur, cur.Prev(), cur.Prev().Prev()} {
		p.Reports = append(p.Reports, reportLink{Label: periodLabel(l, per), HTML: reportURL(rc, sr.ID, per.String()),
			PDF: seriesURL(rc, sr.ID) + "/rapport.pdf?periode=" + per.String(), Running: i == 0})
	}
	sends, err := h.store.ReportSends(ctx(r), sr.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	for _, s := range sends {
		label := s.Period
		if per, err := overleg.ParsePeriod(s.Period); err == nil {
			label = periodLabel(l, per)
		}
		p.Sends = append(p.Sends, sendLine{Period: label, SentAt: s.SentAt, Recipients: s.Recipients, Failed: s.Error != ""})
	}
	if p.CanChair {
		mf := in.Meeting
		if len(mf.Values) == 0 {
			// Suggest the next meeting: one cadence after the last one, at
			// the same time; else next week at 19:30.
			start := time.Date(now.Year(), now.Month(), now.Day()+7, 19, 30, 0, 0, overleg.Amsterdam)
			end := start.Add(2 * time.Hour)
			place := ""
			if n := len(meetings); n > 0 {
				last := meetings[n-1]
				start, end, place = sr.Cadence.After(last.StartsAt), sr.Cadence.After(last.EndsAt), last.Place
				for start.Before(now) {
					start, end = sr.Cadence.After(start), sr.Cadence.After(end)
				}
			}
			mf.Values["date"], mf.Values["start"], mf.Values["end"], mf.Values["place"] = dayValue(overleg.Day(start)), clock(start), clock(end), place
		}
		p.Date = mf.Field(l, "date", "overleg.meeting.date.label", "date", "off", true)
		p.Start = mf.Field(l, "start", "overleg.meeting.start.label", "time", "off", true)
		p.End = mf.Field(l, "end", "overleg.meeting.end.label", "time", "off", true)
		p.Place = mf.Field(l, "place", "overleg.meeting.place.label", "text", "off", false)
		p.Email = in.Subscriber.Field(l, "email", "overleg.subscribers.email.label", "email", "off", true)
		p.Summary = mf.Summary(l, "date", "start", "end", "place")
		if s := in.Subscriber.Summary(l, "email"); s != nil {
			p.Summary = s
		}
		if p.Subscribers, err = h.store.Subscribers(ctx(r), sr.ID); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		p.FeedURL = in.FeedURL
	}
	h.renderStatus(w, r, rc, status, "overleg_series", p)
}

// meetingCreate plans a meeting of the series.
func (h *Handler) meetingCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return
	}
	in := newSeriesInput()
	f := in.Meeting.fill(r, "date", "start", "end", "place")
	from, to, errs := meetingTimes(f.Values["date"], f.Values["start"], f.Values["end"])
	for k, v := range errs {
		f.Errors[k] = rc.L.T(v)
	}
	m := overleg.Meeting{SeriesID: sr.ID, WijkID: rc.Wijk.ID, StartsAt: from, EndsAt: to, Place: f.Values["place"], CreatedBy: rc.Actor.User.ID}
	if !f.HasErrors() {
		if err := h.store.CreateMeeting(ctx(r), &m); err != nil && !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
	}
	if f.HasErrors() {
		h.renderSeries(w, r, rc, sr, http.StatusBadRequest, in)
		return
	}
	h.flash(w, "overleg.flash.meeting_created")
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID), http.StatusSeeOther)
}

// feedLink makes a new secret link for the series' calendar feed and shows
// it once; the old link stops working.
func (h *Handler) feedLink(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return
	}
	tok, err := h.store.NewFeedToken(ctx(r), rc.Wijk.ID, sr.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	sr.HasFeed = true
	in := newSeriesInput()
	in.FeedURL = h.cfg.BaseURL + seriesURL(rc, sr.ID) + "/agenda.ics?token=" + tok
	h.renderSeries(w, r, rc, sr, http.StatusOK, in)
}

// subscriberAdd puts an e-mail address on the report's mailing list.
func (h *Handler) subscriberAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return
	}
	in := newSeriesInput()
	f := in.Subscriber.fill(r, "email")
	if err := h.store.AddSubscriber(ctx(r), rc.Wijk.ID, sr.ID, f.Values["email"], rc.Actor.User.ID, rc.RequestID); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderSeries(w, r, rc, sr, http.StatusBadRequest, in)
		return
	}
	h.flash(w, "overleg.flash.subscribed")
	http.Redirect(w, r, seriesURL(rc, sr.ID)+"#subscribers", http.StatusSeeOther)
}

// subscriberRemove takes an address off the mailing list.
func (h *Handler) subscriberRemove(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return
	}
	err := h.store.RemoveSubscriber(ctx(r), rc.Wijk.ID, sr.ID, r.PostFormValue("email"), rc.Actor.User.ID, rc.RequestID)
	if err != nil && wei.ErrorCode(err) != wei.ENOTFOUND {
		h.serverError(w, r, rc, err)
		return
	}
	// Removed just now or by someone else before: either way it is off the list.
	h.flash(w, "overleg.flash.unsubscribed")
	http.Redirect(w, r, seriesURL(rc, sr.ID)+"#subscribers", http.StatusSeeOther)
}

// actionStatus marks an action item done or dropped, or reopens it, and
// returns to the page it was changed on.
func (h *Handler) actionStatus(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return
	}
	_, err := h.store.SetActionStatus(ctx(r), rc.Wijk.ID, sr.ID, r.PathValue("action"), overleg.ActionStatus(r.PostFormValue("status")), rc.Actor.User.ID)
	back := r.PostFormValue("return")
	if !localPath(back, seriesURL(rc, sr.ID)) {
		back = seriesURL(rc, sr.ID)
	}
	switch wei.ErrorCode(err) {
	case "":
		h.flash(w, "overleg.flash.action_"+r.PostFormValue("status"))
	case wei.ECONFLICT:
		h.flash(w, "overleg.flash.action_same") // someone else was first: show how it is now
	case wei.EINVALID:
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "error.choice")
		return
	default:
		h.serverError(w, r, rc, err)
		return
	}
	http.Redirect(w, r, back+"#action-"+r.PathValue("action"), http.StatusSeeOther)
}

// localPath reports whether p is a path of the series' pages, so a form
// cannot send the user elsewhere.
func localPath(p, prefix string) bool {
	return len(p) >= len(prefix) && p[:len(prefix)] == prefix && (len(p) == len(prefix) || p[len(prefix)] == '/' || p[len(prefix)] == '?')
}
