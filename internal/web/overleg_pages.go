package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/wijk"
)

// What the pages of the leefomgevingsoverleg share: URLs, loading the
// series and meeting of the URL, the rows of action items (with overdue
// ones flagged and a partner's own organisation marked), and reading the
// date and time fields of a form.
//
// Who sees what: PermViewOverleg (procesmanager, voorzitter, partners,
// beheerder) sees series, meetings, agendas, decisions, actions and
// reports; PermChair (voorzitter, procesmanager) changes them. The report
// subscribers' addresses are seen by PermChair only. The iCal feed is
// public for whoever has its secret link.

// overlegBase is the list of the wijk's series.
func overlegBase(rc *request) string { return "/w/" + rc.Wijk.Slug + "/overleg" }

// seriesURL is a series' page.
func seriesURL(rc *request, id string) string { return overlegBase(rc) + "/" + id }

// meetingURL is a meeting's page.
func meetingURL(rc *request, seriesID, meetingID string) string {
	return seriesURL(rc, seriesID) + "/bijeenkomsten/" + meetingID
}

// reportURL is the report page of a series for a period ("" for the default).
func reportURL(rc *request, seriesID, period string) string {
	u := seriesURL(rc, seriesID) + "/rapport"
	if period != "" {
		u += "?periode=" + period
	}
	return u
}

// seriesInWijk loads the series of the URL; a series of another wijk is
// not found.
func (h *Handler) seriesInWijk(w http.ResponseWriter, r *http.Request, rc *request) (overleg.Series, bool) {
	sr, err := h.store.Series(ctx(r), r.PathValue("id"))
	if err == nil && sr.WijkID != rc.Wijk.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return sr, false
	}
	return sr, true
}

// meetingOfSeries loads the meeting of the URL, which must be one of sr's.
func (h *Handler) meetingOfSeries(w http.ResponseWriter, r *http.Request, rc *request, sr overleg.Series) (overleg.Meeting, bool) {
	m, err := h.store.Meeting(ctx(r), r.PathValue("meeting"))
	if err == nil && m.SeriesID != sr.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return m, false
	}
	return m, true
}

// overlegOrgs returns the wijk's organisations and their names by ID.
func (h *Handler) overlegOrgs(r *http.Request, rc *request) ([]wijk.Organisation, map[string]string, error) {
	orgs, err := h.store.Organisations(ctx(r), rc.Wijk.ID)
	if err != nil {
		return nil, nil, err
	}
	names := make(map[string]string, len(orgs))
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	return orgs, names, nil
}

// ownOrgs are the organisations the actor is a partner of in the wijk:
// their actions are marked on every page.
func ownOrgs(rc *request) map[string]bool {
	out := map[string]bool{}
	for _, g := range rc.Actor.Grants {
		if g.WijkID == rc.Wijk.ID && g.Role == account.RolePartner && g.OrganisationID != "" {
			out[g.OrganisationID] = true
		}
	}
	return out
}

// canChair reports whether the actor may change the overleg.
func canChair(rc *request) bool { return rc.Actor.Can(account.PermChair, rc.Wijk.ID) }

// actionRow is an action item in a list.
type actionRow struct {
	ID          string
	What        string
	Org         string
	With        string // the organisations working with it, joined
	Person      string
	Due         time.Time
	Status      string // the label
	StatusKey   overleg.ActionStatus
	Open        bool
	Overdue     bool
	Own         bool // the actor's own organisation has it
	Agreed      time.Time
	MeetingURL  string
	ClosedAt    time.Time
	StatusURL   string // where the chair posts a new status; "" for others
	ReturnTo    string // the page to come back to after a status change
	SignalURL   string
	SignalTitle string
}

// actionRows turns actions into rows, overdue judged at t.
func actionRows(rc *request, actions []overleg.Action, names map[string]string, t time.Time, returnTo string) []actionRow {
	own := ownOrgs(rc)
	chair := canChair(rc)
	out := make([]actionRow, 0, len(actions))
	for _, a := range actions {
		var with []string
		for _, id := range a.WithOrgIDs {
			with = append(with, names[id])
		}
		row := actionRow{ID: a.ID, What: a.What, Org: names[a.OrganisationID], With: strings.Join(with, ", "), Person: a.Person, Due: a.Due,
			Status: rc.L.T("overleg.action.status." + string(a.Status)), StatusKey: a.Status, Open: a.Open(), Overdue: overleg.Overdue(a, t),
			Own: slices.ContainsFunc(a.OrgIDs(), func(id string) bool { return own[id] }), Agreed: a.AgreedAt,
			MeetingURL: meetingURL(rc, a.SeriesID, a.MeetingID), ClosedAt: a.ClosedAt, ReturnTo: returnTo}
		if a.SignalID != "" && rc.Actor.Can(account.PermViewSignals, rc.Wijk.ID) {
			row.SignalURL = "/w/" + rc.Wijk.Slug + "/signalen/" + a.SignalID
		}
		if chair {
			row.StatusURL = seriesURL(rc, a.SeriesID) + "/acties/" + a.ID + "/status"
		}
		out = append(out, row)
	}
	return out
}

// meetingRow is a meeting in a list.
type meetingRow struct {
	ID       string
	URL      string
	StartsAt time.Time
	EndsAt   time.Time
	Place    string
	Invited  int
	Present  int
	Held     bool
}

func meetingRows(rc *request, sr overleg.Series, list []overleg.Meeting, now time.Time) []meetingRow {
	out := make([]meetingRow, 0, len(list))
	for _, m := range list {
		row := meetingRow{ID: m.ID, URL: meetingURL(rc, sr.ID, m.ID), StartsAt: m.StartsAt, EndsAt: m.EndsAt, Place: m.Place, Invited: len(m.Participants), Held: m.Held(now)}
		for _, p := range m.Participants {
			if p.Attendance == overleg.Present {
				row.Present++
			}
		}
		out = append(out, row)
	}
	return out
}

// clock formats the time of day of t in Amsterdam: "19:30".
func clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(overleg.Amsterdam).Format("15:04")
}

// parseClock reads "19:30" (also "19.30" and "9:05").
func parseClock(s string) (h, m int, ok bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ".", ":")
	t, err := time.Parse("15:04", s)
	if err != nil {
		if t, err = time.Parse("15:04", "0"+s); err != nil {
			return 0, 0, false
		}
	}
	return t.Hour(), t.Minute(), true
}

// meetingTimes reads the date, start and end fields of a meeting form into
// moments in Amsterdam. Errors are locale keys by field.
func meetingTimes(date, start, end string) (from, to time.Time, errs map[string]string) {
	errs = map[string]string{}
	d, ok := parseDay(date)
	if date == "" || !ok {
		errs["date"] = "error.date"
	}
	sh, sm, ok := parseClock(start)
	if !ok {
		errs["start"] = "overleg.error.time"
	}
	eh, em, ok2 := parseClock(end)
	if !ok2 {
		errs["end"] = "overleg.error.time"
	}
	if len(errs) > 0 {
		return from, to, errs
	}
	from = time.Date(d.Year(), d.Month(), d.Day(), sh, sm, 0, 0, overleg.Amsterdam)
	to = time.Date(d.Year(), d.Month(), d.Day(), eh, em, 0, 0, overleg.Amsterdam)
	return from, to, errs
}

// renamed returns err with its field names renamed (store field →
// form field), for a page with several forms whose fields must have
// distinct names.
func renamed(err error, names map[string]string) error {
	var e *wei.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	out := &wei.Error{Code: e.Code, Message: e.Message, Fields: map[string]string{}}
	for k, v := range e.Fields {
		if n, ok := names[k]; ok {
			k = n
		}
		out.Fields[k] = v
	}
	return out
}

// periodLabel names a period: "november 2026", or "week 45 van 2026 (2 tot
// en met 8 november)".
func periodLabel(l *locale.Localizer, p overleg.Period) string {
	if p.Every == overleg.Weekly {
		y, w := p.Start.ISOWeek()
		return l.T("overleg.period.week", w, y, l.Date(p.FirstDay()), l.Date(p.LastDay()))
	}
	return l.T("month."+monthNumber(p.Start)) + " " + p.Start.Format("2006")
}

func monthNumber(t time.Time) string {
	return strings.TrimLeft(t.Format("01"), "0")
}

// cadenceOptions and frequencyOptions are the select options.
func cadenceOptions(l *locale.Localizer, selected string) []Option {
	out := []Option{{Value: "", Label: l.T("common.choose")}}
	for _, c := range overleg.Cadences {
		out = append(out, Option{Value: string(c), Label: l.T("overleg.cadence." + string(c)), Selected: string(c) == selected})
	}
	return out
}

func frequencyOptions(l *locale.Localizer, selected string) []Option {
	out := []Option{{Value: "", Label: l.T("common.choose")}}
	for _, f := range overleg.Frequencies {
		out = append(out, Option{Value: string(f), Label: l.T("overleg.report_every." + string(f)), Selected: string(f) == selected})
	}
	return out
}

// actionTable is the data of the "overleg_actions" partial.
type actionTable struct {
	L           *locale.Localizer
	CSRFToken   string
	Caption     string
	Empty       string // shown instead of an empty table
	IDPrefix    string // for a second table of the same actions on a page
	Rows        []actionRow
	ShowMeeting bool // a column with the meeting the action was agreed at
	Chair       bool // a column with the status buttons
}

func newActionTable(p Page, caption, empty string, rows []actionRow, showMeeting bool) actionTable {
	t := actionTable{L: p.L, CSRFToken: p.CSRFToken, Caption: caption, Empty: empty, Rows: rows, ShowMeeting: showMeeting}
	for _, r := range rows {
		t.Chair = t.Chair || r.StatusURL != ""
	}
	return t
}
